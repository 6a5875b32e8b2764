// SQLite: views with a column list, virtual tables, generated columns,
// STRICT and WITHOUT ROWID tables are named, never dropped silently (issue
// #18); other views and triggers are modelled (test_objects.cpp).
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
       "CREATE TABLE keyed(k text primary key) WITHOUT ROWID;");
  flow_not_modelled({"sqlite:///" + file.string(),
                     {"1 column-list view (adults)", "1 generated column (users.shout)",
                      "1 strict table (strict_t)", "1 without rowid table (keyed)"},
                     "users",
                     {"1 generated column (users.shout)"},
                     "generated column"});
}

TEST_CASE("sqlite: a database of tables only warns of nothing") {
  Project db;
  const auto file = db.path("plain.db");
  exec(file, "CREATE TABLE users(id integer primary key, name text)");
  flow_nothing_unmodelled("sqlite:///" + file.string());
}
