#!/usr/bin/env bash
# Builds migrate (no tests) into build-package/ (or $BUILD_DIR) and makes the
# Debian package there with CPack; prints the .deb's path. Its dependencies
# are computed by dpkg-shlibdeps from the binary. RelWithDebInfo (-O2), as
# every other build: GCC 12's -O3 gives false -Wrestrict errors in
# std::string; CPack strips the debug information from the packaged binary.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-package}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGRATE_TESTS=OFF "$@" >/dev/null
cmake --build "$BUILD_DIR" -j"${JOBS:-2}" --target migrate migrate_share
(cd "$BUILD_DIR" && rm -f ./*.deb && cpack -G DEB >/dev/null)
ls "$PWD/$BUILD_DIR"/*.deb
