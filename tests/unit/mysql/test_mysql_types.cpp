// The MySQL dialect's pure parts, without a server: type and default
// spellings, URL options, DDL text, the lock name.
#include <doctest/doctest.h>

#include <limits>

#include "core/base/error.hpp"
#include "core/dialect/url.hpp"
#include "dialects/mysql/compile.hpp"
#include "dialects/mysql/connection.hpp"
#include "dialects/mysql/options.hpp"
#include "dialects/mysql/types.hpp"

using namespace migrate;
using namespace migrate::mysql;

namespace {

std::string canon(const std::string& t) {
  return canonical_type(Type::parse(t)).str();
}

std::optional<std::string> dflt(const std::string& expr, const std::string& type) {
  return canonical_default(expr, canonical_type(Type::parse(type)));
}

}  // namespace

TEST_CASE("mysql types: one spelling for what MySQL stores alike") {
  CHECK(canon("int") == "integer");
  CHECK(canon("int(11)") == "integer");
  CHECK(canon("INTEGER") == "integer");
  CHECK(canon("int(10) unsigned") == "integer unsigned");
  CHECK(canon("int unsigned") == "integer unsigned");
  CHECK(canon("int(5) zerofill") == "integer(5) unsigned zerofill");
  CHECK(canon("tinyint(1)") == "boolean");
  CHECK(canon("bool") == "boolean");
  CHECK(canon("tinyint(4)") == "tinyint");
  CHECK(canon("tinyint(1) unsigned") == "tinyint unsigned");
  CHECK(canon("mediumint(9)") == "mediumint");
  CHECK(canon("numeric(10,2)") == "decimal(10,2)");
  CHECK(canon("numeric") == "decimal(10,0)");
  CHECK(canon("decimal(5)") == "decimal(5,0)");
  CHECK(canon("float(30)") == "double");
  CHECK(canon("float(10)") == "float");
  CHECK(canon("double precision") == "double");
  CHECK(canon("real") == "double");
  CHECK(canon("string(30)") == "varchar(30)");
  CHECK(canon("string") == "varchar(255)");
  CHECK(canon("char") == "char(1)");
  CHECK(canon("datetime") == "timestamp");
  CHECK(canon("datetime(6)") == "timestamp(6)");
  CHECK(canon("timestamp(6)") == "timestamp(6)");
  CHECK(canon("datetime(0)") == "timestamp");
  CHECK(canon("timestamptz(0)") == "timestamptz");
  CHECK(canon("time(3)") == "time(3)");
  CHECK(canon("uuid") == "char(36)");
  CHECK(canon("enum(\"a\", 'b''c')") == "enum('a','b''c')");
  CHECK(canon("varchar(10) CHARSET utf8") == "varchar(10) character set utf8mb3");
  CHECK(canon("varchar(10) collate latin1_bin") ==
        "varchar(10) character set latin1 collate latin1_bin");
  CHECK(canon("varchar(10) character set latin1 collate latin1_swedish_ci") ==
        "varchar(10) character set latin1");
  CHECK(canon("varchar(10) character set utf8mb4") == "varchar(10)");
  CHECK(canon("text character set latin1") == "text character set latin1");
  CHECK(canon("mediumtext") == "mediumtext");
  // Idempotent: what it returns, it returns again.
  for (const char* t :
       {"int(10) unsigned", "numeric", "enum('a')", "varchar(10) collate latin1_bin", "string",
        "float(30)", "datetime", "datetime(3)", "timestamptz(0)"})
    CHECK(canon(canon(t)) == canon(t));
}

TEST_CASE("mysql types: DDL spellings") {
  CHECK(type_sql(Type::parse("integer")) == "INT");
  CHECK(type_sql(Type::parse("boolean")) == "TINYINT(1)");
  CHECK(type_sql(Type::parse("timestamp")) == "DATETIME");
  CHECK(type_sql(Type::parse("timestamptz")) == "TIMESTAMP");
  CHECK(type_sql(Type::parse("timestamp(6)")) == "DATETIME(6)");
  CHECK(type_sql(Type::parse("timestamptz(3)")) == "TIMESTAMP(3)");
  CHECK(type_sql(Type::parse("time(2)")) == "TIME(2)");
  CHECK(type_sql(Type::parse("string")) == "VARCHAR(255)");
  CHECK(type_sql(Type::parse("numeric(10,2)")) == "DECIMAL(10,2)");
  CHECK(type_sql(Type::parse("float(53)")) == "DOUBLE");
  CHECK(type_sql(Type::parse("uuid")) == "CHAR(36)");
  CHECK(type_sql(Type::parse("int unsigned")) == "int unsigned");
  CHECK(type_sql(Type::parse("varchar(20) character set latin1")) ==
        "VARCHAR(20) character set latin1");
  CHECK(type_sql(Type{"integer", {}, "unsigned"}) == "INT unsigned");
  CHECK(type_sql(Type::parse("enum('a','b')")) == "enum('a','b')");
}

TEST_CASE("mysql types: catalog types in the model's spelling") {
  CatalogType c;
  c.column_type = "int(11)";
  CHECK(type_from_catalog(c).str() == "integer");
  c.column_type = "timestamp";
  CHECK(type_from_catalog(c).str() == "timestamptz");
  c.column_type = "datetime";
  CHECK(type_from_catalog(c).str() == "timestamp");
  c.column_type = "datetime(6)";
  CHECK(type_from_catalog(c).str() == "timestamp(6)");
  CHECK(type_from_catalog(c) == canonical_type(Type::parse("timestamp(6)")));
  c.column_type = "timestamp(3)";
  CHECK(type_from_catalog(c).str() == "timestamptz(3)");
  CHECK(type_from_catalog(c) == canonical_type(Type::parse("timestamptz(3)")));
  c.column_type = "time(2)";
  CHECK(type_from_catalog(c).str() == "time(2)");
  c.column_type = "float(7,4)";
  CHECK(type_from_catalog(c).str() == "float(7,4)");
  c.column_type = "longtext";
  c.json = true;
  CHECK(type_from_catalog(c).str() == "json");
  c = CatalogType{};
  c.column_type = "varchar(20)";
  c.charset = "latin1";
  c.collation = "latin1_swedish_ci";
  c.table_charset = "utf8mb4";
  c.table_collation = "utf8mb4_general_ci";
  c.collation_is_default = true;
  CHECK(type_from_catalog(c).str() == "varchar(20) character set latin1");
  c.charset = "utf8mb4";
  c.collation = "utf8mb4_general_ci";
  CHECK(type_from_catalog(c).str() == "varchar(20)");  // the table's own
}

TEST_CASE("mysql defaults: what MySQL stores alike compares alike") {
  CHECK(dflt("0", "numeric(12,4)") == dflt("0.0000", "numeric(12,4)"));
  CHECK(dflt("'5'", "integer") == std::optional<std::string>("5"));
  CHECK(dflt("true", "boolean") == std::optional<std::string>("1"));
  CHECK(dflt("TRUE", "boolean") == dflt("1", "tinyint(1)"));
  CHECK(dflt("7", "varchar(10)") == std::optional<std::string>("'7'"));
  CHECK(dflt("-2.50", "double") == std::optional<std::string>("-2.5"));
  CHECK(dflt("now()", "timestamp") == std::optional<std::string>("CURRENT_TIMESTAMP"));
  CHECK(dflt("current_timestamp()", "timestamp") ==
        std::optional<std::string>("CURRENT_TIMESTAMP"));
  CHECK(dflt("current_timestamp(3)", "datetime(3)") ==
        std::optional<std::string>("CURRENT_TIMESTAMP(3)"));
  CHECK(dflt("current_timestamp(6)", "timestamp(6)") == dflt("NOW(6)", "datetime(6)"));
  CHECK(dflt("CURRENT_TIMESTAMP(6)", "timestamp(6)") != dflt("CURRENT_TIMESTAMP", "timestamp(6)"));
  CHECK(dflt("current_timestamp(0)", "timestamp") == dflt("CURRENT_TIMESTAMP", "timestamp"));
  CHECK(dflt("'2020-01-01 00:00:00.250'", "timestamp(3)") ==
        std::optional<std::string>("'2020-01-01 00:00:00.25'"));
  CHECK(dflt("'10:00:00.000'", "time(3)") == dflt("'10:00:00'", "time(3)"));
  CHECK(dflt("'a.500'", "varchar(9)") == std::optional<std::string>("'a.500'"));
  CHECK(dflt("curdate()", "date") == dflt("CURRENT_DATE", "date"));
  CHECK(dflt("curtime()", "time") == dflt("current_time", "time"));
  CHECK(dflt("NULL", "integer") == std::nullopt);
  CHECK(dflt("(1 + 2)", "integer") == dflt("1+2", "integer"));
  CHECK(dflt("_utf8mb4'x'", "text") == std::optional<std::string>("'x'"));
  CHECK(dflt("'2020-01-01'", "date") == std::optional<std::string>("'2020-01-01'"));
  CHECK(dflt("x'00FF'", "blob") == dflt("X'00ff'", "blob"));
  CHECK(dflt("x'00ff'", "varbinary(4)") == std::optional<std::string>("x'003f'"));
  CHECK(dflt("x'6869'", "blob") == dflt("'hi'", "varbinary(4)"));
}

TEST_CASE("mysql defaults: from the catalog, and into DDL") {
  Type text = canonical_type(Type::parse("varchar(10)"));
  Type number = canonical_type(Type::parse("integer"));
  CHECK(default_from_catalog(std::string("NULL"), "", true, number) == std::nullopt);
  CHECK(default_from_catalog(std::nullopt, "", true, number) == std::nullopt);
  CHECK(default_from_catalog(std::string("'it\\'s'"), "", true, text) ==
        std::optional<std::string>("'it''s'"));
  // MySQL 8: literals bare, expressions marked.
  CHECK(default_from_catalog(std::string("it's"), "", false, text) ==
        std::optional<std::string>("'it''s'"));
  CHECK(default_from_catalog(std::string("5"), "", false, number) ==
        std::optional<std::string>("5"));
  CHECK(default_from_catalog(std::string("CURRENT_TIMESTAMP"), "DEFAULT_GENERATED", false, text) ==
        std::optional<std::string>("CURRENT_TIMESTAMP"));
  auto generated =
      default_from_catalog(std::string("(_utf8mb4\\'x\\')"), "DEFAULT_GENERATED", false, text);
  CHECK(canonical_default(generated, text) == std::optional<std::string>("'x'"));
  CHECK(default_sql("0") == "0");
  CHECK(default_sql("-1") == "-1");
  CHECK(default_sql("'x'") == "'x'");
  CHECK(default_sql("CURRENT_TIMESTAMP") == "CURRENT_TIMESTAMP");
  CHECK(default_sql("now()") == "now()");
  CHECK(default_sql("CURRENT_DATE") == "(CURRENT_DATE)");
  CHECK(default_sql("1 + 2") == "(1 + 2)");
  CHECK(default_sql("(1 + 2)") == "(1 + 2)");
  CHECK(standard_strings("`a\\'b` = 'x\\'y\\\\z' and 'p''q'") == "`a\\'b` = 'x''y\\z' and 'p''q'");
}

TEST_CASE("mysql URL options") {
  auto opts = [](const std::string& url) { return connect_options(parse_url(url)); };
  auto o = opts("mysql://u:p@h:3307/db?charset=latin1&unix_socket=/tmp/s&ssl_mode=verify_ca");
  CHECK(o.host == "h");
  CHECK(o.port == 3307);
  CHECK(o.password == "p");
  CHECK(o.charset == "latin1");
  CHECK(o.unix_socket == "/tmp/s");
  CHECK(o.ssl_mode == SslMode::verify_ca);
  CHECK(opts("mariadb://u@h/db").charset == "utf8mb4");
  CHECK(opts("mysql://u@h/db?ssl_mode=DISABLED").ssl_mode == SslMode::disabled);
  CHECK(opts("mysql://u@h/db?connect_timeout=3").connect_timeout == 3);
  CHECK_THROWS_WITH_AS(opts("mysql://u:secret@h/db?ssl_mode=maybe"),
                       doctest::Contains("unknown ssl_mode 'maybe'"), InputError);
  try {
    opts("mysql://u:secret@h/db?colour=blue");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("unknown option 'colour'") != std::string::npos);
    CHECK(std::string(e.what()).find("secret") == std::string::npos);
  }
  CHECK_THROWS_AS(opts("mysql://u@h/db?connect_timeout=soon"), InputError);
}

TEST_CASE("mysql dialect: quoting, literals, lock names") {
  MysqlDialect d;
  CHECK(d.name() == "mysql");
  CHECK_FALSE(d.transactional_ddl());
  CHECK(d.quote_ident("we`ird") == "`we``ird`");
  CHECK(d.placeholder(2) == "?");
  CHECK(d.literal(Value{std::string("it's a \\ test")}) == "'it''s a \\\\ test'");
  CHECK(d.literal(Value{true}) == "TRUE");
  CHECK(d.literal(Value{}) == "NULL");
  CHECK_THROWS_AS(d.literal(Value{std::numeric_limits<double>::infinity()}), InputError);
  CHECK(lock_name("migrate:shop:migrate_version") == "migrate:shop:migrate_version");
  std::string long_name = "migrate:" + std::string(80, 'd') + ":migrate_version";
  CHECK(lock_name(long_name).size() == 64);
  CHECK(lock_name(long_name) == lock_name(long_name));
  CHECK(lock_name(long_name) != lock_name(long_name + "2"));
}

TEST_CASE("mysql compile: DDL text") {
  MysqlDialect d;
  Table t;
  t.name = "order";
  Column id;
  id.name = "id";
  id.type = Type::parse("integer");
  id.nullable = false;
  id.autoincrement = true;
  Column note;
  note.name = "note";
  note.type = Type::parse("text");
  note.server_default = "'x'";
  note.comment = "it's";
  t.columns = {id, note};
  t.primary_key = PrimaryKey{"pk_order", {"id"}};
  t.indexes = {{"ix_order_note", {IndexKey::of_prefix("note", 10)}, false},
               {"ux_order_id", {"id"}, true}};
  t.checks = {{"ck_order", "length(\"note\") > 0"}};
  auto sts = d.compile(Op{CreateTable{t}, {}}, Schema{});
  REQUIRE(sts.size() == 1);
  const std::string& sql = sts[0].sql;
  CHECK(sql.find("CREATE TABLE `order`") == 0);
  CHECK(sql.find("`id` INT NOT NULL AUTO_INCREMENT") != std::string::npos);
  CHECK(sql.find("`note` TEXT DEFAULT ('x') COMMENT 'it''s'") != std::string::npos);
  CHECK(sql.find("PRIMARY KEY (`id`)") != std::string::npos);
  CHECK(sql.find("INDEX `ix_order_note` (`note`(10))") != std::string::npos);
  CHECK(sql.find("UNIQUE INDEX `ux_order_id` (`id`) COMMENT 'migrate:unique-index'") !=
        std::string::npos);
  CHECK(sql.find("CHECK (length(`note`) > 0)") != std::string::npos);

  Schema current;
  current.tables.push_back(t);
  BulkInsert bi{{"", "order"},
                {{{"id", Value{std::int64_t{1}}}, {"note", Value{std::string("a'b")}}}}};
  auto ins = d.compile(Op{bi, {}}, current);
  REQUIRE(ins.size() == 1);
  CHECK(ins[0].sql == "INSERT INTO `order` (`id`, `note`) VALUES (?, ?)");
  CHECK(ins[0].params.size() == 2);

  Execute ex;
  ex.sql["postgresql"] = "SELECT 1";
  CHECK_THROWS_WITH_AS(d.compile(Op{ex, {}}, current), doctest::Contains("no SQL for mysql"),
                       InputError);
}

TEST_CASE("mysql defaults: a bit default compares by its bits, however written") {
  // MariaDB reports each of these as b'101'.
  for (const char* written : {"5", "0x05", "b'0101'", "b'101'", "x'05'", "(5)"})
    CHECK_MESSAGE(dflt(written, "bit(8)") == std::optional<std::string>("b'101'"), written);
  CHECK(dflt("0", "bit(1)") == std::optional<std::string>("b'0'"));
  CHECK(dflt("true", "bit(1)") == std::optional<std::string>("b'1'"));
  CHECK(dflt("010", "bit(8)") == std::optional<std::string>("b'1010'"));  // decimal, not octal
  CHECK(dflt("6", "bit(8)") != dflt("5", "bit(8)"));
  // Only bit columns: an integer's 5 stays 5.
  CHECK(dflt("5", "int") == std::optional<std::string>("5"));
}

TEST_CASE("mysql defaults: expression defaults as MariaDB stores them") {
  // MariaDB reports DEFAULT (upper('y')) as ucase('y'), DEFAULT (-(4)) as -4.
  CHECK(dflt("upper('y')", "varchar(10)") == dflt("ucase('y')", "varchar(10)"));
  CHECK(dflt("(lower('X'))", "varchar(10)") == dflt("lcase('X')", "varchar(10)"));
  CHECK(dflt("(-(4))", "int") == dflt("-4", "int"));
  CHECK(dflt("(1 + 2)", "int") == dflt("(1 + 2)", "int"));
  CHECK(dflt("upper('y')", "varchar(10)") != dflt("lower('y')", "varchar(10)"));
  CHECK(dflt("(-(4))", "int") != dflt("4", "int"));
}
