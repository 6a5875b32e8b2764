// Partial indexes and enum-typed columns on SQLite, through the CLI: SQLite
// keeps a partial index's WHERE (also across a table rebuild), and a model
// with PostgreSQL enums still works there, the values stored as text.
#include <doctest/doctest.h>

#include "harness.hpp"

using itest::Project;
using V = std::vector<std::string>;

namespace {

std::string model(const std::string& email_type) {
  return "enums:\n  mood: [happy, sad]\n"
         "tables:\n  people:\n    columns:\n"
         "      - {name: id, type: integer, primary_key: true}\n"
         "      - {name: email, type: " +
         email_type +
         ", nullable: false}\n"
         "      - {name: deleted, type: boolean, nullable: false, default: \"0\"}\n"
         "      - {name: mood, type: mood}\n"
         "    indexes:\n"
         "      - {name: ux_people_email, columns: [email], unique: true, where: deleted = 0}\n";
}

}  // namespace

TEST_CASE("sqlite: a partial index and an enum column are created, kept and checked clean") {
  Project p;
  p.init_sqlite();
  p.write("schema.yaml", model("varchar(100)"));
  auto rev = p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "r1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  // SQLite has no types to compare, so autogenerate leaves enum ops out here.
  CHECK(p.read("migrations/versions/r1_base.yaml").find("create_enum") == std::string::npos);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, (check.out + check.err));
  const auto db = p.path("app.db");
  CHECK(itest::query(db, "SELECT sql FROM sqlite_master WHERE name = 'ux_people_email'") ==
        V{"CREATE UNIQUE INDEX \"ux_people_email\" ON \"people\" (\"email\") WHERE deleted = 0"});
  itest::exec(db, "INSERT INTO people (id, email, deleted, mood) VALUES (1, 'a', 1, 'sad')");
  itest::exec(db, "INSERT INTO people (id, email, deleted, mood) VALUES (2, 'a', 0, 'happy')");

  // A type change rebuilds the table: the index keeps its condition, rows stay.
  p.write("schema.yaml", model("varchar(200)"));
  auto rev2 = p.run({"revision", "--autogenerate", "-m", "wider", "--rev-id", "r2"});
  REQUIRE_MESSAGE(rev2.code == 0, rev2.err);
  auto up2 = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up2.code == 0, up2.err);
  CHECK(itest::query(db, "SELECT sql FROM sqlite_master WHERE name = 'ux_people_email'") ==
        V{"CREATE UNIQUE INDEX \"ux_people_email\" ON \"people\" (\"email\") WHERE deleted = 0"});
  CHECK(itest::query(db, "SELECT id, mood FROM people ORDER BY id") == V{"1|sad", "2|happy"});
  auto check2 = p.run({"check"});
  CHECK_MESSAGE(check2.code == 0, (check2.out + check2.err));

  // inspect reads the condition back.
  auto inspected = p.run({"inspect"});
  REQUIRE(inspected.code == 0);
  CHECK_MESSAGE(inspected.out.find("where: deleted = 0") != std::string::npos, inspected.out);
  REQUIRE(p.run({"downgrade", "base"}).code == 0);
  CHECK(itest::query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'people'") == V{"0"});
}
