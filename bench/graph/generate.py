#!/usr/bin/env python3
"""Writes a migrate project with N revision files shaped like a team's
history: a main line, feature branches that fork off it and are merged back,
a few depends_on links and branch labels, and ordinary operations in every
file (so parsing costs what it costs on real projects).

usage: generate.py DIR N [--seed S] [--alembic VERSIONS_DIR]
"""
import argparse
import os
import random


def rev_text(rid, down, deps, labels, i, rng):
    if not down:
        down_text = "null"
    elif len(down) == 1:
        down_text = '"%s"' % down[0]
    else:
        down_text = "[%s]" % ", ".join('"%s"' % d for d in down)
    table = "t%d" % (i % 97)
    return f'''revision: "{rid}"
down_revision: {down_text}
branch_labels: [{", ".join('"%s"' % l for l in labels)}]
depends_on: [{", ".join('"%s"' % d for d in deps)}]
message: "change {i}: add column c{i} to {table}"
created: 2026-01-01T00:00:00Z
transactional: true
upgrade:
  - add_column:
      table: {table}
      column: {{name: c{i}, type: varchar(100), nullable: true}}
  - create_index: {{table: {table}, name: ix_{table}_c{i}, columns: [c{i}]}}
downgrade:
  - drop_index: {{table: {table}, name: ix_{table}_c{i}}}
  - drop_column: {{table: {table}, column: c{i}}}
'''


def alembic_text(rid, down, deps, labels, i):
    """The same revision as an Alembic module (its graph fields the same)."""
    table = "t%d" % (i % 97)
    down_value = None if not down else (down[0] if len(down) == 1 else tuple(down))
    return f'''"""change {i}: add column c{i} to {table}"""
from alembic import op
import sqlalchemy as sa

revision = {rid!r}
down_revision = {down_value!r}
branch_labels = {tuple(labels) or None!r}
depends_on = {tuple(deps) or None!r}


def upgrade():
    op.add_column({table!r}, sa.Column("c{i}", sa.String(100), nullable=True))
    op.create_index("ix_{table}_c{i}", {table!r}, ["c{i}"])


def downgrade():
    op.drop_index("ix_{table}_c{i}", table_name={table!r})
    op.drop_column({table!r}, "c{i}")
'''


def generate(folder, n, seed=1, alembic=None):
    rng = random.Random(seed)
    versions = os.path.join(folder, "migrations", "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(folder, "migrate.yaml"), "w") as f:
        f.write("script_location: migrations\ndatabase_url: sqlite:///bench.db\n")
    ids = []
    main_head = None
    open_branches = []  # [head id, revisions left before merging]
    label_count = 0
    branch_roots = set()
    for i in range(n):
        rid = "%012x" % rng.getrandbits(48)
        deps, labels = [], []
        on_branch = False
        if main_head is None:
            down = []
        elif open_branches and rng.random() < 0.3:
            b = rng.randrange(len(open_branches))
            down = [open_branches[b][0]]
            open_branches[b][0] = rid
            open_branches[b][1] -= 1
            on_branch = True
            if open_branches[b][1] > 1000 and label_count < 3 and down[0] in branch_roots:
                label_count += 1  # long-lived module branches carry a label
                labels = ["module%d" % label_count]
        else:
            down = [main_head]
        if down and not on_branch:
            # Merge any finished branch into the main line.
            done = [b for b in open_branches if b[1] <= 0]
            if done:
                down = [main_head] + [b[0] for b in done]
                open_branches = [b for b in open_branches if b[1] > 0]
            main_head = rid
            if rng.random() < 0.04 and len(open_branches) < 4:
                # Now and then a branch that is never merged (a module of its own).
                long_lived = rng.random() < 0.05 and label_count < 3
                open_branches.append([rid, 10**9 if long_lived else rng.randint(3, 15)])
                branch_roots.add(rid)
        if ids and rng.random() < 0.02:
            deps = [rng.choice(ids[max(0, len(ids) - 200):])]
            if deps[0] in down:
                deps = []
        if main_head is None:
            main_head = rid
        ids.append(rid)
        with open(os.path.join(versions, rid + "_change_%d.yaml" % i), "w") as f:
            f.write(rev_text(rid, down, deps, labels, i, rng))
        if alembic:
            with open(os.path.join(alembic, rid + "_change_%d.py" % i), "w") as f:
                f.write(alembic_text(rid, down, deps, labels, i))
    return ids


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--alembic", metavar="VERSIONS_DIR",
                    help="also write the same graph as Alembic revisions there")
    args = ap.parse_args()
    if args.alembic:
        os.makedirs(args.alembic, exist_ok=True)
    generate(args.dir, args.n, args.seed, args.alembic)


if __name__ == "__main__":
    main()
