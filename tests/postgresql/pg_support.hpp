#pragma once
// A scratch PostgreSQL database per test, on the server scripts/pg-test-server.sh
// started for this ctest run (its URL is in $MIGRATE_TEST_PG_DIR/url).
#include <string>
#include <vector>

namespace pgtest {

// The server's URL; fails the test run (never skips) when there is none.
std::string server_url();

class Database {
 public:
  Database();   // CREATE DATABASE with a fresh name
  ~Database();  // DROP DATABASE ... WITH (FORCE)
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  // Rows as "a|b|c" text ("NULL" for null); throws std::runtime_error on errors.
  std::vector<std::string> query(const std::string& sql) const;
  void exec(const std::string& sql) const;
  // Tables, columns, constraints and indexes of the public schema as text,
  // and enum types, sorted: two databases with equal catalogs give equal vectors.
  std::vector<std::string> catalog(const std::string& skip_table = "") const;
  // Everything a table path comparison reads, in every user schema, sorted:
  // each column's format_type, NOT NULL, default (pg_get_expr), identity and
  // generation; every sequence with its type, options and owning column;
  // constraints, indexes, comments and enums. migrate's own tables are left out.
  std::vector<std::string> full_catalog() const;
  // full_catalog() and what a corpus case may also change: the order of each
  // table's columns, their collations, enum types, views, materialized views,
  // triggers, functions and procedures (their definitions as the server
  // prints them).
  std::vector<std::string> corpus_catalog() const;

 private:
  std::string name_;
  std::string url_;
};

}  // namespace pgtest
