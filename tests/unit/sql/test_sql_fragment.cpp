#include <doctest/doctest.h>

#include "core/sql/sql_fragment.hpp"
#include "dialects/mysql/compile.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/sqlite/compile.hpp"

using namespace migrate;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool ok(const std::string& text, const Dialect& d, bool comma = true) {
  return !sql_fragment_problem(text, d.sql_syntax(), FragmentRules{comma});
}

std::string problem(const std::string& text, const Dialect& d, bool comma = true) {
  return sql_fragment_problem(text, d.sql_syntax(), FragmentRules{comma}).value_or("");
}

}  // namespace

TEST_CASE("sql fragments: one expression stays in its place on every dialect") {
  SqliteDialect sqlite;
  PostgresDialect pg;
  MysqlDialect my;
  for (const Dialect* d : {static_cast<const Dialect*>(&sqlite), static_cast<const Dialect*>(&pg),
                           static_cast<const Dialect*>(&my)}) {
    CAPTURE(d->name());
    CHECK(ok("lower(email)", *d));
    CHECK(ok("price > 0 AND (qty < 10 OR qty IS NULL)", *d));
    CHECK(ok("'it''s; -- not a comment'", *d));
    CHECK(ok("x > 0 -- positive\n", *d));  // a comment that ends inside the text
    CHECK(ok("coalesce(a, b)", *d, false));
    CHECK(has(problem("x); DROP TABLE canary; --", *d), "')' without its '('"));
    CHECK(has(problem("1; DROP TABLE canary", *d), "';'"));
    CHECK(has(problem("1 -- the rest", *d), "runs to the end"));
    CHECK(has(problem("1 /* c */", *d), "comment"));
    CHECK(has(problem("'open", *d), "unterminated string"));
    CHECK(has(problem("(1", *d), "'(' without its ')'"));
    CHECK(has(problem("1, evil int", *d, false), "','"));
    CHECK(has(problem(std::string("'a\0b'", 5), *d), "NUL"));
    CHECK(has(problem("'a\rb'", *d), "control character"));
  }
  // Only where the server reads them so.
  CHECK(ok("'\\'; DROP TABLE canary; -- '", my));  // one string: \' escapes on MySQL
  CHECK(has(problem("'\\'; DROP TABLE canary; -- '", pg), "';'"));  // two on PostgreSQL
  CHECK(ok("'\\'", sqlite));                                        // a backslash, then the end
  CHECK(ok("'\\'", pg));                                            // standard strings (pinned)
  CHECK(has(problem("E'\\'', evil int --'", pg, false), "','"));    // E'' takes escapes
  CHECK(has(problem("$$'$$; DROP TABLE canary; --'", pg), "';'"));  // a dollar-quoted string
  CHECK(ok("$$a;b$$", pg));
  CHECK(has(problem("\"a\" # rest", my), "runs to the end"));  // # comments on MySQL
  CHECK(ok("1--1", my));                                       // -- needs a space on MySQL
  CHECK(has(problem("1--1", pg), "runs to the end"));
  CHECK(ok("ARRAY[1, 2]", pg, false));
  CHECK(ok("[a b] > 0", sqlite));  // a bracket-quoted name
}

TEST_CASE("names and literals: what each server would refuse or silently change") {
  SqliteDialect sqlite;
  PostgresDialect pg;
  MysqlDialect my;
  const std::string nul("a\0b", 3);
  for (const Dialect* d : {static_cast<const Dialect*>(&sqlite), static_cast<const Dialect*>(&pg),
                           static_cast<const Dialect*>(&my)}) {
    CAPTURE(d->name());
    CHECK(!d->name_problem("a\"b`c'd; --", NameKind::table));
    CHECK(has(d->name_problem(nul, NameKind::column).value_or(""), "NUL"));
    CHECK(has(d->name_problem("a\nb", NameKind::index).value_or(""), "control character"));
    CHECK(has(d->literal_problem(nul, LiteralKind::table_comment, false).value_or(""), "NUL"));
  }
  const std::string n63(63, 'n'), n64(64, 'n'), n65(65, 'n');
  CHECK(!pg.name_problem(n63, NameKind::table));
  CHECK(has(pg.name_problem(n64, NameKind::table).value_or(""), "first 63"));
  CHECK(!sqlite.name_problem(n65, NameKind::table));
  CHECK(!my.name_problem(n64, NameKind::table));
  CHECK(has(my.name_problem(n65, NameKind::table).value_or(""), "allow 64"));
  // 64 characters of two bytes each: MySQL counts characters, PostgreSQL bytes.
  std::string wide;
  for (int i = 0; i < 64; ++i) wide += "\xc3\xa9";
  CHECK(!my.name_problem(wide, NameKind::column));
  CHECK(pg.name_problem(wide, NameKind::column));
  CHECK(has(my.name_problem("t ", NameKind::table).value_or(""), "ends with a space"));
  CHECK(!pg.name_problem("t ", NameKind::table));
  CHECK(has(my.name_problem("e \xf0\x9f\x98\x80", NameKind::table).value_or(""), "U+FFFF"));
  CHECK(has(
      my.literal_problem(std::string(1025, 'c'), LiteralKind::column_comment, false).value_or(""),
      "1024"));
  CHECK(!my.literal_problem(std::string(1025, 'c'), LiteralKind::table_comment, false));
  CHECK(!my.literal_problem(nul, LiteralKind::value, true));  // \0 in a MySQL literal
  CHECK(has(pg.literal_problem(std::string(64, 'v'), LiteralKind::enum_value, false).value_or(""),
            "63"));
}

TEST_CASE("offline literals read back the same whatever the server's string settings") {
  PostgresDialect pg;
  SqliteDialect sqlite;
  MysqlDialect my;
  CHECK(pg.literal(Value{std::string("it's")}) == "'it''s'");
  CHECK(pg.literal(Value{std::string("a\\b'")}) == "E'a\\\\b'''");
  CHECK(pg.literal(Value{std::string("a\r\n")}) == "E'a\\r\\n'");
  CHECK(sqlite.literal(Value{std::string("a\nb")}) == "'a\nb'");
  CHECK(sqlite.literal(Value{std::string("a\r\n")}) == "CAST(X'610D0A' AS TEXT)");
  CHECK(my.literal(Value{std::string("a\\'\r\n")}) == "'a\\\\''\\r\\n'");
  CHECK(pg.offline_preamble().back() == "SET standard_conforming_strings = on");
  CHECK(has(my.offline_preamble().back(), "NO_BACKSLASH_ESCAPES"));
}
