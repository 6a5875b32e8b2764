// SQLite: views with a column list and virtual tables are named, never
// dropped silently (issue #18); other views and triggers are modelled
// (test_objects.cpp), and so are generated columns, STRICT and WITHOUT
// ROWID tables (issue #19, tests/corpus/sqlite).
#include "harness.hpp"
#include "not_modelled_flow.hpp"

using namespace itest;

TEST_CASE("sqlite: what the model cannot say is named by inspect and check") {
  Project db;
  const auto file = db.path("held.db");
  exec(file,
       "CREATE TABLE users(id integer primary key, name text, age integer, "
       "  shout text GENERATED ALWAYS AS (upper(name)) VIRTUAL);"
       "CREATE TABLE posts(id integer primary key, user_id integer REFERENCES users(id));"
       "CREATE VIEW adults(id, name) AS SELECT id, name FROM users WHERE age >= 18;"
       "CREATE VIEW recent AS SELECT id FROM posts;"
       "CREATE TRIGGER trg AFTER INSERT ON users BEGIN SELECT 1; END;"
       "CREATE TABLE strict_t(x integer) STRICT;"
       "CREATE TABLE keyed(k text primary key) WITHOUT ROWID;"
       "CREATE VIRTUAL TABLE docs USING fts5(body);");
  flow_not_modelled({"sqlite:///" + file.string(),
                     {"1 column-list view (adults)", "1 virtual table (docs)"},
                     "docs",
                     {"1 virtual table (docs)"},
                     "virtual table"});
  // What is modelled now is in the file inspect writes, and in no warning.
  Project p;
  p.init_url("sqlite:///" + file.string());
  auto out = p.run({"inspect"});
  REQUIRE_MESSAGE(out.code == 0, out.err);
  for (const char* gone : {"generated", "strict table", "rowid table"})
    CHECK_MESSAGE(!contains(out.err, gone), out.err);
  for (const char* part :
       {"{name: shout, type: text, nullable: true, generated: {expression: upper(name), stored: "
        "false}}",
        "sqlite_strict: true", "sqlite_with_rowid: false"})
    CHECK_MESSAGE(contains(out.out, part), out.out);
}

TEST_CASE("sqlite: a database of tables only warns of nothing") {
  Project db;
  const auto file = db.path("plain.db");
  exec(file, "CREATE TABLE users(id integer primary key, name text)");
  flow_nothing_unmodelled("sqlite:///" + file.string());
}
