// SQLite views and triggers (issue #18): adopted from a real database, built
// again from the model, kept through table rebuilds, restored by downgrades.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "harness.hpp"

using namespace itest;
namespace fs = std::filesystem;

namespace {

std::string sample(const std::string& rel) {
  std::ifstream in(fs::path(MIGRATE_SOURCE_DIR) / "tests/data/samples" / rel);
  REQUIRE(in.good());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A view's query without the header SQLite keeps as written (CREATE VIEW
// name AS): the query is what the model holds; the header is migrate's
// quoting or the author's line breaks.
std::string view_query(const std::string& sql) {
  for (size_t i = 0; i + 3 < sql.size(); ++i)
    if (std::isspace(static_cast<unsigned char>(sql[i])) &&
        (sql[i + 1] == 'A' || sql[i + 1] == 'a') && (sql[i + 2] == 'S' || sql[i + 2] == 's') &&
        std::isspace(static_cast<unsigned char>(sql[i + 3]))) {
      size_t start = i + 4;
      while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
      return sql.substr(start);
    }
  return sql;
}

// Everything a database built from the model must match, sorted: each
// table's and view's columns (pragma table_xinfo), indexes and their
// columns, foreign keys, triggers' statements and views' queries.
std::vector<std::string> objects_catalog(const fs::path& db) {
  std::vector<std::string> out = query(
      db,
      "SELECT m.type || '|' || m.name || '|' || p.cid || '|' || p.name || '|' || p.type || '|' || "
      "p.\"notnull\" || '|' || ifnull(p.dflt_value, '-') || '|' || p.pk FROM sqlite_schema m "
      "JOIN pragma_table_xinfo(m.name) p WHERE m.type IN ('table', 'view') AND m.name NOT LIKE "
      "'migrate\\_%' ESCAPE '\\' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
      "UNION ALL SELECT 'index|' || m.name || '|' || l.name || '|' || l.\"unique\" || '|' || "
      "(SELECT group_concat(i.name) FROM pragma_index_info(l.name) i) FROM sqlite_schema m JOIN "
      "pragma_index_list(m.name) l WHERE m.type = 'table' AND m.name NOT LIKE 'migrate\\_%' "
      "ESCAPE '\\' AND l.origin = 'c' "
      "UNION ALL SELECT 'fk|' || m.name || '|' || f.\"table\" || '|' || f.\"from\" || '|' || "
      "ifnull(f.\"to\", '-') || '|' || f.on_delete || '|' || f.on_update FROM sqlite_schema m "
      "JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
      "UNION ALL SELECT 'trigger|' || name || '|' || tbl_name || '|' || sql FROM sqlite_schema "
      "WHERE type = 'trigger'");
  for (const auto& row : query(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'view'")) {
    size_t bar = row.find('|');
    out.push_back("view query|" + row.substr(0, bar) + "|" + view_query(row.substr(bar + 1)));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A database adopted as a new user would: inspect into schema.yaml, check
// against itself, then the baseline from that model on an empty database
// (upgrade, and its --sql run by the sqlite3 shell) gives the same catalog,
// and downgrade base leaves nothing.
void adopt(const std::string& schema_file, size_t views, size_t triggers) {
  Project p;
  const fs::path orig = p.path("orig.db");
  exec(orig, sample(schema_file));
  p.init_url("sqlite:///orig.db");
  Result inspected = p.run({"inspect"});
  REQUIRE(inspected.code == 0);
  CHECK_FALSE(contains(inspected.err, "not modelled"));
  p.write("schema.yaml", inspected.out);
  Result check = p.run({"check"});
  CAPTURE(check.out);
  CAPTURE(check.err);
  CHECK(check.code == 0);
  const auto want = objects_catalog(orig);
  CHECK(std::count_if(want.begin(), want.end(), [](const std::string& r) {
          return r.rfind("view query|", 0) == 0;
        }) == static_cast<long>(views));
  CHECK(std::count_if(want.begin(), want.end(), [](const std::string& r) {
          return r.rfind("trigger|", 0) == 0;
        }) == static_cast<long>(triggers));

  const std::map<std::string, std::string> fresh = {{"DATABASE_URL", "sqlite:///new.db"}};
  p.init_url("${DATABASE_URL}");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "baseline"}, fresh).code == 0);
  Result up = p.run({"upgrade", "head"}, fresh);
  CAPTURE(up.err);
  REQUIRE(up.code == 0);
  CHECK(objects_catalog(p.path("new.db")) == want);
  CHECK(p.run({"check"}, fresh).code == 0);

  Result offline = p.run({"upgrade", "head", "--sql"}, fresh);
  REQUIRE(offline.code == 0);
  p.write("baseline.sql", offline.out);
  Result shell = p.sh("sqlite3 offline.db < baseline.sql");
  CAPTURE(shell.err);
  REQUIRE(shell.code == 0);
  CHECK(objects_catalog(p.path("offline.db")) == want);

  REQUIRE(p.run({"downgrade", "base"}, fresh).code == 0);
  CHECK(query(p.path("new.db"),
              "SELECT name FROM sqlite_schema WHERE name NOT LIKE "
              "'migrate\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE "
              "'\\'")
            .empty());
}

// "kind name" of each upgrade op of a revision file, in order ("kind" alone
// for a table op).
std::vector<std::string> upgrade_ops(const std::string& revision) {
  std::vector<std::string> out;
  std::istringstream in(revision.substr(0, revision.find("\ndowngrade:")));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("  - ", 0) == 0) {
      std::string kind = line.substr(4, line.find(':') - 4);
      out.push_back(kind);
      const size_t brace = line.find("{name: ");
      if (brace != std::string::npos)
        out.back() += " " + line.substr(brace + 7, line.find_first_of(",}", brace) - brace - 7);
    } else if (!out.empty() && out.back().find(' ') == std::string::npos &&
               line.rfind("      name: ", 0) == 0 &&
               out.back().find("_view") != std::string::npos) {
      out.back() += " " + line.substr(12);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("sqlite: Sakila (5 views, 30 triggers) adopted and built again from its model") {
  adopt("sakila/sqlite-sakila-schema.sql", 5, 30);
}

TEST_CASE("sqlite: Chinook (tables only) adopted and built again from its model") {
  adopt("chinook/chinook-sqlite-schema.sql", 0, 0);
}

TEST_CASE("sqlite: a view over a column that changes is dropped first and made again after") {
  Project p;
  p.init_sqlite();
  const std::string base = R"(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: varchar(50)}
      - {name: touched, type: text}
views:
  names:
    definition: SELECT id, name FROM users
  upper_names: SELECT id, upper(name) AS name FROM names
triggers:
  - name: touch
    table: users
    definition: |-
      CREATE TRIGGER touch AFTER UPDATE OF name ON users
      BEGIN
        UPDATE users SET touched = 'yes' WHERE id = new.id;
      END
)";
  p.write("schema.yaml", base);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "one"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(p.run({"check"}).code == 0);
  exec(p.path("app.db"), "INSERT INTO users (id, name) VALUES (1, 'ada')");
  const auto before = objects_catalog(p.path("app.db"));

  // A spelling of the same view is no difference.
  std::string respelled = base;
  respelled.replace(respelled.find("SELECT id, name FROM users"), 26,
                    "select id,  name\n      from users");
  p.write("schema.yaml", respelled);
  Result same = p.run({"check"});
  CAPTURE(same.out);
  CHECK(same.code == 0);

  // The column's type changes (a table rebuild): both views go first, in
  // dependency order, and come back after; the trigger is kept.
  std::string changed = base;
  changed.replace(changed.find("varchar(50)"), 11, "varchar(200)");
  p.write("schema.yaml", changed);
  Result rev = p.run({"revision", "--autogenerate", "-m", "widen"});
  REQUIRE(rev.code == 0);
  Result show = p.run({"show", "head"});
  const size_t at = show.out.find("Path: ");
  REQUIRE(at != std::string::npos);
  const std::string text = p.read(show.out.substr(at + 6, show.out.find('\n', at) - at - 6));
  CAPTURE(text);
  CHECK(upgrade_ops(text) == std::vector<std::string>{"drop_view upper_names", "drop_view names",
                                                      "alter_column", "create_view names",
                                                      "create_view upper_names"});
  CHECK_FALSE(contains(text, "drop_trigger"));
  // Offline, the rebuild knows the trigger from the create_trigger op the
  // revisions hold: made once by it, once again by the rebuild.
  Result offline = p.run({"upgrade", "base:head", "--sql"});
  REQUIRE(offline.code == 0);
  size_t made = 0;
  for (size_t at = offline.out.find("CREATE TRIGGER touch"); at != std::string::npos;
       at = offline.out.find("CREATE TRIGGER touch", at + 1))
    ++made;
  CHECK(made == 2);
  Result up = p.run({"upgrade", "head"});
  CAPTURE(up.err);
  REQUIRE(up.code == 0);
  CHECK(p.run({"check"}).code == 0);
  exec(p.path("app.db"), "UPDATE users SET name = 'grace' WHERE id = 1");
  CHECK(query(p.path("app.db"),
              "SELECT touched, upper_names.name FROM upper_names JOIN users USING (id)") ==
        std::vector<std::string>{"yes|GRACE"});
  REQUIRE(p.run({"downgrade", "-1"}).code == 0);
  exec(p.path("app.db"), "UPDATE users SET touched = NULL");
  auto after = objects_catalog(p.path("app.db"));
  CHECK(after == before);
}

TEST_CASE(
    "sqlite: a view or trigger dropped from the model is dropped, and the downgrade restores it") {
  Project p;
  p.init_sqlite();
  const std::string tables = R"(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: text}
)";
  p.write("schema.yaml", tables + R"(views:
  everyone: SELECT * FROM users
triggers:
  - {name: no_empty, table: users, definition: "CREATE TRIGGER no_empty BEFORE INSERT ON users WHEN new.name = '' BEGIN SELECT RAISE(ABORT, 'empty name'); END"}
)");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "one"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  const auto with = objects_catalog(p.path("app.db"));
  p.write("schema.yaml", tables);
  Result rev = p.run({"revision", "--autogenerate", "-m", "two"});
  REQUIRE(rev.code == 0);
  CHECK(contains(rev.err + rev.out, "drop_view"));
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(query(p.path("app.db"), "SELECT name FROM sqlite_schema WHERE type IN ('view', 'trigger')")
            .empty());
  CHECK(p.run({"check"}).code == 0);
  REQUIRE(p.run({"downgrade", "-1"}).code == 0);
  CHECK(objects_catalog(p.path("app.db")) == with);
  Result refused = p.sh("sqlite3 app.db \"INSERT INTO users (name) VALUES ('')\"");
  CHECK(refused.code != 0);
  CHECK(contains(refused.err, "empty name"));
}

TEST_CASE("sqlite: exclude_tables applies to views and to the triggers of excluded tables") {
  Project p;
  p.init_sqlite("exclude_tables: [legacy*]\n");
  exec(p.path("app.db"),
       "CREATE TABLE legacy_users(id integer primary key);"
       "CREATE VIEW legacy_view AS SELECT id FROM legacy_users;"
       "CREATE TRIGGER legacy_trg AFTER INSERT ON legacy_users BEGIN SELECT 1; END;");
  p.write("schema.yaml", "tables: {}\n");
  Result check = p.run({"check"});
  CAPTURE(check.out);
  CHECK(check.code == 0);
}

TEST_CASE("sqlite: a model's object errors name the file and line") {
  Project p;
  p.init_sqlite();
  const std::string users = "tables:\n  users:\n    columns:\n      - {name: id, type: integer}\n";
  struct Case {
    std::string yaml;
    std::string where;
    std::string says;
  };
  const Case cases[] = {
      {users + "views:\n  v:\n    definition: CREATE VIEW v AS SELECT 1\n", "schema.yaml:7",
       "is its query (SELECT ...), without CREATE"},
      {users + "triggers:\n  - {name: t, table: posts, definition: \"CREATE TRIGGER t AFTER "
               "INSERT ON posts BEGIN SELECT 1; END\"}\n",
       "schema.yaml:6", "which the model declares neither as a table nor as a view"},
      {users + "triggers:\n  - {name: t, table: users, definition: \"SELECT 1\"}\n",
       "schema.yaml:6", "is the whole CREATE TRIGGER statement"},
      {users + "views:\n  v: {schema: s}\n", "schema.yaml:6", "needs 'definition:'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    p.write("schema.yaml", c.yaml);
    Result r = p.run({"check"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, c.where));
    CHECK(contains(r.err, c.says));
  }
  // And SQLite has no functions: a model that declares one is told so.
  p.write("schema.yaml", users +
                             "functions:\n  f: {definition: \"CREATE FUNCTION f() RETURNS int "
                             "LANGUAGE sql AS 'SELECT 1'\"}\n");
  Result r = p.run({"check"});
  CHECK(r.code == 1);  // the table is missing; the function is not a difference
  CHECK(contains(r.out, "create_table users"));
  CHECK_FALSE(contains(r.out, "function"));
  CHECK(contains(r.err, "not compared: sqlite has no functions"));
}

TEST_CASE("sqlite: a trigger whose statement makes another name is refused before anything runs") {
  Project p;
  p.init_sqlite();
  p.write("schema.yaml",
          "tables:\n  users:\n    columns:\n      - {name: id, type: integer}\n"
          "triggers:\n  - {name: stamp, table: users, definition: \"CREATE TRIGGER IF NOT EXISTS "
          "main.other AFTER INSERT ON users BEGIN SELECT 1; END\"}\n");
  Result r = p.run({"check"});
  CHECK(r.code == 2);
  CHECK(contains(r.err, "schema.yaml:6"));
  CHECK(contains(r.err, "creates \"other\"; name it \"stamp\" there"));
}

TEST_CASE("sqlite: an INSTEAD OF trigger on a view is adopted, checked and built again") {
  Project p;
  const fs::path orig = p.path("orig.db");
  exec(orig,
       "CREATE TABLE t(a integer);"
       "CREATE VIEW v AS SELECT a FROM t;"
       "CREATE TRIGGER ti INSTEAD OF INSERT ON v BEGIN INSERT INTO t(a) VALUES (new.a); END;");
  p.init_url("sqlite:///orig.db");
  Result inspected = p.run({"inspect"});
  REQUIRE(inspected.code == 0);
  p.write("schema.yaml", inspected.out);
  Result check = p.run({"check"});
  CAPTURE(check.out);
  CAPTURE(check.err);
  CHECK(check.code == 0);
  const std::map<std::string, std::string> fresh = {{"DATABASE_URL", "sqlite:///new.db"}};
  p.init_url("${DATABASE_URL}");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "baseline"}, fresh).code == 0);
  REQUIRE(p.run({"upgrade", "head"}, fresh).code == 0);
  CHECK(objects_catalog(p.path("new.db")) == objects_catalog(orig));
  exec(p.path("new.db"), "INSERT INTO v (a) VALUES (7)");
  CHECK(query(p.path("new.db"), "SELECT a FROM t") == std::vector<std::string>{"7"});
}

TEST_CASE("sqlite: a trigger written with a closing ';' or main. is no difference") {
  Project p;
  p.init_sqlite();
  p.write("schema.yaml",
          "tables:\n  users:\n    columns:\n      - {name: id, type: integer}\n"
          "      - {name: n, type: integer}\n"
          "triggers:\n  - name: bump\n    table: users\n    definition: |-\n"
          "      CREATE TRIGGER IF NOT EXISTS main.bump AFTER INSERT ON users\n"
          "      BEGIN\n        UPDATE users SET n = 1 WHERE id = new.id;\n      END;\n");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "one"}).code == 0);
  Result up = p.run({"upgrade", "head"});
  CAPTURE(up.err);
  REQUIRE(up.code == 0);
  Result check = p.run({"check"});
  CAPTURE(check.out);
  CHECK(check.code == 0);
}

TEST_CASE("sqlite: a trigger's statement must make its entry's name, on its entry's table") {
  Project p;
  p.init_sqlite();
  const std::string tables =
      "tables:\n  users:\n    columns:\n      - {name: id, type: integer}\n"
      "  posts:\n    columns:\n      - {name: id, type: integer}\n";
  struct Case {
    std::string trigger;
    std::string says;
  };
  const Case cases[] = {
      {"{name: t, table: users, definition: \"CREATE TABLE x (a integer)\"}",
       "is no CREATE TRIGGER statement"},
      {"{name: t, table: users, definition: \"CREATE TRIGGER t AFTER INSERT ON posts BEGIN "
       "SELECT 1; END\"}",
       "fires on \"posts\", not on its entry's table \"users\""},
      {"{name: t, table: users, definition: \"CREATE TEMP TRIGGER t AFTER INSERT ON users BEGIN "
       "SELECT 1; END\"}",
       "makes a temporary object"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.trigger);
    p.write("schema.yaml", tables + "triggers:\n  - " + c.trigger + "\n");
    Result r = p.run({"check"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "schema.yaml:"));
    CHECK(contains(r.err, c.says));
  }
}

TEST_CASE("sqlite: a changed trigger on a table that drops a column it read goes first") {
  Project p;
  p.init_sqlite();
  const std::string v1 =
      "tables:\n  t:\n    columns:\n      - {name: a, type: integer}\n"
      "      - {name: b, type: integer}\n"
      "triggers:\n  - {name: trg, table: t, definition: \"CREATE TRIGGER trg AFTER INSERT ON t "
      "BEGIN SELECT new.b; END\"}\n";
  p.write("schema.yaml", v1);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "one"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  const auto before = objects_catalog(p.path("app.db"));
  p.write("schema.yaml",
          "tables:\n  t:\n    columns:\n      - {name: a, type: integer}\n"
          "triggers:\n  - {name: trg, table: t, definition: \"CREATE TRIGGER trg AFTER INSERT ON "
          "t BEGIN SELECT new.a; END\"}\n");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "two"}).code == 0);
  Result up = p.run({"upgrade", "head"});
  CAPTURE(up.err);
  REQUIRE(up.code == 0);
  CHECK(p.run({"check"}).code == 0);
  REQUIRE(p.run({"downgrade", "-1"}).code == 0);
  CHECK(objects_catalog(p.path("app.db")) == before);
}

TEST_CASE("sqlite: a revision that makes a kind SQLite lacks is refused at its line") {
  Project p;
  p.init_sqlite();
  p.revision("r1", "",
             "  - create_function: {name: f, definition: \"CREATE FUNCTION f() RETURNS int AS "
             "'SELECT 1' LANGUAGE sql\"}\n",
             "  - drop_function: {name: f}\n");
  Result r = p.run({"upgrade", "head"});
  CHECK(r.code == 2);
  CHECK(contains(r.err, "r1.yaml:"));
  CHECK(contains(r.err, "sqlite has no functions"));
  CHECK(contains(r.err, "rolled back, the database stands at base"));
}
