// PostgreSQL's stored spelling of CHECK and index predicates against the
// model's: the pairs below are what the catalog gives back (pg_get_expr,
// pg_get_constraintdef on PostgreSQL 15) for what a model wrote.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "dialects/postgresql/compile.hpp"
#include "dialects/postgresql/expression.hpp"

using namespace migrate;
using postgresql::comparable_expression;

namespace {

// What compare sees of a partial index and a check after PostgresDialect::normalize.
std::pair<std::string, std::string> normalized(const std::string& where, const std::string& check) {
  Table t;
  t.name = "orders";
  t.indexes.push_back({"ix", {"id"}, false, where});
  t.checks.push_back({"ck", check});
  Table n = PostgresDialect().normalize(t);
  return {n.indexes.at(0).where, n.checks.at(0).expression};
}

void same(const std::string& model, const std::string& stored) {
  CAPTURE(model);
  CAPTURE(stored);
  CHECK(normalized(model, model) == normalized(stored, stored));
}

void different(const std::string& model, const std::string& stored) {
  CAPTURE(model);
  CAPTURE(stored);
  CHECK(normalized(model, model).first != normalized(stored, stored).first);
}

}  // namespace

TEST_CASE("pg expression: IN lists and = ANY (ARRAY[...]) compare alike") {
  // An enum column in a partial index.
  same("status IN ('pending','paid')",
       "status = ANY (ARRAY['pending'::order_status, 'paid'::order_status])");
  same("status in ('pending', 'paid')",
       "status = ANY (ARRAY['pending'::order_status, 'paid'::order_status])");
  // text: casts on each element.
  same("t IN ('a', 'b')", "(t = ANY (ARRAY['a'::text, 'b'::text]))");
  // varchar: the column and the whole array cast, in both catalog spellings.
  same("s IN ('a','b')",
       "((s)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))");
  same("s IN ('a','b')",
       "s::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[])");
  // numbers, no casts at all.
  same("n IN (1, 2, 3)", "(n = ANY (ARRAY[1, 2, 3]))");
  CHECK(comparable_expression(
            "status = ANY (ARRAY['pending'::order_status, 'paid'::order_status])") ==
        "status in ( 'pending' , 'paid' )");
}

TEST_CASE("pg expression: NOT IN and <> ALL (ARRAY[...]) compare alike") {
  same("t NOT IN ('x','y')", "(t <> ALL (ARRAY['x'::text, 'y'::text]))");
  same("status NOT IN ('pending', 'paid')",
       "status <> ALL (ARRAY['pending'::order_status, 'paid'::order_status])");
  CHECK(comparable_expression("t <> ALL (ARRAY['x'::text, 'y'::text])") ==
        "t not in ( 'x' , 'y' )");
}

TEST_CASE("pg expression: a one-element list is stored as a comparison") {
  same("s IN ('a')", "((s)::text = 'a'::text)");
  same("s NOT IN ('a')", "((s)::text <> 'a'::text)");
  same("status IN ('pending')", "status = 'pending'::order_status");
}

TEST_CASE("pg expression: nested parentheses around and inside the list") {
  same("(s IN ('a','b')) AND (n > 0)",
       "(((s)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])) "
       "AND (n > 0))");
  same("t IN ('a','b') AND n IN (1, 2)",
       "(t = ANY (ARRAY['a'::text, 'b'::text])) AND (n = ANY (ARRAY[1, 2]))");
  same("((status IN ('a', 'b')) OR (status IS NULL))",
       "((status = ANY (ARRAY['a'::mood, 'b'::mood])) OR (status IS NULL))");
  // Calls inside the list keep their parentheses and commas.
  same("lower(t) IN (lower('A'), 'b')", "lower(t) = ANY (ARRAY[lower('A'::text), 'b'::text])");
  same("coalesce(t, 'z') IN ('a')", "COALESCE(t, 'z'::text) = 'a'::text");
}

TEST_CASE("pg expression: a changed list, or IN against NOT IN, still differs") {
  different("status IN ('pending','paid')",
            "status = ANY (ARRAY['pending'::order_status, 'shipped'::order_status])");
  different("status IN ('pending','paid')",
            "status = ANY (ARRAY['pending'::order_status, 'paid'::order_status, "
            "'shipped'::order_status])");
  different("status NOT IN ('pending','paid')",
            "status = ANY (ARRAY['pending'::order_status, 'paid'::order_status])");
  different("s IN ('a')", "((s)::text <> 'a'::text)");
}

TEST_CASE("pg expression: subqueries and other arrays are left alone") {
  CHECK(comparable_expression("id IN (SELECT id FROM t)") == "id in ( select id from t )");
  CHECK(comparable_expression("id IN (select max(id) from t)") ==
        "id in ( select max ( id ) from t )");
  CHECK(comparable_expression("id = ANY (SELECT id FROM t)") == "id = any select id from t");
  // An array column, a multi-dimensional literal and a subscripted array are no IN list.
  CHECK(comparable_expression("x = ANY (tags)") == "x = any tags");
  CHECK(comparable_expression("x = ANY (ARRAY[[1, 2], [3, 4]])") ==
        "x = any array [ [ 1 , 2 ] , [ 3 , 4 ] ]");
  CHECK(comparable_expression("x = ANY ((ARRAY[ARRAY[1], ARRAY[2]])[1])") ==
        "x = any array [ array [ 1 ] , array [ 2 ] ] [ 1 ]");
  // Brackets are punctuation on PostgreSQL, not MS SQL quoting.
  CHECK(comparable_expression("(tags)::text[] = '{}'::text[]") == "tags = '{}'");
  // Words that merely look like the keywords, as strings or quoted names.
  CHECK(comparable_expression("\"in\" = 'any'") == "\"in\" = 'any'");
}

TEST_CASE("pg expression: casts and parentheses as before") {
  CHECK(comparable_expression("((score >= (0)::numeric))") ==
        "score > = 0");  // operators are one token a character
  CHECK(comparable_expression("lower((email)::text)") == "lower ( email )");
  CHECK(comparable_expression("'-1'::integer") == "-1");
  CHECK(comparable_expression("'x'::public.mood") == "'x'");
  CHECK(comparable_expression("'x'::character varying(20)") == "'x'");
  CHECK(comparable_expression("'it''s'") == "'it''s'");
  CHECK(comparable_expression("'open") == "'open");  // does not tokenize: unchanged
}

TEST_CASE("pg expression: keywords and unquoted names in any case compare alike") {
  same("qty > 0 and qty < 10", "((qty > 0) AND (qty < 10))");
  same("Status IS NOT NULL", "(status IS NOT NULL)");
  // A quoted name keeps its case: "Status" is another column than status.
  different("\"Status\" IS NOT NULL", "(status IS NOT NULL)");
  different("s = 'A'", "((s)::text = 'a'::text)");
}

TEST_CASE("pg expression: BETWEEN is stored as two comparisons") {
  same("qty BETWEEN 0 AND 1000", "((qty >= 0) AND (qty <= 1000))");
  same("qty between 0 and 1000", "((qty >= 0) AND (qty <= 1000))");
  same("qty NOT BETWEEN 0 AND 1000", "((qty < 0) OR (qty > 1000))");
  same("price BETWEEN 0.5 AND 99.99 AND qty > 0",
       "(((price >= 0.5) AND (price <= 99.99)) AND (qty > 0))");
  same("lower(code) BETWEEN 'a' AND 'm'",
       "((lower((code)::text) >= 'a'::text) AND (lower((code)::text) <= 'm'::text))");
  same("d BETWEEN SYMMETRIC 1 AND 5", "(((d >= 1) AND (d <= 5)) OR ((d >= 5) AND (d <= 1)))");
  same("(x BETWEEN 1 AND 2) OR x IS NULL", "(((x >= 1) AND (x <= 2)) OR (x IS NULL))");
  same("t.qty BETWEEN -1 AND 1", "((t.qty >= '-1'::integer) AND (t.qty <= 1))");
  // Other bounds, or the other operand, still differ.
  different("qty BETWEEN 0 AND 1000", "((qty >= 0) AND (qty <= 999))");
  different("qty BETWEEN 0 AND 1000", "((qty < 0) OR (qty > 1000))");
  different("qty BETWEEN 0 AND 1000", "((price >= 0) AND (price <= 1000))");
  CHECK(comparable_expression("qty BETWEEN 0 AND 1000") == "qty > = 0 and qty < = 1000");
}
