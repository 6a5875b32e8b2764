// The schema simulator on its own: no database.
#include <doctest/doctest.h>

#include "core/ops/apply.hpp"
#include "core/sql/sql_lexer.hpp"
#include "tests/unit/sqlite_test_support.hpp"

using namespace migrate;
using namespace migrate::sqlite_test;

namespace {

Schema blog() {
  Schema s;
  s.tables = {users_table(), posts_table()};
  return s;
}

const Table& table(const Schema& s, const std::string& name) {
  const Table* t = s.table(name);
  REQUIRE(t != nullptr);
  return *t;
}

}  // namespace

TEST_CASE("apply: create_table and drop_table") {
  Schema s;
  apply_op(s, op(CreateTable{users_table()}));
  CHECK(s.tables.size() == 1);
  CHECK(has(input_error_of([&] { apply_op(s, op(CreateTable{users_table()})); }),
            "versions/abc123.yaml:12:5: table \"users\" already exists"));
  Table other;
  other.name = "other";
  other.columns = {col("name", "text")};
  other.indexes = {Index{"ix_users_name", {"name"}, false}};
  CHECK(has(input_error_of([&] { apply_op(s, op(CreateTable{other})); }),
            "index \"ix_users_name\" already exists (on table \"users\")"));
  apply_op(s, op(DropTable{ref("users"), std::nullopt}));
  CHECK(s.tables.empty());
  CHECK(has(input_error_of([&] {
              apply_op(s, op(DropTable{ref("users"), std::nullopt}));
            }),
            "versions/abc123.yaml:12:5: table \"users\" does not exist"));
}

TEST_CASE("apply: rename_table follows into foreign keys") {
  Schema s = blog();
  apply_op(s, op(RenameTable{ref("users"), "people"}));
  CHECK(s.table("users") == nullptr);
  CHECK(table(s, "people").columns.size() == 5);
  CHECK(table(s, "posts").foreign_keys[0].ref_table == "people");
  CHECK(has(input_error_of([&] {
              apply_op(s, op(RenameTable{ref("people"), "posts"}));
            }),
            "table \"posts\" already exists"));
  CHECK(has(input_error_of([&] {
              apply_op(s, op(RenameTable{ref("nope"), "x"}));
            }),
            "table \"nope\" does not exist"));
}

TEST_CASE("apply: add_column with inline unique and foreign key") {
  Schema s = blog();
  AddColumn add{ref("posts"),
                col("editor_id", "integer"),
                {UniqueConstraint{"uq_e", {"editor_id"}}},
                {ForeignKey{"fk_e", {"editor_id"}, "", "users", {"id"}, "set null", ""}}};
  apply_op(s, op(add));
  const Table& posts = table(s, "posts");
  CHECK(posts.columns.back().name == "editor_id");
  CHECK(posts.uniques.size() == 1);
  CHECK(posts.foreign_keys.size() == 2);
  CHECK(has(input_error_of([&] { apply_op(s, op(add)); }),
            "column \"editor_id\" already exists in table \"posts\""));
  CHECK(has(input_error_of([&] {
              apply_op(s, op(AddColumn{ref("nope"), col("x", "text"), {}, {}}));
            }),
            "table \"nope\" does not exist"));
}

TEST_CASE("apply: drop_column takes every index and constraint that uses it") {
  Schema s = blog();
  auto& posts = *s.table("posts");
  posts.indexes.push_back(Index{"ix_two", {"title", "user_id"}, false});
  posts.indexes.push_back(Index{"ix_title", {"title"}, false});
  posts.uniques.push_back(UniqueConstraint{"uq_pair", {"user_id", "title"}});
  posts.checks.push_back(CheckConstraint{"ck_body", "body <> ''"});
  apply_op(s, op(DropColumn{ref("posts"), "user_id", std::nullopt}));
  const Table& t = table(s, "posts");
  CHECK(t.column("user_id") == nullptr);
  REQUIRE(t.indexes.size() == 1);
  CHECK(t.indexes[0].name == "ix_title");
  CHECK(t.uniques.empty());
  CHECK(t.foreign_keys.empty());
  CHECK(t.checks.size() == 2);  // neither mentions user_id
  apply_op(s, op(DropColumn{ref("posts"), "title", std::nullopt}));
  CHECK(table(s, "posts").checks.size() == 1);
  apply_op(s, op(DropColumn{ref("posts"), "id", std::nullopt}));
  CHECK(!table(s, "posts").primary_key);
  CHECK(has(input_error_of([&] {
              apply_op(s, op(DropColumn{ref("posts"), "id", std::nullopt}));
            }),
            "versions/abc123.yaml:12:5: column \"id\" does not exist in table \"posts\""));
}

TEST_CASE("apply: alter_column changes and renames everywhere") {
  Schema s = blog();
  s.table("posts")->checks.push_back(CheckConstraint{"ck_uid", "user_id > 0 AND abs(user_id) < 9"});
  AlterColumn a;
  a.ref = ref("users");
  a.column = "id";
  a.new_name = "user_key";
  a.comment = std::optional<std::string>("the key");
  apply_op(s, op(a));
  const Table& users = table(s, "users");
  CHECK(users.columns[0].name == "user_key");
  CHECK(users.columns[0].comment == "the key");
  CHECK(users.primary_key->columns == std::vector<std::string>{"user_key"});
  CHECK(table(s, "posts").foreign_keys[0].ref_columns == std::vector<std::string>{"user_key"});

  AlterColumn b;
  b.ref = ref("posts");
  b.column = "user_id";
  b.new_name = "author id";
  b.type = Type::parse("bigint");
  b.nullable = true;
  b.server_default = std::optional<std::string>("0");
  apply_op(s, op(b));
  const Table& posts = table(s, "posts");
  const Column* c = posts.column("author id");
  REQUIRE(c != nullptr);
  CHECK(c->type.str() == "bigint");
  CHECK(c->nullable);
  CHECK(c->server_default == "0");
  CHECK(key_columns(posts.indexes[0]) == std::vector<std::string>{"author id"});
  CHECK(posts.foreign_keys[0].columns == std::vector<std::string>{"author id"});
  CHECK(posts.checks[1].expression == "\"author id\" > 0 AND abs(\"author id\") < 9");

  AlterColumn drop_default;
  drop_default.ref = ref("posts");
  drop_default.column = "author id";
  drop_default.server_default = std::optional<std::string>();
  apply_op(s, op(drop_default));
  CHECK(!table(s, "posts").column("author id")->server_default);

  AlterColumn clash;
  clash.ref = ref("posts");
  clash.column = "title";
  clash.new_name = "body";
  CHECK(has(input_error_of([&] { apply_op(s, op(clash)); }),
            "cannot rename column \"title\": column \"body\" already exists"));
  clash.column = "nope";
  CHECK(has(input_error_of([&] { apply_op(s, op(clash)); }),
            "column \"nope\" does not exist in table \"posts\""));
}

TEST_CASE("apply: an identity's options change with alter_column and go with the identity") {
  Schema s = blog();
  s.table("users")->columns[0].autoincrement = true;
  AlterColumn set;
  set.ref = ref("users");
  set.column = "id";
  set.identity_options = SequenceOptions{};
  set.identity_options->start = 100;
  set.identity_options->cycle = true;
  apply_op(s, op(set));
  CHECK(table(s, "users").columns[0].identity_options.start == 100);
  CHECK(table(s, "users").columns[0].identity_options.cycle);
  // Another change of the column leaves them as they are.
  AlterColumn comment;
  comment.ref = ref("users");
  comment.column = "id";
  comment.comment = std::optional<std::string>("key");
  apply_op(s, op(comment));
  CHECK(table(s, "users").columns[0].identity_options.start == 100);
  // DROP IDENTITY drops its sequence, options and all.
  AlterColumn drop;
  drop.ref = ref("users");
  drop.column = "id";
  drop.autoincrement = false;
  apply_op(s, op(drop));
  CHECK(table(s, "users").columns[0].identity_options == SequenceOptions{});
}

TEST_CASE("apply: indexes") {
  Schema s = blog();
  apply_op(s, op(CreateIndex{ref("users"), Index{"ix_users_email", {"email"}, true}}));
  CHECK(table(s, "users").indexes.size() == 2);
  CHECK(has(input_error_of([&] {
              apply_op(s, op(CreateIndex{ref("posts"), Index{"ix_users_email", {"title"}, false}}));
            }),
            "index \"ix_users_email\" already exists (on table \"users\")"));
  CHECK(has(input_error_of([&] {
              apply_op(s, op(CreateIndex{ref("posts"), Index{"ix_x", {"nope"}, false}}));
            }),
            "column \"nope\" does not exist in table \"posts\""));
  apply_op(s, op(DropIndex{ref("users"), "ix_users_email", std::nullopt}));
  CHECK(table(s, "users").indexes.size() == 1);
  CHECK(has(input_error_of([&] {
              apply_op(s, op(DropIndex{ref("posts"), "ix_users_name", std::nullopt}));
            }),
            "index \"ix_users_name\" does not exist on table \"posts\""));
}

TEST_CASE("apply: constraints") {
  Schema s = blog();
  apply_op(s, op(CreateUniqueConstraint{ref("posts"), UniqueConstraint{"uq_title", {"title"}}}));
  apply_op(s, op(CreateCheckConstraint{ref("posts"), CheckConstraint{"ck_b", "body IS NOT NULL"}}));
  apply_op(s, op(CreateForeignKey{ref("posts"),
                                  ForeignKey{"fk_self", {"id"}, "", "posts", {"id"}, "", ""}}));
  const Table& posts = table(s, "posts");
  CHECK(posts.uniques.size() == 1);
  CHECK(posts.checks.size() == 2);
  CHECK(posts.foreign_keys.size() == 2);
  CHECK(
      has(input_error_of([&] {
            apply_op(s, op(CreateCheckConstraint{ref("posts"), CheckConstraint{"uq_title", "1"}}));
          }),
          "constraint \"uq_title\" already exists on table \"posts\""));
  CHECK(has(input_error_of([&] {
              apply_op(s, op(CreatePrimaryKey{ref("posts"), PrimaryKey{"pk2", {"title"}}}));
            }),
            "table \"posts\" already has a primary key (\"pk_posts\")"));

  apply_op(s, op(DropConstraint{ref("posts"), "pk_posts", ConstraintKind::unknown, {}}));
  CHECK(!table(s, "posts").primary_key);
  apply_op(s, op(CreatePrimaryKey{ref("posts"), PrimaryKey{"pk2", {"title", "body"}}}));
  CHECK(!table(s, "posts").column("body")->nullable);  // primary-key columns become NOT NULL

  apply_op(s, op(DropConstraint{ref("posts"), "uq_title", ConstraintKind::unique, {}}));
  apply_op(s, op(DropConstraint{ref("posts"), "fk_self", ConstraintKind::foreign_key, {}}));
  apply_op(s, op(DropConstraint{ref("posts"), "ck_b", ConstraintKind::check, {}}));
  CHECK(table(s, "posts").uniques.empty());
  CHECK(table(s, "posts").foreign_keys.size() == 1);
  CHECK(table(s, "posts").checks.size() == 1);
  CHECK(has(
      input_error_of([&] {
        apply_op(s, op(DropConstraint{ref("posts"), "ck_posts_title", ConstraintKind::unique, {}}));
      }),
      "unique constraint \"ck_posts_title\" does not exist on table \"posts\""));
  CHECK(has(input_error_of([&] {
              apply_op(s, op(DropConstraint{ref("posts"), "nope", ConstraintKind::unknown, {}}));
            }),
            "versions/abc123.yaml:12:5: constraint \"nope\" does not exist on table \"posts\""));
}

TEST_CASE("apply: exclusion constraints are made, renamed, dropped and go with their columns") {
  Schema s = blog();
  ExclusionConstraint x{"ex_posts", "gist", {}, "body <> ''", "", {"id"}};
  x.elements = {{IndexKey("user_id"), "="}, {IndexKey::of_expression("lower(title)"), "="}};
  apply_op(s, op(CreateExclusionConstraint{ref("posts"), x}));
  REQUIRE(table(s, "posts").exclusions.size() == 1);
  // Its name is a constraint's: no other may take it.
  CHECK(
      has(input_error_of([&] {
            apply_op(s, op(CreateCheckConstraint{ref("posts"), CheckConstraint{"ex_posts", "1"}}));
          }),
          "constraint \"ex_posts\" already exists on table \"posts\""));
  ExclusionConstraint missing = x;
  missing.name = "ex_missing";
  missing.elements[0].key = IndexKey("nope");
  CHECK(has(input_error_of([&] {
              apply_op(s, op(CreateExclusionConstraint{ref("posts"), missing}));
            }),
            "column \"nope\" does not exist in table \"posts\""));

  AlterColumn rename;
  rename.ref = ref("posts");
  rename.column = "title";
  rename.new_name = "heading";
  apply_op(s, op(rename));
  rename.column = "body";
  rename.new_name = "text";
  apply_op(s, op(rename));
  const ExclusionConstraint& renamed = table(s, "posts").exclusions[0];
  CHECK(renamed.elements[1].key.text == "lower(\"heading\")");
  CHECK(renamed.where == "\"text\" <> ''");

  apply_op(s, op(DropExclusionConstraint{ref("posts"), "ex_posts", {}}));
  CHECK(table(s, "posts").exclusions.empty());
  CHECK(has(input_error_of([&] {
              apply_op(s, op(DropExclusionConstraint{ref("posts"), "ex_posts", {}}));
            }),
            "exclusion constraint \"ex_posts\" does not exist on table \"posts\""));

  // Like DROP COLUMN on PostgreSQL: a constraint naming the column goes.
  x.elements = {{IndexKey("user_id"), "="}};
  x.where.clear();
  apply_op(s, op(CreateExclusionConstraint{ref("posts"), x}));
  apply_op(s, op(DropColumn{ref("posts"), "heading", std::nullopt}));
  CHECK(table(s, "posts").exclusions.size() == 1);
  apply_op(s, op(DropColumn{ref("posts"), "id", std::nullopt}));  // an INCLUDE column
  CHECK(table(s, "posts").exclusions.empty());
}

TEST_CASE("apply: execute and bulk_insert leave the schema alone") {
  Schema s = blog();
  std::string before = dump(s);
  Execute e;
  e.sql["default"] = "DROP TABLE users";
  apply_op(s, op(e));
  apply_op(s, op(BulkInsert{ref("users"), {{{"name", Value{std::string("Ada")}}}}}));
  CHECK(dump(s) == before);
}

TEST_CASE("apply: the SQL lexer finds and renames column references") {
  CHECK(sql_mentions_column("a > 0", "A"));
  CHECK(sql_mentions_column("\"a\" > 0", "a"));
  CHECK(sql_mentions_column("t.[a] > 0", "a"));
  CHECK_FALSE(sql_mentions_column("'a' <> b", "a"));
  CHECK_FALSE(sql_mentions_column("abs(x) > 0 -- abs\n", "abs"));
  CHECK_FALSE(sql_mentions_column("x /* a */ > 0", "a"));
  CHECK(sql_rename_column("a > 0 AND `a` < 'a' AND abs(a) < 3", "a", "new \"x\"") ==
        "\"new \"\"x\"\"\" > 0 AND \"new \"\"x\"\"\" < 'a' AND abs(\"new \"\"x\"\"\") < 3");
}

TEST_CASE("apply: names resolved as the database matches them") {
  const NameRules sqlite{true, true}, mysql{false, true}, exact{};
  Schema s = blog();
  // SQLite: USERS is users, EMAIL its column email.
  Op add = op(AddColumn{ref("USERS"), col("age", "integer"), {}, {}});
  CHECK(has(input_error_of([&] {
              Schema x = s;
              apply_op(x, add, exact);
            }),
            "table \"USERS\" does not exist"));
  Schema folded = s;
  apply_op(folded, add, sqlite);
  CHECK(table(folded, "users").column("age") != nullptr);
  AlterColumn a;
  a.ref = ref("Users");
  a.column = "EMAIL";
  a.nullable = false;
  apply_op(folded, op(a), sqlite);
  CHECK_FALSE(table(folded, "users").column("email")->nullable);
  // resolve_names spells the op as the schema does; what matches nothing stays.
  const Op r = resolve_names(op(a), s, sqlite);
  CHECK(std::get<AlterColumn>(r.body).ref.table == "users");
  CHECK(std::get<AlterColumn>(r.body).column == "email");
  AlterColumn none = a;
  none.column = "nope";
  CHECK(std::get<AlterColumn>(resolve_names(op(none), s, sqlite).body).column == "nope");
  // MySQL: columns fold, tables do not.
  const Op m = resolve_names(op(a), s, mysql);
  CHECK(std::get<AlterColumn>(m.body).ref.table == "Users");
  AlterColumn on_users = a;
  on_users.ref = ref("users");
  CHECK(std::get<AlterColumn>(resolve_names(op(on_users), s, mysql).body).column == "email");
  // A foreign key's target and columns, and bulk rows.
  CreateForeignKey fk{ref("POSTS"), ForeignKey{"fk_x", {"USER_ID"}, "", "USERS", {"ID"}, "", ""}};
  const auto rf = std::get<CreateForeignKey>(resolve_names(op(fk), s, sqlite).body);
  CHECK(rf.ref.table == "posts");
  CHECK(rf.constraint.columns == std::vector<std::string>{"user_id"});
  CHECK(rf.constraint.ref_table == "users");
  CHECK(rf.constraint.ref_columns == std::vector<std::string>{"id"});
  // Exact rules change nothing.
  CHECK(std::get<CreateForeignKey>(resolve_names(op(fk), s, exact).body).constraint.ref_table ==
        "USERS");
}
