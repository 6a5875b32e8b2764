#!/usr/bin/env bash
# README command one: install, build, and migrate the example blog project
# on a SQLite file, up to head, one step down and back up.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
MIGRATE_TESTS=OFF bash scripts/build.sh -DMIGRATE_TESTS=OFF
MIGRATE="$PWD/build/migrate"

cd examples/blog
rm -f blog.db
echo
echo "== examples/blog: upgrade a new SQLite database (blog.db) to head"
"$MIGRATE" upgrade head
echo
echo "== where the database stands"
"$MIGRATE" current --verbose
echo "== tables in blog.db"
sqlite3 blog.db ".tables"
sqlite3 -header -column blog.db "SELECT u.name, p.title FROM posts p JOIN users u ON u.id = p.user_id;"
echo
echo "== one step down, then back to head"
"$MIGRATE" downgrade -1
"$MIGRATE" upgrade head
echo
echo "== the SQL of the whole chain, offline (first lines)"
"$MIGRATE" upgrade base:head --sql | head -n 12
echo "..."
echo
echo "Done: examples/blog/blog.db is at head. Try: cd examples/blog && ../../build/migrate --help"
