#pragma once
// A scratch MySQL database per test, on the MariaDB server
// scripts/mariadb-test-server.sh started for this ctest run (its URL is in
// $MIGRATE_TEST_MYSQL_DIR/url).
#include <string>
#include <vector>

namespace mytest {

// The server's URL; fails the test run (never skips) when there is none.
std::string server_url();
// The server's unix socket.
std::string server_socket();

class Database {
 public:
  Database();   // CREATE DATABASE with a fresh name
  ~Database();  // DROP DATABASE
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  // Rows as "a|b|c" text ("NULL" for null); throws std::runtime_error on errors.
  std::vector<std::string> query(const std::string& sql) const;
  // One or more statements.
  void exec(const std::string& sql) const;
  // Tables, columns, indexes, constraints, views, triggers and routines as
  // information_schema reports them, sorted (column order left out: ADD COLUMN appends), skipping
  // `skip_table` and migrate_history: two databases with equal catalogs give equal vectors.
  std::vector<std::string> catalog(const std::string& skip_table = "") const;
  // catalog("migrate_version") and what a corpus case may also change: the
  // order of each table's columns, generated columns' expressions, routines'
  // parameters and return types, security and comments, views' security,
  // triggers' order.
  std::vector<std::string> corpus_catalog() const;
  // The server's count of statements from every session (global Questions):
  // the difference around a command is what it sent, plus this query itself.
  long long questions() const;
  // An option file for the mariadb and mariadb-dump clients
  // (--defaults-file=PATH): this database, on the test server, no password
  // on a command line.
  void write_client_config(const std::string& path) const;

 private:
  std::string name_;
  std::string url_;
};

}  // namespace mytest
