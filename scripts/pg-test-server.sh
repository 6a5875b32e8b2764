#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server for the tests: a new data
# directory, loopback only, password authentication, run as a non-root user.
#   pg-test-server.sh start DIR   -> writes DIR/url (postgresql://migrate:...@127.0.0.1:PORT/migrate_test)
#   pg-test-server.sh stop DIR
# DIR also gets `port` and `home`: the server's own files (data, socket,
# server.log) live in DIR/home, a fresh folder under /tmp, since the server
# runs as user postgres when we are root, and postgres may not reach DIR (a
# checkout in a private folder such as one made by mktemp -d).
# Exits non-zero when the server cannot start: tests must fail, not skip.
set -euo pipefail
cmd=${1:?usage: pg-test-server.sh start|stop DIR}
dir=${2:?usage: pg-test-server.sh start|stop DIR}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-test-server: PostgreSQL server binaries not found (install the 'postgresql' package: bash scripts/install-deps.sh)" >&2
  exit 1
fi

# initdb and postgres refuse to run as root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

home=$(cat "$dir/home" 2>/dev/null || true)

case "$cmd" in
  start)
    if [ -n "$home" ] && [ -f "$home/data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$home/data" -m immediate stop >/dev/null 2>&1 || true; fi
    [ -n "$home" ] && rm -rf "$home"
    rm -rf "$dir"
    mkdir -p "$dir"
    home=$(mktemp -d /tmp/migrate-pg.XXXXXX)
    chmod 755 "$home"
    echo "$home" > "$dir/home"
    password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" > "$home/pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$home"; fi
    as_owner "$bindir/initdb" -D "$home/data" -U migrate --pwfile="$home/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$home/initdb.log" 2>&1 ||
      { cat "$home/initdb.log" >&2; exit 1; }
    rm -f "$home/pwfile"
    started=""
    for port in $(seq 55432 55532); do
      if as_owner "$bindir/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 30 \
           -o "-p $port -k $home -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null 2>&1; then
        started=$port
        break
      fi
    done
    if [ -z "$started" ]; then
      echo "pg-test-server: the server did not start; its log:" >&2
      cat "$home/server.log" >&2 || true
      exit 1
    fi
    as_owner "$bindir/psql" -h "$home" -p "$started" -U migrate -d postgres -qAtc "CREATE DATABASE migrate_test" >/dev/null
    echo "postgresql://migrate:${password}@127.0.0.1:${started}/migrate_test" > "$dir/url"
    echo "$started" > "$dir/port"
    chmod 644 "$dir/url" "$dir/port" "$dir/home"
    echo "pg-test-server: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$started"
    ;;
  stop)
    if [ -n "$home" ] && [ -f "$home/data/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$home/data" -m fast stop >/dev/null 2>&1 || true
    fi
    [ -n "$home" ] && rm -rf "$home"
    rm -rf "$dir"
    ;;
  *) echo "usage: pg-test-server.sh start|stop DIR" >&2; exit 2 ;;
esac
