#!/usr/bin/env bash
# migrate against Alembic on the same work, in one command:
#   bash bench/run.sh [path/to/migrate]
# Installs the benchmark's packages (bench/install-deps.sh), builds migrate
# (RelWithDebInfo, build-bench/) unless given a binary, starts a PostgreSQL
# and a MariaDB server (scripts/*-test-server.sh), runs
#   S1  autogenerate on a large live schema   (bench/s1)
#   S2  upgrade head over a long chain        (bench/s2)
#   S3  heads/history/current on many revisions (bench/graph)
# and writes their sections into bench/RESULTS.md.
# Environment:
#   BENCH_QUICK=1       N=100 and R=500 only, 3 runs, 1,000 revisions for S3;
#                       results go to $BENCH_OUT (default: a temporary file),
#                       not to RESULTS.md
#   BENCH_ONLY="s1 s2"  run only these scenarios
#   S1_SIZES, S1_DIALECTS, S2_SIZES, S2_DIALECTS, S3_SIZES override the sizes
# Not part of the test suite (.ci/run): a full run takes 20-30 minutes on
# two cores, most of it Alembic.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$bench_root/bench/s1/run.sh"
source "$bench_root/bench/s2/run.sh"

quick=${BENCH_QUICK:-}
only=${BENCH_ONLY:-"s1 s2 s3"}
if [[ -n $quick ]]; then
  s1_sizes=${S1_SIZES:-100} s2_sizes=${S2_SIZES:-500} s3_sizes=${S3_SIZES:-1000}
  s1_runs=3 s1_alembic_runs=1 s1_alembic_runs_5000=1 s2_runs=3 s2_alembic_runs=1 s3_runs=5 s3_alembic_runs=1
else
  s1_sizes=${S1_SIZES:-"100 1000 5000"} s2_sizes=${S2_SIZES:-"500 2000"}
  s3_sizes=${S3_SIZES:-"1000 5000 10000"}
  s1_runs=5 s1_alembic_runs=3 s1_alembic_runs_5000=1 s2_runs=5 s2_alembic_runs=3 s3_runs=15 s3_alembic_runs=3
fi
s1_dialects=${S1_DIALECTS:-"sqlite postgresql mysql"}
s2_dialects=${S2_DIALECTS:-"sqlite postgresql"}

bash "$bench_root/bench/install-deps.sh"
bench_migrate "${1:-}"

BENCH_WORK=$(mktemp -d /tmp/migrate-bench.XXXXXX)
chmod 755 "$BENCH_WORK"  # the servers run as users postgres and mysql
cleanup() {
  bench_pg_stop
  bench_mariadb_stop
  cd /
  rm -rf "$BENCH_WORK"
}
trap cleanup EXIT
wants() { [[ " $only " == *" $1 "* ]]; }
uses() { [[ " $(wants s1 && echo "$s1_dialects") $(wants s2 && echo "$s2_dialects") " == *" $1 "* ]]; }
uses postgresql && bench_pg_start
uses mysql && bench_mariadb_start

sections=()
if wants s1; then
  s1_run "$s1_dialects" "$s1_sizes"
  s1_report "$s1_dialects" "$s1_sizes" >"$BENCH_WORK/s1.md"
  sections+=("$BENCH_WORK/s1.md")
fi
if wants s2; then
  s2_run "$s2_dialects" "$s2_sizes"
  s2_report "$s2_dialects" "$s2_sizes" >"$BENCH_WORK/s2.md"
  sections+=("$BENCH_WORK/s2.md")
fi
if wants s3; then
  SIZES=$s3_sizes RUNS=$s3_runs ALEMBIC_RUNS=$s3_alembic_runs OUT=$BENCH_WORK/s3.md bash "$bench_root/bench/graph/run.sh" "$migrate"
  sections+=("$BENCH_WORK/s3.md")
fi

# One paragraph for the machine and versions, then each scenario's section.
{
  echo "Run of $(bench_machine)"
  echo
  cat "${sections[@]}"
} >"$BENCH_WORK/run.md"
if [[ -n $quick ]]; then
  out=${BENCH_OUT:-$(mktemp /tmp/migrate-bench-quick.XXXXXX.md)}
  cp "$BENCH_WORK/run.md" "$out"
  cat "$out"
  echo "quick run: results in $out (bench/RESULTS.md unchanged)" >&2
else
  "$py" "$bench_root/bench/results.py" "$bench_root/bench/RESULTS.md" "$BENCH_WORK/run.md"
  echo "wrote bench/RESULTS.md" >&2
fi
