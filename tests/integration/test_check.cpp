// `check`, `revision --autogenerate` and `inspect` through the CLI, on real
// SQLite files: exit codes, text and JSON output, the adoption of an existing
// database.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "harness.hpp"

using namespace itest;
namespace fs = std::filesystem;

namespace {

const char* kModel = R"y(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true, autoincrement: true}
      - {name: name, type: varchar(100), nullable: false}
      - {name: email, type: string(255), unique: true}
      - {name: active, type: boolean, nullable: false, default: "true"}
      - {name: created_at, type: timestamp, default: CURRENT_TIMESTAMP}
    indexes:
      - {name: ix_users_name, columns: [name]}
  posts:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: title, type: varchar(200), nullable: false}
      - {name: user_id, type: integer, nullable: false, references: users.id, on_delete: cascade}
)y";

// A project whose database is at head with kModel.
void at_head(const Project& p, const std::string& extra_config = "") {
  p.init_sqlite(extra_config);
  p.write("schema.yaml", kModel);
  auto rev = p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "base1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
}

}  // namespace

TEST_CASE("check: exit 0 when the database matches the model") {
  Project p;
  at_head(p);
  auto r = p.run({"check"});
  CHECK(r.code == 0);
  CHECK(r.out == "No differences: the database matches the model.\n");
  auto j = p.run({"check", "--format", "json"});
  REQUIRE(j.code == 0);
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["matches"] == true);
  CHECK(doc["up_to_date"] == true);
  CHECK(doc["differences"].empty());
  CHECK(doc["current"] == nlohmann::json::array({"base1"}));
}

TEST_CASE("check: exit 1 listing each difference, as text and as JSON") {
  Project p;
  at_head(p);
  std::string changed = kModel;
  changed.replace(changed.find("varchar(100)"), 12, "varchar(120)");
  changed += "      - {name: body, type: text}\n";
  changed.replace(
      changed.find("      - {name: created_at"),
      std::string("      - {name: created_at, type: timestamp, default: CURRENT_TIMESTAMP}\n")
          .size(),
      "");
  p.write("schema.yaml", changed);

  auto r = p.run({"check"});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "alter_column users.name type varchar(100) -> varchar(120)\n"
        "drop_column users.created_at\n"
        "add_column posts.body text\n");
  CHECK(contains(r.err, "differs from the model in 3 ways"));

  auto j = p.run({"check", "--format", "json"});
  CHECK(j.code == 1);
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["matches"] == false);
  REQUIRE(doc["differences"].size() == 3);
  CHECK(doc["differences"][0]["op"] == "alter_column");
  CHECK(doc["differences"][0]["table"] == "users");
  CHECK(doc["differences"][2]["text"] == "add_column posts.body text");
}

TEST_CASE("check: exit 1 when the database is not at head; autogenerate refuses (exit 2)") {
  Project p;
  at_head(p);
  p.revision("next00000001", "base1",
             "  - add_column: {table: posts, column: {name: body, type: text}}\n",
             "  - drop_column: {table: posts, column: body}\n");
  REQUIRE(p.run({"hash"}).code == 0);  // a revision written by hand: versions.sum
  auto r = p.run({"check"});
  CHECK(r.code == 1);
  CHECK(contains(r.err, "the database stands at base1 but the head is next00000001"));
  auto j = p.run({"check", "--format", "json"});
  CHECK(j.code == 1);
  CHECK(nlohmann::json::parse(j.out)["up_to_date"] == false);

  auto files = [&] {
    return std::distance(fs::directory_iterator(p.path("migrations/versions")),
                         fs::directory_iterator());
  };
  auto count = files();
  auto rev = p.run({"revision", "--autogenerate", "-m", "more"});
  CHECK(rev.code == 2);
  CHECK(contains(rev.err, "target database is not up to date"));
  CHECK(contains(rev.err, "migrate upgrade head"));
  CHECK(files() == count);
}

TEST_CASE("check: exit 2 for a bad model, exit 3 for a database error") {
  Project p;
  at_head(p);
  p.write("schema.yaml", "tables:\n  users:\n    columns:\n      - {name: id, typo: integer}\n");
  auto bad = p.run({"check"});
  CHECK(bad.code == 2);
  CHECK(contains(bad.err, "schema.yaml:4"));

  // The model is read beside the database; its mistake is still the one reported.
  p.write("broken.db", "this is not a database file, whatever its name says");
  for (const char* cmd : {"check", "diff", "revision"}) {
    std::vector<std::string> args = {cmd, "--url", "sqlite:///broken.db"};
    if (std::string(cmd) == "revision")
      args = {cmd, "--autogenerate", "-m", "x", "--url", "sqlite:///broken.db"};
    auto both = p.run(args);
    CAPTURE(cmd);
    CHECK(both.code == 2);
    CHECK(contains(both.err, "schema.yaml:4"));
    CHECK_FALSE(contains(both.err, "not a database"));
  }

  p.write("schema.yaml", kModel);
  auto db = p.run({"check", "--url", "sqlite:///broken.db"});
  CHECK(db.code == 3);
  CHECK(contains(db.err, "not a database"));
}

TEST_CASE("autogenerate: the revision file, destructive ops marked, and its downgrade") {
  Project p;
  at_head(p);
  exec(p.path("app.db"),
       "INSERT INTO users (name) VALUES ('ada'); INSERT INTO posts (title, user_id) VALUES ('t', "
       "1);");
  std::string changed = kModel;
  changed.replace(changed.find("  posts:"), std::string::npos, "");
  p.write("schema.yaml", changed);
  auto rev = p.run({"revision", "--autogenerate", "-m", "drop posts", "--rev-id", "drop01"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  CHECK(contains(rev.err, "Detected drop_table posts"));
  std::string text = p.read("migrations/versions/drop01_drop_posts.yaml");
  CHECK(contains(
      text, "upgrade:\n  # drops data\n  - drop_table:\n      table: posts\n      existing:\n"));
  CHECK(contains(text, "downgrade:\n  - create_table:\n      table: posts\n"));
  CHECK(contains(p.read("migrations/versions.sum"), "\nversions/drop01_drop_posts.yaml h2:"));
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(p.run({"check"}).code == 0);
  REQUIRE(p.run({"downgrade", "-1"}).code == 0);
  p.write("schema.yaml", kModel);
  fs::remove(p.path("migrations/versions/drop01_drop_posts.yaml"));
  REQUIRE(p.run({"hash"}).code == 0);
  CHECK(p.run({"check"}).code == 0);
  CHECK(query(p.path("app.db"), "SELECT name FROM users") == std::vector<std::string>{"ada"});
}

TEST_CASE("check: include_tables, exclude_tables, compare options from migrate.yaml") {
  Project p;
  at_head(p, "exclude_tables: [\"tmp_*\"]\ncompare:\n  types: false\n");
  exec(p.path("app.db"), "CREATE TABLE tmp_scratch (x INTEGER); CREATE TABLE legacy (x INTEGER);");
  std::string changed = kModel;
  changed.replace(changed.find("varchar(100)"), 12, "text");
  p.write("schema.yaml", changed);
  auto r = p.run({"check"});
  CHECK(r.code == 1);
  CHECK(r.out == "drop_table legacy\n");  // not tmp_scratch, not the type, not migrate_version
}

TEST_CASE("inspect: an existing database, adopted: inspect, baseline, stamp, check") {
  Project p;
  p.init_sqlite();
  exec(p.path("app.db"), R"sql(
    CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,
                          email varchar(100) DEFAULT 'none', active BOOLEAN DEFAULT TRUE,
                          joined timestamp DEFAULT current_timestamp);
    CREATE TABLE "book list" (
      isbn CHAR(13) NOT NULL,
      edition INT NOT NULL DEFAULT 1,
      author INTEGER REFERENCES authors ON DELETE SET NULL,
      title TEXT CHECK (length(title) > 0),
      price NUMERIC(8, 2) DEFAULT (0.0),
      misc,
      status DEFAULT draft,
      CONSTRAINT "pk book" PRIMARY KEY (isbn, edition),
      UNIQUE (title, author), UNIQUE (title, price)
    );
    CREATE INDEX ix_books_title ON "book list" (lower(title), price DESC);
    CREATE UNIQUE INDEX ix_books_author ON "book list" (author, title);
    CREATE TABLE counter (n INTEGER PRIMARY KEY AUTOINCREMENT);
    CREATE TABLE reviews (id integer primary key, isbn char(13), edition int,
      FOREIGN KEY (isbn, edition) REFERENCES "book list" (isbn, edition) ON UPDATE CASCADE,
      CHECK (edition > 0));
    INSERT INTO authors (name) VALUES ('ada');
  )sql");

  auto inspected = p.run({"inspect"});
  REQUIRE_MESSAGE(inspected.code == 0, inspected.err);
  INFO(inspected.out);
  CHECK(contains(inspected.out, "  book list:\n"));
  CHECK(contains(inspected.out, "{name: uq_book list_title_2, columns: [title, price]}"));
  // Declared without a type: `type: ""`, not blob (the same affinity, not the same column).
  CHECK(contains(inspected.out, "{name: misc, type: \"\", nullable: true}"));
  CHECK(contains(inspected.out,
                 "{name: ix_books_title, columns: [{expression: lower(title)}, {column: price, "
                 "order: desc}]}"));
  CHECK(!contains(inspected.out, "migrate_version"));
  p.write("schema.yaml", inspected.out);

  // Fed back as the model, check finds nothing.
  auto same = p.run({"check"});
  CHECK_MESSAGE(same.code == 0, (same.out + same.err));

  // The baseline revision, made on an empty database.
  auto base = p.run({"revision", "--autogenerate", "-m", "baseline", "--url", "sqlite:///empty.db",
                     "--rev-id", "baseline01"});
  REQUIRE_MESSAGE(base.code == 0, base.err);
  auto up = p.run({"upgrade", "head", "--url", "sqlite:///empty.db"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  auto fresh = p.run({"check", "--url", "sqlite:///empty.db"});
  CHECK_MESSAGE(fresh.code == 0, (fresh.out + fresh.err));

  // The real database is stamped, not migrated, and then matches too.
  auto stamp = p.run({"stamp", "head"});
  REQUIRE_MESSAGE(stamp.code == 0, stamp.err);
  auto adopted = p.run({"check"});
  CHECK_MESSAGE(adopted.code == 0, (adopted.out + adopted.err));
  CHECK(query(p.path("app.db"), "SELECT name FROM authors") == std::vector<std::string>{"ada"});
}

TEST_CASE("inspect: --url without a project; an empty database") {
  Project p;
  exec(p.path("some.db"), "CREATE TABLE t (x INTEGER NOT NULL DEFAULT 0);");
  auto r = p.run({"inspect", "--url", "sqlite:///some.db"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(contains(r.out,
                 "tables:\n  t:\n    columns:\n      - {name: x, type: integer, nullable: false, "
                 "default: \"0\"}\n"));
  exec(p.path("none.db"), "");
  auto empty = p.run({"inspect", "--url", "sqlite:///none.db"});
  CHECK(empty.code == 0);
  CHECK(contains(empty.out, "tables: {}\n"));
}
