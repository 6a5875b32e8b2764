// Every SQLite table rebuild keeps the rows, indexes and foreign keys.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace itest;

namespace {

void base_project(const Project& p) {
  p.init_sqlite();
  p.revision("r0", "", R"(  - create_table:
      table: authors
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: name, type: varchar(50), nullable: false}
        - {name: nick, type: varchar(20)}
      indexes:
        - {name: ix_authors_nick, columns: [nick]}
  - create_table:
      table: books
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: author_id, type: integer, references: authors.id, on_delete: cascade}
        - {name: title, type: text}
)",
             "  - drop_table: {table: books}\n  - drop_table: {table: authors}\n");
}

void seed(const Project& p) {
  exec(p.path("app.db"),
       "INSERT INTO authors VALUES (1, 'Ada', 'ada'), (2, 'Grace', NULL), (3, 'Linus', 'torvalds');"
       "INSERT INTO books VALUES (10, 1, 'Notes'), (11, 2, 'COBOL'), (12, 2, 'Nanoseconds'), (13, "
       "3, 'Just for fun');");
}

const std::vector<std::string> kBooks{"10|1|Notes", "11|2|COBOL", "12|2|Nanoseconds",
                                      "13|3|Just for fun"};

}  // namespace

TEST_CASE("rows survive each rebuild of a parent table referenced with ON DELETE CASCADE") {
  struct Case {
    const char* name;
    const char* up;
    const char* down;
  };
  const Case cases[] = {
      {"type change",
       "  - alter_column: {table: authors, column: name, type: varchar(200), existing_type: "
       "varchar(50)}\n",
       "  - alter_column: {table: authors, column: name, type: varchar(50), existing_type: "
       "varchar(200)}\n"},
      {"nullable",
       "  - alter_column: {table: authors, column: nick, nullable: false, existing_nullable: "
       "true}\n",
       "  - alter_column: {table: authors, column: nick, nullable: true, existing_nullable: "
       "false}\n"},
      {"default", "  - alter_column: {table: authors, column: nick, default: \"'anon'\"}\n",
       "  - alter_column: {table: authors, column: nick, default: null}\n"},
      {"unique constraint",
       "  - create_unique_constraint: {table: authors, name: uq_authors_name, columns: [name]}\n",
       "  - drop_constraint: {table: authors, name: uq_authors_name, type: unique}\n"},
      {"check constraint",
       "  - create_check_constraint: {table: authors, name: ck_name_len, expression: "
       "\"length(name) > 0\"}\n",
       "  - drop_constraint: {table: authors, name: ck_name_len, type: check}\n"},
      {"drop indexed column",
       "  - drop_column: {table: authors, column: nick, existing: {name: nick, type: "
       "varchar(20)}}\n",
       "  - add_column: {table: authors, column: {name: nick, type: varchar(20)}}\n"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      Project p;
      base_project(p);
      p.revision("r1", "r0", c.up, c.down);
      REQUIRE(p.run({"upgrade", "r0"}).code == 0);
      seed(p);
      if (std::string(c.name) == "nullable")
        exec(p.path("app.db"), "UPDATE authors SET nick = 'grace' WHERE id = 2");
      auto up = p.run({"upgrade", "head"});
      REQUIRE_MESSAGE(up.code == 0, up.err);
      CHECK(query(p.path("app.db"), "SELECT id, author_id, title FROM books ORDER BY id") ==
            kBooks);
      CHECK(query(p.path("app.db"), "SELECT count(*) FROM authors") ==
            std::vector<std::string>{"3"});
      CHECK(query(p.path("app.db"), "PRAGMA foreign_key_check").empty());
      CHECK(query(p.path("app.db"), "SELECT \"table\" FROM pragma_foreign_key_list('books')") ==
            std::vector<std::string>{"authors"});
      auto down = p.run({"downgrade", "-1"});
      REQUIRE_MESSAGE(down.code == 0, down.err);
      CHECK(query(p.path("app.db"), "SELECT id, author_id, title FROM books ORDER BY id") ==
            kBooks);
      CHECK(query(p.path("app.db"), "SELECT count(*) FROM authors") ==
            std::vector<std::string>{"3"});
      if (std::string(c.name) != "drop indexed column")
        CHECK(query(p.path("app.db"),
                    "SELECT name FROM sqlite_schema WHERE type='index' AND tbl_name='authors' AND "
                    "sql IS NOT NULL") == std::vector<std::string>{"ix_authors_nick"});
    }
  }
}

TEST_CASE("a rebuild whose copy fails (NOT NULL over existing NULLs) changes nothing") {
  Project p;
  base_project(p);
  p.revision("r1", "r0", "  - alter_column: {table: authors, column: nick, nullable: false}\n",
             "  - alter_column: {table: authors, column: nick, nullable: true}\n");
  REQUIRE(p.run({"upgrade", "r0"}).code == 0);
  seed(p);
  auto before = catalog(p.path("app.db"));
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(r.err.find("NOT NULL") != std::string::npos);
  CHECK(catalog(p.path("app.db")) == before);
  CHECK(query(p.path("app.db"), "SELECT id, author_id, title FROM books ORDER BY id") == kBooks);
  CHECK(p.run({"current"}).out == "r0\n");
}

TEST_CASE(
    "sqlite rebuild: a table's triggers and the views over it survive upgrade and downgrade") {
  Project p;
  base_project(p);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  const auto db = p.path("app.db");
  exec(db,
       "CREATE TABLE log (what TEXT);"
       "CREATE TRIGGER authors_log AFTER INSERT ON authors BEGIN "
       "INSERT INTO log VALUES ('author ' || new.name); END;"
       "CREATE VIEW author_names AS SELECT name FROM authors;"
       "INSERT INTO authors (id, name) VALUES (1, 'ada');");
  p.revision("r1", "r0",
             "  - alter_column: {table: authors, column: nick, type: varchar(40), existing_type: "
             "varchar(20)}\n",
             "  - alter_column: {table: authors, column: nick, type: varchar(20), existing_type: "
             "varchar(40)}\n");
  const auto triggers = query(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'");
  Result up = p.run({"upgrade", "head"});
  CHECK(up.code == 0);
  CHECK(query(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'") == triggers);
  exec(db, "INSERT INTO authors (id, name) VALUES (2, 'grace')");
  CHECK(query(db, "SELECT what FROM log ORDER BY rowid") ==
        std::vector<std::string>{"author ada", "author grace"});
  CHECK(query(db, "SELECT name FROM author_names ORDER BY name") ==
        std::vector<std::string>{"ada", "grace"});
  Result down = p.run({"downgrade", "-1"});
  CHECK(down.code == 0);
  CHECK(query(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'") == triggers);
  CHECK(query(db, "SELECT version_num FROM migrate_version") == std::vector<std::string>{"r0"});

  // Offline there is no catalog to read the trigger from: the script stops
  // on it before dropping anything, naming it.
  Result sql = p.run({"upgrade", "r0:r1", "--sql"});
  REQUIRE(sql.code == 0);
  p.write("offline.sql", sql.out);
  Result replay = p.sh("sqlite3 -bail app.db < offline.sql");
  CHECK(replay.code != 0);
  CHECK(contains(replay.err, "would drop its trigger authors_log"));
  CHECK(query(db, "SELECT version_num FROM migrate_version") == std::vector<std::string>{"r0"});
  CHECK(query(db, "SELECT count(*) FROM authors") == std::vector<std::string>{"2"});
}
