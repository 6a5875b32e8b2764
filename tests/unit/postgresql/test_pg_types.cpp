// The PostgreSQL dialect's type and default spellings without a server:
// arrays, serial types, bit strings, typed literals and expression defaults
// (what a PostgreSQL 15 catalog reports for them is in the comments).
#include <doctest/doctest.h>

#include "core/ops/ops.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/postgresql/types.hpp"

using namespace migrate;
using namespace migrate::postgresql;

namespace {

std::string sql_of(const std::string& type) {
  return type_sql(Type::parse(type));
}
std::string stored(const std::string& type) {
  return stored_type(Type::parse(type)).str();
}

}  // namespace

TEST_CASE("pg types: arrays of portable and spelled-out types compile and compare") {
  // The bug: the inspected double[] was emitted as is, a type that does not exist.
  CHECK(sql_of("double[]") == "DOUBLE PRECISION[]");
  CHECK(sql_of("double precision[][]") == "double precision[][]");
  CHECK(sql_of("varchar(20)[]") == "VARCHAR(20)[]");
  CHECK(sql_of("string[]") == "VARCHAR[]");
  CHECK(sql_of("timestamptz(3)[]") == "TIMESTAMPTZ(3)[]");
  CHECK(sql_of("blob[]") == "BYTEA[]");
  CHECK(sql_of("mood[]") == "mood[]");
  CHECK(sql_of("integer[3]") == "INTEGER[]");
  // One spelling whatever the dimensions (PostgreSQL neither enforces nor reports them).
  CHECK(stored("double precision[][]") == stored("double[]"));
  CHECK(stored("character varying(20)[]") == "varchar(20)[]");
  CHECK(stored("varchar(20)[]") == "varchar(20)[]");
  CHECK(stored("timestamp with time zone[]") == "timestamptz[]");
  CHECK(stored("int[3][3]") == "integer[]");
  CHECK(stored("text[]") != stored("varchar(20)[]"));
  // format_type's text, with pg_attribute.attndims.
  CHECK(type_from_catalog("double precision[]", 2).str() == "double[][]");
  CHECK(type_from_catalog("character varying(20)[]").str() == "varchar(20)[]");
  CHECK(type_from_catalog("timestamp(3) with time zone[]").str() == "timestamptz(3)[]");
  CHECK(stored_type(type_from_catalog("double precision[]", 2)) ==
        stored_type(Type::parse("double precision[][]")));
}

TEST_CASE("pg types: serial types, bit strings and lengths") {
  CHECK(sql_of("serial") == "SERIAL");
  CHECK(sql_of("bigserial") == "BIGSERIAL");
  CHECK(sql_of("smallserial") == "SMALLSERIAL");
  CHECK(stored("serial4") == "serial");
  CHECK(stored("serial8") == "bigserial");
  CHECK(stored("serial2") == "smallserial");
  CHECK(stored("serial") != stored("integer"));
  CHECK(stored("serial") != stored("bigserial"));
  CHECK(serial_base(Type::parse("bigserial")) == std::optional<std::string>("bigint"));
  CHECK_FALSE(serial_base(Type::parse("bigint")));
  // bit(1) and char(1) are what bit and char mean; varbit is bit varying.
  CHECK(stored("bit") == "bit(1)");
  CHECK(stored("char") == "char(1)");
  CHECK(stored("varbit(8)") == type_from_catalog("bit varying(8)").str());
  CHECK(stored("varbit") == "bit varying");
  CHECK(stored("timestamp(3) with time zone") == "timestamptz(3)");
}

TEST_CASE("pg defaults: bit strings and typed literals") {
  const Type bit4 = Type::parse("bit(4)");
  // The catalog stores B'1010' and X'A' on a bit(4) column as '1010'::"bit".
  CHECK(normalize_default("B'1010'", bit4) == normalize_default("'1010'::\"bit\"", bit4));
  CHECK(normalize_default("X'A'", bit4) == normalize_default("'1010'::\"bit\"", bit4));
  CHECK(normalize_default("B'1010'", bit4) != normalize_default("B'1011'", bit4));
  // Bits are never a number: the old rule made '1010'::"bit" the integer 1010.
  CHECK(normalize_default("'1010'::\"bit\"", bit4) == "'1010'");
  // X'..' is a blob literal to the model (SQLite's) on other columns.
  CHECK(default_sql("X'A'", bit4) == "X'A'");
  CHECK(default_sql("x'00ff'", Type::parse("blob")) == "'\\x00ff'::bytea");
  // '2'::bigint and 2 are one value; text that looks like a number stays text.
  CHECK(normalize_default("'2'::bigint", Type::parse("bigint")) == "2");
  CHECK(normalize_default("'5'", Type::parse("integer")) == "5");
  CHECK(normalize_default("'007'::text", Type::parse("text")) == "'007'");
  CHECK(normalize_default("'007'", Type::parse("text")) == "'007'");
  // inspect keeps what would not read back the same without it.
  CHECK(model_default("'2'::bigint", "bigint") == "'2'");
  CHECK(model_default("'2'::bigint", "integer") == "'2'::bigint");
  CHECK(model_default("'-1'::integer", "integer") == "-1");
  CHECK(model_default("'x'::character varying", "character varying(20)") == "'x'");
  CHECK(model_default("'abc'::bpchar", "character(3)") == "'abc'");
  CHECK(model_default("'1010'::\"bit\"", "bit(4)") == "'1010'");
  CHECK(model_default("'{}'::text[]", "text[]") == "'{}'");
  CHECK(model_default("now()", "timestamp without time zone") == "now()");
  CHECK(model_default("nextval('s'::regclass)", "integer") == "nextval('s'::regclass)");
}

TEST_CASE("pg defaults: an expression that DEFAULT cannot take bare goes in parentheses") {
  const Type ts = Type::parse("timestamp");
  // The bug: DEFAULT now() AT TIME ZONE 'utc' is a syntax error.
  CHECK(default_sql("now() AT TIME ZONE 'utc'::text", ts) == "(now() AT TIME ZONE 'utc'::text)");
  CHECK(default_sql("(now() AT TIME ZONE 'utc'::text)", ts) == "(now() AT TIME ZONE 'utc'::text)");
  CHECK(default_sql("1 > 0", {}) == "(1 > 0)");
  CHECK(default_sql("x IN (1, 2)", {}) == "(x IN (1, 2))");
  CHECK(default_sql("(1) + (2)", {}) == "((1) + (2))");
  // Literals, keywords, calls and casts as written.
  for (const char* bare : {"0", "-1", "'x'", "'x'::character varying", "now()", "CURRENT_TIMESTAMP",
                           "true", "NULL", "gen_random_uuid()", "pg_catalog.now()", "'{}'::jsonb",
                           "(2)::bigint", "B'1010'", "nextval('s'::regclass)", "'1 day'::interval"})
    CHECK_MESSAGE(default_sql(bare, {}) == bare, bare);
  CHECK(normalize_default("(now() AT TIME ZONE 'utc'::text)", ts) ==
        normalize_default("now() AT TIME ZONE 'utc'::text", ts));
}

TEST_CASE("pg compile: serial and identity changes in place") {
  PostgresDialect d;
  Schema s;
  Table t;
  t.name = "t";
  Column id;
  id.name = "id";
  id.type = Type::parse("serial");
  id.nullable = false;
  t.columns.push_back(id);
  s.tables.push_back(t);
  auto sqls = [&](const AlterColumn& a) {
    std::string out;
    for (const auto& st : d.compile(Op{a, {}}, s)) out += st.sql + ";\n";
    return out;
  };
  AlterColumn wide;
  wide.ref = {"", "t"};
  wide.column = "id";
  wide.type = Type::parse("bigserial");
  std::string w = sqls(wide);
  CHECK(w.find("ALTER COLUMN \"id\" TYPE BIGINT") != std::string::npos);
  CHECK(w.find("'ALTER SEQUENCE ' || s || ' AS BIGINT'") != std::string::npos);
  AlterColumn plain = wide;
  plain.type = Type::parse("integer");
  std::string p = sqls(plain);
  CHECK(p.find("DROP DEFAULT") != std::string::npos);
  CHECK(p.find("'DROP SEQUENCE ' || s") != std::string::npos);
  CHECK(p.find(" TYPE ") == std::string::npos);  // integer already
  AlterColumn identity = plain;
  identity.autoincrement = true;
  std::string i = sqls(identity);
  CHECK(i.find("ADD GENERATED BY DEFAULT AS IDENTITY") != std::string::npos);
  CHECK(i.find("setval(pg_get_serial_sequence($1, $2)") != std::string::npos);
  // A serial from a plain column: PostgreSQL's own name for its sequence.
  s.tables[0].columns[0].type = Type::parse("integer");
  AlterColumn to_serial;
  to_serial.ref = {"", "t"};
  to_serial.column = "id";
  to_serial.type = Type::parse("serial");
  std::string ts = sqls(to_serial);
  CHECK(ts.find("CREATE SEQUENCE \"t_id_seq\" AS INTEGER OWNED BY \"t\".\"id\"") !=
        std::string::npos);
  CHECK(ts.find("SET DEFAULT nextval('\"t_id_seq\"'::regclass)") != std::string::npos);
  // A dollar tag the names do not hold.
  s.tables[0].columns[0].type = Type::parse("serial");
  s.tables[0].name = "a$migrate$b";
  wide.ref.table = "a$migrate$b";
  std::string odd = sqls(wide);
  CHECK(odd.find("DO $migrate_$") != std::string::npos);
}
