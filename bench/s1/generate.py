#!/usr/bin/python3
"""S1's model generator: N tables of ten columns of mixed types, a primary
key, two indexes (one unique) and a foreign key to the previous table, written
as migrate's schema.yaml and as the equivalent SQLAlchemy model module for
Alembic's env.py. Deterministic: the same N gives the same files.

With --changed, both carry the known changes of CHANGES against the base
model (the live database is made from the base model).

usage: generate.py N OUTDIR [--changed] [--dialect sqlite|postgresql|mysql]
  writes OUTDIR/schema.yaml and OUTDIR/model.py
"""
import argparse
import os

# The known changes, as (kind, table, detail); compare_ops.py checks that
# each tool finds exactly these. Tables are chosen below 100 so every N has
# them, plus the new table t{N+1}.
CHANGES = [
    ("add_table", "NEW", ""),
    ("drop_table", "t0007", ""),
    ("add_column", "t0010", "extra"),
    ("drop_column", "t0020", "body"),
    ("alter_type", "t0030", "name"),
    ("drop_index", "t0040", "ix_t0040_email"),
    ("add_index", "t0050", "ix_t0050_price"),
    ("alter_nullable", "t0060", "email"),
]


# migrate's portable timestamp: TIMESTAMP on SQLite and PostgreSQL, DATETIME
# on MySQL, which is what SQLAlchemy's DateTime gives except on SQLite.
TIMESTAMP = "sa.DateTime().with_variant(sa.TIMESTAMP(), 'sqlite')"


def name(i):
    return "t%04d" % i


def changes(n):
    return [(k, name(n + 1) if t == "NEW" else t, d) for k, t, d in CHANGES]


def tables(n, changed, dialect="sqlite"):
    """Yields (table, columns, indexes): columns are dicts of name, type
    (migrate's portable name), sa (the SQLAlchemy type), nullable, default,
    references; indexes are (name, columns, unique)."""
    last = n + 1 if changed else n
    # migrate makes an integer primary key an identity column where the
    # dialect has them (PostgreSQL); SQLAlchemy does given Identity() (which
    # Alembic would offer to add on SQLite and MySQL).
    identity = ", sa.Identity()" if dialect == "postgresql" else ""
    for i in range(1, last + 1):
        if changed and i == 7:
            continue  # drop_table t0007
        t = name(i)
        cols = [
            dict(name="id", type="integer", sa="sa.Integer()" + identity, pk=True),
            dict(name="name", type="varchar(120)" if changed and i == 30 else "varchar(100)",
                 sa="sa.String(120)" if changed and i == 30 else "sa.String(100)", nullable=False),
            dict(name="email", type="string(255)", sa="sa.String(255)",
                 nullable=not (changed and i == 60)),
            dict(name="qty", type="integer", sa="sa.Integer()", nullable=False, default="0"),
            dict(name="price", type="numeric(10,2)", sa="sa.Numeric(10, 2)"),
            dict(name="active", type="boolean", sa="sa.Boolean(create_constraint=False)",
                 nullable=False, default="true"),
            dict(name="created_at", type="timestamp", sa=TIMESTAMP,
                 default="CURRENT_TIMESTAMP"),
            dict(name="note", type="text", sa="sa.Text()", default="'x'"),
        ]
        if not (changed and i == 20):
            cols.append(dict(name="body", type="text", sa="sa.Text()"))
        parent = dict(name="parent_id", type="integer", sa="sa.Integer()")
        if i > 1 and i - 1 != 7:
            parent["references"] = name(i - 1)
        cols.append(parent)
        if changed and i == 10:
            cols.append(dict(name="extra", type="date", sa="sa.Date()"))
        idx = [("ix_%s_name" % t, ["name"], False)]
        if not (changed and i == 40):
            idx.append(("ix_%s_email" % t, ["email", "qty"], True))
        if changed and i == 50:
            idx.append(("ix_%s_price" % t, ["price"], False))
        yield t, cols, idx


def yaml_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def schema_yaml(n, changed):
    out = ["tables:"]
    for t, cols, idx in tables(n, changed):
        out.append("  %s:" % t)
        out.append("    columns:")
        for c in cols:
            parts = ["name: %s" % c["name"], "type: %s" % yaml_quote(c["type"])]
            if c.get("pk"):
                parts += ["primary_key: true", "autoincrement: true"]
            elif c.get("nullable", True) is False:
                parts.append("nullable: false")
            if "default" in c:
                parts.append("default: %s" % yaml_quote(c["default"]))
            if "references" in c:
                parts += ["references: %s.id" % c["references"], "on_delete: cascade"]
            out.append("      - {%s}" % ", ".join(parts))
        out.append("    indexes:")
        for iname, icols, unique in idx:
            u = ", unique: true" if unique else ""
            out.append("      - {name: %s, columns: [%s]%s}" % (iname, ", ".join(icols), u))
    return "\n".join(out) + "\n"


def model_py(n, changed, dialect):
    out = [
        '"""The S1 model as SQLAlchemy tables (bench/s1/generate.py)."""',
        "import sqlalchemy as sa",
        "",
        "metadata = sa.MetaData()",
        "",
    ]
    for t, cols, idx in tables(n, changed, dialect):
        out.append("sa.Table(")
        out.append("    %r, metadata," % t)
        for c in cols:
            args = [repr(c["name"]), c["sa"]]
            if "references" in c:
                args.append("sa.ForeignKey(%r, ondelete='CASCADE')" % (c["references"] + ".id"))
            if c.get("pk"):
                args += ["primary_key=True", "autoincrement=True"]
            else:
                args.append("nullable=%s" % c.get("nullable", True))
            if "default" in c:
                args.append("server_default=sa.text(%r)" % c["default"])
            out.append("    sa.Column(%s)," % ", ".join(args))
        for iname, icols, unique in idx:
            u = ", unique=True" if unique else ""
            out.append("    sa.Index(%r, %s%s)," % (iname, ", ".join(repr(c) for c in icols), u))
        out.append(")")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--changed", action="store_true")
    ap.add_argument("--dialect", choices=["sqlite", "postgresql", "mysql"], default="sqlite")
    args = ap.parse_args()
    if args.n < 60:
        ap.error("N must be at least 60 (the known changes touch t0007..t0060)")
    os.makedirs(args.outdir, exist_ok=True)
    with open(os.path.join(args.outdir, "schema.yaml"), "w") as f:
        f.write(schema_yaml(args.n, args.changed))
    with open(os.path.join(args.outdir, "model.py"), "w") as f:
        f.write(model_py(args.n, args.changed, args.dialect))


if __name__ == "__main__":
    main()
