// MySQL's table options (mysql_engine, mysql_charset, mysql_collate): read
// and written with the table, compared only where the model states them,
// changed by alter_table_options and its reverse, compiled to MySQL DDL and
// to nothing elsewhere.
#include <doctest/doctest.h>

#include "core/compare/compare.hpp"
#include "core/model/model.hpp"
#include "core/ops/apply.hpp"
#include "core/ops/op_equal.hpp"
#include "core/script/script.hpp"
#include "dialects/mysql/compile.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/sqlite/compile.hpp"
#include "tests/unit/yaml_test_util.hpp"

using namespace migrate;
using migrate::test::contains;
using migrate::test::input_error;

namespace {

using V = std::vector<std::string>;

Schema schema(const std::string& yaml) {
  return load_model_text(yaml, "test.yaml", NamingConvention{});
}

std::vector<std::string> kinds(const std::vector<Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) out.push_back(op.kind());
  return out;
}

// What inspect reports of a table made without options on a utf8mb4 server.
const char* kLive = R"y(
tables:
  notes:
    mysql_engine: InnoDB
    mysql_charset: utf8mb4
    mysql_collate: utf8mb4_general_ci
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: body, type: text}
      - {name: code, type: varchar(10) character set latin1}
      - {name: n, type: integer}
)y";

const char* kModel = R"y(
tables:
  notes:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: body, type: text}
      - {name: code, type: varchar(10) character set latin1}
      - {name: n, type: integer}
)y";

Revision revision_of(const std::vector<Op>& up) {
  std::string text = "revision: abc\nupgrade:\n" + render_ops(up, 2) + "\ndowngrade:\n" +
                     render_ops(reverse_all(up), 2) + "\n";
  return load_revision_text(text, "rev.yaml", NamingConvention{});
}

}  // namespace

TEST_CASE("table options: read and written with the table, bad names at file:line:column") {
  Schema s = schema(kLive);
  const Table& t = *s.table("notes");
  CHECK(*t.mysql_engine == "InnoDB");
  CHECK(*t.mysql_charset == "utf8mb4");
  CHECK(*t.mysql_collate == "utf8mb4_general_ci");
  CHECK(!schema(kModel).table("notes")->mysql_engine);

  Op create{CreateTable{t}, {}};
  Revision r = revision_of({create});
  CHECK(same_ops(r.upgrade, {create}));
  CHECK(*std::get<DropTable>(r.downgrade[0].body).existing->mysql_collate == "utf8mb4_general_ci");

  CHECK(contains(input_error([] {
                   schema(
                       "tables:\n  t:\n    mysql_engine: \"Inno DB\"\n    columns: [{name: "
                       "a, type: integer}]\n");
                 }),
                 "test.yaml:3:19: 'mysql_engine' of table 't' must be a plain name"));
  CHECK(contains(input_error([] {
                   schema(
                       "tables:\n  t:\n    mysql_charsett: latin1\n    columns: [{name: a, "
                       "type: integer}]\n");
                 }),
                 "test.yaml:3:5"));
}

TEST_CASE("table options: compared only where the model states them") {
  MysqlDialect mysql;
  Schema live = schema(kLive);
  Schema model = schema(kModel);
  CHECK(kinds(compare_schemas(model, live, mysql, {})) == V{});

  // Stated as the server has them, in another spelling: still nothing.
  model.table("notes")->mysql_engine = "innodb";
  model.table("notes")->mysql_charset = "UTF8MB4";
  CHECK(kinds(compare_schemas(model, live, mysql, {})) == V{});
  model.table("notes")->mysql_collate = "utf8mb4_general_ci";
  CHECK(kinds(compare_schemas(model, live, mysql, {})) == V{});

  // A column that names the table's own character set is the same column.
  model.table("notes")->column("body")->type = Type::parse("text character set utf8mb4");
  CHECK(kinds(compare_schemas(model, live, mysql, {})) == V{});

  model.table("notes")->mysql_engine = "MyISAM";
  auto ops = compare_schemas(model, live, mysql, {});
  REQUIRE(kinds(ops) == V{"alter_table_options"});
  const auto& o = std::get<AlterTableOptions>(ops[0].body);
  CHECK(*o.mysql_engine == "MyISAM");
  CHECK(*o.existing_mysql_engine == "InnoDB");
  CHECK(!o.mysql_charset);
  CHECK(!o.columns);

  // Other dialects neither inspect nor compare them.
  Schema other = live;
  other.table("notes")->mysql_engine = "MyISAM";
  other.table("notes")->mysql_charset = "latin1";
  other.table("notes")->mysql_collate = "latin1_bin";
  CHECK(kinds(compare_schemas(other, live, mysql, {})) == V{"alter_table_options"});
  SqliteDialect sqlite;
  PostgresDialect pg;
  CHECK(compare_schemas(other, live, sqlite, {}).empty());
  CHECK(compare_schemas(other, live, pg, {}).empty());
}

TEST_CASE("table options: a new character set names the columns that follow it") {
  MysqlDialect mysql;
  Schema live = schema(kLive);
  Schema model = schema(kModel);
  model.table("notes")->mysql_charset = "latin1";
  auto ops = compare_schemas(model, live, mysql, {});
  // `code` named latin1 while the table was utf8mb4; now it is the table's.
  REQUIRE(kinds(ops) == V{"alter_table_options", "alter_column"});
  const auto& o = std::get<AlterTableOptions>(ops[0].body);
  CHECK(*o.mysql_charset == "latin1");
  CHECK(!o.mysql_collate);
  CHECK(*o.existing_mysql_charset == "utf8mb4");
  CHECK(*o.existing_mysql_collate == "utf8mb4_general_ci");
  CHECK(*o.columns == V{"body"});

  // The reverse restores both, for the same columns.
  Op back = reverse(ops[0]);
  const auto& b = std::get<AlterTableOptions>(back.body);
  CHECK(*b.mysql_charset == "utf8mb4");
  CHECK(*b.mysql_collate == "utf8mb4_general_ci");
  CHECK(*b.existing_mysql_charset == "latin1");
  CHECK(!b.existing_mysql_collate);
  CHECK(*b.columns == V{"body"});

  Revision r = revision_of(ops);
  CHECK(same_ops(r.upgrade, ops));
  CHECK(same_ops(r.downgrade, reverse_all(ops)));

  // Played on the simulator, the model is reached and the database restored.
  Schema after = live;
  for (const auto& op : ops) apply_op(after, op);
  CHECK(*after.table("notes")->mysql_charset == "latin1");
  CHECK(kinds(compare_schemas(model, after, mysql, {})) == V{});
  for (const auto& op : reverse_all(ops)) apply_op(after, op);
  CHECK(kinds(compare_schemas(live, after, mysql, {})) == V{});

  // A column stating utf8mb4 in a latin1 table keeps it.
  model.table("notes")->column("body")->type = Type::parse("text character set utf8mb4");
  ops = compare_schemas(model, live, mysql, {});
  REQUIRE(kinds(ops) == V{"alter_table_options", "alter_column", "alter_column"});
  CHECK(std::get<AlterColumn>(ops[1].body).column == "body");
  model.table("notes")->column("code")->type = Type::parse("varchar(10)");
  model.table("notes")->mysql_collate = "latin1_bin";
  ops = compare_schemas(model, live, mysql, {});
  REQUIRE(kinds(ops) == V{"alter_table_options", "alter_column", "alter_column"});
  CHECK(*std::get<AlterTableOptions>(ops[0].body).mysql_collate == "latin1_bin");
}

TEST_CASE("table options: MySQL DDL, and none on SQLite and PostgreSQL") {
  MysqlDialect mysql;
  Schema live = schema(kLive);
  Table t = *live.table("notes");
  t.mysql_engine = "MyISAM";
  t.comment = "n";
  auto create = mysql.compile(Op{CreateTable{t}, {}}, Schema{});
  REQUIRE(create.size() == 1);
  CHECK(contains(create[0].sql,
                 "\n) ENGINE=`MyISAM` DEFAULT CHARSET=`utf8mb4` "
                 "COLLATE=`utf8mb4_general_ci` COMMENT='n'"));

  AlterTableOptions o{{"", "notes"}, "InnoDB", "latin1", "latin1_bin", {}, {}, {},
                      V{"body"},     {},       {},       {},           {}};
  auto sts = mysql.compile(Op{o, {}}, live);
  REQUIRE(sts.size() == 2);
  CHECK(sts[0].sql ==
        "ALTER TABLE `notes` ENGINE = `InnoDB`, DEFAULT CHARACTER SET = `latin1`, COLLATE = "
        "`latin1_bin`");
  CHECK(sts[1].sql ==
        "ALTER TABLE `notes` MODIFY COLUMN `body` TEXT character set latin1 collate latin1_bin");

  // Written by hand without `columns`: the text columns naming no character set.
  o.columns.reset();
  o.mysql_charset.reset();
  o.mysql_engine.reset();
  sts = mysql.compile(Op{o, {}}, live);
  REQUIRE(sts.size() == 2);
  CHECK(sts[0].sql == "ALTER TABLE `notes` COLLATE = `latin1_bin`");
  CHECK(contains(sts[1].sql, "`body` TEXT character set latin1 collate latin1_bin"));

  o.columns = V{"gone"};
  CHECK(contains(input_error([&] {
                   mysql.compile(Op{o, {"r.yaml", 3, 5}}, live);
                 }),
                 "r.yaml:3:5: alter_table_options: column 'gone' of notes is not known"));

  SqliteDialect sqlite;
  PostgresDialect pg;
  CHECK(sqlite.compile(Op{o, {}}, live).empty());
  CHECK(pg.compile(Op{o, {}}, live).empty());
  auto pg_create = pg.compile(Op{CreateTable{t}, {}}, Schema{});
  REQUIRE(!pg_create.empty());
  CHECK(!contains(pg_create[0].sql, "ENGINE"));
}

TEST_CASE("table options: the op's file form, its errors and its reverse") {
  const char* text = R"y(revision: abc
upgrade:
  - alter_table_options: {table: notes, mysql_engine: MyISAM, existing_mysql_engine: InnoDB}
downgrade:
  - alter_table_options: {table: notes, mysql_engine: InnoDB}
)y";
  Revision r = load_revision_text(text, "rev.yaml", NamingConvention{});
  REQUIRE(r.upgrade.size() == 1);
  CHECK(r.upgrade[0].describe() == "set options of table notes: engine MyISAM");
  CHECK(same_op(
      reverse(r.upgrade[0]),
      Op{AlterTableOptions{{"", "notes"}, "InnoDB", {}, {}, "MyISAM", {}, {}, {}, {}, {}, {}, {}},
         {}}));
  CHECK(contains(input_error([&] { reverse(r.downgrade[0]); }),
                 "rev.yaml:5:5: alter_table_options (set options of table notes: engine InnoDB) "
                 "cannot be reversed: it sets mysql_engine without existing_mysql_engine"));
  CHECK(contains(input_error([] {
                   load_revision_text(
                       "revision: abc\nupgrade:\n  - alter_table_options: {table: notes}\n",
                       "rev.yaml", NamingConvention{});
                 }),
                 "rev.yaml:3:26: alter_table_options changes nothing"));
  CHECK(contains(input_error([] {
                   load_revision_text(
                       "revision: abc\nupgrade:\n  - alter_table_options: {table: "
                       "notes, mysql_charset: \"latin1; DROP\"}\n",
                       "rev.yaml", NamingConvention{});
                 }),
                 "rev.yaml:3:56: 'mysql_charset' of alter_table_options must be a plain name"));

  Schema s = schema(kLive);
  apply_op(s, r.upgrade[0]);
  CHECK(*s.table("notes")->mysql_engine == "MyISAM");
  CHECK(*s.table("notes")->mysql_charset == "utf8mb4");  // untouched
}
