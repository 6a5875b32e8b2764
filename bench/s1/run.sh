# S1, autogenerate on a large live schema (sourced by bench/run.sh).
# For each dialect and N: the live database made from generate.py's base
# model (by migrate: autogenerate from empty, upgrade head, then the history
# forgotten, as a project adopting an existing database has none), the
# target model with the known changes, then `migrate revision --autogenerate`
# and `alembic revision --autogenerate` alternately on it. Each tool's
# revision is checked against the known changes (compare_ops.py).
s1_dir=$bench_root/bench/s1

# s1_url DIALECT DB: one URL both tools take (migrate ignores the driver).
s1_url() {
  case $1 in
    sqlite) echo "sqlite:///$2" ;;
    postgresql) echo "postgresql+psycopg2://${pg_url#postgresql://}/$2" ;;
    mysql) echo "mysql+pymysql://${my_url#mysql://}/$2" ;;
  esac
}

# s1_queries DIALECT: the server's statement counter (none for SQLite).
s1_queries() {
  case $1 in
    postgresql) pg_logged ;;
    mysql) echo $(($(my_questions) - 1)) ;;  # less the SHOW STATUS itself
    *) echo 0 ;;
  esac
}

# s1_case DIALECT N: one row of results into the s1_* arrays.
s1_case() {
  local d=$1 n=$2 key="$1 $2" dir db url i m_times=() a_times=() m_kb=0 a_kb=0 q0 start
  dir=$BENCH_WORK/s1-$d-$n
  db=s1_$n
  rm -rf "$dir"
  mkdir -p "$dir/base" "$dir/migrations/versions"
  "$py" "$s1_dir/generate.py" "$n" "$dir" --changed --dialect "$d"
  case $d in
    sqlite) db=$dir/bench.db ;;
    postgresql)
      pg_sql postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" \
        -c "ALTER DATABASE $db SET log_statement = 'all'"
      ;;
    mysql) my_sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db" ;;
  esac
  url=$(s1_url "$d" "$db")
  export BENCH_URL=$url
  cd "$dir"
  printf 'script_location: migrations\ndatabase_url: ${BENCH_URL}\nmodel: schema.yaml\n' >migrate.yaml
  printf 'script_location: migrations\ndatabase_url: ${BENCH_URL}\nmodel: base/schema.yaml\n' >setup.yaml
  # A revision of at most 1,000 new tables at a time: one transaction
  # creating 5,000 tables (with their indexes) runs out of PostgreSQL's lock
  # table (max_locks_per_transaction 64 x max_connections 100).
  start=$(date +%s)
  local k
  for ((k = 1000; k < n + 1000; k += 1000)); do
    ((k > n)) && k=$n
    "$py" "$s1_dir/generate.py" "$k" "$dir/base" --dialect "$d"
    "$migrate" -q -c setup.yaml revision --autogenerate -m "base $k" --rev-id "base$k" >/dev/null
    "$migrate" -q -c setup.yaml upgrade head
  done
  "$migrate" -q -c setup.yaml stamp --purge base
  rm -f migrations/versions/*.yaml migrations/versions.sum
  s1_setup[$key]=$(($(date +%s) - start))
  alembic_project "$dir/alembic"
  mv model.py alembic/
  alembic_cmd "$dir/alembic"

  # What each finds, from one run each (its queries counted, too).
  q0=$(s1_queries "$d")
  measure "$migrate" -q revision --autogenerate -m bench --rev-id check
  s1_mq[$key]=$(($(s1_queries "$d") - q0))
  s1_mfound[$key]=$("$py" "$s1_dir/compare_ops.py" migrate migrations/versions/check_*.yaml "$n")
  rm -f migrations/versions/*.yaml migrations/versions.sum
  q0=$(s1_queries "$d")
  local a_runs=$s1_alembic_runs
  ((n >= 5000)) && a_runs=$s1_alembic_runs_5000
  if measure "${alembic[@]}" revision --autogenerate -m bench --rev-id check; then
    s1_aq[$key]=$(($(s1_queries "$d") - q0))
    s1_afound[$key]=$("$py" "$s1_dir/compare_ops.py" alembic alembic/versions/check_*.py "$n")
  else
    # Recorded, not fatal: the other cases still run.
    s1_aq[$key]="-"
    s1_afound[$key]='{"ops": 0, "kinds": {}, "missing": ["(Alembic failed: see the log)"], "extra": []}'
    a_runs=0 secs=0 kb=0
  fi
  rm -f alembic/versions/*.py
  echo "S1 $d N=$n: migrate ${s1_mfound[$key]} (${s1_mq[$key]} queries)" >&2
  echo "S1 $d N=$n: alembic ${s1_afound[$key]} (${s1_aq[$key]} queries)" >&2

  # Timed, alternately, so both see the same load.
  for ((i = 0; i < s1_runs || i < a_runs; i++)); do
    if ((i < s1_runs)); then
      measure "$migrate" -q revision --autogenerate -m bench --rev-id "r$i"
      m_times+=("$secs")
      ((kb > m_kb)) && m_kb=$kb
      rm -f migrations/versions/*.yaml migrations/versions.sum
    fi
    if ((i < a_runs)); then
      measure "${alembic[@]}" revision --autogenerate -m bench --rev-id "r$i"
      a_times+=("$secs")
      ((kb > a_kb)) && a_kb=$kb
      rm -f alembic/versions/*.py
    fi
  done
  s1_m[$key]=$(median "${m_times[@]}")
  s1_a[$key]=0
  ((${#a_times[@]})) && s1_a[$key]=$(median "${a_times[@]}")
  s1_mkb[$key]=$m_kb
  s1_akb[$key]=$a_kb
  s1_aruns[$key]=$a_runs
  echo "S1 $d N=$n: migrate ${m_times[*]} s (${m_kb} KB); alembic ${a_times[*]} s (${a_kb} KB)" >&2
  cd "$BENCH_WORK"
  case $d in
    postgresql) pg_sql postgres -c "DROP DATABASE $db" ;;
    mysql) my_sql -e "DROP DATABASE $db" ;;
  esac
}

declare -A s1_m s1_a s1_mkb s1_akb s1_mq s1_aq s1_mfound s1_afound s1_setup s1_aruns

# s1_found JSON: "8 (as expected)" or the differences.
s1_found() {
  "$py" -c '
import collections, json, sys
r = json.loads(sys.argv[1])
diff = []
for word in ("missing", "extra"):
    # One entry per kind and column/index, with the number of tables.
    groups = collections.Counter()
    for x in r[word]:
        kind, table, *detail = x.split()
        groups[(kind, " ".join(detail), table)] += 1
    by = collections.defaultdict(list)
    for (kind, detail, table), c in groups.items():
        by[(kind, detail)].append(table)
    for (kind, detail), tables in sorted(by.items()):
        where = tables[0] if len(tables) == 1 else "%d tables" % len(tables)
        diff.append("%s %s %s (%s)" % (word, kind, detail, where) if detail else "%s %s %s" % (word, kind, where))
print("%d ops, %s" % (r["ops"], "exactly the known changes" if not diff else "; ".join(diff)))' "$1"
}

s1_run() {  # s1_run "DIALECTS" "SIZES"
  local d n
  for d in $1; do
    for n in $2; do
      s1_case "$d" "$n"
    done
  done
}

s1_report() {  # s1_report "DIALECTS" "SIZES": the Markdown section
  local d n key
  cat <<MD
## S1: autogenerate on a large live schema

\`bash bench/run.sh\` (bench/s1): \`migrate revision --autogenerate\` against
\`alembic revision --autogenerate\` (compare_type on, the same database, an
equivalent SQLAlchemy model: both written by \`bench/s1/generate.py\`). N
tables of 10 columns (integer, varchar, numeric, boolean, timestamp, text),
a primary key, two indexes (one unique) and a foreign key to the previous
table; the model differs from the live schema by 8 known changes (a table
added and one dropped, a column added and one dropped, an index added and one
dropped, a type and a nullability changed). Medians of $s1_runs runs for
migrate, of the stated number for Alembic (alternating, so both see the same
load); peak RSS is the largest of the runs; queries are the statements the
server received during one run (PostgreSQL: log_statement = all; MariaDB: the
Questions counter), connection set-up included.

| dialect | N | migrate (median) | Alembic (median, runs) | Alembic / migrate | migrate peak RSS | Alembic peak RSS | migrate queries | Alembic queries |
|---|---|---|---|---|---|---|---|---|
MD
  for d in $1; do
    for n in $2; do
      key="$d $n"
      [[ -n ${s1_m[$key]:-} ]] || continue
      local mq=${s1_mq[$key]} aq=${s1_aq[$key]}
      [[ $d == sqlite ]] && mq="-" aq="-"
      echo "| $d | $n | $(ms "${s1_m[$key]}") ms | $(ms "${s1_a[$key]}") ms (${s1_aruns[$key]}) | $(ratio "${s1_a[$key]}" "${s1_m[$key]}")x | $(mb "${s1_mkb[$key]}") MB | $(mb "${s1_akb[$key]}") MB | $mq | $aq |"
    done
  done
  echo
  echo "What each found (operations counted by kind, a new or dropped table's own indexes with it):"
  echo
  echo "| dialect | N | migrate | Alembic |"
  echo "|---|---|---|---|"
  for d in $1; do
    for n in $2; do
      key="$d $n"
      [[ -n ${s1_m[$key]:-} ]] || continue
      echo "| $d | $n | $(s1_found "${s1_mfound[$key]}") | $(s1_found "${s1_afound[$key]}") |"
    done
  done
  echo
  echo -n "Making the live databases (migrate: autogenerate from empty, upgrade head) took "
  for d in $1; do
    for n in $2; do
      [[ -n ${s1_setup["$d $n"]:-} ]] && echo -n "${s1_setup["$d $n"]} s ($d, $n), "
    done
  done | sed 's/, $/./'
  echo
  echo
}
