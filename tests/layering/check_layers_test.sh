#!/usr/bin/env bash
# scripts/check-layers.sh must refuse what its rules forbid: each case adds one
# include to a copy of the tree and expects exit 1 naming that file and line
# (and the untouched copy to pass), so a rule that stopped biting fails here.
# Usage: check_layers_test.sh SOURCE_DIR
set -euo pipefail
src=$1
check=$src/scripts/check-layers.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fresh() {
  rm -rf "$tmp/tree"
  mkdir -p "$tmp/tree"
  cp -r "$src/cli" "$src/project" "$src/core" "$src/dialects" "$tmp/tree/"
}

fresh
bash "$check" "$tmp/tree" >/dev/null || { echo "FAIL: the untouched tree is refused"; exit 1; }

failures=0
# file that gets the include | the include | what the rule is
cases=(
  "core/base/error.cpp|core/yaml/yaml_node.hpp|base includes nothing"
  "core/schema/type.cpp|core/ops/ops.hpp|schema is below ops"
  "core/compare/compare.cpp|core/dialect/dialect.hpp|compare is pure: no dialect"
  "core/compare/compare.cpp|core/config/config.hpp|compare is pure: no config"
  "core/ops/ops.cpp|core/script/script.hpp|ops is below script"
  "core/runner/runner.cpp|core/lint/lint.hpp|runner does not see lint"
  "core/graph/graph.cpp|project/workspace.hpp|core never includes project/"
  "core/model/model.cpp|dialects/registry.hpp|core never includes dialects/"
  "core/lint/lint.cpp|cli/context.hpp|core never includes cli/"
  "dialects/sqlite/compile.cpp|core/graph/graph.hpp|a dialect sees no graph"
  "dialects/postgresql/inspect.cpp|core/config/config.hpp|a dialect sees no config"
  "dialects/mysql/compile.cpp|dialects/sqlite/types.hpp|a dialect sees no other dialect"
  "dialects/sqlite/inspect.cpp|project/workspace.hpp|dialects never include project/"
  "project/workspace.cpp|cli/context.hpp|project never includes cli/"
  "project/autogenerate.cpp|dialects/postgresql/compile.hpp|project sees only the registry"
  "cli/cmd_check.cpp|dialects/registry.hpp|cli opens databases through project/"
)
for c in "${cases[@]}"; do
  IFS='|' read -r file inc why <<<"$c"
  fresh
  echo "#include \"$inc\"" >>"$tmp/tree/$file"
  line=$(wc -l <"$tmp/tree/$file")
  if out=$(bash "$check" "$tmp/tree" 2>&1); then
    echo "FAIL ($why): $file including $inc was accepted"
    failures=$((failures + 1))
  elif ! grep -q "^$file:$line: " <<<"$out"; then
    echo "FAIL ($why): the refusal does not name $file:$line; it said: $out"
    failures=$((failures + 1))
  fi
done
echo "${#cases[@]} forbidden includes, $failures accepted"
[ "$failures" = 0 ]
