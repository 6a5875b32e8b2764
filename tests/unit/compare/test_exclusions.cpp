// PostgreSQL's EXCLUDE constraints (issue #19): compare by name (a change
// drops and creates), PostgreSQL's spelling of what inspect reads back, the
// DDL with every name quoted and a hostile operator refused, what lint says,
// and SQLite's and MySQL's refusals.
#include <doctest/doctest.h>

#include "core/compare/compare.hpp"
#include "core/lint/lint_ops.hpp"
#include "core/model/model.hpp"
#include "core/ops/apply.hpp"
#include "core/ops/op_equal.hpp"
#include "core/runner/preflight.hpp"
#include "core/script/script.hpp"
#include "dialects/mysql/compile.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/sqlite/compile.hpp"
#include "tests/unit/compare/compare_test_support.hpp"
#include "tests/unit/yaml_test_util.hpp"

using namespace migrate;
using migrate::test::contains;
using migrate::test::input_error;

namespace {

using V = std::vector<std::string>;

using migrate::test::kinds;
using migrate::test::schema;

// A bookings table with `exclusions` as given (YAML list items, indented).
std::string bookings(const std::string& exclusions) {
  return "tables:\n  bookings:\n    columns:\n"
         "      - {name: id, type: integer, primary_key: true}\n"
         "      - {name: room, type: integer, nullable: false}\n"
         "      - {name: starts, type: timestamp, nullable: false}\n"
         "      - {name: ends, type: timestamp, nullable: false}\n"
         "      - {name: cancelled, type: boolean, nullable: false, default: \"false\"}\n" +
         (exclusions.empty() ? std::string() : "    exclusions:\n" + exclusions);
}

const char* kNoOverlap =
    "      - {name: ex_room, elements: [{column: room, with: =}, {expression: \"tsrange(starts, "
    "ends)\", with: \"&&\"}], where: NOT cancelled}\n";

// The upgrade takes the database to the model and back, on the simulator,
// and survives a revision file.
void round_trips(const Schema& model, const Schema& live, const Dialect& d) {
  std::vector<Op> up = compare_schemas(model, live, d, {});
  std::vector<Op> down = reverse_all(up);
  Schema after = live;
  for (const auto& op : up) apply_op(after, op);
  CHECK(kinds(compare_schemas(model, after, d, {})) == V{});
  for (const auto& op : down) apply_op(after, op);
  CHECK(kinds(compare_schemas(live, after, d, {})) == V{});
  std::string text = "revision: abc\nupgrade:\n" + render_ops(up, 2) + "\ndowngrade:\n" +
                     render_ops(down, 2) + "\n";
  Revision r = load_revision_text(text, "rev.yaml", NamingConvention{});
  CHECK_MESSAGE(same_ops(r.upgrade, up), text);
  CHECK_MESSAGE(same_ops(r.downgrade, down), text);
}

Op op(OpBody body) {
  return Op{std::move(body), SourceMark{"rev.yaml", 9, 5}};
}

}  // namespace

TEST_CASE("exclusions: compare adds, drops and remakes them by name") {
  PostgresDialect pg;
  const Schema plain = schema(bookings(""));
  const Schema with = schema(bookings(kNoOverlap));
  CHECK(kinds(compare_schemas(with, with, pg, {})) == V{});

  auto ops = compare_schemas(with, plain, pg, {});
  REQUIRE(kinds(ops) == V{"create_exclusion_constraint"});
  CHECK(std::get<CreateExclusionConstraint>(ops[0].body).constraint ==
        with.tables[0].exclusions[0]);
  round_trips(with, plain, pg);

  // The drop carries the whole constraint, for the downgrade.
  ops = compare_schemas(plain, with, pg, {});
  REQUIRE(kinds(ops) == V{"drop_exclusion_constraint"});
  CHECK(std::get<DropExclusionConstraint>(ops[0].body).existing == with.tables[0].exclusions[0]);
  round_trips(plain, with, pg);

  // Each part is compared: any change is a drop, then a create.
  for (
      const char* changed :
      {"      - {name: ex_room, elements: [{column: room, with: =}, {expression: \"tsrange(starts, "
       "ends)\", with: \"&&\"}]}\n",
       "      - {name: ex_room, elements: [{column: room, with: \"<>\"}, {expression: "
       "\"tsrange(starts, ends)\", with: \"&&\"}], where: NOT cancelled}\n",
       "      - {name: ex_room, elements: [{column: room, with: =}, {expression: \"tsrange(starts, "
       "ends)\", with: \"&&\"}], where: NOT cancelled, deferrable: true}\n",
       "      - {name: ex_room, using: spgist, elements: [{column: room, with: =}, {expression: "
       "\"tsrange(starts, ends)\", with: \"&&\"}], where: NOT cancelled}\n",
       "      - {name: ex_room, elements: [{column: room, with: =}, {expression: \"tsrange(starts, "
       "ends)\", with: \"&&\"}], where: NOT cancelled, include: [id]}\n",
       "      - {name: ex_room, elements: [{column: room, with: =}, {expression: \"tsrange(starts, "
       "ends, '[]')\", with: \"&&\"}], where: NOT cancelled}\n"}) {
    CAPTURE(changed);
    Schema model = schema(bookings(changed));
    CHECK(kinds(compare_schemas(model, with, pg, {})) ==
          V{"drop_exclusion_constraint", "create_exclusion_constraint"});
    round_trips(model, with, pg);
  }
}

TEST_CASE("exclusions: PostgreSQL's spelling of one is the model's") {
  PostgresDialect pg;
  const Schema model = schema(bookings(
      "      - {name: ex_room, using: GiST, elements: [{column: room, with: pg_catalog.=}, "
      "{expression: \"TSRANGE(starts,ends)\", with: \"&&\", order: asc, nulls: last}], "
      "where: \"NOT cancelled\"}\n"));
  // As inspect reads it back: pg_get_indexdef's and pg_get_expr's text.
  Schema live = schema(bookings(""));
  ExclusionConstraint x{"ex_room", "gist", {}, "(NOT cancelled)", "", {}};
  x.elements = {{IndexKey("room"), "="}, {IndexKey::of_expression("tsrange(starts, ends)"), "&&"}};
  live.tables[0].exclusions = {x};
  CHECK(kinds(compare_schemas(model, live, pg, {})) == V{});
  // Normalising twice changes nothing more.
  const Table once = pg.normalize(model.tables[0]);
  CHECK(pg.normalize(once).exclusions == once.exclusions);
}

TEST_CASE("exclusions: a generated column made again takes its constraint with it") {
  PostgresDialect pg;
  const char* with_span =
      "tables:\n  b:\n    columns:\n      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: s, type: timestamp}\n"
      "      - {name: span, type: tsrange, generated: {expression: \"tsrange(s, s)\", "
      "stored: true}}\n"
      "    exclusions:\n      - {name: ex_b, elements: [{column: span, with: \"&&\"}]}\n";
  Schema live = schema(with_span);
  Schema model = live;
  model.tables[0].columns[2].generated->expression = "tsrange(s, s + interval '1 hour')";
  auto ops = compare_schemas(model, live, pg, {});
  CHECK(kinds(ops) ==
        V{"drop_exclusion_constraint", "drop_column", "add_column", "create_exclusion_constraint"});
}

TEST_CASE("exclusions: PostgreSQL's DDL quotes every name and refuses what is no operator") {
  PostgresDialect pg;
  ExclusionConstraint x{"ex \"odd\"", "gist", {}, "NOT cancelled", "deferred", {"id"}};
  x.elements = {{IndexKey("ro\"om"), "="},
                {IndexKey::of_expression("tsrange(starts, ends)"), "&&"},
                {IndexKey("starts"), "public.-|-"}};
  x.elements[0].key.opclass = "public.gist_int4_ops";
  auto sql = pg.compile(op(CreateExclusionConstraint{{"app", "bookings"}, x}), Schema{});
  REQUIRE(sql.size() == 1);
  CHECK(sql[0].sql ==
        "ALTER TABLE \"app\".\"bookings\" ADD CONSTRAINT \"ex \"\"odd\"\"\" EXCLUDE USING \"gist\" "
        "(\"ro\"\"om\" \"public\".\"gist_int4_ops\" WITH =, (tsrange(starts, ends)) WITH &&, "
        "\"starts\" WITH OPERATOR(\"public\".-|-)) INCLUDE (\"id\") WHERE (NOT cancelled) "
        "DEFERRABLE INITIALLY DEFERRED");
  sql = pg.compile(op(DropExclusionConstraint{{"", "bookings"}, "ex_room"}), Schema{});
  REQUIRE(sql.size() == 1);
  CHECK(sql[0].sql == "ALTER TABLE \"bookings\" DROP CONSTRAINT \"ex_room\"");

  // In CREATE TABLE, as a table constraint.
  Schema model = schema(bookings(kNoOverlap));
  sql = pg.compile(op(CreateTable{model.tables[0]}), Schema{});
  REQUIRE_FALSE(sql.empty());
  CHECK(contains(sql[0].sql,
                 ",\n  CONSTRAINT \"ex_room\" EXCLUDE USING \"gist\" (\"room\" WITH =, "
                 "(tsrange(starts, ends)) WITH &&) WHERE (NOT cancelled)\n)"));

  // An op built by hand never reaches the server with SQL in its operator.
  for (const char* hostile : {"= 0) ; DROP TABLE bookings; --", "&&)", "", "&&/*", "a.b.="}) {
    CAPTURE(hostile);
    ExclusionConstraint bad{"ex_bad", "gist", {{IndexKey("room"), hostile}}};
    std::string e = input_error([&] {
      pg.compile(op(CreateExclusionConstraint{{"", "bookings"}, bad}), Schema{});
    });
    CHECK(contains(e, "rev.yaml:9:5: exclusion constraint \"ex_bad\": the operator"));
    Table t = model.tables[0];
    t.exclusions = {bad};
    CHECK(contains(input_error([&] { pg.compile(op(CreateTable{t}), Schema{}); }),
                   "exclusion constraint \"ex_bad\""));
    // Preflight refuses it too, before anything runs.
    CHECK(contains(input_error([&] { check_model_names(Schema{{t}, {}, {}}, pg); }), "operator"));
  }
}

TEST_CASE("exclusions: SQLite and MySQL have none, and say so") {
  Schema model = schema(bookings(kNoOverlap));
  const Table& t = model.tables[0];
  const Op create = op(CreateExclusionConstraint{{"", "bookings"}, t.exclusions[0]});
  const Op drop = op(DropExclusionConstraint{{"", "bookings"}, "ex_room"});
  Schema live = schema(bookings(""));
  SqliteDialect sqlite;
  MysqlDialect mysql;
  for (const Dialect* d : std::vector<const Dialect*>{&sqlite, &mysql}) {
    CAPTURE(d->name());
    const std::string has_none = d == &sqlite ? "SQLite has none" : "MySQL and MariaDB have none";
    CHECK(contains(input_error([&] { d->compile(op(CreateTable{t}), Schema{}); }), has_none));
    CHECK(contains(input_error([&] { d->compile(create, live); }), has_none));
    CHECK(contains(input_error([&] { d->compile(drop, live); }), has_none));
    // The model is refused at its line before anything is compared or run.
    CHECK(contains(input_error([&] { check_model_names(model, *d); }),
                   "schema.yaml:2:3: exclusion constraint \"ex_room\": " + d->name() +
                       " has no exclusion constraints"));
  }
}

TEST_CASE("exclusions: lint names the lock and the check of existing rows") {
  Schema before = schema(bookings(""));
  const Schema model = schema(bookings(kNoOverlap));
  const Op create = op(CreateExclusionConstraint{{"", "bookings"}, model.tables[0].exclusions[0]});
  auto codes = [](const std::vector<OpFinding>& f) {
    std::vector<std::string> out;
    for (const auto& x : f) out.push_back(x.code);
    return out;
  };
  auto found = lint_op(create, before, "postgresql", true, {});
  CHECK(codes(found) == V{"DD203", "LK401"});
  REQUIRE_FALSE(found.empty());
  CHECK(contains(found[0].message, "exclusion constraint ex_room on existing rows of bookings"));
  // A table made in the same revision has no rows to check.
  CHECK(codes(lint_op(create, Schema{}, "postgresql", true, {})) == V{});
}
