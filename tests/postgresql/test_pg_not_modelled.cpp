// PostgreSQL: every kind the model cannot say yet is named by inspect and
// check (issue #18), and what an extension or a serial column owns is not;
// nor are views, sequences, triggers and functions, which it models
// (test_pg_objects.cpp), but for aggregates and overloaded names.
#include <doctest/doctest.h>

#include "../integration/not_modelled_flow.hpp"
#include "pg_support.hpp"

TEST_CASE("postgresql: what the model cannot say is named by inspect and check") {
  pgtest::Database db;
  db.exec(
      "CREATE TABLE users(id serial primary key, name text COLLATE \"C\", age int, "
      "  shout text GENERATED ALWAYS AS (upper(name)) STORED);"
      "CREATE TABLE ident(id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"
      "CREATE SEQUENCE loose_seq;"
      "CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;"
      "CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM users;"
      "CREATE FUNCTION add_one(a int) RETURNS int LANGUAGE sql AS 'SELECT a + 1';"
      "CREATE PROCEDURE noop() LANGUAGE sql AS 'SELECT 1';"
      "CREATE FUNCTION twice(a int) RETURNS int LANGUAGE sql AS 'SELECT a * 2';"
      "CREATE FUNCTION twice(a text) RETURNS text LANGUAGE sql AS 'SELECT a || a';"
      "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);"
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';"
      "CREATE TRIGGER trg BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();"
      "CREATE DOMAIN posint AS int CHECK (VALUE > 0);"
      "CREATE TYPE pair AS (a int, b int);"
      "CREATE TABLE parted(id int, d date) PARTITION BY RANGE (d);"
      "CREATE TABLE parted_2026 PARTITION OF parted FOR VALUES FROM ('2026-01-01') TO "
      "('2027-01-01') PARTITION BY LIST (id);"
      "CREATE TABLE parted_2026_1 PARTITION OF parted_2026 FOR VALUES IN (1);"
      "CREATE INDEX name_hash ON users USING hash (name);"
      "CREATE INDEX age_inc ON users (age) INCLUDE (name);"
      "ALTER TABLE users ENABLE ROW LEVEL SECURITY;"
      "CREATE POLICY everyone ON users USING (true);"
      "CREATE TABLE later(id int, CONSTRAINT later_pk PRIMARY KEY (id) DEFERRABLE);");
  itest::flow_not_modelled(
      {db.url(),
       {"2 overloaded functions (twice(a integer), twice(a text))", "1 aggregate (total(integer))",
        "1 composite type (pair)", "1 sub-partitioned partition (parted_2026)",
        "1 sub-partition (parted_2026_1)", "1 policy (everyone on users)",
        "1 row-level security setting (users)", "1 deferrable constraint (later_pk on later)"},
       "users",
       {"1 policy (everyone on users)", "1 row-level security setting (users)"},
       "composite type"});
  // The sequences of serial and identity columns belong to their tables.
  itest::Project p;
  p.init_url(db.url());
  auto inspected = p.run({"inspect"});
  CHECK_FALSE(itest::contains(inspected.err, "users_id_seq"));
  CHECK_FALSE(itest::contains(inspected.err, "ident_id_seq"));
  // What is modelled is in the model, not in the list.
  for (const char* gone : {"adults", "counts", "loose_seq", "add_one", "noop", "trg on users"}) {
    INFO(gone);
    CHECK_FALSE(itest::contains(inspected.err, gone));
  }
  CHECK(itest::contains(inspected.out, "views:\n  adults:"));
  // Domains are modelled (issue #19), and plpgsql is no extension of the model.
  CHECK_FALSE(itest::contains(inspected.err, "posint"));
  CHECK_MESSAGE(itest::contains(inspected.out,
                                "domains:\n  posint:\n    type: integer\n    "
                                "checks: [{name: posint_check, expression: VALUE > 0}]"),
                inspected.out);
  CHECK_FALSE(itest::contains(inspected.out, "extensions:"));
  // Partitioning one level deep is modelled (issue #19).
  CHECK_MESSAGE(itest::contains(inspected.out, "partition_by: {type: range, columns: [d]}"),
                inspected.out);
  // Generated columns, collations and index methods are modelled (issue #19).
  for (const char* gone : {"generated column", "column collation", "hash index", "covering"}) {
    INFO(gone);
    CHECK_FALSE(itest::contains(inspected.err, gone));
  }
  CHECK_MESSAGE(itest::contains(inspected.out,
                                "{name: shout, type: text, nullable: true, generated: "
                                "{expression: upper(name), stored: true}}"),
                inspected.out);
  CHECK_MESSAGE(
      itest::contains(inspected.out, "{name: name, type: text, nullable: true, collation: C}"),
      inspected.out);
  for (const char* index : {"{name: name_hash, columns: [name], method: hash}",
                            "{name: age_inc, columns: [age], include: [name]}"})
    CHECK_MESSAGE(itest::contains(inspected.out, index), inspected.out);
  CHECK(itest::contains(inspected.out, "materialized_views:\n  counts:"));
  CHECK(itest::contains(inspected.out, "sequences:\n  loose_seq:"));
  CHECK(itest::contains(inspected.out, "procedures:\n  noop:"));
  CHECK(itest::contains(inspected.out, "  - name: trg\n    table: users"));
}

TEST_CASE("postgresql: an extension's objects are the extension's") {
  pgtest::Database db;
  // plpgsql is always there and never reported; a table alone warns of nothing.
  db.exec("CREATE TABLE users(id serial primary key, name text)");
  itest::flow_nothing_unmodelled(db.url());
}
