#!/usr/bin/env bash
# README command two: install, build, run every test suite; then the same
# suites again built with AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

# The include rules first (docs/architecture.md): a broken layer fails in a second.
echo "== layers"
bash scripts/check-layers.sh

echo "== build (RelWithDebInfo)"
BUILD_DIR=build bash scripts/build.sh -DMIGRATE_TESTS=ON
echo "== tests"
# Two at a time: the server-bound suites mostly wait on PostgreSQL/MariaDB.
ctest --test-dir build -j2 --output-on-failure

# The .deb of this build installed on a clean Debian 12 (debootstrap, cached
# in /var/cache after the first run); DEB_CHECK=0 skips it.
if [ "${DEB_CHECK:-1}" != "0" ]; then
  echo "== package: .deb on a clean Debian 12"
  deb=$(BUILD_DIR=build bash scripts/package.sh -DMIGRATE_TESTS=ON | tail -1)
  bash scripts/deb-check.sh "$deb"
fi

if [ "${SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== build (AddressSanitizer + UBSan)"
  BUILD_DIR=build-asan BUILD_TYPE=Debug bash scripts/build.sh -DMIGRATE_TESTS=ON -DMIGRATE_SANITIZE=ON
  echo "== tests under sanitizers"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan -j2 --output-on-failure
fi

# libFuzzer on the loaders and the target grammar (scripts/fuzz.sh): FUZZ_SECONDS
# per target, 0 skips it.
fuzz_seconds=${FUZZ_SECONDS:-30}
if [ "$fuzz_seconds" != "0" ]; then
  echo "== fuzz (${fuzz_seconds}s per target)"
  bash scripts/fuzz.sh "$fuzz_seconds"
fi
