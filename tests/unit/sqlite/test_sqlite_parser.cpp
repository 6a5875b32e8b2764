// The CREATE TABLE reader behind SQLite's inspect, on SQL no model would
// produce but databases hold.
#include <doctest/doctest.h>

#include <stdexcept>

#include "dialects/sqlite/create_table_parser.hpp"

using namespace migrate;
using namespace migrate::sqlite;

namespace {
using Names = std::vector<std::string>;
}

TEST_CASE("sqlite parser: table and column constraints with their names") {
  auto p = parse_create_table(R"sql(
    CREATE TABLE "orders" (
      "id" INTEGER CONSTRAINT "pk orders" PRIMARY KEY AUTOINCREMENT,
      customer INTEGER NOT NULL CONSTRAINT fk_c REFERENCES customers (id) ON DELETE CASCADE,
      code VARCHAR(20) UNIQUE,
      qty INT CHECK (qty > 0) DEFAULT 1,
      note TEXT CONSTRAINT ck_note CHECK (length(note) < 100),
      CONSTRAINT uq_pair UNIQUE (customer, code),
      CONSTRAINT fk_code FOREIGN KEY (code, customer) REFERENCES codes (code, cust)
        ON UPDATE SET NULL ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (qty) REFERENCES qtys,
      CHECK (qty < 1000)
    ))sql");
  CHECK(p.columns == Names{"id", "customer", "code", "qty", "note"});
  CHECK(p.autoincrement_column == "id");
  CHECK(p.primary_key_name == "pk orders");
  CHECK(p.primary_key_columns == Names{"id"});
  REQUIRE(p.uniques.size() == 2);
  CHECK(p.uniques[0] == UniqueConstraint{"", {"code"}});
  CHECK(p.uniques[1] == UniqueConstraint{"uq_pair", {"customer", "code"}});
  REQUIRE(p.foreign_keys.size() == 3);
  CHECK(p.foreign_keys[0] ==
        ForeignKey{"fk_c", {"customer"}, "", "customers", {"id"}, "cascade", ""});
  ForeignKey deferred{"fk_code", {"code", "customer"}, "", "codes", {"code", "cust"}, "",
                      "set null"};
  deferred.deferrable = "deferred";  // DEFERRABLE INITIALLY DEFERRED
  CHECK(p.foreign_keys[1] == deferred);
  CHECK(p.foreign_keys[0].deferrable.empty());
  CHECK(p.foreign_keys[2] == ForeignKey{"", {"qty"}, "", "qtys", {}, "", ""});
  REQUIRE(p.checks.size() == 3);
  CHECK(p.checks[0] == CheckConstraint{"", "qty > 0"});
  CHECK(p.checks[1] == CheckConstraint{"ck_note", "length(note) < 100"});
  CHECK(p.checks[2] == CheckConstraint{"", "qty < 1000"});
}

TEST_CASE("sqlite parser: quoted names with spaces, commas and parentheses") {
  auto p = parse_create_table(
      "CREATE TABLE [my table] (\"a, b\" TEXT, `c (d)` INT, [e\"f] INT, \"g\"\"h\" INT,"
      " CONSTRAINT \"uq, odd\" UNIQUE (\"a, b\", `c (d)`),"
      " CONSTRAINT [ck ,)] CHECK (\"a, b\" <> ',)' AND `c (d)` > 0))");
  CHECK(p.columns == Names{"a, b", "c (d)", "e\"f", "g\"h"});
  REQUIRE(p.uniques.size() == 1);
  CHECK(p.uniques[0] == UniqueConstraint{"uq, odd", {"a, b", "c (d)"}});
  REQUIRE(p.checks.size() == 1);
  CHECK(p.checks[0].name == "ck ,)");
  CHECK(p.checks[0].expression == "\"a, b\" <> ',)' AND `c (d)` > 0");
}

TEST_CASE("sqlite parser: nested parentheses and comments") {
  auto p = parse_create_table(R"sql(CREATE TABLE t ( -- a comment, with (parens
      a NUMERIC(10, 2) DEFAULT (round((1.5 + 2), 1)), /* b UNIQUE, */
      b TEXT COLLATE NOCASE, -- CONSTRAINT nope CHECK (0)
      CONSTRAINT "ck" CHECK ( (a > (0)) AND (b IN ('x', 'y)', '(')) ) -- trailing
    ) WITHOUT ROWID)sql");
  CHECK(p.columns == Names{"a", "b"});
  CHECK(p.uniques.empty());
  REQUIRE(p.checks.size() == 1);
  CHECK(p.checks[0] == CheckConstraint{"ck", "(a > (0)) AND (b IN ('x', 'y)', '('))"});
}

TEST_CASE("sqlite parser: columns added by ALTER TABLE after the table constraints") {
  auto p = parse_create_table(
      "CREATE TABLE t (a INT, CONSTRAINT pk PRIMARY KEY (a DESC), \"b\" INT CONSTRAINT fk_b "
      "REFERENCES p(id) ON DELETE SET DEFAULT)");
  CHECK(p.columns == Names{"a", "b"});
  CHECK(p.primary_key_name == "pk");
  CHECK(p.primary_key_columns == Names{"a"});
  REQUIRE(p.foreign_keys.size() == 1);
  CHECK(p.foreign_keys[0] == ForeignKey{"fk_b", {"b"}, "", "p", {"id"}, "set default", ""});
}

TEST_CASE("sqlite parser: what is not a CREATE TABLE with columns") {
  CHECK_THROWS_AS(parse_create_table("CREATE TABLE t AS SELECT 1 AS x"), std::invalid_argument);
  CHECK_THROWS_AS(parse_create_table("CREATE VIEW v AS SELECT (1)"), std::invalid_argument);
  CHECK_THROWS_AS(parse_create_table("CREATE TABLE t (a INT"), std::invalid_argument);
  CHECK_THROWS_AS(parse_create_table("CREATE TABLE t (a 'INT)"), std::invalid_argument);
}

TEST_CASE("sqlite parser: CREATE INDEX keys") {
  CHECK(parse_create_index("CREATE UNIQUE INDEX \"ix on\" ON \"t\" (\"a\", b DESC, lower(c) ASC, "
                           "d COLLATE nocase)") == Names{"a", "b", "lower(c)", "d"});
}
