// The table path on SQLite files (issue #24): names that differ only in
// case, as SQLite matches them; columns declared without a type; expression
// defaults; and what compare cannot change said on stderr. The peer-style
// cases hold schema A in a database and schema B in another, inspect B as the
// model, autogenerate against A and upgrade; the catalogs (as SQLite's
// pragmas report them) must then be equal, `check` pass, and `downgrade
// base` give A back.
#include <doctest/doctest.h>

#include <algorithm>

#include "harness.hpp"
#include "table_path_flow.hpp"

using namespace itest;
using V = std::vector<std::string>;

namespace {

const char* kUserTables =
    "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name NOT IN "
    "('migrate_version', 'migrate_history')";

// Columns (declared type, NOT NULL, default, key position), indexes and
// foreign keys as the pragmas report them, sorted. A lone INTEGER primary
// key is the rowid, never NULL whatever its NOT NULL says (a rebuild writes
// it out): its notnull is left out.
V pragma_catalog(const std::filesystem::path& db) {
  V out;
  for (const std::string& q : V{
           std::string("SELECT 'column', m.name, p.name, p.type, CASE WHEN p.pk = 1 AND "
                       "upper(p.type) = 'INTEGER' AND (SELECT count(*) FROM "
                       "pragma_table_info(m.name) k WHERE k.pk > 0) = 1 THEN 'rowid' ELSE "
                       "p.\"notnull\" END, "
                       "coalesce(p.dflt_value, '(none)'), p.pk, p.hidden FROM sqlite_schema m "
                       "JOIN pragma_table_xinfo(m.name) p WHERE ") +
               kUserTables,
           std::string("SELECT 'index', m.name, il.name, il.\"unique\", il.origin, il.partial, "
                       "ii.seqno, coalesce(ii.name, '(expression)') FROM sqlite_schema m JOIN "
                       "pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii WHERE ") +
               kUserTables,
           std::string("SELECT 'fk', m.name, f.seq, f.\"table\", f.\"from\", f.\"to\", "
                       "f.on_update, f.on_delete FROM sqlite_schema m JOIN "
                       "pragma_foreign_key_list(m.name) f WHERE ") +
               kUserTables,
       }) {
    auto rows = query(db, q);
    out.insert(out.end(), rows.begin(), rows.end());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Case {
  const char* name;
  std::string a;
  std::string b;
};

void run_case(const Case& c) {
  INFO("case: " << std::string(c.name));
  Project p;
  p.init_sqlite();
  exec(p.path("app.db"), c.a.empty() ? "SELECT 1" : c.a);
  exec(p.path("want.db"), c.b.empty() ? "SELECT 1" : c.b);
  const V catalog_a = pragma_catalog(p.path("app.db"));
  const V catalog_b = pragma_catalog(p.path("want.db"));
  itest::walk_a_to_b(
      p, "sqlite:///want.db", [&] { return pragma_catalog(p.path("app.db")); }, catalog_a,
      catalog_b);
}

}  // namespace

TEST_CASE("sqlite table path: a column without a type comes back without one") {
  for (const Case& c : std::vector<Case>{
           {"a table with typeless columns", "", "CREATE TABLE t (a, b INTEGER, c DEFAULT 5)"},
           {"blob -> no type", "CREATE TABLE t (id INTEGER PRIMARY KEY, a BLOB)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a)"},
           {"no type -> text", "CREATE TABLE t (id INTEGER PRIMARY KEY, a)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)"},
           {"a typeless column added", "CREATE TABLE t (id INTEGER PRIMARY KEY)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, x)"},
           {"a typeless key and index", "",
            "CREATE TABLE t (k PRIMARY KEY, v NOT NULL); CREATE INDEX ix_t_v ON t (v)"},
       })
    run_case(c);
}

TEST_CASE("sqlite table path: expression defaults keep their parentheses") {
  for (const Case& c : std::vector<Case>{
           {"expressions, functions and keywords", "",
            "CREATE TABLE t (a INTEGER DEFAULT (1 + 2), b TEXT DEFAULT ('a' || 'b'), c TEXT "
            "DEFAULT (lower('X')), d TEXT DEFAULT CURRENT_TIMESTAMP, e REAL DEFAULT "
            "(julianday('now')), f INTEGER DEFAULT -1, g TEXT DEFAULT (strftime('%s', 'now')), "
            "h BLOB DEFAULT x'00ff')"},
           {"a constant default becomes an expression", "CREATE TABLE t (n INTEGER DEFAULT 1)",
            "CREATE TABLE t (n INTEGER DEFAULT (1 + 2))"},
           {"an expression default added with its column",
            "CREATE TABLE t (id INTEGER PRIMARY KEY)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT DEFAULT (datetime('now')))"},
       })
    run_case(c);
}

TEST_CASE("sqlite table path: a model's foreign key finds its table in any case") {
  Project p;
  p.init_sqlite();
  p.write("schema.yaml",
          "tables:\n  Users:\n    columns:\n"
          "      - {name: ID, type: integer, primary_key: true}\n"
          "  posts:\n    columns:\n      - {name: id, type: integer, primary_key: true}\n"
          "      - {name: user_id, type: integer, references: users.id, on_delete: cascade}\n"
          "    foreign_keys:\n      - {name: fk_posts_self, columns: [id], references: {table: "
          "POSTS, columns: [ID]}}\n");
  auto rev = p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "r1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(query(p.path("app.db"),
              "SELECT \"table\", \"to\" FROM pragma_foreign_key_list('posts') "
              "ORDER BY id") == V{"posts|id", "Users|ID"});
  // Written as the tables spell them; SQLite resolves them: a post's user is
  // Users' row, and goes with it.
  exec(p.path("app.db"),
       "PRAGMA foreign_keys = ON; INSERT INTO Users VALUES (1); INSERT INTO posts VALUES (1, 1);"
       "DELETE FROM USERS WHERE id = 1;");
  CHECK(query(p.path("app.db"), "SELECT count(*) FROM posts") == V{"0"});
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, check.out << check.err);
  // A name that matches no table in any case is still an error at its line.
  p.write("schema.yaml",
          "tables:\n  posts:\n    columns:\n"
          "      - {name: id, type: integer, primary_key: true}\n"
          "      - {name: user_id, type: integer, references: people.id}\n");
  auto bad = p.run({"check"});
  CHECK(bad.code == 2);
  CHECK(contains(bad.err, "schema.yaml:5:"));
  CHECK(contains(bad.err, "unknown table 'people'"));
}

TEST_CASE("sqlite table path: operations on USERS work on the table users") {
  Project p;
  p.init_sqlite();
  p.revision("r0", "",
             "  - create_table: {table: users, columns: [{name: id, type: integer, primary_key: "
             "true}, {name: email, type: text}]}\n"
             "  - bulk_insert: {table: users, rows: [{id: 1, email: a@x}]}\n",
             "  - drop_table: {table: users}\n");
  p.revision("r1", "r0",
             "  - add_column: {table: USERS, column: {name: Age, type: integer}}\n"
             "  - alter_column: {table: Users, column: EMAIL, type: varchar(100), nullable: "
             "false, existing_type: text, existing_nullable: true}\n"
             "  - create_index: {table: USERS, name: IX_users_email, columns: [EMAIL], unique: "
             "true}\n"
             "  - bulk_insert: {table: USERS, rows: [{ID: 2, EMAIL: b@x, AGE: 3}]}\n"
             "  - create_check_constraint: {table: users, name: ck_age, expression: age >= 0}\n"
             "  - drop_index: {table: Users, name: ix_USERS_EMAIL, existing: {columns: [email], "
             "unique: true}}\n"
             "  - rename_table: {table: USERS, new_name: people}\n",
             "  - rename_table: {table: PEOPLE, new_name: users}\n"
             "  - drop_constraint: {table: USERS, name: CK_AGE, type: check, existing: "
             "{expression: age >= 0}}\n"
             "  - execute: \"DELETE FROM Users WHERE id = 2\"\n"
             "  - alter_column: {table: users, column: Email, type: text, nullable: true, "
             "existing_type: varchar(100), existing_nullable: false}\n"
             "  - drop_column: {table: USERS, column: AGE, existing: {name: AGE, type: "
             "integer}}\n");
  auto sql = p.run({"upgrade", "base:head", "--sql"});
  REQUIRE_MESSAGE(sql.code == 0, sql.err);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(query(p.path("app.db"), "SELECT id, email, Age FROM people ORDER BY id") ==
        V{"1|a@x|NULL", "2|b@x|3"});
  CHECK(query(p.path("app.db"),
              "SELECT type FROM pragma_table_info('people') WHERE name = "
              "'email'") == V{"VARCHAR(100)"});
  // Offline, from the simulated schema, the same: the SQL runs in sqlite3.
  p.write("upgrade.sql", sql.out);
  auto offline = p.sh("sqlite3 offline.db < upgrade.sql");
  CHECK_MESSAGE(offline.code == 0, offline.err);
  CHECK(query(p.path("offline.db"), "SELECT id, email, Age FROM people ORDER BY id") ==
        V{"1|a@x|NULL", "2|b@x|3"});
  auto down = p.run({"downgrade", "r0"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(query(p.path("app.db"),
              "SELECT name, type, \"notnull\" FROM pragma_table_info('users') "
              "ORDER BY cid") == V{"id|INTEGER|1", "email|TEXT|0"});
  CHECK(query(p.path("app.db"), "SELECT id, email FROM users") == V{"1|a@x"});
}

TEST_CASE("sqlite table path: names that differ only in case are no difference, and it is said") {
  Project p;
  p.init_sqlite();
  exec(p.path("app.db"),
       "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);"
       "CREATE INDEX ix_users_email ON users (email);");
  p.write("schema.yaml",
          "tables:\n  Users:\n    columns:\n"
          "      - {name: id, type: integer, primary_key: true}\n"
          "      - {name: Email, type: text}\n"
          "    indexes:\n      - {name: IX_Users_Email, columns: [Email]}\n");
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, check.out << check.err);
  CHECK(contains(check.err, "table Users of the model is users in the database"));
  CHECK(contains(check.err, "column Users.Email of the model is email in the database"));
  // A real difference beside them is still one, applied to the table users.
  p.write("schema.yaml",
          "tables:\n  Users:\n    columns:\n"
          "      - {name: id, type: integer, primary_key: true}\n"
          "      - {name: Email, type: text}\n      - {name: Age, type: integer}\n"
          "    indexes:\n      - {name: IX_Users_Email, columns: [Email]}\n");
  auto differs = p.run({"check"});
  CHECK(differs.code == 1);
  CHECK(contains(differs.out, "add_column Users.Age"));
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "age", "--rev-id", "r1"}).code == 0);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(query(p.path("app.db"), "SELECT name FROM pragma_table_info('users') ORDER BY cid") ==
        V{"id", "email", "Age"});
  CHECK(p.run({"check"}).code == 0);
  REQUIRE(p.run({"downgrade", "base"}).code == 0);
  CHECK(query(p.path("app.db"), "SELECT name FROM pragma_table_info('users') ORDER BY cid") ==
        V{"id", "email"});
}

TEST_CASE("sqlite table path: an autoincrement no op can change is a warning, not silence") {
  Project p;
  p.init_sqlite();
  exec(p.path("app.db"), "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  p.write("schema.yaml",
          "tables:\n  t:\n    columns:\n"
          "      - {name: id, type: integer, primary_key: true, autoincrement: true}\n"
          "      - {name: v, type: text}\n");
  auto check = p.run({"check"});
  CHECK(check.code == 0);
  CHECK(contains(check.err,
                 "column t.id has autoincrement true in the model but false in the "
                 "database, which no operation changes on sqlite"));
  // -q keeps stderr for errors.
  auto quiet = p.run({"-q", "check"});
  CHECK(quiet.code == 0);
  CHECK(quiet.err.empty());
}
