// SqliteConnection against real database files and in-memory databases.
#include <doctest/doctest.h>

#include <filesystem>

#include "dialects/sqlite/connection.hpp"
#include "tests/unit/sqlite_test_support.hpp"
#include "tests/unit/yaml_test_util.hpp"

using namespace migrate;
using namespace migrate::sqlite_test;

TEST_CASE("sqlite connection: values travel as bound parameters and come back typed") {
  SqliteConnection c(":memory:");
  c.execute({"CREATE TABLE t (n, f, s, b, z)", {}});
  c.execute({"INSERT INTO t VALUES (?, ?, ?, ?, ?)",
             {std::int64_t{9007199254740993}, 2.5, std::string("it's"), true, std::monostate{}}});
  c.execute({"INSERT INTO t (s) VALUES (x'00ff')", {}});
  auto rows = c.query({"SELECT n, f, s, b, z FROM t ORDER BY rowid", {}});
  REQUIRE(rows.size() == 2);
  CHECK(std::get<std::int64_t>(rows[0][0]) == 9007199254740993);
  CHECK(std::get<double>(rows[0][1]) == 2.5);
  CHECK(std::get<std::string>(rows[0][2]) == "it's");
  CHECK(std::get<std::int64_t>(rows[0][3]) == 1);
  CHECK(is_null(rows[0][4]));
  CHECK(std::get<std::string>(rows[1][2]) == std::string("\0\xff", 2));
  auto filtered = c.query({"SELECT count(*) FROM t WHERE s = ?", {std::string("it's")}});
  CHECK(std::get<std::int64_t>(filtered.at(0).at(0)) == 1);
}

TEST_CASE(
    "sqlite connection: several statements in one call, only in a script without parameters") {
  SqliteConnection c("");
  c.execute({"CREATE TABLE a (x); INSERT INTO a VALUES (1); -- done\n INSERT INTO a VALUES (2);",
             {},
             true});
  auto rows = c.query({"SELECT x FROM a ORDER BY x; SELECT 3", {}, true});
  CHECK(rows.size() == 3);
  // A generated statement is one statement: a second one is refused before
  // the first runs.
  std::string one = database_error_of([&] {
    c.execute({"INSERT INTO a VALUES (9); DROP TABLE a", {}});
  });
  CHECK(has(one, "holds more than one statement"));
  CHECK(c.query({"SELECT count(*) FROM a WHERE x = 9", {}})[0][0] == Value{std::int64_t{0}});
  // A trailing ';' or comment is not a second statement.
  c.execute({"INSERT INTO a VALUES (4); -- done", {}});
  std::string err = database_error_of([&] {
    c.execute({"INSERT INTO a VALUES (?); DELETE FROM a", {std::int64_t{1}}, true});
  });
  CHECK(has(err, "several statements in one call cannot take parameters"));
  CHECK(c.query({"SELECT count(*) FROM a", {}})[0][0] == Value{std::int64_t{3}});
  CHECK(has(database_error_of([&] {
              c.query({"SELECT ?, ?", {std::int64_t{1}}});
            }),
            "placeholder"));
}

TEST_CASE("sqlite connection: errors carry SQLite's message and the statement") {
  SqliteConnection c(":memory:");
  std::string long_sql = "SELECT * FROM missing_table WHERE x = '" + std::string(300, 'y') + "'";
  std::string err = database_error_of([&] { c.query({long_sql, {}}); });
  CHECK(
      has(err, "sqlite: no such table: missing_table (while running: SELECT * FROM missing_table"));
  CHECK(err.size() < 300);
  CHECK(has(database_error_of([&] { c.execute({"CREATE TABLE", {}}); }), "sqlite: "));
}

TEST_CASE("sqlite connection: a file that cannot be opened is named") {
  std::string err = database_error_of([] { SqliteConnection c("/nonexistent-dir/deeper/app.db"); });
  CHECK(has(err, "sqlite: cannot open database \"/nonexistent-dir/deeper/app.db\""));
}

TEST_CASE("sqlite connection: a database file keeps what a committed transaction wrote") {
  migrate::test::TempDir dir;
  const std::string path = (dir.path() / "app.db").string();
  {
    SqliteConnection c(path);
    c.begin();
    c.execute({"CREATE TABLE t (x INTEGER)", {}});
    c.execute({"INSERT INTO t VALUES (1)", {}});
    c.commit();
    c.begin();
    c.execute({"INSERT INTO t VALUES (2)", {}});
    c.rollback();
    c.rollback();  // a second rollback is harmless
    c.begin();
    c.execute({"INSERT INTO t VALUES (3)", {}});
    // Destroyed with the transaction open: nothing of it stays.
  }
  SqliteConnection again(path);
  CHECK(again.query({"SELECT x FROM t ORDER BY x", {}}).size() == 1);
  CHECK(again.query({"PRAGMA foreign_keys", {}})[0][0] == Value{std::int64_t{1}});
}

TEST_CASE("sqlite connection: foreign keys are off inside a transaction and checked at commit") {
  SqliteConnection c(":memory:");
  c.execute({"CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (pid REFERENCES p (id))",
             {},
             true});
  CHECK(c.query({"PRAGMA foreign_keys", {}})[0][0] == Value{std::int64_t{1}});
  CHECK(!database_error_of([&] { c.execute({"INSERT INTO c VALUES (7)", {}}); }).empty());

  c.begin();
  CHECK(c.query({"PRAGMA foreign_keys", {}})[0][0] == Value{std::int64_t{0}});
  c.execute({"INSERT INTO c VALUES (7)", {}});
  std::string err = database_error_of([&] { c.commit(); });
  CHECK(has(err, "would break foreign keys (1 row(s) of \"c\" match no row of \"p\")"));
  CHECK(has(err, "rolled back"));
  CHECK(c.query({"SELECT count(*) FROM c", {}})[0][0] == Value{std::int64_t{0}});
  CHECK(c.query({"PRAGMA foreign_keys", {}})[0][0] == Value{std::int64_t{1}});
  c.rollback();  // what a runner does after a failed commit: harmless

  // An orphan that was there before (written with enforcement off) does not
  // block later migrations; a new one still does.
  c.execute(
      {"PRAGMA foreign_keys = OFF; INSERT INTO c VALUES (8); PRAGMA foreign_keys = ON", {}, true});
  c.begin();
  c.execute({"CREATE TABLE other (x)", {}});
  c.commit();
  c.begin();
  c.execute({"INSERT INTO c VALUES (9)", {}});
  CHECK(has(database_error_of([&] { c.commit(); }), "2 row(s) of \"c\""));
}

TEST_CASE("sqlite connection: a second writer waits for the migration lock, then gives up") {
  migrate::test::TempDir dir;
  const std::string path = (dir.path() / "lock.db").string();
  SqliteConnection first(path);
  first.execute({"CREATE TABLE t (x)", {}});
  first.begin();
  SqliteConnection second(path);
  second.execute({"PRAGMA busy_timeout = 50", {}});
  CHECK(has(database_error_of([&] { second.begin(); }), "database is locked"));
  first.commit();
  second.begin();
  second.commit();
}
