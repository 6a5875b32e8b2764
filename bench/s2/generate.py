#!/usr/bin/python3
"""S2's chain generator: R revisions in one line, each a small change (a new
table; a column added to it; an index on that column, in turn), written
three ways: migrate's YAML revisions, the same as Alembic revisions, and the
plain SQL of the whole chain (the floor: the statements both tools run,
version-table bookkeeping included, as one transaction). Deterministic.

usage: generate.py R OUTDIR
  writes OUTDIR/migrate/{migrate.yaml,migrations/versions/*.yaml},
  OUTDIR/alembic/versions/*.py and OUTDIR/all.sql
"""
import argparse
import os


def rid(i):
    return "%012x" % (i + 1)


def step(i):
    """(kind, table, column) of revision i."""
    table = "s%04d" % (i // 3)
    kind = ("create_table", "add_column", "create_index")[i % 3]
    col = "c%d" % (i - 1 if kind == "create_index" else i)
    return kind, table, col


def migrate_rev(i):
    kind, table, col = step(i)
    down = '"%s"' % rid(i - 1) if i else "null"
    if kind == "create_table":
        up = ("  - create_table:\n      table: %s\n      columns:\n"
              "        - {name: id, type: integer, primary_key: true, autoincrement: false}\n"
              "        - {name: name, type: varchar(50), nullable: false}\n" % table)
        down_ops = "  - drop_table: {table: %s}\n" % table
    elif kind == "add_column":
        up = "  - add_column: {table: %s, column: {name: %s, type: varchar(100)}}\n" % (table, col)
        down_ops = "  - drop_column: {table: %s, column: %s}\n" % (table, col)
    else:
        up = "  - create_index: {table: %s, name: ix_%s_%s, columns: [%s]}\n" % (table, table, col, col)
        down_ops = "  - drop_index: {table: %s, name: ix_%s_%s}\n" % (table, table, col)
    return ('revision: "%s"\ndown_revision: %s\nmessage: "step %d: %s %s"\n'
            "created: 2026-01-01T00:00:00Z\nupgrade:\n%sdowngrade:\n%s"
            % (rid(i), down, i, kind, table, up, down_ops))


def alembic_rev(i):
    kind, table, col = step(i)
    if kind == "create_table":
        up = ("op.create_table(%r,\n        sa.Column('id', sa.Integer(), primary_key=True, autoincrement=False),\n"
              "        sa.Column('name', sa.String(50), nullable=False))" % table)
        down = "op.drop_table(%r)" % table
    elif kind == "add_column":
        up = "op.add_column(%r, sa.Column(%r, sa.String(100), nullable=True))" % (table, col)
        down = "op.drop_column(%r, %r)" % (table, col)
    else:
        up = "op.create_index('ix_%s_%s', %r, [%r])" % (table, col, table, col)
        down = "op.drop_index('ix_%s_%s', table_name=%r)" % (table, col, table)
    return ('"""step %d: %s %s"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n'
            "revision = %r\ndown_revision = %r\nbranch_labels = None\ndepends_on = None\n\n\n"
            "def upgrade():\n    %s\n\n\ndef downgrade():\n    %s\n"
            % (i, kind, table, rid(i), rid(i - 1) if i else None, up, down))


def sql(r):
    out = ["BEGIN;",
           'CREATE TABLE IF NOT EXISTS "migrate_version" (version_num VARCHAR(32) NOT NULL, '
           'CONSTRAINT "migrate_version_pkc" PRIMARY KEY (version_num));']
    for i in range(r):
        kind, table, col = step(i)
        if kind == "create_table":
            out.append('CREATE TABLE "%s" ("id" INTEGER NOT NULL, "name" VARCHAR(50) NOT NULL, '
                       'CONSTRAINT "pk_%s" PRIMARY KEY ("id"));' % (table, table))
        elif kind == "add_column":
            out.append('ALTER TABLE "%s" ADD COLUMN "%s" VARCHAR(100);' % (table, col))
        else:
            out.append('CREATE INDEX "ix_%s_%s" ON "%s" ("%s");' % (table, col, table, col))
        if i == 0:
            out.append("INSERT INTO \"migrate_version\" (version_num) VALUES ('%s');" % rid(i))
        else:
            out.append("UPDATE \"migrate_version\" SET version_num = '%s' WHERE version_num = '%s';"
                       % (rid(i), rid(i - 1)))
    out.append("COMMIT;")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("r", type=int)
    ap.add_argument("outdir")
    args = ap.parse_args()
    mig = os.path.join(args.outdir, "migrate", "migrations", "versions")
    alem = os.path.join(args.outdir, "alembic", "versions")
    os.makedirs(mig, exist_ok=True)
    os.makedirs(alem, exist_ok=True)
    with open(os.path.join(args.outdir, "migrate", "migrate.yaml"), "w") as f:
        f.write("script_location: migrations\ndatabase_url: ${BENCH_URL}\n")
    for i in range(args.r):
        with open(os.path.join(mig, "%s_step_%d.yaml" % (rid(i), i)), "w") as f:
            f.write(migrate_rev(i))
        with open(os.path.join(alem, "%s_step_%d.py" % (rid(i), i)), "w") as f:
            f.write(alembic_rev(i))
    with open(os.path.join(args.outdir, "all.sql"), "w") as f:
        f.write(sql(args.r))


if __name__ == "__main__":
    main()
