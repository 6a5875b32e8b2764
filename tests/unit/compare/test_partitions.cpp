// Partitioned tables (issue #19): the model's keys, compare's partition ops
// on PostgreSQL (by name; a new partitioning remakes the table) and MySQL
// (in order; restated in place), their YAML round trip and reverse, and
// SQLite's refusal.
#include <doctest/doctest.h>

#include "core/compare/compare.hpp"
#include "core/model/model.hpp"
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

std::string table(const std::string& partitions, const std::string& by = "range") {
  return "tables:\n  m:\n    columns:\n      - {name: id, type: integer, nullable: false}\n"
         "    partition_by: {type: " +
         by + ", columns: [id]}\n    partitions:\n" + partitions;
}

const char* kP0 = "      - {name: p0, values: LESS THAN (10)}\n";
const char* kP1 = "      - {name: p1, values: LESS THAN (20)}\n";
const char* kP2 = "      - {name: p2, values: LESS THAN (30)}\n";

void round_trips(const std::vector<Op>& up) {
  std::string text = "revision: abc\nupgrade:\n" + render_ops(up, 2) + "\ndowngrade:\n" +
                     render_ops(reverse_all(up), 2) + "\n";
  Revision r = load_revision_text(text, "rev.yaml", NamingConvention{});
  CHECK_MESSAGE(same_ops(r.upgrade, up), text);
  CHECK_MESSAGE(same_ops(r.downgrade, reverse_all(up)), text);
}

}  // namespace

TEST_CASE("partitions: read from the model, mistakes at their line") {
  Schema s = schema(table(std::string(kP0) + "      - {name: rest, default: true}\n"));
  const Table& t = *s.table("m");
  REQUIRE(t.partition_by);
  CHECK(t.partition_by->type == "range");
  CHECK(t.partition_by->columns == V{"id"});
  REQUIRE(t.partitions.size() == 2);
  CHECK(t.partitions[1].is_default);
  CHECK(contains(input_error([] { schema(table(std::string(kP0) + kP0)); }),
                 "duplicate partition 'p0'"));
  CHECK(contains(input_error([] { schema(table(kP0, "spread")); }), "schema.yaml:5"));
  CHECK(contains(input_error([] {
                   schema(
                       "tables:\n  m:\n    columns: [{name: id, type: integer}]\n"
                       "    partitions: [{name: p0}]\n");
                 }),
                 "has no partition_by"));
}

TEST_CASE("partitions: PostgreSQL adds and drops by name, and remakes a repartitioned table") {
  PostgresDialect pg;
  Schema live = schema(table(std::string(kP0) + kP1));
  CHECK(kinds(compare_schemas(live, live, pg, {})) == V{});
  // Order is no difference on PostgreSQL.
  CHECK(kinds(compare_schemas(schema(table(std::string(kP1) + kP0)), live, pg, {})) == V{});
  auto ops = compare_schemas(schema(table(std::string(kP1) + kP2)), live, pg, {});
  CHECK(kinds(ops) == V{"drop_partition", "add_partition"});
  round_trips(ops);
  ops = compare_schemas(schema(table(kP0, "hash")), live, pg, {});
  CHECK(kinds(ops) == V{"drop_table", "create_table"});
  round_trips(ops);
}

TEST_CASE("partitions: MySQL keeps the order, and restates what ADD and DROP cannot do") {
  MysqlDialect my;
  Schema live = schema(table(std::string(kP0) + kP2));
  auto ops = compare_schemas(schema(table(std::string(kP0) + kP1 + kP2)), live, my, {});
  REQUIRE(kinds(ops) == V{"add_partition"});
  CHECK(std::get<AddPartition>(ops[0].body).before == "p2");
  round_trips(ops);
  // In the middle: the whole partitioning restated, keeping the rows.
  auto sql = my.compile(ops[0], live);
  REQUIRE(sql.size() == 1);
  CHECK(contains(sql[0].sql,
                 "PARTITION BY RANGE (`id`) (PARTITION `p0` VALUES LESS THAN (10), "
                 "PARTITION `p1` VALUES LESS THAN (20), PARTITION `p2`"));
  ops = compare_schemas(schema(table(kP0)), live, my, {});
  REQUIRE(kinds(ops) == V{"drop_partition"});
  CHECK(my.compile(ops[0], live)[0].sql == "ALTER TABLE `m` DROP PARTITION `p2`");
  ops = compare_schemas(schema(table(std::string(kP2) + kP0)), live, my, {});
  CHECK(kinds(ops) == V{"alter_partitioning"});
  round_trips(ops);
  ops = compare_schemas(schema("tables:\n  m:\n    columns: [{name: id, type: integer, "
                               "nullable: false}]\n"),
                        live, my, {});
  REQUIRE(kinds(ops) == V{"alter_partitioning"});
  CHECK(my.compile(ops[0], live)[0].sql == "ALTER TABLE `m` REMOVE PARTITIONING");
  round_trips(ops);
}

TEST_CASE("partitions: SQLite refuses partition_by at the model's line") {
  SqliteDialect sqlite;
  Schema s = schema(table(kP0));
  CHECK(contains(input_error([&] { check_model_names(s, sqlite); }),
                 "schema.yaml:2:3: table \"m\" has partition_by, but sqlite has no partitioned"));
}
