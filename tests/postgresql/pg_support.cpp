#include "pg_support.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

namespace pgtest {
namespace {

PGconn* connect(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to the test server: " + msg);
  }
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  return c;
}

// Appends the rows of `sql` to `rows`; the caller closes `c`.
void run_on(PGconn* c, const std::string& sql, std::vector<std::string>& rows) {
  PGresult* r = PQexec(c, sql.c_str());
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::string msg = PQresultErrorMessage(r);
    PQclear(r);
    throw std::runtime_error("query failed: " + msg + " in: " + sql);
  }
  for (int i = 0; i < PQntuples(r); ++i) {
    std::string row;
    for (int j = 0; j < PQnfields(r); ++j) {
      if (j) row += '|';
      row += PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j);
    }
    rows.push_back(row);
  }
  PQclear(r);
}

// The rows of every query, run on one connection.
std::vector<std::string> run(const std::string& url, const std::vector<std::string>& queries) {
  PGconn* c = connect(url);
  std::vector<std::string> rows;
  try {
    for (const auto& sql : queries) run_on(c, sql, rows);
  } catch (...) {
    PQfinish(c);
    throw;
  }
  PQfinish(c);
  return rows;
}

std::vector<std::string> run(const std::string& url, const std::string& sql) {
  return run(url, std::vector<std::string>{sql});
}

std::string with_database(const std::string& url, const std::string& db) {
  auto q = url.find('?');
  std::string base = url.substr(0, q);
  auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + db + (q == std::string::npos ? "" : url.substr(q));
}

}  // namespace

std::string server_url() {
  const char* dir = std::getenv("MIGRATE_TEST_PG_DIR");
  if (!dir || !*dir)
    throw std::runtime_error(
        "MIGRATE_TEST_PG_DIR is not set: run these tests through ctest, whose fixture starts a "
        "PostgreSQL server with scripts/pg-test-server.sh");
  std::ifstream in(std::string(dir) + "/url");
  std::string url;
  if (!std::getline(in, url) || url.empty())
    throw std::runtime_error(std::string("no PostgreSQL test server URL in ") + dir +
                             "/url: the server did not start (see scripts/pg-test-server.sh)");
  return url;
}

Database::Database() {
  std::random_device rd;
  name_ = "t_" + std::to_string(rd()) + std::to_string(rd() % 1000);
  run(server_url(), "CREATE DATABASE " + name_);
  url_ = with_database(server_url(), name_);
}

Database::~Database() {
  try {
    run(server_url(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (...) {
  }
}

std::vector<std::string> Database::query(const std::string& sql) const {
  return run(url_, sql);
}
void Database::exec(const std::string& sql) const {
  run(url_, sql);
}

std::vector<std::string> Database::catalog(const std::string& skip_table) const {
  // migrate's history table is migrate's, like the version table.
  std::string skip = "'" + skip_table + "', 'migrate_history'";
  std::vector<std::string> out;
  for (const char* q : {
           "SELECT 'column', table_name, column_name, data_type, "
           "coalesce(character_maximum_length::text,''), "
           "is_nullable, coalesce(column_default,'') FROM information_schema.columns WHERE "
           "table_schema = "
           "'public' AND table_name NOT IN (%s) ORDER BY 2, 3",
           "SELECT 'constraint', c.conrelid::regclass::text, c.conname, "
           "pg_get_constraintdef(c.oid) FROM "
           "pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = "
           "'public' AND "
           "c.conrelid::regclass::text NOT IN (%s) ORDER BY 2, 3",
           "SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = "
           "'public' AND "
           "tablename NOT IN (%s) ORDER BY 2, 3",
           "SELECT 'comment', c.relname, coalesce(obj_description(c.oid, 'pg_class'), '') FROM "
           "pg_class c "
           "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind "
           "= 'r' AND "
           "c.relname NOT IN (%s) ORDER BY 2",
           "SELECT 'enum', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) "
           "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = "
           "t.typnamespace WHERE n.nspname = 'public' AND t.typname NOT IN (%s) GROUP BY 2 ORDER "
           "BY 2",
       }) {
    std::string sql = q;
    auto pos = sql.find("%s");
    sql.replace(pos, 2, skip);
    auto rows = query(sql);
    out.insert(out.end(), rows.begin(), rows.end());
  }
  return out;
}

// The queries of Database::full_catalog(), one row kind each.
static std::vector<std::string> full_catalog_queries() {
  const std::string user_tables =
      "c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname "
      "NOT LIKE 'pg\\_%' AND c.relname NOT IN ('migrate_version', 'migrate_history')";
  return {
      "SELECT 'column', n.nspname, c.relname, a.attname, format_type(a.atttypid, "
      "a.atttypmod), a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), ''), "
      "a.attidentity, a.attgenerated FROM pg_attribute a JOIN pg_class c ON c.oid = "
      "a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON "
      "d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attnum > 0 AND NOT "
      "a.attisdropped AND " +
          user_tables,
      "SELECT 'sequence', n.nspname, c.relname, format_type(s.seqtypid, NULL), "
      "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
      "coalesce((SELECT dep.deptype::text || ' ' || dep.refobjid::regclass::text || '.' || "
      "att.attname FROM pg_depend dep JOIN pg_attribute att ON att.attrelid = dep.refobjid "
      "AND att.attnum = dep.refobjsubid WHERE dep.classid = 'pg_class'::regclass AND "
      "dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN "
      "('a', 'i')), 'not owned') FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace",
      "SELECT 'constraint', n.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid) "
      "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n "
      "ON n.oid = c.relnamespace WHERE " +
          user_tables,
      "SELECT 'index', schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE "
      "schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename NOT IN "
      "('migrate_version', 'migrate_history')",
      "SELECT 'comment', n.nspname, c.relname, a.attname, col_description(c.oid, "
      "a.attnum) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN "
      "pg_namespace n ON n.oid = c.relnamespace WHERE a.attnum > 0 AND "
      "col_description(c.oid, a.attnum) IS NOT NULL AND " +
          user_tables,
      "SELECT 'table comment', n.nspname, c.relname, obj_description(c.oid, 'pg_class') "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
      "obj_description(c.oid, 'pg_class') IS NOT NULL AND " +
          user_tables,
  };
}

std::vector<std::string> Database::full_catalog() const {
  auto out = run(url_, full_catalog_queries());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Database::corpus_catalog() const {
  const std::string user_schema =
      " NOT IN ('pg_catalog', 'information_schema') AND NOT (n.nspname LIKE 'pg\\_%')";
  auto queries = full_catalog_queries();
  // One connection for all: a new backend costs more than the queries.
  queries.push_back(
      "SELECT 'column order', n.nspname, c.relname, string_agg(a.attname, ',' ORDER BY "
      "a.attnum) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n "
      "ON n.oid = c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r' "
      "AND c.relname NOT IN ('migrate_version', 'migrate_history') AND n.nspname" +
      user_schema +
      " GROUP BY n.nspname, c.relname "
      "UNION ALL SELECT 'column collation', n.nspname, c.relname, a.attname || ' ' || "
      "co.collname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace "
      "n ON n.oid = c.relnamespace JOIN pg_collation co ON co.oid = a.attcollation WHERE "
      "a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r' AND c.relname NOT IN "
      "('migrate_version', 'migrate_history') AND n.nspname" +
      user_schema +
      " UNION ALL SELECT 'enum', n.nspname, t.typname, string_agg(e.enumlabel, ',' ORDER BY "
      "e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace "
      "n ON n.oid = t.typnamespace GROUP BY n.nspname, t.typname "
      "UNION ALL SELECT 'view', schemaname, viewname, definition FROM pg_views WHERE "
      "schemaname NOT IN ('pg_catalog', 'information_schema') "
      "UNION ALL SELECT 'materialized view', schemaname, matviewname, definition FROM "
      "pg_matviews "
      "UNION ALL SELECT 'trigger', n.nspname, c.relname || '.' || t.tgname, "
      "pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN "
      "pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal "
      "UNION ALL SELECT 'routine ' || p.prokind::text, n.nspname, p.proname, "
      "pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE p.prokind IN ('f', 'p') AND n.nspname" +
      user_schema +
      // Partitioned tables (relkind 'p', which the queries above leave out):
      // their key, columns and constraints, and each partition's bound.
      " UNION ALL SELECT 'partition key', n.nspname, c.relname, pg_get_partkeydef(c.oid) FROM "
      "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'p' "
      "UNION ALL SELECT 'partition', n.nspname, p.relname || '.' || c.relname, "
      "c.relkind::text || ' ' || pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN "
      "pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN "
      "pg_namespace n ON n.oid = c.relnamespace WHERE c.relispartition "
      "UNION ALL SELECT 'partitioned column', n.nspname, c.relname, a.attnum || ' ' || "
      "a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || "
      "' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a JOIN pg_class c "
      "ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef "
      "d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attnum > 0 AND NOT "
      "a.attisdropped AND c.relkind = 'p' "
      "UNION ALL SELECT 'partitioned constraint', n.nspname, c.relname, con.conname || ' ' || "
      "pg_get_constraintdef(con.oid) FROM pg_constraint con JOIN pg_class c ON c.oid = "
      "con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'p'");
  queries.push_back(
      "SELECT 'domain', n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod) || "
      "' not null ' || t.typnotnull || ' default ' || coalesce(t.typdefault, '-') || "
      "' collation ' || t.typcollation || ' checks ' || coalesce((SELECT string_agg(c.conname "
      "|| ' ' || pg_get_constraintdef(c.oid), '; ' ORDER BY c.conname) FROM pg_constraint c "
      "WHERE c.contypid = t.oid), '-') FROM pg_type t JOIN pg_namespace n ON n.oid = "
      "t.typnamespace WHERE t.typtype = 'd' AND n.nspname" +
      user_schema +
      " UNION ALL SELECT 'extension', n.nspname, e.extname, e.extversion FROM pg_extension e "
      "JOIN pg_namespace n ON n.oid = e.extnamespace");
  auto out = run(url_, queries);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace pgtest
