#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang + ASan + UBSan) in build-fuzz/
# (or $FUZZ_BUILD_DIR) and runs each for SECONDS (default 60), starting from
# the seed corpus fuzz/corpus/<target>/. What a run adds to the corpus stays in
# the build folder; a crash, hang, leak or escaped exception stops with exit 1
# and leaves the input in build-fuzz/artifacts/<target>/: turn it into a unit
# test (tests/unit/test_fuzz_regressions.cpp) once fixed.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]   targets: model revision config targets
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(model revision config targets)
build=${FUZZ_BUILD_DIR:-build-fuzz}

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DMIGRATE_FUZZ=ON -DMIGRATE_TESTS=OFF >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${targets[@]}"; do
  work=$build/corpus/$t
  artifacts=$build/artifacts/$t
  mkdir -p "$work" "$artifacts"
  dict=fuzz/yaml.dict
  [ "$t" != targets ] || dict=fuzz/targets.dict
  echo "== fuzz_$t: ${seconds}s"
  # -timeout: one input taking over 5 s is a hang; -rss_limit_mb: a memory blow-up.
  if ! "$build/fuzz/fuzz_$t" "$work" "fuzz/corpus/$t" -dict="$dict" \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=4096 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$build/fuzz_$t.log" 2>&1; then
    echo "fuzz_$t: FOUND SOMETHING (log: $build/fuzz_$t.log, input in $artifacts/)"
    grep -m5 -E "ERROR|fuzz:|SUMMARY|Test unit written" "$build/fuzz_$t.log" || true
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz_$t.log" | tr '\n' ' '
    echo
  fi
done
exit $status
