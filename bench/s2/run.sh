# S2, upgrade head over a long chain (sourced by bench/run.sh). For each
# dialect and R: `migrate upgrade head`, `alembic upgrade head` and the floor
# (generate.py's all.sql: the same statements as one transaction, run by
# sqlite3 or psql), each on a fresh, empty database, in turn.
s2_dir=$bench_root/bench/s2
declare -A s2_m s2_a s2_f s2_mkb s2_akb s2_fkb s2_aruns

# s2_fresh DIALECT DIR: an empty database; prints its URL.
s2_fresh() {
  case $1 in
    sqlite)
      rm -f "$2/s2.db"
      echo "sqlite:///$2/s2.db"
      ;;
    postgresql)
      pg_sql postgres -c "DROP DATABASE IF EXISTS s2" -c "CREATE DATABASE s2"
      echo "postgresql+psycopg2://${pg_url#postgresql://}/s2"
      ;;
  esac
}

# s2_check DIALECT DIR R TABLE: the database stands at the chain's last
# revision by version table TABLE.
s2_check() {
  local last got
  last=$(printf '%012x' "$3")
  case $1 in
    sqlite) got=$(sqlite3 "$2/s2.db" "SELECT version_num FROM $4") ;;
    postgresql) got=$(pg_sql s2 -c "SELECT version_num FROM $4") ;;
  esac
  [[ $got == "$last" ]] || { echo "S2 $1 R=$3: $4 holds '$got', not $last" >&2; return 1; }
}

s2_case() {  # s2_case DIALECT R
  local d=$1 r=$2 key="$1 $2" dir url i m=() a=() f=() mkb=0 akb=0 fkb=0 a_runs=$s2_alembic_runs
  dir=$BENCH_WORK/s2-$d-$r
  rm -rf "$dir"
  "$py" "$s2_dir/generate.py" "$r" "$dir"
  alembic_project "$dir/alembic"
  alembic_cmd "$dir/alembic"
  cd "$dir/migrate"
  BENCH_URL=sqlite:// "$migrate" -q hash >/dev/null  # versions.sum, as a real project has
  for ((i = 0; i < s2_runs || i < a_runs; i++)); do
    if ((i < s2_runs)); then
      url=$(s2_fresh "$d" "$dir")
      BENCH_URL=$url measure "$migrate" -q upgrade head
      m+=("$secs")
      ((kb > mkb)) && mkb=$kb
      s2_check "$d" "$dir" "$r" migrate_version
    fi
    if ((i < a_runs)); then
      url=$(s2_fresh "$d" "$dir")
      BENCH_URL=$url measure "${alembic[@]}" upgrade head
      a+=("$secs")
      ((kb > akb)) && akb=$kb
      s2_check "$d" "$dir" "$r" alembic_version
    fi
    if ((i < s2_runs)); then
      url=$(s2_fresh "$d" "$dir")
      case $d in
        sqlite) measure sqlite3 -bail "$dir/s2.db" ".read $dir/all.sql" ;;
        postgresql) measure psql -h "$pg_home" -p "$pg_port" -U migrate -d s2 -qAt -v ON_ERROR_STOP=1 -f "$dir/all.sql" ;;
      esac
      s2_check "$d" "$dir" "$r" migrate_version
      f+=("$secs")
      ((kb > fkb)) && fkb=$kb
    fi
  done
  s2_m[$key]=$(median "${m[@]}") s2_a[$key]=$(median "${a[@]}") s2_f[$key]=$(median "${f[@]}")
  s2_mkb[$key]=$mkb s2_akb[$key]=$akb s2_fkb[$key]=$fkb s2_aruns[$key]=$a_runs
  echo "S2 $d R=$r: migrate ${m[*]} s (${mkb} KB); alembic ${a[*]} s (${akb} KB); floor ${f[*]} s (${fkb} KB)" >&2
  cd "$BENCH_WORK"
}

s2_run() {  # s2_run "DIALECTS" "SIZES"
  local d r
  for d in $1; do
    for r in $2; do
      s2_case "$d" "$r"
    done
  done
}

s2_report() {  # s2_report "DIALECTS" "SIZES": the Markdown section
  local d r key
  cat <<MD
## S2: upgrade head over a long chain

\`bash bench/run.sh\` (bench/s2): \`migrate upgrade head\` against \`alembic
upgrade head\` and the floor, on a fresh empty database each run. The chain
(\`bench/s2/generate.py\`) is R revisions in one line, each one small change
in turn: a new table, a column added to it, an index on that column. The
floor is the same statements as one SQL script, version-table bookkeeping
included (CREATE TABLE, then one INSERT and R-1 UPDATEs of its row), in one
transaction, run by \`sqlite3\` or \`psql -f\`; migrate and Alembic also run
the whole upgrade as one transaction (migrate's default; Alembic's env.py
sets transactional_ddl so SQLite gets one too). The project has its
versions.sum, which migrate checks. Medians of $s2_runs runs (Alembic: the stated
number), in turn so all see the same load; peak RSS is the largest.

| dialect | R | migrate (median) | floor (median) | migrate / floor | Alembic (median, runs) | Alembic / migrate | migrate peak RSS | Alembic peak RSS |
|---|---|---|---|---|---|---|---|---|
MD
  for d in $1; do
    for r in $2; do
      key="$d $r"
      [[ -n ${s2_m[$key]:-} ]] || continue
      echo "| $d | $r | $(ms "${s2_m[$key]}") ms | $(ms "${s2_f[$key]}") ms | $(awk -v a="${s2_m[$key]}" -v b="${s2_f[$key]}" 'BEGIN { printf "%.2f", a / b }')x | $(ms "${s2_a[$key]}") ms (${s2_aruns[$key]}) | $(ratio "${s2_a[$key]}" "${s2_m[$key]}")x | $(mb "${s2_mkb[$key]}") MB | $(mb "${s2_akb[$key]}") MB |"
    done
  done
  echo
}
