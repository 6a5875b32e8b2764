#!/usr/bin/env bash
# README command two: install, build, run every test suite; then the same
# suites again built with AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "== build (RelWithDebInfo)"
BUILD_DIR=build bash scripts/build.sh -DMIGRATE_TESTS=ON
echo "== tests"
ctest --test-dir build --output-on-failure

if [ "${SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== build (AddressSanitizer + UBSan)"
  BUILD_DIR=build-asan BUILD_TYPE=Debug bash scripts/build.sh -DMIGRATE_TESTS=ON -DMIGRATE_SANITIZE=ON
  echo "== tests under sanitizers"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure
fi

# libFuzzer on the loaders and the target grammar (scripts/fuzz.sh): FUZZ_SECONDS
# per target, 0 skips it.
fuzz_seconds=${FUZZ_SECONDS:-30}
if [ "$fuzz_seconds" != "0" ]; then
  echo "== fuzz (${fuzz_seconds}s per target)"
  bash scripts/fuzz.sh "$fuzz_seconds"
fi
