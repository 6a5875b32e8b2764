#!/usr/bin/env bash
# The benchmark's packages, on top of the build's (scripts/install-deps.sh):
# Alembic's database drivers, hyperfine, GNU time (peak RSS), and the
# profilers used where a target is missed. Skips apt when all are there.
set -euo pipefail
exec bash "$(dirname "$0")/../scripts/install-deps.sh" \
  python3-alembic python3-yaml python3-psycopg2 python3-pymysql hyperfine time linux-perf valgrind
