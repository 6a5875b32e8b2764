#!/usr/bin/python3
"""Runs the shell blocks of a Markdown page, in order, as a reader would.

    run_doc.py --migrate BUILD/migrate DOC.md [--copy DIR] [--pg] [--mysql]

Every fenced block whose info string starts with `sh` is run; other blocks
(yaml, text, console output) are only read by people. All blocks of a page
run in one bash process (`set -e`), in a fresh temporary folder, with the
built `migrate` first on PATH, so `cd` and variables carry over from block
to block as they would in the reader's terminal. A block that must fail
says so itself (`migrate check || test $? -eq 1`), and assertions in the
blocks (`migrate current | grep head`) make a page that lies fail.

Options:
  --copy DIR   copy DIR's contents into the folder first (an example's README)
  --pg         a fresh PostgreSQL database on the test server
               ($MIGRATE_TEST_PG_DIR/url, from scripts/pg-test-server.sh) in
               $DATABASE_URL (--pg-env NAME: in $NAME)
  --mysql      the same on the MariaDB test server ($MIGRATE_TEST_MYSQL_DIR)
               in $MYSQL_DATABASE_URL (--mysql-env NAME: in $NAME)
The page shows the reader a URL of their own (`export
DATABASE_URL=postgresql://...`); such an `export` of a variable the harness
provides is left out, so the blocks use the test server's.

Exit status: the script's (0 when every block succeeded).
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^`]*)$")


def blocks(path):
    """(first line number, info words, text) of each fenced block."""
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.group(1), m.group(2), m.group(3).split()
        start = i + 1
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
            i += 1
        out.append((start + 1, info, "\n".join(body)))
        i += 1
    return out


def read_url(env_var, what):
    folder = os.environ.get(env_var)
    if not folder:
        sys.exit(f"run_doc: {env_var} is not set: this page needs the {what} test server fixture")
    with open(os.path.join(folder, "url"), encoding="utf-8") as f:
        url = f.readline().strip()
    if not url:
        sys.exit(f"run_doc: no URL in {folder}/url: the {what} test server did not start")
    return url


def with_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


class PgDatabase:
    def __init__(self):
        self.server = read_url("MIGRATE_TEST_PG_DIR", "PostgreSQL")
        self.name = "doc_" + secrets.token_hex(4)
        self.sql(f"CREATE DATABASE {self.name}")
        self.url = with_database(self.server, self.name)

    def sql(self, text):
        subprocess.run(["psql", self.server, "-qAtc", text], check=True, stdout=subprocess.DEVNULL)

    def drop(self):
        self.sql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


class MysqlDatabase:
    def __init__(self):
        self.server = read_url("MIGRATE_TEST_MYSQL_DIR", "MariaDB")
        self.name = "doc_" + secrets.token_hex(4)
        self.sql(f"CREATE DATABASE {self.name}")
        self.url = with_database(self.server, self.name)

    def sql(self, text):
        p = urllib.parse.urlsplit(self.server)
        env = dict(os.environ, MYSQL_PWD=urllib.parse.unquote(p.password or ""))
        subprocess.run(["mariadb", "--no-defaults", "-h", p.hostname, "-P", str(p.port),
                        "-u", urllib.parse.unquote(p.username), "-e", text],
                       check=True, env=env, stdout=subprocess.DEVNULL)

    def drop(self):
        self.sql(f"DROP DATABASE IF EXISTS {self.name}")


def script_of(doc, provided):
    parts = [
        "set -e",
        f"trap 'echo \"run_doc: failed in the block at {doc}:$DOC_LINE (exit $?)\" >&2' ERR",
    ]
    export = re.compile(r"^\s*export\s+(" + "|".join(map(re.escape, provided)) + r")=") \
        if provided else None
    ran = 0
    for line, info, text in blocks(doc):
        if not info or info[0] != "sh":
            continue
        body = []
        for src in text.split("\n"):
            if export and export.match(src):
                src = ": # provided by run_doc: " + src.strip()
            body.append(src)
        parts.append(f"DOC_LINE={line}")
        parts.append(f"echo '$ # {os.path.basename(doc)}:{line}' >&2")
        parts.append("\n".join(body))
        ran += 1
    if ran == 0:
        sys.exit(f"run_doc: {doc} has no ```sh block to run")
    parts.append("echo 'run_doc: every block ran' >&2")
    return "\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--migrate", required=True)
    ap.add_argument("--copy")
    ap.add_argument("--pg", action="store_true")
    ap.add_argument("--mysql", action="store_true")
    ap.add_argument("--pg-env", default="DATABASE_URL")
    ap.add_argument("--mysql-env", default="MYSQL_DATABASE_URL")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("doc")
    args = ap.parse_args()

    doc = os.path.abspath(args.doc)
    migrate = os.path.abspath(args.migrate)
    work = tempfile.mkdtemp(prefix="migrate-doc.")
    dbs = []
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(migrate) + os.pathsep + env.get("PATH", "")
    for var in ("DATABASE_URL", "MIGRATE_CONFIG", args.pg_env, args.mysql_env):
        env.pop(var, None)
    provided = []
    try:
        if args.copy:
            shutil.copytree(args.copy, work, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("*.db", "*.lock"))
        if args.pg:
            dbs.append(PgDatabase())
            env[args.pg_env] = dbs[-1].url
            provided.append(args.pg_env)
        if args.mysql:
            dbs.append(MysqlDatabase())
            env[args.mysql_env] = dbs[-1].url
            provided.append(args.mysql_env)
        script = script_of(doc, provided)
        return subprocess.run(["bash", "-c", script], cwd=work, env=env).returncode
    finally:
        for db in dbs:
            db.drop()
        if args.keep:
            print(f"run_doc: kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
