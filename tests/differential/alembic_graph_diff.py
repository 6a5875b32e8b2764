#!/usr/bin/env python3
"""Differential test: migrate's revision graph against Alembic's.

Generates random revision graphs (branches, merges, depends_on, branch
labels), writes each both as an Alembic project and as a migrate project, and
compares, for many targets:

  * heads, history (also with -r ranges) and `current`;
  * the ordered revisions `upgrade TARGET --sql` and `upgrade/downgrade
    FROM:TO --sql` apply (from the "-- Running ..." lines both print);
  * the version-table rows after sequences of online upgrades and
    downgrades on SQLite files;
  * that both refuse the same targets.

Every difference is a failure unless it is one of the departures README.md
lists (counted and reported). Exit 0 on agreement, 1 on a difference, 77
when Alembic is not installed (ctest reports the test as skipped).

Runs with the system Python (stdlib + Debian's python3-alembic).
"""
import argparse
import concurrent.futures
import contextlib
import io
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import warnings

try:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.script import base as script_base
    from alembic.util import CommandError
except ImportError:  # pragma: no cover
    print("SKIP: alembic is not installed (apt-get install python3-alembic)")
    sys.exit(77)

# Alembic lists version files in os.listdir order, which depends on the file
# system; migrate sorts them. Sorting Alembic's listing too makes ties break
# the same way on every machine.
_orig_list = script_base.Script._list_py_dir.__func__
script_base.Script._list_py_dir = classmethod(lambda cls, sd, path: sorted(_orig_list(cls, sd, path)))

ENV_PY = '''
from alembic import context
from sqlalchemy import create_engine

url = context.config.get_main_option("sqlalchemy.url")
if context.is_offline_mode():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
'''

RUNNING = re.compile(r"^-- Running (upgrade|downgrade) (.*?) -> (.*?)$", re.M)
MULTI_HEAD_WARNING = "downgrade -1 from multiple heads is ambiguous"
TRACE = False


class Mismatch(Exception):
    pass


# ---------------------------------------------------------------- graphs


def gen_graph(rng, n):
    """A random history as a team makes it: chains, branches off any
    revision, merges of heads, new roots, depends_on, branch labels."""
    revs, heads = [], []
    multi_dep = rng.random() < 0.1
    for i in range(n):
        rid = "%012x" % rng.getrandbits(48)
        r = rng.random()
        if not revs or r < 0.07:
            down = []
        elif r < 0.25 and len(heads) >= 2:
            down = rng.sample(heads, 3 if len(heads) >= 3 and rng.random() < 0.2 else 2)
        elif r < 0.42:
            down = [rng.choice(revs)["id"]]
        else:
            down = [rng.choice(heads)]
        deps = []
        if revs and rng.random() < 0.18:
            for _ in range(2 if multi_dep and rng.random() < 0.5 else 1):
                d = rng.choice(revs)
                name = d["labels"][0] if d["labels"] and rng.random() < 0.3 else d["id"]
                if d["id"] not in down and name not in deps:
                    deps.append(name)
        labels = ["lbl%d" % i] if rng.random() < 0.12 else []
        revs.append({"id": rid, "down": down, "deps": deps, "labels": labels})
        heads = [h for h in heads if h not in down] + [rid]
    return revs, multi_dep


def py_value(v):
    if not v:
        return "None"
    if len(v) == 1:
        return repr(v[0])
    return repr(tuple(v))


def write_projects(root, revs):
    a = os.path.join(root, "alembic")
    os.makedirs(os.path.join(a, "versions"))
    with open(os.path.join(a, "env.py"), "w") as f:
        f.write(ENV_PY)
    m = os.path.join(root, "migrate")
    os.makedirs(os.path.join(m, "migrations", "versions"))
    with open(os.path.join(m, "migrate.yaml"), "w") as f:
        f.write("script_location: migrations\ndatabase_url: sqlite:///m.db\n")
    for r in revs:
        with open(os.path.join(a, "versions", r["id"] + "_r.py"), "w") as f:
            f.write('"""rev %s"""\nrevision = %r\ndown_revision = %s\nbranch_labels = %s\n'
                    "depends_on = %s\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n"
                    % (r["id"], r["id"], py_value(r["down"]), py_value(r["labels"]),
                       py_value(r["deps"])))
        down = ("null" if not r["down"] else json.dumps(r["down"][0]) if len(r["down"]) == 1
                else json.dumps(r["down"]))
        with open(os.path.join(m, "migrations", "versions", r["id"] + "_r.yaml"), "w") as f:
            f.write("revision: %s\ndown_revision: %s\nbranch_labels: %s\ndepends_on: %s\n"
                    "message: \"rev %s\"\nupgrade: []\ndowngrade: []\n"
                    % (json.dumps(r["id"]), down, json.dumps(r["labels"]), json.dumps(r["deps"]),
                       r["id"]))
    return a, m


# ---------------------------------------------------------------- both tools


class Outcome:
    """What a tool did: a value, or an error (and whether Alembic crashed
    rather than refusing, or warned)."""

    def __init__(self, value=None, error=None, crash=False, warned=""):
        self.value, self.error, self.crash, self.warned = value, error, crash, warned

    def __repr__(self):
        if self.error is not None:
            return "error(%s%s)" % ("crash: " if self.crash else "", self.error.strip()[:200])
        return repr(self.value)


class AlembicSide:
    def __init__(self, folder):
        self.folder = folder
        self.db = os.path.join(folder, "a.db")

    def config(self, buf=None):
        cfg = Config(stdout=io.StringIO(), output_buffer=buf)
        cfg.set_main_option("script_location", self.folder)
        cfg.set_main_option("sqlalchemy.url", "sqlite:///" + self.db)
        return cfg

    def call(self, fn):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = fn()
                out = Outcome(value=value)
            except CommandError as e:
                out = Outcome(error=str(e))
            except Exception as e:  # Alembic's own assertion/KeyError failures
                out = Outcome(error="%s: %s" % (type(e).__name__, e), crash=True)
        out.warned = " ".join(str(w.message) for w in caught)
        return out

    def script(self):
        return ScriptDirectory.from_config(self.config())

    def heads(self):
        return self.call(lambda: list(self.script().get_heads()))

    def history(self, lower="", upper=""):
        return self.call(lambda: [r.revision for r in self.script().walk_revisions(
            base=lower or "base", head=upper or "heads")])

    def current(self, rows):
        return self.call(lambda: sorted(r.revision for r in self.script().get_all_current(
            tuple(rows))))

    def sql(self, verb, target):
        buf = io.StringIO()
        fn = command.upgrade if verb == "upgrade" else command.downgrade
        out = self.call(lambda: fn(self.config(buf), target, sql=True))
        if out.error is None:
            out.value = running(buf.getvalue())
        return out

    def online(self, verb, target):
        fn = command.upgrade if verb == "upgrade" else command.downgrade
        out = self.call(lambda: fn(self.config(), target))
        if out.error is None:
            out.value = rows(self.db, "alembic_version")
        return out


class MigrateSide:
    def __init__(self, binary, folder):
        self.binary, self.folder = binary, folder
        self.db = os.path.join(folder, "m.db")

    def run(self, args):
        p = subprocess.run([self.binary] + args, cwd=self.folder, capture_output=True, text=True,
                           timeout=60)
        if p.returncode == 2:
            return Outcome(error=p.stderr)
        if p.returncode != 0:
            raise Mismatch("migrate %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr))
        return Outcome(value=p.stdout)

    def json_ids(self, args, key):
        out = self.run(args + ["--format", "json"])
        if out.error is None:
            out.value = [r["revision"] for r in json.loads(out.value)[key]]
        return out

    def heads(self):
        return self.json_ids(["heads"], "heads")

    def history(self, lower="", upper=""):
        args = ["history"] + (["-r", lower + ":" + upper] if lower or upper else [])
        return self.json_ids(args, "revisions")

    def current(self):
        out = self.json_ids(["current"], "current")
        if out.error is None:
            out.value = sorted(out.value)
        return out

    def sql(self, verb, target):
        out = self.run([verb, target, "--sql"])
        if out.error is None:
            out.value = running(out.value)
        return out

    def online_rows(self):
        return rows(self.db, "migrate_version")

    def online(self, verb, target):
        out = self.run(["-q", verb, target])
        if out.error is None:
            out.value = rows(self.db, "migrate_version")
        return out


def running(text):
    """The revisions an offline script applies, in order."""
    out = []
    for verb, left, right in RUNNING.findall(text):
        out.append((verb, right.strip() if verb == "upgrade" else left.strip()))
    return out


def rows(db, table):
    if not os.path.exists(db):
        return []
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT version_num FROM %s" % table))
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


# ---------------------------------------------------------------- comparing


class Tally:
    def __init__(self):
        self.counts = {}
        self.failures = []

    def add(self, key, n=1):
        self.counts[key] = self.counts.get(key, 0) + n

    def merge(self, other):
        for k, v in other.counts.items():
            self.add(k, v)
        self.failures.extend(other.failures)


def tips(graph, ids):
    """The rows with any row below another removed (Alembic sometimes keeps both)."""
    below = set()
    for i in ids:
        below |= ancestors(graph, i) - {i}
    return sorted(i for i in ids if i not in below)


def ancestors(graph, rid):
    by_id, labels = graph
    seen, todo = set(), [rid]
    while todo:
        r = todo.pop()
        if r in seen:
            continue
        seen.add(r)
        rev = by_id[r]
        todo.extend(rev["down"])
        todo.extend(labels.get(d, d) for d in rev["deps"])
    return seen


def closure(graph, ids):
    out = set()
    for i in ids:
        out |= ancestors(graph, i)
    return out


def compare(tally, what, a, m, ordered=True, graph=None, known_crash=None):
    """Records agreement, a listed departure, or a failure. Returns True when
    both tools ended in the same state."""
    if a.error is not None and m.error is not None:
        tally.add("both refuse" if not a.crash else "alembic crashes, migrate refuses")
        return True
    if a.error is None and MULTI_HEAD_WARNING in a.warned and m.error is not None:
        tally.add("departure: -N from several rows is refused")
        return False
    if a.crash and m.error is None and known_crash is not None:
        # Alembic fails on its own; migrate's answer must still be right.
        problem = known_crash(a.error, m.value)
        if problem:
            tally.failures.append("%s: alembic %r, migrate %r: %s" % (what, a, m, problem))
            return False
        tally.add("departure: alembic crashes (%s), migrate answers" % a.error.split(":")[0])
        return "resync"
    if (a.error is None) != (m.error is None):
        tally.failures.append("%s: alembic %r, migrate %r" % (what, a, m))
        return False
    av, mv = a.value, m.value
    if not ordered:
        av, mv = sorted(av), sorted(mv)
    if av == mv:
        tally.add("agree")
        return True
    if graph is not None and tips(graph, av) == mv and closure(graph, av) == closure(graph, mv):
        tally.add("departure: alembic keeps a row below another row")
        return "resync"
    tally.failures.append("%s: alembic %r, migrate %r" % (what, a, m))
    return False


def downs_of(graph, rid):
    by_id, labels = graph
    rev = by_id[rid]
    return rev["down"] + [labels.get(d, d) for d in rev["deps"]]


def covers_own_ancestor(graph, rid):
    """A revision whose depends_on names a revision already below another of
    the three or more it stands on: once two of those are rows, Alembic's
    version-table bookkeeping deletes the one that is not (KeyError)."""
    downs = downs_of(graph, rid)
    return len(downs) >= 3 and any(
        x != y and x in ancestors(graph, y) for x in downs for y in downs)


def bad_upgrade_order(graph, start, plan):
    """Why `plan` (ids, in order) is not a valid way up from `start`, or None."""
    applied = closure(graph, start)
    for rid in plan:
        if rid in applied:
            return "applies %s twice" % rid
        missing = [d for d in downs_of(graph, rid) if d not in applied]
        if missing:
            return "applies %s before %s" % (rid, ", ".join(missing))
        applied.add(rid)
    return None


def bad_history_order(graph, ids):
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            if x in ancestors(graph, y) and x != y:
                return "lists %s before its descendant %s" % (x, y)
    return None


def targets_for(rng, revs):
    ids = [r["id"] for r in revs]
    labels = [l for r in revs for l in r["labels"]]
    some = lambda k: rng.sample(ids, min(k, len(ids)))
    up = ["head", "heads", "base", "+1", "+2", "-1"] + some(4) + [i[:6] for i in some(2)]
    up += [i + "+1" for i in some(2)] + [i + "-1" for i in some(1)] + [i + "@head" for i in some(2)]
    for l in labels[:3]:
        up += [l + "@head", l + "@+1", l + "@heads", l]
    down = ["base", "-1", "-2"] + some(4) + [i + "-1" for i in some(2)] + [i + "+1" for i in some(1)]
    for l in labels[:3]:
        down += [l + "@-1", l + "@base", l + "@" + rng.choice(ids)]
    return up, down


def check_graph(binary, seed, size, work):
    rng = random.Random(seed)
    revs, multi_dep = gen_graph(rng, size)
    by_id = {r["id"]: r for r in revs}
    label_of = {l: r["id"] for r in revs for l in r["labels"]}
    graph = (by_id, label_of)
    tally = Tally()
    root = tempfile.mkdtemp(prefix="graph-%d-" % seed, dir=work)
    a_dir, m_dir = write_projects(root, revs)
    a, m = AlembicSide(a_dir), MigrateSide(binary, m_dir)
    where = "graph --only %d:%d (%s)" % (seed, size, root)
    ordered = not multi_dep  # Alembic orders two depends_on by string hash

    def cmp(what, x, y, **kw):
        if TRACE:
            print("%s: alembic %r, migrate %r" % (what, x, y))
        return compare(tally, where + ": " + what, x, y, **kw)

    covering = {r["id"] for r in revs if covers_own_ancestor(graph, r["id"])}

    def history_crash(err, value):
        if not err.startswith("AssertionError"):
            return "unexpected crash"
        return bad_history_order(graph, value)

    def sql_crash(start):
        def check(err, value):
            plan = [rid for _, rid in value]
            if not (err.startswith("KeyError") and covering & set(plan)):
                return "unexpected crash"
            return bad_upgrade_order(graph, start, plan)
        return check

    try:
        cmp("heads", a.heads(), m.heads())
        cmp("history", a.history(), m.history(), ordered=ordered)
        ids = [r["id"] for r in revs]
        labels = [l for r in revs for l in r["labels"]]
        lows = ids + ["", "-1"] + [l + "@" + rng.choice(ids) for l in labels[:2]]
        highs = ids + ["", "heads"] + [l + "@head" for l in labels[:2]]
        for _ in range(2):
            lo, hi = rng.choice(lows), rng.choice(highs)
            cmp("history -r %s:%s" % (lo, hi), a.history(lo, hi), m.history(lo, hi),
                ordered=ordered, known_crash=history_crash)

        up, down = targets_for(rng, revs)
        for t in rng.sample(up, min(8, len(up))):
            cmp("upgrade %s --sql" % t, a.sql("upgrade", t), m.sql("upgrade", t),
                ordered=ordered, known_crash=sql_crash([]))
        for _ in range(2):
            lo, hi = rng.choice(ids + ["base"]), rng.choice(up)
            t = lo + ":" + hi
            cmp("upgrade %s --sql" % t, a.sql("upgrade", t), m.sql("upgrade", t),
                ordered=ordered, known_crash=sql_crash([] if lo == "base" else [lo]))
        for _ in range(2):
            lo, hi = rng.choice(ids + ["heads", "head"]), rng.choice(down)
            t = lo + ":" + hi
            cmp("downgrade %s --sql" % t, a.sql("downgrade", t), m.sql("downgrade", t),
                ordered=ordered)

        # Online: one random walk up and down, the same on both databases.
        for step in range(10):
            verb = "upgrade" if step < 2 or rng.random() < 0.55 else "downgrade"
            t = rng.choice(up if verb == "upgrade" else down)
            before = closure(graph, m.online_rows())

            def online_crash(err, after):
                if err.startswith("KeyError") and covering & (closure(graph, after) - before):
                    return None
                return "unexpected crash"

            same = cmp("online %s %s (step %d)" % (verb, t, step), a.online(verb, t),
                       m.online(verb, t), graph=graph, known_crash=online_crash)
            if same == "resync":
                # Carry on from the state both tools agree is right: the tips.
                con = sqlite3.connect(a.db)
                con.execute("DELETE FROM alembic_version")
                con.executemany("INSERT INTO alembic_version VALUES (?)", [(r,) for r in m.online_rows()])
                con.commit()
                con.close()
            elif not same:
                break
            if step % 3 == 2:  # each migrate run costs a process start: check now and then
                table = rows(a.db, "alembic_version")
                cmp("current after step %d" % step, a.current(table), m.current(),
                    ordered=False)
    except Mismatch as e:
        tally.failures.append(where + ": " + str(e))
    except Exception:
        tally.failures.append(where + ": " + traceback.format_exc())
    if not tally.failures:
        shutil.rmtree(root, ignore_errors=True)
    return tally


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--migrate", required=True, help="the migrate binary")
    ap.add_argument("--graphs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--min-size", type=int, default=4)
    ap.add_argument("--max-size", type=int, default=14)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", help="SEED:SIZE, one graph from a failure report")
    ap.add_argument("--trace", action="store_true", help="print every comparison (with --only)")
    args = ap.parse_args()
    global TRACE
    TRACE = args.trace
    binary = os.path.abspath(args.migrate)
    # On tmpfs SQLite's commits need no fsync, which is most of the runtime on a disk.
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    work = tempfile.mkdtemp(prefix="migrate-differential-", dir=shm)
    rng = random.Random(args.seed)
    jobs = [(rng.randrange(1 << 30), rng.randint(args.min_size, args.max_size))
            for _ in range(args.graphs)]
    if args.only is not None:
        seed, size = args.only.split(":")
        jobs = [(int(seed), int(size))]
    total = Tally()
    if args.only is not None:
        total.merge(check_graph(binary, jobs[0][0], jobs[0][1], work))
    else:
      with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for t in pool.map(check_graph, [binary] * len(jobs), [s for s, _ in jobs],
                          [n for _, n in jobs], [work] * len(jobs)):
            total.merge(t)
    comparisons = sum(total.counts.values()) + len(total.failures)
    print("graphs: %d, comparisons: %d" % (len(jobs), comparisons))
    for k in sorted(total.counts):
        print("  %-55s %d" % (k, total.counts[k]))
    if total.failures:
        print("DIFFERENCES (%d):" % len(total.failures))
        for f in total.failures[:40]:
            print("  " + f)
        print("scratch folders kept under " + work)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
