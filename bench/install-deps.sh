#!/usr/bin/env bash
# The benchmark's packages, on top of the build's (scripts/install-deps.sh):
# Alembic's database drivers, hyperfine, GNU time (peak RSS), and the
# profilers used where a target is missed. Skips apt when all are there.
set -euo pipefail
bash "$(dirname "$0")/../scripts/install-deps.sh"
PACKAGES=(python3-alembic python3-yaml python3-psycopg2 python3-pymysql hyperfine time linux-perf valgrind)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "bench/install-deps: all packages present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "bench/install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
