#!/usr/bin/env bash
# Installs the Debian 12 packages migrate needs to build and test (and any
# named as arguments).
# Skips apt entirely when everything is already there.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libcli11-dev libyaml-dev libsqlite3-dev sqlite3 libpq-dev default-libmysqlclient-dev
  libspdlog-dev libfmt-dev nlohmann-json3-dev doctest-dev libssl-dev
  clang libclang-rt-14-dev  # scripts/fuzz.sh: Debian 12's clang is 14; libFuzzer is in its compiler-rt
  python3-alembic
  python3  # tests/docs/run_doc.py, the doc-tests (their pages also use git, sqlite3, psql, mariadb)
  zsh fish  # tests/integration/test_install.cpp checks the generated completions parse
  debootstrap  # scripts/deb-check.sh: a clean Debian 12 to install the .deb in
  postgresql postgresql-client
  mariadb-server mariadb-client
)
# More packages named on the command line join these (bench/install-deps.sh).
PACKAGES+=("$@")

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
