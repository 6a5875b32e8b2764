# Shared by the benchmark scripts (sourced): the migrate binary, the
# database servers, timing with peak RSS, medians, and the machine's
# description. Expects `set -euo pipefail` and $BENCH_WORK (a scratch folder).
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Debian's Python, which has Alembic, SQLAlchemy and the drivers (not a
# pyenv or virtualenv python3 that may come first on PATH).
py=/usr/bin/python3

# bench_migrate [BINARY]: sets $migrate to BINARY, or builds one
# (RelWithDebInfo: optimised, with symbols for perf) in build-bench/.
bench_migrate() {
  migrate=${1:-}
  if [[ -z $migrate ]]; then
    cmake -S "$bench_root" -B "$bench_root/build-bench" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMIGRATE_TESTS=OFF >/dev/null
    cmake --build "$bench_root/build-bench" -j2 --target migrate >/dev/null
    migrate=$bench_root/build-bench/migrate
  fi
  migrate=$(cd "$(dirname "$migrate")" && pwd)/$(basename "$migrate")
}

# bench_pg_start: a PostgreSQL server of scripts/pg-test-server.sh; sets
# pg_url (no database: append /NAME), pg_home, pg_port, pg_version.
bench_pg_start() {
  bash "$bench_root/scripts/pg-test-server.sh" start "$BENCH_WORK/pg" >&2
  pg_home=$(cat "$BENCH_WORK/pg/home")
  pg_port=$(cat "$BENCH_WORK/pg/port")
  pg_url=$(cat "$BENCH_WORK/pg/url")
  pg_url=${pg_url%/*}
  pg_version=$(pg_sql postgres -c "SHOW server_version" | awk '{print $1}')
}
pg_sql() {  # pg_sql DB ARGS...
  local db=$1
  shift
  psql -h "$pg_home" -p "$pg_port" -U migrate -d "$db" -qAt -v ON_ERROR_STOP=1 "$@"
}
# Statements the server logged (log_statement = all on the bench databases):
# simple-protocol statements and extended-protocol executions alike.
pg_logged() { grep -cE 'LOG:  (statement|execute)' "$pg_home/server.log" || true; }
bench_pg_stop() { bash "$bench_root/scripts/pg-test-server.sh" stop "$BENCH_WORK/pg" >/dev/null 2>&1 || true; }

# bench_mariadb_start: a MariaDB server of scripts/mariadb-test-server.sh;
# sets my_url (no database: append /NAME), my_version.
bench_mariadb_start() {
  bash "$bench_root/scripts/mariadb-test-server.sh" start "$BENCH_WORK/mariadb" >&2
  my_url=$(cat "$BENCH_WORK/mariadb/url")
  my_url=${my_url%/*}
  my_socket=$(cat "$BENCH_WORK/mariadb/socket")
  my_password=${my_url#mysql://migrate:}
  my_password=${my_password%%@*}
  my_version=$(my_sql -e "SELECT VERSION()")
}
my_sql() { mariadb --no-defaults --socket="$my_socket" -u migrate -p"$my_password" -N -B "$@"; }
# The server's count of statements received (all connections; only the
# benchmark talks to this server). Reading it counts one.
my_questions() { my_sql -e "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{print $2}'; }
bench_mariadb_stop() { bash "$bench_root/scripts/mariadb-test-server.sh" stop "$BENCH_WORK/mariadb" >/dev/null 2>&1 || true; }

# measure CMD...: runs CMD (stdout and stderr to $BENCH_WORK/last.log); sets
# secs (wall, ms resolution) and kb (peak RSS of the command). A failing
# command stops the benchmark with its output.
measure() {
  local start end
  start=$(date +%s%N)
  if ! /usr/bin/time -f %M -o "$BENCH_WORK/rss.txt" "$@" >"$BENCH_WORK/last.log" 2>&1; then
    echo "failed: $*" >&2
    tail -n 30 "$BENCH_WORK/last.log" >&2
    return 1
  fi
  end=$(date +%s%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  kb=$(tail -n 1 "$BENCH_WORK/rss.txt")
}

median() {  # median X...: the middle value (the lower middle of an even count)
  printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"
}
maxof() { printf '%s\n' "$@" | sort -g | tail -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }

# The machine and tool versions, as a Markdown paragraph.
bench_machine() {
  local cpu mem
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu), $mem memory, shared with" \
    "other work (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end);" \
    "$("$migrate" --version | head -1) (RelWithDebInfo, $(git -C "$bench_root" rev-parse --short HEAD))," \
    "Alembic $($py -c 'import alembic; print(alembic.__version__)')," \
    "SQLAlchemy $($py -c 'import sqlalchemy; print(sqlalchemy.__version__)')," \
    "Python $($py -c 'import platform; print(platform.python_version())')," \
    "psycopg2 $($py -c 'import psycopg2; print(psycopg2.__version__.split()[0])')," \
    "PyMySQL $($py -c 'import pymysql; print(pymysql.__version__)')," \
    "sqlite3 $(sqlite3 --version | cut -d' ' -f1)${pg_version:+, PostgreSQL $pg_version}${my_version:+, MariaDB $my_version}."
}

# alembic_project DIR: an Alembic project in DIR (bench/alembic's env.py).
alembic_project() {
  mkdir -p "$1/versions"
  cp "$bench_root/bench/alembic/"{alembic.ini,env.py,script.py.mako} "$1/"
}
# alembic_cmd DIR: Alembic's command line on project DIR (the URL in
# $BENCH_URL), as words for measure: alembic=(...).
alembic_cmd() { alembic=("$py" -m alembic -c "$1/alembic.ini"); }
