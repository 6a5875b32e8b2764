#!/usr/bin/env bash
# Starts (or stops) a throwaway MariaDB server for the tests: a new data
# directory, loopback only plus its own socket, a `migrate` user with a random
# password, run as a non-root user.
#   mariadb-test-server.sh start DIR  -> writes DIR/url (mysql://migrate:...@127.0.0.1:PORT/migrate_test)
#                                        DIR/socket and DIR/home
#   mariadb-test-server.sh stop DIR
# The server's own files live in DIR/home, a fresh folder under /tmp: the
# server runs as user mysql, which may not reach DIR (a checkout in a
# private folder such as one made by mktemp -d).
# Exits non-zero when the server cannot start: tests must fail, not skip.
set -euo pipefail
cmd=${1:?usage: mariadb-test-server.sh start|stop DIR}
dir=${2:?usage: mariadb-test-server.sh start|stop DIR}

for bin in mariadb-install-db mariadbd mariadb mariadb-admin; do
  if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$bin" ]; then
    echo "mariadb-test-server: $bin not found (install mariadb-server and mariadb-client: bash scripts/install-deps.sh)" >&2
    exit 1
  fi
done
mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)

# mariadbd refuses to run as root unless told which user to become; the
# administrative account then authenticates by the OS user over the socket.
if [ "$(id -u)" -eq 0 ]; then
  run_user=mysql
  admin_user=root
else
  run_user=$(id -un)
  admin_user=$run_user
fi

home=$(cat "$dir/home" 2>/dev/null || true)
admin() { mariadb --no-defaults --socket="$home/mysqld.sock" -u "$admin_user" "$@"; }

stop_server() {
  if [ -n "$home" ] && [ -f "$home/mysqld.pid" ]; then
    local pid
    pid=$(cat "$home/mysqld.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      admin -e "SHUTDOWN" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$cmd" in
  start)
    stop_server
    [ -n "$home" ] && rm -rf "$home"
    rm -rf "$dir"
    mkdir -p "$dir"
    home=$(mktemp -d /tmp/migrate-mariadb.XXXXXX)
    chmod 755 "$home"
    echo "$home" > "$dir/home"
    mkdir -p "$home/data" "$home/tmp"
    if [ "$(id -u)" -eq 0 ]; then
      chown -R mysql: "$home"
      if ! runuser -u mysql -- test -w "$home/data"; then
        echo "mariadb-test-server: user mysql cannot write to $home" >&2
        exit 1
      fi
    fi
    mariadb-install-db --no-defaults --datadir="$home/data" --user="$run_user" \
      --auth-root-authentication-method=socket --skip-test-db --skip-name-resolve \
      >"$home/install.log" 2>&1 || { cat "$home/install.log" >&2; exit 1; }
    started=""
    for port in $(seq 53306 53406); do
      port_in_use "$port" && continue
      # Durability is of no use to a scratch server; speed is.
      "$mariadbd" --no-defaults --user="$run_user" --datadir="$home/data" --tmpdir="$home/tmp" \
        --socket="$home/mysqld.sock" --pid-file="$home/mysqld.pid" --log-error="$home/server.log" \
        --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
        --innodb-buffer-pool-size=128M --innodb-log-file-size=64M \
        --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --sync-frm=0 \
        --max-connections=300 --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        >/dev/null 2>&1 &
      pid=$!
      for _ in $(seq 1 300); do
        if admin -e "SELECT 1" >/dev/null 2>&1; then started=$port; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      [ -n "$started" ] && break
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done
    if [ -z "$started" ]; then
      echo "mariadb-test-server: the server did not start; its log:" >&2
      cat "$home/server.log" >&2 || true
      exit 1
    fi
    password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    admin <<SQL
CREATE USER 'migrate'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER 'migrate'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'migrate'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'migrate'@'localhost' WITH GRANT OPTION;
CREATE DATABASE migrate_test;
SQL
    echo "mysql://migrate:${password}@127.0.0.1:${started}/migrate_test" > "$dir/url"
    echo "$started" > "$dir/port"
    echo "$home/mysqld.sock" > "$dir/socket"
    chmod 644 "$dir/url" "$dir/port" "$dir/socket" "$dir/home"
    echo "mariadb-test-server: $("$mariadbd" --version | awk '{print $3}') on 127.0.0.1:$started"
    ;;
  stop)
    stop_server
    [ -n "$home" ] && rm -rf "$home"
    rm -rf "$dir"
    ;;
  *) echo "usage: mariadb-test-server.sh start|stop DIR" >&2; exit 2 ;;
esac
