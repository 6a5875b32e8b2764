// What MariaDB keeps of a table beyond its columns and keys: engine,
// character set and collation (mysql_* keys), fractional-second time types,
// and tables in databases other than the URL's (`schema:`).
#include <doctest/doctest.h>

#include "../integration/harness.hpp"
#include "core/compare/compare.hpp"
#include "core/model/model.hpp"
#include "dialects/mysql/compile.hpp"
#include "my_support.hpp"

using namespace migrate;
using itest::Project;
using V = std::vector<std::string>;

namespace {

std::string table_row(const mytest::Database& db, const std::string& schema,
                      const std::string& table) {
  auto rows = db.query(
      "SELECT ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" +
      schema + "' AND TABLE_NAME = '" + table + "'");
  return rows.empty() ? "(none)" : rows[0];
}

std::string column_collation(const mytest::Database& db, const std::string& table,
                             const std::string& column) {
  return db
      .query(
          "SELECT COALESCE(COLLATION_NAME, '') FROM information_schema.COLUMNS WHERE "
          "TABLE_SCHEMA = '" +
          db.name() + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'")
      .at(0);
}

}  // namespace

TEST_CASE("mysql: fractional seconds read back, and current_timestamp(6) is no difference") {
  mytest::Database db;
  Project p;
  p.init_url(db.url());
  p.write("schema.yaml", R"Y(tables:
  events:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: at, type: timestamp(6), nullable: false, default: "now(6)"}
      - {name: stamped, type: timestamptz(3), default: CURRENT_TIMESTAMP(3)}
      - {name: local, type: datetime(6), default: "'2020-01-01 10:00:00.123456'"}
      - {name: span, type: time(2)}
      - {name: plain, type: timestamp(0)}
)Y");
  auto rev = p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "r1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(db.query("SELECT COLUMN_NAME, COLUMN_TYPE, COALESCE(COLUMN_DEFAULT, '-'), "
                 "COALESCE(DATETIME_PRECISION, '-') FROM information_schema.COLUMNS WHERE "
                 "TABLE_SCHEMA = '" +
                 db.name() + "' AND TABLE_NAME = 'events' ORDER BY ORDINAL_POSITION") ==
        V{"id|int(11)|-|-", "at|datetime(6)|current_timestamp(6)|6",
          "stamped|timestamp(3)|current_timestamp(3)|3",
          "local|datetime(6)|'2020-01-01 10:00:00.123456'|6", "span|time(2)|NULL|2",
          "plain|datetime|NULL|0"});
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, (check.out + check.err));

  auto inspected = p.run({"inspect"});
  REQUIRE(inspected.code == 0);
  CHECK(inspected.out.find("{name: at, type: timestamp(6), nullable: false, default: "
                           "CURRENT_TIMESTAMP(6)}") != std::string::npos);
  CHECK(inspected.out.find("type: timestamptz(3)") != std::string::npos);
  CHECK(inspected.out.find("type: time(2)") != std::string::npos);

  // A change of precision is a difference, and goes both ways.
  p.write("schema.yaml",
          p.read("schema.yaml").replace(p.read("schema.yaml").find("time(2)"), 7, "time(4)"));
  auto differs = p.run({"check"});
  CHECK(differs.code == 1);
  CHECK(differs.out.find("alter_column events.span type time(2) -> time(4)") != std::string::npos);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "wider", "--rev-id", "r2"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(p.run({"check"}).code == 0);
  REQUIRE(p.run({"downgrade", "-1"}).code == 0);
  CHECK(db.query("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" +
                 db.name() + "' AND COLUMN_NAME = 'span'") == V{"time(2)"});

  p.write("schema.yaml", "tables:\n  t:\n    columns:\n      - {name: a, type: timestamp(7)}\n");
  auto bad = p.run({"check"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("schema.yaml:4:") != std::string::npos);
  CHECK(bad.err.find("from 0 to 6, not 7") != std::string::npos);
}

TEST_CASE("mysql: engine, character set and collation: created, compared, altered, given back") {
  mytest::Database db;
  Project p;
  p.init_url(db.url());
  const std::string base = R"Y(tables:
  notes:
    mysql_engine: MyISAM
    mysql_charset: latin1
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: body, type: text}
      - {name: title, type: varchar(40), nullable: false, default: "'x'", comment: shown}
      - {name: code, type: varchar(10) character set utf8mb4}
  plain:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: varchar(10)}
)Y";
  p.write("schema.yaml", base);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "r1"}).code == 0);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(table_row(db, db.name(), "notes") == "MyISAM|latin1_swedish_ci");
  CHECK(table_row(db, db.name(), "plain") == "InnoDB|utf8mb4_general_ci");
  CHECK(column_collation(db, "notes", "body") == "latin1_swedish_ci");
  CHECK(column_collation(db, "notes", "code") == "utf8mb4_general_ci");
  auto same = p.run({"check"});
  CHECK_MESSAGE(same.code == 0, (same.out + same.err));
  const auto catalog_before = db.catalog("migrate_version");

  // Inspect writes the options; fed back as the model, nothing differs.
  auto inspected = p.run({"inspect"});
  REQUIRE(inspected.code == 0);
  CHECK(inspected.out.find("    mysql_engine: MyISAM\n    mysql_charset: latin1\n    "
                           "mysql_collate: latin1_swedish_ci\n") != std::string::npos);
  p.write("schema.yaml", inspected.out);
  CHECK(p.run({"check"}).code == 0);

  // Another engine and character set, and the collation of the other table.
  std::string changed = base;
  changed.replace(changed.find("MyISAM"), 6, "InnoDB");
  changed.replace(changed.find("latin1"), 6, "utf8mb4");
  changed.replace(changed.find("  plain:\n"), 9, "  plain:\n    mysql_collate: utf8mb4_bin\n");
  p.write("schema.yaml", changed);
  auto differs = p.run({"check"});
  CHECK(differs.code == 1);
  CHECK(differs.out.find("alter_table_options notes mysql_engine MyISAM -> InnoDB mysql_charset "
                         "latin1 -> utf8mb4") != std::string::npos);
  CHECK(differs.out.find("alter_table_options plain mysql_collate utf8mb4_general_ci -> "
                         "utf8mb4_bin") != std::string::npos);
  auto rev = p.run({"revision", "--autogenerate", "-m", "options", "--rev-id", "r2"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  INFO(p.read("migrations/versions/r2_options.yaml"));
  auto up2 = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up2.code == 0, up2.err);
  CHECK(table_row(db, db.name(), "notes") == "InnoDB|utf8mb4_general_ci");
  CHECK(table_row(db, db.name(), "plain") == "InnoDB|utf8mb4_bin");
  CHECK(column_collation(db, "notes", "body") == "utf8mb4_general_ci");
  CHECK(column_collation(db, "plain", "name") == "utf8mb4_bin");
  CHECK(db.query("SELECT COLUMN_DEFAULT, IS_NULLABLE, COLUMN_COMMENT FROM "
                 "information_schema.COLUMNS WHERE TABLE_SCHEMA = '" +
                 db.name() + "' AND TABLE_NAME = 'notes' AND COLUMN_NAME = 'title'") ==
        V{"'x'|NO|shown"});
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, (check.out + check.err));

  auto down = p.run({"downgrade", "-1"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(db.catalog("migrate_version") == catalog_before);

  // Offline, the same SQL comes from the revisions alone.
  auto sql = p.run({"upgrade", "r1:r2", "--sql"});
  REQUIRE_MESSAGE(sql.code == 0, sql.err);
  CHECK(sql.out.find("ALTER TABLE `notes` ENGINE = `InnoDB`, DEFAULT CHARACTER SET = `utf8mb4`") !=
        std::string::npos);
  CHECK(sql.out.find("ALTER TABLE `notes` MODIFY COLUMN `body` TEXT character set utf8mb4") !=
        std::string::npos);
}

TEST_CASE("mysql: tables in another database are created, inspected and compared there") {
  mytest::Database db;
  mytest::Database other;  // the model's `schema:`
  Project p;
  p.init_url(db.url());
  const std::string model =
      "tables:\n"
      "  kinds:\n"
      "    schema: " +
      other.name() +
      "\n"
      "    mysql_charset: latin1\n"
      "    columns:\n"
      "      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: label, type: varchar(20)}\n"
      "  audit:\n"
      "    schema: " +
      other.name() +
      "\n"
      "    columns:\n"
      "      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: kind_id, type: integer, references: " +
      other.name() +
      ".kinds.id}\n"
      "    indexes: [{name: ix_audit_id, columns: [id, kind_id]}]\n"
      "  items:\n"
      "    columns:\n"
      "      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: kind_id, type: integer, references: " +
      other.name() + ".kinds.id}\n";
  p.write("schema.yaml", model);
  auto rev = p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "r1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  INFO(p.read("migrations/versions/r1_base.yaml"));
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(table_row(db, other.name(), "kinds") == "InnoDB|latin1_swedish_ci");
  CHECK(table_row(db, other.name(), "audit") != "(none)");
  CHECK(table_row(db, db.name(), "kinds") == "(none)");
  CHECK(table_row(db, db.name(), "items") != "(none)");
  CHECK(db.query("SELECT REFERENCED_TABLE_SCHEMA FROM information_schema.KEY_COLUMN_USAGE WHERE "
                 "TABLE_SCHEMA = '" +
                 other.name() + "' AND TABLE_NAME = 'audit' AND REFERENCED_TABLE_NAME = 'kinds'") ==
        V{other.name()});
  auto same = p.run({"check"});
  CHECK_MESSAGE(same.code == 0, (same.out + same.err));

  // A change there is found there, and given back.
  std::string changed = model;
  changed.replace(changed.find("varchar(20)"), 11, "varchar(30)");
  p.write("schema.yaml", changed);
  auto differs = p.run({"check"});
  CHECK(differs.code == 1);
  CHECK(differs.out.find("alter_column " + other.name() + ".kinds.label type") !=
        std::string::npos);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "wider", "--rev-id", "r2"}).code == 0);
  auto up2 = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up2.code == 0, up2.err);
  CHECK(p.run({"check"}).code == 0);
  REQUIRE(p.run({"downgrade", "base"}).code == 0);
  CHECK(table_row(db, other.name(), "kinds") == "(none)");
  CHECK(table_row(db, db.name(), "items") == "(none)");

  // Inspect reads both databases in the same number of queries as one.
  MysqlDialect d;
  auto conn = d.connect(parse_url(db.url()));
  db.exec("CREATE TABLE t1 (id int PRIMARY KEY); CREATE TABLE " + other.name() +
          ".t2 (id int PRIMARY KEY, p int, FOREIGN KEY (p) REFERENCES t2 (id))");
  auto count = [&](const std::vector<std::string>& schemas) {
    long long before = db.questions();
    Schema s = d.inspect(*conn, schemas);
    long long sent = db.questions() - before;
    return std::make_pair(sent, s);
  };
  // The server's counter is global: the fewest of three runs is what one sends.
  auto fewest = [&](const std::vector<std::string>& schemas) {
    auto best = count(schemas);
    for (int i = 0; i < 2; ++i) best.first = std::min(best.first, count(schemas).first);
    return best;
  };
  auto [one, only_url] = fewest({});
  auto [two, both] = fewest({other.name(), "no_such_database"});
  INFO(one << " " << two);
  CHECK(one == two);
  CHECK(only_url.tables.size() == 3);  // and migrate's version and history tables
  REQUIRE(both.tables.size() == 4);
  const Table* t2 = both.table("t2", other.name());
  REQUIRE(t2);
  REQUIRE(t2->foreign_keys.size() == 1);
  CHECK(t2->foreign_keys[0].ref_schema.empty());  // its own database
  CHECK(both.table("t1"));
}
