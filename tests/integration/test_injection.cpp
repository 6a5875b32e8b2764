// The injection corpus (tests/integration/injection_corpus.hpp) on SQLite.
#include <doctest/doctest.h>

#include <filesystem>

#include "harness.hpp"
#include "injection_corpus.hpp"

namespace {

#ifdef MIGRATE_CORPUS_FEW
constexpr int kFewestCases = 60;  // the sanitizer build: a few strings (CMakeLists.txt)
#else
constexpr int kFewestCases = 200;
#endif
namespace fs = std::filesystem;

TEST_CASE("sqlite: the injection corpus leaves the canary and stores names as written") {
  itest::Project home;  // holds the database file, outside each case's project
  const fs::path db = home.path("corpus.db");
  itest::corpus::Target t;
  t.dialect = "sqlite";
  t.url = "sqlite:///" + db.string();
  t.reset = [&] { fs::remove(db); };
  t.client = [&](const std::string& path) {
    return "sqlite3 -bail '" + db.string() + "' < '" + path + "'";
  };
  auto tally = itest::corpus::run(t);
  CHECK(tally.cases > kFewestCases);
  CHECK(tally.worked > tally.cases / 3);
  CHECK(tally.refused > 0);
}

}  // namespace

namespace {

TEST_CASE("sqlite: an index entry is a name; one that names no column stops before anything runs") {
  itest::Project p;
  p.init_sqlite();
  p.revision("aaaa00000001", "",
             "  - create_table:\n      table: users\n      columns:\n"
             "        - {name: id, type: integer, primary_key: true}\n"
             "        - {name: email, type: text}\n"
             "  - create_index: {table: users, name: ix_lower, columns: [\"lower(email)\"]}\n",
             "  - drop_table: {table: users}\n");
  REQUIRE(p.run({"hash"}).code == 0);
  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 2);
  CHECK(itest::contains(up.err, "aaaa00000001.yaml:10"));
  CHECK(itest::contains(up.err, "{expression: \"lower(email)\"}"));
  CHECK(itest::contains(up.err, "nothing was run"));
  CHECK((!std::filesystem::exists(p.path("app.db")) ||
         itest::query(p.path("app.db"), "SELECT name FROM sqlite_schema").empty()));

  // Written as an expression, the same index is made.
  p.revision("aaaa00000001", "",
             "  - create_table:\n      table: users\n      columns:\n"
             "        - {name: id, type: integer, primary_key: true}\n"
             "        - {name: email, type: text}\n"
             "  - create_index: {table: users, name: ix_lower, columns: [{expression: "
             "\"lower(email)\"}]}\n",
             "  - drop_table: {table: users}\n");
  REQUIRE(p.run({"hash"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(itest::query(p.path("app.db"), "SELECT sql FROM sqlite_schema WHERE name = 'ix_lower'") ==
        std::vector<std::string>{"CREATE INDEX \"ix_lower\" ON \"users\" ((lower(email)))"});

  // The model says the same at its own line; inspect writes the explicit form.
  p.write("schema.yaml",
          "tables:\n  users:\n    columns:\n      - {name: id, type: integer, primary_key: true}\n"
          "      - {name: email, type: text}\n    indexes:\n"
          "      - {name: ix_lower, columns: [\"lower(email)\"]}\n");
  auto check = p.run({"check"});
  CHECK(check.code == 2);
  CHECK(itest::contains(check.err, "schema.yaml:7"));
  auto inspected = p.run({"inspect"});
  REQUIRE(inspected.code == 0);
  CHECK(itest::contains(inspected.out, "columns: [{expression: lower(email)}]"));
}

}  // namespace
