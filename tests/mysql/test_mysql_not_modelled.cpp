// MariaDB: events, sequences, partitioning and ON UPDATE clauses are named by
// inspect and check (issue #18), never dropped silently; generated columns,
// FULLTEXT and SPATIAL indexes are modelled (issue #19). Views, triggers, functions and procedures
// are modelled (test_mysql_objects.cpp), so no longer named.
#include <doctest/doctest.h>

#include "../integration/harness.hpp"
#include "../integration/not_modelled_flow.hpp"
#include "my_support.hpp"

TEST_CASE("mysql: what the model cannot say is named by inspect and check") {
  mytest::Database db;
  db.exec(
      "CREATE TABLE users(id int primary key auto_increment, name varchar(50), age int, "
      "  shout varchar(50) AS (upper(name)) VIRTUAL, FULLTEXT KEY name_ft (name), "
      "  at timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)");
  db.exec("CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18");
  db.exec("CREATE TRIGGER trg BEFORE INSERT ON users FOR EACH ROW SET NEW.age = 1");
  db.exec("CREATE FUNCTION add_one(a int) RETURNS int DETERMINISTIC RETURN a + 1");
  db.exec("CREATE PROCEDURE noop() SELECT 1");
  db.exec("CREATE SEQUENCE loose_seq");
  db.exec("CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO SELECT 1");
  db.exec("CREATE TABLE parted(id int) PARTITION BY HASH(id) PARTITIONS 2");
  db.exec(
      "CREATE TABLE subparted(id int, d int) PARTITION BY RANGE(d) SUBPARTITION BY HASH(id) "
      "SUBPARTITIONS 2 (PARTITION p0 VALUES LESS THAN (10))");
  db.exec("CREATE TABLE places(g POINT NOT NULL, SPATIAL INDEX g_sp (g))");
  // A table option the model has no key for; ROW_FORMAT and partitioning it has.
  db.exec("CREATE TABLE tuned(id int primary key) STATS_PERSISTENT = 0 ROW_FORMAT = COMPACT");
  itest::flow_not_modelled(
      {db.url(),
       {"1 sequence (loose_seq)", "1 event (nightly)", "1 sub-partitioned table (subparted)",
        "1 ON UPDATE clause (users.at)", "1 table option setting (tuned (stats_persistent=0))"},
       "users",
       {"1 ON UPDATE clause (users.at)"},
       "sequence"});

  // What is modelled is in the model inspect writes, and in no warning.
  itest::Project p;
  p.init_url(db.url());
  auto out = p.run({"inspect"});
  REQUIRE_MESSAGE(out.code == 0, out.err);
  CHECK_FALSE(itest::contains(out.err, "generated column"));
  // Partitioning, but for sub-partitions, is modelled (issue #19).
  CHECK_MESSAGE(itest::contains(out.out, "partition_by: {type: hash, columns: [id]}"), out.out);
  for (const char* part : {"{name: shout, type: varchar(50), nullable: true, generated: "
                           "{expression: ucase(`name`), stored: false}}",
                           "views:\n  adults:", "functions:\n  add_one:", "procedures:\n  noop:",
                           "triggers:\n  - name: trg\n    table: users"})
    CHECK_MESSAGE(itest::contains(out.out, part), out.out);
  for (const char* kind : {"view", "trigger", "function", "procedure"})
    CHECK_MESSAGE(!itest::contains(out.err, std::string("1 ") + kind + " ("), out.err);
  // FULLTEXT and SPATIAL indexes are modelled (issue #19), not read as plain ones.
  CHECK_MESSAGE(itest::contains(out.out, "{name: name_ft, columns: [name], method: fulltext}"),
                out.out);
  CHECK_MESSAGE(itest::contains(out.out, "{name: g_sp, columns: [g], method: spatial}"), out.out);
  CHECK_FALSE(itest::contains(out.err, "fulltext index"));
}

TEST_CASE("mysql: a database of tables only warns of nothing") {
  mytest::Database db;
  db.exec("CREATE TABLE users(id int primary key auto_increment, name varchar(50))");
  itest::flow_nothing_unmodelled(db.url());
}
