#include "pg_support.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

namespace pgtest {
namespace {

std::vector<std::string> run(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to the test server: " + msg);
  }
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(c, sql.c_str());
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::string msg = PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
    throw std::runtime_error("query failed: " + msg + " in: " + sql);
  }
  std::vector<std::string> rows;
  for (int i = 0; i < PQntuples(r); ++i) {
    std::string row;
    for (int j = 0; j < PQnfields(r); ++j) {
      if (j) row += '|';
      row += PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j);
    }
    rows.push_back(row);
  }
  PQclear(r);
  PQfinish(c);
  return rows;
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

}  // namespace pgtest
