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

TEST_CASE("sqlite: a generated expression that is not one expression stops before anything runs") {
  itest::Project p;
  p.init_sqlite();
  itest::exec(p.path("app.db"), "CREATE TABLE canary (id integer primary key)");
  p.revision("aaaa00000002", "",
             "  - create_table:\n      table: users\n      columns:\n"
             "        - {name: id, type: integer, primary_key: true}\n"
             "        - {name: x, type: integer, generated: {expression: \"1); DROP TABLE canary; "
             "--\"}}\n",
             "  - drop_table: {table: users}\n");
  REQUIRE(p.run({"hash"}).code == 0);
  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 2);
  CHECK(itest::contains(up.err, "generated expression of column"));
  CHECK(itest::contains(up.err, "nothing was run"));
  CHECK(itest::query(p.path("app.db"), "SELECT name FROM sqlite_schema WHERE name = 'canary'") ==
        std::vector<std::string>{"canary"});
}

TEST_CASE("model: the keys of issue #19 refuse what cannot be, at their line") {
  itest::Project p;
  p.init_sqlite();
  struct Bad {
    std::string column;
    std::string says;
  };
  for (const Bad& b : std::vector<Bad>{
           {"{name: x, type: integer, default: \"1\", generated: {expression: id * 2}}",
            "is generated; it cannot also have 'default'"},
           {"{name: x, type: integer, generated: \"id * 2\"}", "must be a map"},
           {"{name: x, type: integer, generated: {expression: \" \"}}", "is empty"},
           {"{name: x, type: integer, identity: always}", "needs 'autoincrement: true'"},
           {"{name: x, type: integer, autoincrement: true, identity: sometimes}",
            "must be always or by_default"},
           {"{name: x, type: text, collation: \"\"}", "'collation' of column 'x' is empty"}}) {
    INFO(b.column);
    p.write("schema.yaml",
            "tables:\n  t:\n    columns:\n      - {name: id, type: integer, "
            "primary_key: true}\n      - " +
                b.column + "\n");
    auto r = p.run({"check"});
    CHECK(r.code == 2);
    CHECK_MESSAGE(itest::contains(r.err, "schema.yaml:5"), r.err);
    CHECK_MESSAGE(itest::contains(r.err, b.says), r.err);
  }
  // Index and key options.
  for (const Bad& b : std::vector<Bad>{
           {"{name: ix, columns: [{column: id, order: up}]}", "must be asc or desc"},
           {"{name: ix, columns: [{column: id, nulls: middle}]}", "must be first or last"},
           {"{name: ix, columns: [id], method: \"gin; drop\"}", "must be a plain name"},
           {"{name: ix, columns: [id], include: [nope]}", "names column 'nope'"}}) {
    INFO(b.column);
    p.write("schema.yaml",
            "tables:\n  t:\n    columns:\n      - {name: id, type: integer, "
            "primary_key: true}\n    indexes:\n      - " +
                b.column + "\n");
    auto r = p.run({"check"});
    CHECK(r.code == 2);
    CHECK_MESSAGE(itest::contains(r.err, b.says), r.err);
  }
  // What SQLite's indexes and keys cannot say is refused by the op, before anything runs.
  p.write("schema.yaml",
          "tables:\n  t:\n    columns:\n      - {name: id, type: integer, primary_key: true}\n"
          "      - {name: tags, type: text}\n    indexes:\n"
          "      - {name: ix_tags, columns: [tags], method: gin}\n");
  auto rev = p.run({"revision", "--autogenerate", "-m", "gin"});
  REQUIRE(rev.code == 0);
  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 2);
  CHECK_MESSAGE(itest::contains(up.err, "has method: gin, which SQLite's indexes do not have"),
                up.err);
}
