// SQLite type names and the create -> inspect round trip.
#include <doctest/doctest.h>

#include "dialects/sqlite/types.hpp"
#include "tests/unit/sqlite_test_support.hpp"

using namespace migrate;
using namespace migrate::sqlite;
using namespace migrate::sqlite_test;

namespace {

const char* const kPortable[] = {
    "smallint",    "integer",       "bigint",  "boolean",      "float",    "float(24)",
    "double",      "numeric(10,2)", "numeric", "decimal(8,3)", "char(10)", "char",
    "varchar(20)", "string(30)",    "string",  "text",         "date",     "time",
    "timestamp",   "timestamptz",   "json",    "uuid",         "blob"};

std::string affinity(SqliteConnection& c, const std::string& column) {
  c.execute({"DELETE FROM t", {}});
  c.execute({"INSERT INTO t (\"" + column + "\") VALUES ('007')", {}});
  return std::get<std::string>(
      c.query({"SELECT typeof(\"" + column + "\") FROM t", {}}).at(0).at(0));
}

}  // namespace

TEST_CASE("sqlite types: DDL names") {
  CHECK(type_sql(Type::parse("integer")) == "INTEGER");
  CHECK(type_sql(Type::parse("numeric(10, 2)")) == "NUMERIC(10,2)");
  CHECK(type_sql(Type::parse("varchar(100)")) == "VARCHAR(100)");
  CHECK(type_sql(Type::parse("string(100)")) == "VARCHAR(100)");
  CHECK(type_sql(Type::parse("string")) == "TEXT");
  CHECK(type_sql(Type::parse("timestamptz")) == "TIMESTAMPTZ");
  CHECK(type_sql(Type::parse("uuid")) == "UUID TEXT");
  CHECK(type_sql(Type::parse("int unsigned")) == "INT UNSIGNED");
  CHECK(type_sql(Type::parse("mediumtext")) == "MEDIUMTEXT");
  CHECK(type_from_sql("VARCHAR(100)") == Type::parse("varchar(100)"));
  CHECK(type_from_sql(" Double  Precision ") == Type::parse("double precision"));
  CHECK(type_from_sql("NUMERIC( 10 , 2 )") == Type::parse("numeric(10,2)"));
  CHECK(type_from_sql("VARCHAR").name == "varchar");  // no length: no throw
  CHECK(type_from_sql("").name.empty());
  CHECK(stored_type(Type::parse("string(7)")) == Type::parse("varchar(7)"));
  CHECK(has_integer_affinity(Type::parse("bigint")));
  CHECK_FALSE(has_integer_affinity(Type::parse("numeric")));
}

TEST_CASE("sqlite types: defaults") {
  CHECK(default_sql("'x'") == "'x'");
  CHECK(default_sql("-1") == "-1");
  CHECK(default_sql("CURRENT_TIMESTAMP") == "CURRENT_TIMESTAMP");
  CHECK(default_sql("true") == "true");
  CHECK(default_sql("1 + 2") == "(1 + 2)");
  CHECK(default_sql("lower('A')") == "(lower('A'))");
  CHECK(is_constant_literal("'x'"));
  CHECK(is_constant_literal("NULL"));
  CHECK_FALSE(is_constant_literal("CURRENT_DATE"));
  CHECK_FALSE(is_constant_literal("(1)"));
}

TEST_CASE("sqlite types: create_table round-trips every portable type") {
  Table t;
  t.name = "all_types";
  for (const char* type : kPortable) {
    std::string name = std::string("c_") + type;
    for (char& ch : name)
      if (ch == '(' || ch == ')' || ch == ',') ch = '_';
    t.columns.push_back(col(name, type));
  }
  t.columns.push_back(col("c_mediumtext", "mediumtext"));
  t.columns.push_back(col("c_int_unsigned", "int unsigned", false));
  t.columns.push_back(col("c_double_precision", "double precision"));
  Db db;
  db.run(op(CreateTable{t}));  // checks inspect == as_stored(model)
  Schema live = db.dialect.inspect(*db.conn);
  const Table& back = live.tables.at(0);
  REQUIRE(back.columns.size() == t.columns.size());
  for (size_t i = 0; i < t.columns.size(); ++i) {
    CAPTURE(t.columns[i].type.str());
    // Only the string alias comes back under another (equivalent) name.
    if (t.columns[i].type.name == "string")
      CHECK(back.columns[i].type.name != "string");
    else
      CHECK(back.columns[i].type == t.columns[i].type);
  }
}

TEST_CASE("sqlite types: text types keep text, numbers get numeric affinity") {
  Table t;
  t.name = "t";
  t.columns = {col("u", "uuid"), col("s", "string(10)"), col("v", "varchar(10)"),
               col("j", "json"), col("i", "integer"),    col("n", "numeric(5,2)")};
  Db db;
  db.run(op(CreateTable{t}));
  auto& c = static_cast<SqliteConnection&>(*db.conn);
  CHECK(affinity(c, "u") == "text");
  CHECK(affinity(c, "s") == "text");
  CHECK(affinity(c, "v") == "text");
  CHECK(affinity(c, "i") == "integer");
  CHECK(affinity(c, "n") == "integer");
}
