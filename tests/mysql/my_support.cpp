#include "my_support.hpp"

#include <mysql.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

namespace mytest {
namespace {

struct Parts {
  std::string user, password, host, database;
  unsigned port = 0;
};

// mysql://user:password@host:port/database, as the server script writes it.
Parts parse(const std::string& url) {
  Parts p;
  std::string rest = url.substr(url.find("://") + 3);
  auto at = rest.rfind('@');
  std::string userinfo = rest.substr(0, at);
  rest = rest.substr(at + 1);
  p.user = userinfo.substr(0, userinfo.find(':'));
  p.password = userinfo.substr(userinfo.find(':') + 1);
  auto slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  p.database = rest.substr(slash + 1, rest.find('?', slash) - slash - 1);
  p.host = hostport.substr(0, hostport.find(':'));
  p.port = static_cast<unsigned>(std::stoi(hostport.substr(hostport.find(':') + 1)));
  return p;
}

std::vector<std::string> run(const std::string& url, const std::string& sql) {
  Parts p = parse(url);
  MYSQL* c = mysql_init(nullptr);
  if (!mysql_real_connect(c, p.host.c_str(), p.user.c_str(), p.password.c_str(), p.database.c_str(),
                          p.port, nullptr, CLIENT_MULTI_STATEMENTS)) {
    std::string msg = mysql_error(c);
    mysql_close(c);
    throw std::runtime_error("cannot connect to the test server: " + msg);
  }
  std::vector<std::string> rows;
  auto fail = [&] {
    std::string msg = mysql_error(c);
    mysql_close(c);
    throw std::runtime_error("query failed: " + msg + " in: " + sql);
  };
  if (mysql_real_query(c, sql.data(), sql.size()) != 0) fail();
  for (;;) {
    if (MYSQL_RES* res = mysql_store_result(c)) {
      unsigned n = mysql_num_fields(res);
      while (MYSQL_ROW r = mysql_fetch_row(res)) {
        unsigned long* len = mysql_fetch_lengths(res);
        std::string row;
        for (unsigned i = 0; i < n; ++i) {
          if (i) row += '|';
          row += r[i] ? std::string(r[i], len[i]) : "NULL";
        }
        rows.push_back(row);
      }
      mysql_free_result(res);
    } else if (mysql_field_count(c) != 0) {
      fail();
    }
    int more = mysql_next_result(c);
    if (more > 0) fail();
    if (more < 0) break;
  }
  mysql_close(c);
  return rows;
}

std::string with_database(const std::string& url, const std::string& db) {
  auto q = url.find('?');
  std::string base = url.substr(0, q);
  auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + db + (q == std::string::npos ? "" : url.substr(q));
}

std::string read_line(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string server_dir() {
  const char* dir = std::getenv("MIGRATE_TEST_MYSQL_DIR");
  if (!dir || !*dir)
    throw std::runtime_error(
        "MIGRATE_TEST_MYSQL_DIR is not set: run these tests through ctest, whose fixture starts a "
        "MariaDB server with scripts/mariadb-test-server.sh");
  return dir;
}

}  // namespace

std::string server_url() {
  std::string url = read_line(server_dir() + "/url");
  if (url.empty())
    throw std::runtime_error("no MariaDB test server URL in " + server_dir() +
                             "/url: the server did not start (see scripts/mariadb-test-server.sh)");
  return url;
}

std::string server_socket() {
  return read_line(server_dir() + "/socket");
}

Database::Database() {
  std::random_device rd;
  name_ = "t_" + std::to_string(rd()) + std::to_string(rd() % 1000);
  run(server_url(), "CREATE DATABASE " + name_);
  url_ = with_database(server_url(), name_);
}

Database::~Database() {
  try {
    run(server_url(), "DROP DATABASE IF EXISTS " + name_);
  } catch (...) {
  }
}

std::vector<std::string> Database::query(const std::string& sql) const {
  return run(url_, sql);
}
void Database::exec(const std::string& sql) const {
  run(url_, sql);
}

void Database::write_client_config(const std::string& path) const {
  Parts p = parse(url_);
  std::ofstream out(path);
  out << "[client]\nuser=" << p.user << "\npassword=" << p.password << "\nhost=" << p.host
      << "\nport=" << p.port
      << "\n"
      // The mariadb client's own group: mariadb-dump would take `database` for --databases.
      << "[mysql]\ndatabase=" << p.database << "\n";
  if (!out) throw std::runtime_error("cannot write " + path);
}

long long Database::questions() const {
  auto rows = run(url_, "SHOW GLOBAL STATUS LIKE 'Questions'");
  return std::stoll(rows.at(0).substr(rows.at(0).find('|') + 1));
}

std::vector<std::string> Database::catalog(const std::string& skip_table) const {
  const std::string db = "'" + name_ + "'";
  // migrate's history table is migrate's, like the version table.
  const std::string skip = "('" + skip_table + "', 'migrate_history')";
  std::vector<std::string> out;
  for (std::string q : {
           "SELECT 'table', TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_COMMENT FROM "
           "information_schema.TABLES WHERE TABLE_SCHEMA = DB AND TABLE_NAME NOT IN SKIP",
           "SELECT 'column', TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, "
           "COALESCE(COLUMN_DEFAULT, '(none)'), EXTRA, COALESCE(COLLATION_NAME, ''), "
           "COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DB AND "
           "TABLE_NAME NOT IN SKIP",
           "SELECT 'index', TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, "
           "COALESCE(SUB_PART, ''), INDEX_TYPE, INDEX_COMMENT FROM information_schema.STATISTICS "
           "WHERE TABLE_SCHEMA = DB AND TABLE_NAME NOT IN SKIP",
           "SELECT 'constraint', TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM "
           "information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DB AND TABLE_NAME NOT IN "
           "SKIP",
           "SELECT 'fk', TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, UPDATE_RULE, "
           "DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
           "CONSTRAINT_SCHEMA = DB AND TABLE_NAME NOT IN SKIP",
           "SELECT 'fkcol', TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME, "
           "REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE "
           "TABLE_SCHEMA = DB AND TABLE_NAME NOT IN SKIP",
           "SELECT 'check', TABLE_NAME, CONSTRAINT_NAME, LEVEL, CHECK_CLAUSE FROM "
           "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DB AND "
           "TABLE_NAME NOT IN SKIP",
           // A view names the tables of its own database `db`.`t`.
           "SELECT 'view', TABLE_NAME, REPLACE(VIEW_DEFINITION, CONCAT('`', TABLE_SCHEMA, '`.'), "
           "''), CHECK_OPTION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DB",
           "SELECT 'trigger', TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, "
           "EVENT_MANIPULATION, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE "
           "TRIGGER_SCHEMA = DB",
           "SELECT 'routine', ROUTINE_TYPE, ROUTINE_NAME, IS_DETERMINISTIC, SQL_DATA_ACCESS, "
           "ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DB",
       }) {
    for (auto* token : {"DB", "SKIP"}) {
      for (auto pos = q.find(token); pos != std::string::npos; pos = q.find(token))
        q.replace(pos, std::string(token).size(), token == std::string("DB") ? db : skip);
    }
    auto rows = query(q);
    out.insert(out.end(), rows.begin(), rows.end());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Database::corpus_catalog() const {
  const std::string db = "'" + name_ + "'";
  // One statement, so one connection more than catalog() makes.
  auto rows = query(
      "SELECT 'column order', TABLE_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION) "
      "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " +
      db +
      " AND TABLE_NAME NOT IN ('migrate_version', 'migrate_history') GROUP BY TABLE_NAME "
      "UNION ALL SELECT 'generated', TABLE_NAME, CONCAT(COLUMN_NAME, ' ', IS_GENERATED, ' ', "
      "GENERATION_EXPRESSION) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " +
      db +
      " AND TABLE_NAME NOT IN ('migrate_version', 'migrate_history') AND "
      "COALESCE(GENERATION_EXPRESSION, '') <> '' "
      "UNION ALL SELECT 'routine details', ROUTINE_NAME, CONCAT_WS(' ', ROUTINE_TYPE, "
      "COALESCE(DTD_IDENTIFIER, ''), SECURITY_TYPE, ROUTINE_COMMENT) FROM "
      "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = " +
      db +
      " UNION ALL SELECT 'parameter', SPECIFIC_NAME, CONCAT_WS(' ', ORDINAL_POSITION, "
      "COALESCE(PARAMETER_MODE, ''), COALESCE(PARAMETER_NAME, ''), DTD_IDENTIFIER) FROM "
      "information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = " +
      db +
      " UNION ALL SELECT 'view details', TABLE_NAME, SECURITY_TYPE FROM "
      "information_schema.VIEWS WHERE TABLE_SCHEMA = " +
      db +
      " UNION ALL SELECT 'trigger order', TRIGGER_NAME, CONCAT_WS(' ', ACTION_ORDER, "
      "ACTION_ORIENTATION) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = " +
      db +
      // Each partition in its place, with how the table spreads rows over them.
      " UNION ALL SELECT 'partition', TABLE_NAME, CONCAT_WS(' ', PARTITION_ORDINAL_POSITION, "
      "PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, "
      "COALESCE(PARTITION_DESCRIPTION, ''), COALESCE(SUBPARTITION_NAME, '')) FROM "
      "information_schema.PARTITIONS WHERE TABLE_SCHEMA = " +
      db + " AND PARTITION_NAME IS NOT NULL");
  auto out = catalog("migrate_version");
  out.insert(out.end(), rows.begin(), rows.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mytest
