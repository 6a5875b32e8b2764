// Every op compiled for SQLite, run on a real database, then inspected: the
// live schema must equal what the simulator predicts after each op (Db::run
// checks it, and that PRAGMA foreign_key_check is clean).
#include <doctest/doctest.h>

#include "dialects/registry.hpp"
#include "tests/unit/sqlite_test_support.hpp"

using namespace migrate;
using namespace migrate::sqlite_test;

namespace {

void create_blog(Db& db) {
  db.run(op(CreateTable{users_table()}));
  db.run(op(CreateTable{posts_table()}));
}

bool any_statement_has(const std::vector<Statement>& sts, const std::string& part) {
  for (const auto& st : sts)
    if (has(st.sql, part)) return true;
  return false;
}

std::vector<std::string> sqls(const std::vector<Statement>& sts) {
  std::vector<std::string> out;
  for (const auto& st : sts) out.push_back(st.sql);
  return out;
}

bool rebuilds(const std::vector<Statement>& sts) {
  return any_statement_has(sts, "_migrate_tmp_");
}

AlterColumn alter(const std::string& table, const std::string& column) {
  AlterColumn a;
  a.ref = ref(table);
  a.column = column;
  return a;
}

}  // namespace

TEST_CASE("sqlite compile: dialect basics") {
  SqliteDialect d;
  CHECK(d.name() == "sqlite");
  CHECK(d.transactional_ddl());
  CHECK(d.quote_ident("we\"ird") == "\"we\"\"ird\"");
  CHECK(d.placeholder(3) == "?");
  CHECK(d.literal(Value{}) == "NULL");
  CHECK(d.literal(Value{true}) == "1");
  CHECK(d.literal(Value{std::int64_t{-5}}) == "-5");
  CHECK(d.literal(Value{2.0}) == "2.0");
  CHECK(d.literal(Value{0.25}) == "0.25");
  CHECK(d.literal(Value{std::string("it's")}) == "'it''s'");
  auto made = make_dialect("sqlite");
  CHECK(made->name() == "sqlite");
  CHECK(make_dialect("postgresql")->name() == "postgresql");
  CHECK(make_dialect("mysql")->name() == "mysql");
  CHECK(has(input_error_of([] { make_dialect("oracle"); }), "unknown database dialect"));
  Url url;
  url.dialect = "sqlite";
  url.database = ":memory:";
  auto conn = d.connect(url);
  CHECK(!d.has_table(*conn, "migrate_version"));
  conn->execute({"CREATE TABLE Migrate_Version (x)", {}});
  CHECK(d.has_table(*conn, "migrate_version"));
}

TEST_CASE("sqlite compile: create_table writes names, keys and indexes") {
  Db db;
  auto sts = db.compile(op(CreateTable{users_table()}));
  REQUIRE(sts.size() == 2);
  CHECK(sts[0].sql ==
        "CREATE TABLE \"users\" (\n"
        "  \"id\" INTEGER NOT NULL CONSTRAINT \"pk_users\" PRIMARY KEY AUTOINCREMENT,\n"
        "  \"name\" VARCHAR(100) NOT NULL,\n"
        "  \"email\" VARCHAR(255),\n"
        "  \"is_active\" BOOLEAN NOT NULL DEFAULT true,\n"
        "  \"created_at\" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
        "  CONSTRAINT \"uq_users_email\" UNIQUE (\"email\")\n"
        ")");
  CHECK(sts[1].sql == "CREATE INDEX \"ix_users_name\" ON \"users\" (\"name\")");
  create_blog(db);
  CHECK(has(input_error_of([&] { db.compile(op(CreateTable{users_table()})); }),
            "versions/abc123.yaml:12:5: table \"users\" already exists"));
}

TEST_CASE("sqlite compile: autoincrement that SQLite cannot store is refused") {
  Db db;
  Table t;
  t.name = "t";
  Column a = col("a", "integer", false);
  a.autoincrement = true;
  t.columns = {a, col("b", "integer", false)};
  t.primary_key = PrimaryKey{"", {"a", "b"}};
  CHECK(has(input_error_of([&] { db.compile(op(CreateTable{t})); }),
            "SQLite allows autoincrement only on a table's single integer primary-key column"));
}

TEST_CASE("sqlite compile: table ops") {
  Db db;
  create_blog(db);
  db.run(op(RenameTable{ref("users"), "people"}));
  // SQLite followed the rename into posts' foreign key, as the simulator did.
  CHECK(db.sim.table("posts")->foreign_keys[0].ref_table == "people");
  db.run(op(RenameTable{ref("people"), "users"}));
  db.run(op(DropTable{ref("posts"), std::nullopt}));
  CHECK(has(input_error_of([&] {
              db.compile(op(DropTable{ref("posts"), std::nullopt}));
            }),
            "table \"posts\" does not exist"));
  CHECK(has(input_error_of([&] {
              db.compile(op(RenameTable{ref("posts"), "x"}));
            }),
            "table \"posts\" does not exist"));
}

TEST_CASE("sqlite compile: add_column uses ALTER TABLE where SQLite can") {
  Db db;
  create_blog(db);
  db.exec("INSERT INTO users (name) VALUES ('ada')");

  auto simple = op(AddColumn{ref("users"), col("bio", "text"), {}, {}});
  CHECK_FALSE(rebuilds(db.compile(simple)));
  db.run(simple);

  auto not_null = op(AddColumn{ref("users"), col("score", "integer", false, "0"), {}, {}});
  CHECK_FALSE(rebuilds(db.compile(not_null)));
  db.run(not_null);

  auto with_fk = op(AddColumn{
      ref("posts"),
      col("editor_id", "integer"),
      {},
      {ForeignKey{"fk_posts_editor", {"editor_id"}, "", "users", {"id"}, "set null", ""}}});
  CHECK(db.compile(with_fk).at(0).sql ==
        "ALTER TABLE \"posts\" ADD COLUMN \"editor_id\" INTEGER CONSTRAINT \"fk_posts_editor\" "
        "REFERENCES \"users\" (\"id\") ON DELETE SET NULL");
  db.run(with_fk);

  auto with_unique = op(AddColumn{ref("users"),
                                  col("handle", "varchar(30)"),
                                  {UniqueConstraint{"uq_users_handle", {"handle"}}},
                                  {}});
  CHECK(rebuilds(db.compile(with_unique)));
  db.run(with_unique);

  auto time_default =
      op(AddColumn{ref("users"), col("seen_at", "timestamp", true, "CURRENT_TIMESTAMP"), {}, {}});
  CHECK(rebuilds(db.compile(time_default)));
  db.run(time_default);

  auto expression_default = op(AddColumn{ref("users"), col("k", "integer", true, "1 + 2"), {}, {}});
  CHECK(rebuilds(db.compile(expression_default)));
  db.run(expression_default);

  auto not_null_without_default = op(AddColumn{ref("posts"), col("slug", "text", false), {}, {}});
  CHECK(rebuilds(db.compile(not_null_without_default)));
  db.run(not_null_without_default);  // posts is empty, so this works

  CHECK(db.count("users") == 1);
  CHECK(db.contents("SELECT name, score, k FROM users") == "ada|0|3|\n");
  CHECK(has(input_error_of([&] { db.compile(simple); }),
            "column \"bio\" already exists in table \"users\""));
}

TEST_CASE("sqlite compile: drop_column") {
  Db db;
  create_blog(db);
  db.exec("INSERT INTO users (name, email) VALUES ('ada', 'a@x')");
  db.exec("INSERT INTO posts (id, title, user_id, body) VALUES (1, 't', 1, 'b')");

  auto plain = op(DropColumn{ref("users"), "created_at", std::nullopt});
  CHECK(sqls(db.compile(plain)) ==
        std::vector<std::string>{"ALTER TABLE \"users\" DROP COLUMN \"created_at\""});
  db.run(plain);

  auto indexed = op(DropColumn{ref("users"), "name", std::nullopt});
  CHECK(rebuilds(db.compile(indexed)));
  db.run(indexed);

  auto unique = op(DropColumn{ref("users"), "email", std::nullopt});
  CHECK(rebuilds(db.compile(unique)));
  db.run(unique);

  auto checked = op(DropColumn{ref("posts"), "title", std::nullopt});
  CHECK(rebuilds(db.compile(checked)));
  db.run(checked);

  auto keyed = op(DropColumn{ref("posts"), "user_id", std::nullopt});
  CHECK(rebuilds(db.compile(keyed)));
  db.run(keyed);

  CHECK(db.contents("SELECT * FROM users") == "1|1|\n");
  CHECK(db.contents("SELECT * FROM posts") == "1|b|\n");
  CHECK(has(input_error_of([&] { db.compile(keyed); }),
            "versions/abc123.yaml:12:5: column \"user_id\" does not exist in table \"posts\""));
  db.run(op(DropColumn{ref("posts"), "body", std::nullopt}));
  CHECK(has(input_error_of([&] {
              db.compile(op(DropColumn{ref("posts"), "id", std::nullopt}));
            }),
            "it is the only column of table \"posts\""));
}

TEST_CASE("sqlite compile: alter_column") {
  Db db;
  create_blog(db);
  db.exec("INSERT INTO users (name, email) VALUES ('ada', 'a@x'), ('linus', NULL)");
  db.exec("INSERT INTO posts (id, title, user_id) VALUES (1, 'hello', 1), (2, 'again', 2)");

  auto rename = alter("users", "name");
  rename.new_name = "full name";
  auto sts = db.compile(op(rename));
  CHECK(sqls(sts) ==
        std::vector<std::string>{"ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full name\""});
  db.run(op(rename));

  auto rename_key = alter("users", "id");
  rename_key.new_name = "user_id";
  db.run(op(rename_key));  // posts' foreign key follows
  CHECK(db.sim.table("posts")->foreign_keys[0].ref_columns == std::vector<std::string>{"user_id"});

  auto type = alter("users", "full name");
  type.type = Type::parse("varchar(200)");
  CHECK(rebuilds(db.compile(op(type))));
  db.run(op(type));

  auto nullable = alter("users", "email");
  nullable.nullable = false;
  CHECK(has(database_error_of([&] { db.run(op(nullable)); }), "NOT NULL constraint failed"));
  db.check();  // the failed rebuild was rolled back whole
  db.exec("UPDATE users SET email = 'l@x' WHERE email IS NULL");
  db.run(op(nullable));

  auto add_default = alter("users", "email");
  add_default.server_default = std::optional<std::string>("'nobody@x'");
  db.run(op(add_default));
  auto drop_default = alter("users", "is_active");
  drop_default.server_default = std::optional<std::string>();
  db.run(op(drop_default));

  auto rename_and_type = alter("posts", "title");
  rename_and_type.new_name = "headline";
  rename_and_type.type = Type::parse("text");
  sts = db.compile(op(rename_and_type));
  CHECK(has(sts.at(0).sql, "RENAME COLUMN \"title\" TO \"headline\""));
  CHECK(rebuilds(sts));
  db.run(op(rename_and_type));
  // The check constraint followed the rename (SQLite rewrote it; the
  // simulator predicted the same text).
  CHECK(db.sim.table("posts")->checks[0].expression == "length(\"headline\") > 0");

  auto comment_only = alter("posts", "body");
  comment_only.comment = std::optional<std::string>("what it says");
  CHECK(db.compile(op(comment_only)).empty());
  db.run(op(comment_only));

  auto same_type = alter("posts", "body");
  same_type.type = Type::parse("text");
  CHECK(db.compile(op(same_type)).empty());

  CHECK(db.contents("SELECT * FROM users ORDER BY user_id") ==
        "1|ada|a@x|1|" + text(db.rows("SELECT created_at FROM users WHERE user_id = 1")[0][0]) +
            "|\n2|linus|l@x|1|" +
            text(db.rows("SELECT created_at FROM users WHERE user_id = 2")[0][0]) + "|\n");
  CHECK(db.contents("SELECT id, headline, user_id FROM posts ORDER BY id") ==
        "1|hello|1|\n2|again|2|\n");
  auto missing = alter("users", "nope");
  missing.nullable = true;
  CHECK(has(input_error_of([&] { db.compile(op(missing)); }),
            "column \"nope\" does not exist in table \"users\""));
}

TEST_CASE("sqlite compile: indexes") {
  Db db;
  create_blog(db);
  auto unique =
      op(CreateIndex{ref("users"), Index{"ix_users_email_name", {"email", "name"}, true}});
  CHECK(db.compile(unique).at(0).sql ==
        "CREATE UNIQUE INDEX \"ix_users_email_name\" ON \"users\" (\"email\", \"name\")");
  db.run(unique);
  CHECK(has(input_error_of([&] { db.compile(unique); }),
            "index \"ix_users_email_name\" already exists"));
  auto drop = op(DropIndex{ref("users"), "ix_users_email_name", std::nullopt});
  CHECK(db.compile(drop).at(0).sql == "DROP INDEX \"ix_users_email_name\"");
  db.run(drop);
  CHECK(has(input_error_of([&] { db.compile(drop); }),
            "index \"ix_users_email_name\" does not exist on table \"users\""));
}

TEST_CASE("sqlite compile: constraints are added and dropped by rebuilding") {
  Db db;
  create_blog(db);
  db.exec("INSERT INTO users (name, email) VALUES ('ada', 'a@x')");
  db.exec("INSERT INTO posts (id, title, user_id) VALUES (1, 'hello', 1)");
  const std::string users_before = db.contents("SELECT * FROM users");

  db.run(op(CreateUniqueConstraint{ref("users"), UniqueConstraint{"uq_users_name", {"name"}}}));
  db.run(op(CreateCheckConstraint{ref("users"), CheckConstraint{"ck_users_name", "name <> ''"}}));
  Table tags;
  tags.name = "tags";
  tags.columns = {col("label", "varchar(50)", false), col("post_id", "integer")};
  db.run(op(CreateTable{tags}));
  db.run(op(CreatePrimaryKey{ref("tags"), PrimaryKey{"pk_tags", {"label"}}}));
  db.run(op(CreateForeignKey{
      ref("tags"),
      ForeignKey{"fk_tags_post", {"post_id"}, "", "posts", {"id"}, "cascade", "cascade"}}));
  db.exec("INSERT INTO tags VALUES ('x', 1)");
  CHECK(has(database_error_of([&] { db.exec("INSERT INTO users (name) VALUES ('')"); }),
            "CHECK constraint failed: ck_users_name"));

  for (const auto& [name, kind] : std::vector<std::pair<std::string, ConstraintKind>>{
           {"uq_users_name", ConstraintKind::unique},
           {"ck_users_name", ConstraintKind::unknown},
           {"uq_users_email", ConstraintKind::unique}}) {
    auto drop = op(DropConstraint{ref("users"), name, kind, {}});
    CHECK(rebuilds(db.compile(drop)));
    db.run(drop);
  }
  db.run(op(DropConstraint{ref("tags"), "pk_tags", ConstraintKind::primary_key, {}}));
  db.run(op(DropConstraint{ref("tags"), "fk_tags_post", ConstraintKind::foreign_key, {}}));
  db.run(op(DropConstraint{ref("posts"), "ck_posts_title", ConstraintKind::check, {}}));
  CHECK(db.contents("SELECT * FROM users") == users_before);
  CHECK(db.contents("SELECT * FROM tags") == "x|1|\n");
  CHECK(has(input_error_of([&] {
              db.compile(op(DropConstraint{ref("users"), "nope", ConstraintKind::unknown, {}}));
            }),
            "constraint \"nope\" does not exist on table \"users\""));
  CHECK(has(input_error_of([&] {
              db.compile(op(CreateUniqueConstraint{ref("nope"), UniqueConstraint{"u", {"a"}}}));
            }),
            "table \"nope\" does not exist"));
}

TEST_CASE("sqlite compile: execute") {
  Db db;
  create_blog(db);
  Execute e;
  e.sql["postgresql"] = "SELECT now()";
  CHECK(has(input_error_of([&] { db.compile(op(e)); }),
            "versions/abc123.yaml:12:5: execute has no SQL for sqlite: add a `sqlite:` or "
            "`default:` entry"));
  e.sql["default"] = "INSERT INTO users (name) VALUES ('a'); INSERT INTO users (name) VALUES ('b')";
  db.run(op(e));
  e.sql["sqlite"] = "DELETE FROM users WHERE name = 'a'";
  db.run(op(e));
  CHECK(db.contents("SELECT name FROM users") == "b|\n");
}

TEST_CASE("sqlite compile: bulk_insert binds every value, never splices it") {
  Db db;
  create_blog(db);
  const std::string evil = "'); DROP TABLE users; --";
  BulkInsert b{ref("users"),
               {{{"id", Value{std::int64_t{1}}}, {"name", Value{std::string("O'Brien")}}},
                {{"id", Value{std::int64_t{2}}},
                 {"name", Value{evil}},
                 {"email", Value{std::monostate{}}},
                 {"is_active", Value{false}}}}};
  auto sts = db.compile(op(b));
  REQUIRE(sts.size() == 2);
  CHECK(sts[0].sql == "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?)");
  CHECK(sts[1].params.size() == 4);
  for (const auto& st : sts) CHECK_FALSE(has(st.sql, "DROP"));
  db.run(op(b));
  CHECK(db.contents("SELECT id, name, email, is_active FROM users ORDER BY id") ==
        "1|O'Brien|NULL|1|\n2|" + evil + "|NULL|0|\n");
  CHECK(has(input_error_of([&] {
              db.compile(op(BulkInsert{ref("users"), {{{"nope", Value{std::int64_t{1}}}}}}));
            }),
            "bulk_insert: column \"nope\" does not exist in table \"users\""));
  CHECK(has(input_error_of([&] {
              db.compile(op(BulkInsert{ref("nope"), {}}));
            }),
            "versions/abc123.yaml:12:5: table \"nope\" does not exist"));
}

TEST_CASE("compile: a NULLS NOT DISTINCT unique key is refused where the database has none") {
  Table t;
  t.name = "t";
  t.columns = {col("a", "integer", false), col("b", "integer", true)};
  t.primary_key = PrimaryKey{"pk_t", {"a"}};
  t.uniques = {UniqueConstraint{"uq_t_b", {"b"}, "", true}};
  Db db;
  CHECK(has(input_error_of([&] { db.compile(op(CreateTable{t})); }),
            "unique constraint \"uq_t_b\" has nulls_not_distinct, which SQLite does not have"));
  auto mysql = make_dialect("mysql");
  CHECK(has(input_error_of([&] { mysql->compile(op(CreateTable{t}), Schema{}); }),
            "unique constraint \"uq_t_b\" has nulls_not_distinct, which MySQL and MariaDB do "
            "not have"));
  // PostgreSQL 15 writes it, before DEFERRABLE.
  t.uniques[0].deferrable = "immediate";
  auto pg = make_dialect("postgresql")->compile(op(CreateTable{t}), Schema{});
  REQUIRE_FALSE(pg.empty());
  CHECK(has(pg[0].sql, "CONSTRAINT \"uq_t_b\" UNIQUE NULLS NOT DISTINCT (\"b\") DEFERRABLE"));
}
