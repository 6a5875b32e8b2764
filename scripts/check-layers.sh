#!/usr/bin/env bash
# The dependency rules of the source tree (docs/architecture.md), read off the
# #include lines: exits 1 naming file:line for every include that breaks one.
#   R1  cli -> project -> {dialects/registry.hpp, core}, dialects/<d> -> core:
#       core/ includes no cli/, dialects/ or project/; dialects/ includes no
#       cli/ or project/; project/ includes no cli/ and, of dialects/, only
#       registry.hpp; cli/ includes no dialects/ file (project/ opens the
#       database).
#   R2  dialects/<d>/ includes only its own folder and core/{base,sql,schema,
#       ops,compare,dialect}; only dialects/registry.cpp sees several dialects.
#   R3  core/<folder>/ includes only its own folder and the folders of its row.
# Usage: scripts/check-layers.sh [ROOT]   (ROOT defaults to the repository)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

# R3: a folder may include only what its row lists (a lower floor).
declare -A allowed=(
  [base]=""
  [yaml]="base"
  [sql]="base"
  [schema]="base"
  [ops]="schema sql base"
  [model]="schema yaml base"
  [script]="ops model schema yaml base"
  [compare]="ops schema sql base"
  [graph]="script ops schema base"
  [versions]="script yaml base"
  [dialect]="compare ops schema sql base"
  [lint]="graph script ops schema sql base"
  [runner]="dialect graph script ops schema sql base"
  [config]="lint compare dialect schema yaml base"
)
dialect_core=" base sql schema ops compare dialect "

status=0
fail() {
  echo "$1: $2" >&2
  status=1
}

while IFS= read -r -d '' f; do
  top=${f%%/*}
  while IFS= read -r hit; do
    line=${hit%%:*}
    [[ "${hit#*:}" =~ \"([^\"]*)\" ]] || continue
    inc=${BASH_REMATCH[1]}
    to_top=${inc%%/*}
    where="$f:$line"
    case "$top" in
      core)
        from=${f#core/}
        from=${from%%/*}
        if [[ "$f" != core/*/* || -z "${allowed[$from]+x}" ]]; then
          fail "$where" "$f is in no folder of the core table"
          continue
        fi
        case "$to_top" in
          cli | dialects | project) fail "$where" "core may not include $to_top/ ($inc)" ;;
          core)
            to=${inc#core/}
            to=${to%%/*}
            if [[ "$inc" != core/*/* || -z "${allowed[$to]+x}" ]]; then
              fail "$where" "$inc is in no folder of the core table"
            elif [[ "$to" != "$from" && " ${allowed[$from]} " != *" $to "* ]]; then
              fail "$where" "core/$from may not include core/$to ($inc)"
            fi
            ;;
        esac
        ;;
      dialects)
        case "$to_top" in
          cli | project) fail "$where" "dialects may not include $to_top/ ($inc)" ;;
          core)
            to=${inc#core/}
            to=${to%%/*}
            [[ "$dialect_core" == *" $to "* ]] ||
              fail "$where" "a dialect may not include core/$to ($inc)"
            ;;
          dialects)
            own=${f#dialects/}
            own=${own%%/*}
            [[ "$f" == dialects/registry.cpp || "$inc" == dialects/"$own"/* ]] ||
              fail "$where" "dialects/$own may not include another dialect ($inc)"
            ;;
        esac
        ;;
      project)
        case "$to_top" in
          cli) fail "$where" "project may not include cli/ ($inc)" ;;
          dialects)
            [[ "$inc" == dialects/registry.hpp ]] ||
              fail "$where" "project may include only dialects/registry.hpp of dialects/ ($inc)"
            ;;
        esac
        ;;
      cli)
        case "$to_top" in
          dialects) fail "$where" "cli may not include dialects/ ($inc)" ;;
        esac
        ;;
    esac
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" || true)
done < <(find cli project core dialects -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) \
  -print0 | sort -z)

[ "$status" = 0 ] && echo "layers: ok"
exit "$status"
