// compare_schemas on hand-built model/database pairs: every kind of
// difference, every option, the order of the ops, and that the ops (and their
// reverse) really take one side to the other.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/compare/compare.hpp"
#include "core/model/model.hpp"
#include "core/ops/apply.hpp"
#include "core/ops/op_equal.hpp"
#include "core/ops/op_order.hpp"
#include "core/script/script.hpp"
#include "dialects/sqlite/compile.hpp"

using namespace migrate;

namespace {

// A database that stores everything as written, comments included: what
// compare does before any dialect's normalisation.
class PlainDialect : public Dialect {
 public:
  bool checks = true;
  bool enums = false;
  std::string name() const override { return "plain"; }
  bool transactional_ddl() const override { return true; }
  std::string quote_ident(std::string_view s) const override { return std::string(s); }
  std::string placeholder(int) const override { return "?"; }
  std::string literal(const Value&) const override { return "?"; }
  std::unique_ptr<Connection> connect(const Url&) const override { return nullptr; }
  Schema inspect(Connection&) const override { return {}; }
  std::vector<Statement> compile(const Op&, const Schema&) const override { return {}; }
  bool reports_checks() const override { return checks; }
  bool has_enum_types() const override { return enums; }
};

Schema schema(const std::string& yaml) {
  return load_model_text(yaml, "test.yaml", NamingConvention{});
}

std::vector<std::string> kinds(const std::vector<Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) out.push_back(op.kind());
  return out;
}

std::vector<std::string> described(const std::vector<Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) out.push_back(op.describe());
  return out;
}

using V = std::vector<std::string>;

std::vector<Op> diff(const Schema& model, const Schema& live, const Dialect& d,
                     const CompareSettings& s = {}) {
  return compare_schemas(model, live, d, s);
}

// The upgrade takes the database to the model and the downgrade back, played
// on the schema simulator; and the ops survive being written to a revision
// file and read back.
void check_round_trip(const Schema& model, const Schema& live, const Dialect& d,
                      const CompareSettings& s = {}) {
  std::vector<Op> up = diff(model, live, d, s);
  std::vector<Op> down = reverse_all(up);
  Schema after = live;
  for (const auto& op : up) apply_op(after, op);
  CHECK(described(diff(model, after, d, s)) == V{});
  Schema back = after;
  for (const auto& op : down) apply_op(back, op);
  CHECK(described(diff(live, back, d, s)) == V{});

  std::string text = "revision: abc\nupgrade:\n" + render_ops(up, 2) + "\ndowngrade:\n" +
                     render_ops(down, 2) + "\n";
  Revision r = load_revision_text(text, "rev.yaml", NamingConvention{});
  CHECK(same_ops(r.upgrade, up));
  CHECK(same_ops(r.downgrade, down));
}

const char* kBlog = R"y(
tables:
  users:
    comment: People
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
      - {name: title, type: varchar(200), nullable: false, comment: Headline}
      - {name: user_id, type: integer, nullable: false, references: users.id, on_delete: cascade}
      - {name: price, type: "numeric(10,2)", default: "0"}
    checks:
      - {name: ck_posts_title, expression: "length(title) > 0"}
)y";

}  // namespace

TEST_CASE("compare: equal schemas give no ops") {
  PlainDialect plain;
  SqliteDialect sqlite;
  Schema s = schema(kBlog);
  CHECK(diff(s, s, plain).empty());
  CHECK(diff(s, s, sqlite).empty());
  CHECK(diff(Schema{}, Schema{}, plain).empty());
}

TEST_CASE("compare: tables added and removed") {
  PlainDialect d;
  Schema model = schema(kBlog);
  Schema live;
  auto ops = diff(model, live, d);
  REQUIRE(kinds(ops) == V{"create_table", "create_table"});
  // users first: posts references it.
  CHECK(std::get<CreateTable>(ops[0].body).table.name == "users");
  // The model's own table, spelled as written.
  CHECK(std::get<CreateTable>(ops[0].body).table.column("email")->type.str() == "string(255)");
  check_round_trip(model, live, d);

  auto drops = diff(live, model, d);
  REQUIRE(kinds(drops) == V{"drop_table", "drop_table"});
  const auto& first = std::get<DropTable>(drops[0].body);
  CHECK(first.ref.table == "posts");  // children before parents
  REQUIRE(first.existing);
  CHECK(same_table(*first.existing, *model.table("posts")));
  CHECK(drops[0].destructive());
  check_round_trip(live, model, d);
}

TEST_CASE("compare: columns added and removed; a drop carries the whole column") {
  PlainDialect d;
  Schema live = schema(kBlog);
  Schema model = live;
  Column nick;
  nick.name = "nick";
  nick.type = Type::parse("varchar(30)");
  model.table("users")->columns.push_back(nick);
  model.table("posts")->columns.pop_back();  // price
  auto ops = diff(model, live, d);
  REQUIRE(described(ops) == V{"add column users.nick", "drop column posts.price"});
  const auto& drop = std::get<DropColumn>(ops[1].body);
  REQUIRE(drop.existing);
  CHECK(drop.existing->type.str() == "numeric(10,2)");
  CHECK(drop.existing->server_default == "0");
  check_round_trip(model, live, d);
}

TEST_CASE("compare: type, nullability, default and comment of a column") {
  PlainDialect d;
  Schema live = schema(kBlog);
  Schema model = live;
  Column& name = *model.table("users")->column("name");
  name.type = Type::parse("varchar(200)");
  name.nullable = true;
  name.server_default = "'anon'";
  model.table("posts")->column("title")->comment = "The headline";

  auto ops = diff(model, live, d);
  REQUIRE(kinds(ops) == V{"alter_column", "alter_column"});
  const auto& a = std::get<AlterColumn>(ops[0].body);
  CHECK(a.ref.table == "users");
  CHECK(a.type->str() == "varchar(200)");
  CHECK(a.existing_type->str() == "varchar(100)");
  CHECK(*a.nullable == true);
  CHECK(*a.existing_nullable == false);
  CHECK(**a.server_default == "'anon'");
  CHECK(!a.existing_server_default->has_value());
  CHECK(!a.comment);
  const auto& c = std::get<AlterColumn>(ops[1].body);
  CHECK(**c.comment == "The headline");
  CHECK(**c.existing_comment == "Headline");
  CHECK(!c.type);
  check_round_trip(model, live, d);

  SUBCASE("compare.types: false ignores the type") {
    CompareSettings s;
    s.compare.types = false;
    auto only = diff(model, live, d, s);
    REQUIRE(only.size() == 2);
    CHECK(!std::get<AlterColumn>(only[0].body).type);
    CHECK(std::get<AlterColumn>(only[0].body).nullable);
  }
  SUBCASE("compare.server_defaults: false ignores defaults") {
    CompareSettings s;
    s.compare.server_defaults = false;
    auto only = diff(model, live, d, s);
    REQUIRE(only.size() == 2);
    CHECK(!std::get<AlterColumn>(only[0].body).server_default);
  }
}

TEST_CASE("compare: a default that only differs in spelling is no difference") {
  PlainDialect d;
  Schema live = schema(kBlog);
  Schema model = live;
  model.table("users")->column("created_at")->server_default = "(current_timestamp)";
  model.table("posts")->column("price")->server_default = " ( 0 ) ";
  model.table("posts")->checks[0].expression = "LENGTH(title)>0";
  CHECK(diff(model, live, d).empty());
  model.table("posts")->column("price")->server_default = "1";
  CHECK(described(diff(model, live, d)) == V{"alter column posts.price: default"});
}

TEST_CASE("compare: SQLite stores some spellings alike") {
  SqliteDialect d;
  PlainDialect plain;
  Schema live = schema(kBlog);
  Schema model = live;
  Table& users = *model.table("users");
  users.column("email")->type = Type::parse("varchar(255)");  // string(255) is stored so
  users.column("active")->server_default = "1";               // TRUE is 1
  users.column("id")->type = Type::parse("bigint");           // autoincrement: integer
  users.comment = "Someone else";                             // no comments on SQLite
  model.table("posts")->column("title")->comment.reset();
  Column status;
  status.name = "status";
  status.type = Type::parse("text");
  status.server_default = "'draft'";
  users.columns.push_back(status);
  Schema live2 = live;
  status.server_default = "draft";  // a bare word is a string to SQLite
  live2.table("users")->columns.push_back(status);
  CHECK(described(diff(model, live2, d)) == V{});
  CHECK(!diff(model, live2, plain).empty());
}

TEST_CASE("compare: primary keys") {
  PlainDialect d;
  Schema live = schema(kBlog);
  SUBCASE("a name on one side only is no difference") {
    Schema model = live;
    live.table("users")->primary_key->name.clear();
    CHECK(diff(model, live, d).empty());
  }
  SUBCASE("different names on both sides") {
    Schema model = live;
    model.table("users")->primary_key->name = "users_pkey";
    CHECK(kinds(diff(model, live, d)) == V{"drop_constraint", "create_primary_key"});
    check_round_trip(model, live, d);
  }
  SUBCASE("other columns") {
    Schema model = live;
    model.table("posts")->primary_key->columns = {"id", "user_id"};
    auto ops = diff(model, live, d);
    REQUIRE(kinds(ops) == V{"drop_constraint", "create_primary_key"});
    CHECK(std::get<DropConstraint>(ops[0].body).kind == ConstraintKind::primary_key);
    check_round_trip(model, live, d);
  }
  SUBCASE("added and removed, the live key unnamed") {
    Schema model = live;
    model.table("posts")->primary_key.reset();
    live.table("posts")->primary_key->name.clear();
    auto ops = diff(model, live, d);
    REQUIRE(kinds(ops) == V{"drop_constraint"});
    // The naming convention names what the database left unnamed.
    CHECK(std::get<DropConstraint>(ops[0].body).name == "pk_posts");
    check_round_trip(model, live, d);
    check_round_trip(live, model, d);
  }
}

TEST_CASE("compare: unique constraints") {
  PlainDialect d;
  Schema live = schema(kBlog);
  SUBCASE("an unnamed one in the database matches by columns") {
    Schema model = live;
    live.table("users")->uniques[0].name.clear();
    CHECK(diff(model, live, d).empty());
  }
  SUBCASE("same name, other columns: dropped and created") {
    Schema model = live;
    model.table("users")->uniques[0].columns = {"email", "name"};
    CHECK(kinds(diff(model, live, d)) == V{"drop_constraint", "create_unique_constraint"});
    check_round_trip(model, live, d);
  }
  SUBCASE("added, and an unnamed one removed") {
    Schema model = live;
    model.table("users")->uniques.clear();
    model.table("posts")->uniques.push_back({"uq_posts_title", {"title"}});
    live.table("users")->uniques[0].name.clear();
    auto ops = diff(model, live, d);
    REQUIRE(described(ops) == V{"drop constraint uq_users_email on users",
                                "create unique constraint uq_posts_title on posts"});
    check_round_trip(model, live, d);
  }
}

TEST_CASE("compare: indexes: columns, their order, uniqueness") {
  PlainDialect d;
  Schema live = schema(kBlog);
  live.table("users")->indexes.push_back({"ix_users_pair", {"name", "email"}, false});
  Schema model = live;
  SUBCASE("column order") {
    model.table("users")->indexes[1].keys = {"email", "name"};
    CHECK(described(diff(model, live, d)) ==
          V{"drop index ix_users_pair on users", "create index ix_users_pair on users"});
    check_round_trip(model, live, d);
  }
  SUBCASE("uniqueness") {
    model.table("users")->indexes[0].unique = true;
    CHECK(kinds(diff(model, live, d)) == V{"drop_index", "create_index"});
    check_round_trip(model, live, d);
  }
  SUBCASE("added and removed; a drop carries the index") {
    model.table("users")->indexes.erase(model.table("users")->indexes.begin());
    model.table("posts")->indexes.push_back({"ix_posts_title", {"title"}, false});
    auto ops = diff(model, live, d);
    REQUIRE(kinds(ops) == V{"drop_index", "create_index"});
    CHECK(std::get<DropIndex>(ops[0].body).existing->keys == std::vector<IndexKey>{"name"});
    check_round_trip(model, live, d);
  }
  SUBCASE("an expression key in other spelling") {
    live.table("users")->indexes.push_back(
        {"ix_lower", {IndexKey::of_expression("lower(name)")}, false});
    model.table("users")->indexes.push_back(
        {"ix_lower", {IndexKey::of_expression("LOWER( name )")}, false});
    CHECK(diff(model, live, d).empty());
  }
}

TEST_CASE("compare: foreign keys: columns, target, actions") {
  PlainDialect d;
  Schema live = schema(kBlog);
  auto changed = [&](auto edit) {
    Schema model = live;
    edit(model.table("posts")->foreign_keys[0]);
    auto ops = diff(model, live, d);
    check_round_trip(model, live, d);
    return kinds(ops);
  };
  const V drop_create{"drop_constraint", "create_foreign_key"};
  CHECK(changed([](ForeignKey& fk) { fk.on_delete = "set null"; }) == drop_create);
  CHECK(changed([](ForeignKey& fk) { fk.on_update = "cascade"; }) == drop_create);
  CHECK(changed([](ForeignKey& fk) { fk.on_delete = ""; }) == drop_create);
  CHECK(changed([](ForeignKey& fk) { fk.ref_columns = {"name"}; }) == drop_create);
  CHECK(changed([](ForeignKey& fk) { fk.columns = {"id"}; }) == drop_create);
  CHECK(changed([](ForeignKey& fk) { fk.on_delete = "CASCADE"; }) == V{});
  SUBCASE("an unnamed key in the database matches by what it does") {
    Schema model = live;
    live.table("posts")->foreign_keys[0].name.clear();
    CHECK(diff(model, live, d).empty());
    model.table("posts")->foreign_keys.clear();
    auto ops = diff(model, live, d);
    REQUIRE(kinds(ops) == V{"drop_constraint"});
    CHECK(std::get<DropConstraint>(ops[0].body).name == "fk_posts_user_id_users");
    check_round_trip(model, live, d);
  }
  SUBCASE("no action and an empty action agree") {
    Schema model = live;
    live.table("posts")->foreign_keys[0].on_update = "NO ACTION";
    CHECK(diff(model, live, d).empty());
  }
}

TEST_CASE("compare: check constraints, where the dialect reports them") {
  PlainDialect d;
  Schema live = schema(kBlog);
  Schema model = live;
  model.table("posts")->checks[0].expression = "length(title) > 3";
  model.table("users")->checks.push_back({"ck_users_name", "name <> ''"});
  CHECK(described(diff(model, live, d)) == V{"create check constraint ck_users_name on users",
                                             "drop constraint ck_posts_title on posts",
                                             "create check constraint ck_posts_title on posts"});
  check_round_trip(model, live, d);
  d.checks = false;
  CHECK(diff(model, live, d).empty());
}

TEST_CASE("compare: include_tables, exclude_tables and the version table") {
  PlainDialect d;
  Schema model = schema(kBlog);
  Schema live = schema(R"y(
tables:
  migrate_version:
    columns: [{name: version_num, type: varchar(32), primary_key: true}]
  tmp_scratch:
    columns: [{name: x, type: integer}]
  legacy:
    columns: [{name: x, type: integer}]
)y");
  CompareSettings s;
  CHECK(described(diff(model, live, d, s)) == V{"create table users", "create table posts",
                                                "drop table legacy", "drop table tmp_scratch"});
  s.exclude_tables = {"tmp_*", "legacy"};
  CHECK(described(diff(model, live, d, s)) == V{"create table users", "create table posts"});
  s.exclude_tables.clear();
  s.include_tables = {"p*", "leg?cy"};
  CHECK(described(diff(model, live, d, s)) == V{"create table posts", "drop table legacy"});
  // The version table is left alone even in the model, and under another name.
  s = CompareSettings{};
  s.version_table = "legacy";
  CHECK(described(diff(live, Schema{}, d, s)) ==
        V{"create table migrate_version", "create table tmp_scratch"});
}

TEST_CASE("compare: new tables in dependency order, a cycle closed afterwards") {
  PlainDialect d;
  Schema model = schema(R"y(
tables:
  c:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: b_id, type: integer, references: b.id}
  b:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: a_id, type: integer, references: a.id}
      - {name: parent, type: integer, references: b.id}
  a:
    columns:
      - {name: id, type: integer, primary_key: true}
  x:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: y_id, type: integer, references: y.id}
  y:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: x_id, type: integer, references: x.id}
)y");
  auto ops = diff(model, Schema{}, d);
  CHECK(described(ops) == V{"create table a", "create table b", "create table c", "create table x",
                            "create table y", "create foreign key fk_x_y_id_y on x"});
  // The self-reference stays inside b's CREATE TABLE.
  CHECK(std::get<CreateTable>(ops[1].body).table.foreign_keys.size() == 2);
  CHECK(std::get<CreateTable>(ops[3].body).table.foreign_keys.empty());
  check_round_trip(model, Schema{}, d);

  // Dropping them all: the reverse order, the cycle opened first.
  auto drops = diff(Schema{}, model, d);
  CHECK(described(drops) == V{"drop constraint fk_x_y_id_y on x", "drop table y", "drop table x",
                              "drop table c", "drop table b", "drop table a"});
  check_round_trip(Schema{}, model, d);
}

TEST_CASE("op order: ties keep the given order, keys outside the set do not count") {
  Table a, b, c;
  a.name = "a";
  b.name = "b";
  c.name = "c";
  b.foreign_keys.push_back({"", {"x"}, "", "elsewhere", {"id"}, "", ""});
  a.foreign_keys.push_back({"", {"x"}, "", "c", {"id"}, "", ""});
  CreateOrder o = order_by_dependencies({&a, &b, &c});
  CHECK(o.order == std::vector<size_t>{1, 2, 0});
  CHECK(o.deferred.empty());
  Table other;
  other.schema = "s";
  other.name = "c";
  CHECK(references(a, a.foreign_keys[0], c));
  CHECK(!references(a, a.foreign_keys[0], other));
}

TEST_CASE("compare: an existing table's keys change before a new table points at them") {
  PlainDialect d;
  Schema live = schema(R"y(
tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: text}
)y");
  Schema model = schema(R"y(
tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: text, unique: true}
  logins:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: text, references: users.email}
)y");
  auto ops = diff(model, live, d);
  CHECK(described(ops) == V{"create table logins",
                            "create unique constraint uq_users_email on users",
                            "create foreign key fk_logins_email_users on logins"});
  check_round_trip(model, live, d);
}

TEST_CASE("compare: ops for one table: keys go first, columns, keys come, then foreign keys") {
  PlainDialect d;
  Schema live = schema(kBlog);
  Schema model = schema(R"y(
tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true, autoincrement: true}
      - {name: handle, type: varchar(100), nullable: false}
      - {name: active, type: boolean, nullable: false, default: "false"}
    indexes:
      - {name: ix_users_handle, columns: [handle]}
  posts:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: title, type: varchar(200), nullable: false, comment: Headline}
      - {name: user_id, type: integer, nullable: false, references: users.id}
      - {name: price, type: "numeric(10,2)", default: "0"}
)y");
  model.table("users")->comment = "People";
  auto ops = diff(model, live, d);
  CHECK(described(ops) ==
        V{"drop constraint fk_posts_user_id_users on posts", "drop index ix_users_name on users",
          "drop constraint uq_users_email on users", "add column users.handle",
          "alter column users.active: default", "drop column users.name", "drop column users.email",
          "drop column users.created_at", "create index ix_users_handle on users",
          "drop constraint ck_posts_title on posts",
          "create foreign key fk_posts_user_id_users on posts"});
  check_round_trip(model, live, d);
}

TEST_CASE("compare: unnamed constraints get convention names, unique within the table") {
  Table t;
  t.name = "t";
  t.primary_key = PrimaryKey{"", {"id"}};
  t.uniques = {{"", {"a", "b"}}, {"", {"a", "c"}}, {"uq_t_a_3", {"z"}}};
  t.checks = {{"", "a > 0"}, {"named", "b > 0"}, {"", "c > 0"}};
  t.foreign_keys = {{"", {"a"}, "", "p", {"id"}, "", ""}};
  name_unnamed(t, NamingConvention{});
  CHECK(t.primary_key->name == "pk_t");
  CHECK(t.uniques[0].name == "uq_t_a");
  CHECK(t.uniques[1].name == "uq_t_a_2");
  CHECK(t.checks[0].name == "ck_t_1");
  CHECK(t.checks[2].name == "ck_t_3");
  CHECK(t.foreign_keys[0].name == "fk_t_a_p");
}

TEST_CASE("apply: drop_constraint finds an unnamed constraint by what `existing` says") {
  Schema s = schema(kBlog);
  Table& users = *s.table("users");
  users.uniques[0].name.clear();
  users.primary_key->name.clear();
  Op drop{DropConstraint{{"", "users"},
                         "uq_users_email",
                         ConstraintKind::unique,
                         UniqueConstraint{"uq_users_email", {"email"}}},
          {}};
  apply_op(s, drop);
  CHECK(users.uniques.empty());
  Op wrong{
      DropConstraint{
          {"", "users"}, "pk_users", ConstraintKind::primary_key, PrimaryKey{"pk_users", {"name"}}},
      {}};
  CHECK_THROWS_AS(apply_op(s, wrong), InputError);
  Op pk{DropConstraint{
            {"", "users"}, "pk_users", ConstraintKind::primary_key, PrimaryKey{"pk_users", {"id"}}},
        {}};
  apply_op(s, pk);
  CHECK(!users.primary_key);
}

TEST_CASE("canonical_sql: one spelling per expression") {
  CHECK(canonical_sql("CURRENT_TIMESTAMP") == canonical_sql("current_timestamp"));
  CHECK(canonical_sql("((0))") == "0");
  CHECK(canonical_sql("(a) + (b)") == "( a ) + ( b )");
  CHECK(canonical_sql("'It''s'") == "'It''s'");
  CHECK(canonical_sql("'A'") != canonical_sql("'a'"));
  CHECK(canonical_sql("\"price\" > 0") == canonical_sql("price>0"));
  CHECK(canonical_sql("\"Price\" > 0") != canonical_sql("price > 0"));
  CHECK(canonical_sql("\"Price\" > 0", {true}) == canonical_sql("price > 0", {true}));
  CHECK(canonical_sql("x'00FF'") == "x'00ff'");
  CHECK(canonical_sql(" 'unterminated ") == "'unterminated");
}

TEST_CASE("sqlite normalize: idempotent, and what it changes") {
  SqliteDialect d;
  Schema s = schema(kBlog);
  for (const auto& t : s.tables) {
    Table once = d.normalize(t);
    CHECK(same_table(d.normalize(once), once));
  }
  Table users = d.normalize(*s.table("users"));
  CHECK(users.column("email")->type.str() == "varchar(255)");
  CHECK(*users.column("active")->server_default == "1");
  CHECK(!users.comment);
  Table untyped;
  untyped.name = "u";
  Column c;
  c.name = "x";
  untyped.columns.push_back(c);
  // No declared type is not BLOB, though both have BLOB affinity: the
  // declared type is what SQLite keeps, and the model says `type: ""`.
  CHECK(d.normalize(untyped).columns[0].type.str().empty());
  Table blob = untyped;
  blob.columns[0].type = Type::parse("blob");
  Schema without_type, with_blob;
  without_type.tables = {untyped};
  with_blob.tables = {blob};
  CHECK(kinds(diff(without_type, with_blob, d)) == V{"alter_column"});
}

TEST_CASE("sqlite normalize: names match without regard to case, as SQLite does") {
  SqliteDialect d;
  PlainDialect plain;
  Schema live = schema(kBlog);
  Schema model = live;
  Table& posts = *model.table("posts");
  posts.name = "Posts";
  posts.column("user_id")->name = "User_Id";
  posts.foreign_keys[0].columns = {"User_Id"};
  posts.foreign_keys[0].ref_table = "USERS";
  posts.foreign_keys[0].name = "FK_posts_user_id_users";
  CHECK(diff(model, live, d).empty());
  CHECK(kinds(diff(model, live, plain)) == V{"create_table", "drop_table"});
}

TEST_CASE("compare: a table's comment set, changed and removed") {
  PlainDialect d;
  Schema live = schema(kBlog);  // users: "People"
  Schema model = live;
  model.table("users")->comment = "People who write";
  model.table("posts")->comment = "Articles";
  auto ops = diff(model, live, d);
  REQUIRE(kinds(ops) == V{"alter_table_comment", "alter_table_comment"});
  const auto& change = std::get<AlterTableComment>(ops[0].body);
  CHECK(change.ref.table == "users");
  CHECK(*change.comment == "People who write");
  REQUIRE(change.existing_comment);
  CHECK(**change.existing_comment == "People");
  const auto& set = std::get<AlterTableComment>(ops[1].body);
  CHECK(set.ref.table == "posts");
  CHECK(*set.comment == "Articles");
  REQUIRE(set.existing_comment);
  CHECK(!set.existing_comment->has_value());
  check_round_trip(model, live, d);

  model.table("users")->comment.reset();
  model.table("posts")->comment.reset();
  auto removed = diff(model, live, d);
  REQUIRE(kinds(removed) == V{"alter_table_comment"});
  CHECK(!std::get<AlterTableComment>(removed[0].body).comment);
  check_round_trip(model, live, d);

  SqliteDialect sqlite;  // keeps no comments: nothing to do
  CHECK(diff(model, live, sqlite).empty());
}

TEST_CASE("compare: enum types come before the tables that use them and go after") {
  PlainDialect d;
  d.enums = true;
  const Schema model = schema(
      "enums:\n  mood: [happy, sad]\ntables:\n  people:\n    columns:\n"
      "      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: mood, type: mood}\n");
  const Schema empty;
  auto up = diff(model, empty, d);
  CHECK(kinds(up) == V{"create_enum", "create_table"});
  CHECK(kinds(reverse_all(up)) == V{"drop_table", "drop_enum"});
  check_round_trip(model, empty, d);
  check_round_trip(empty, model, d);

  // New values: one alter_enum that knows the old ones, first of all.
  Schema more = model;
  more.enums[0].values = {"happy", "meh", "sad"};
  more.tables[0].columns.push_back(more.tables[0].columns[1]);
  more.tables[0].columns.back().name = "old_mood";
  auto alter = diff(more, model, d);
  REQUIRE(kinds(alter) == V{"alter_enum", "add_column"});
  const auto& ae = std::get<AlterEnum>(alter[0].body);
  CHECK(ae.values == V{"happy", "meh", "sad"});
  CHECK(ae.existing_values == V{"happy", "sad"});
  check_round_trip(more, model, d);

  // A database without enum types is not asked about them.
  CHECK(kinds(diff(model, empty, PlainDialect{})) == V{"create_table"});
}

TEST_CASE("compare: a partial index's condition is part of the index") {
  PlainDialect d;
  const char* base =
      "tables:\n  people:\n    columns:\n"
      "      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: email, type: varchar(50)}\n"
      "    indexes:\n      - {name: ux_email, columns: [email], unique: true%s}\n";
  auto with = [&](const std::string& where) {
    std::string text = base;
    text.replace(text.find("%s"), 2, where);
    return schema(text);
  };
  const Schema whole = with(""), live = with(", where: \"email IS NOT NULL\"");
  CHECK(kinds(diff(live, live, d)).empty());
  CHECK(kinds(diff(whole, live, d)) == V{"drop_index", "create_index"});
  // Spelled differently, the same condition is no change.
  CHECK(kinds(diff(with(", where: \"email   is not NULL\""), live, d)).empty());
  check_round_trip(whole, live, d);
  check_round_trip(live, whole, d);
}

TEST_CASE("compare: what it cannot change, and names differing in case, are warnings") {
  PlainDialect d;
  Schema live = schema(kBlog);
  Schema model = live;
  model.table("posts")->column("id")->autoincrement =
      !model.table("posts")->column("id")->autoincrement;
  std::vector<std::string> said;
  CompareSettings s;
  s.warn = [&](const std::string& m) { said.push_back(m); };
  // No op: the plain dialect cannot alter autoincrement.
  CHECK(diff(model, live, d, s).empty());
  REQUIRE(said.size() == 1);
  CHECK(said[0].find("column posts.id has autoincrement") == 0);
  CHECK(said[0].find("no operation changes on plain") != std::string::npos);
  // A table left out of the comparison says nothing.
  said.clear();
  s.exclude_tables = {"users", "posts"};
  CHECK(diff(model, live, d, s).empty());
  CHECK(said.empty());
  // SQLite: Users and Email are users and email, no difference, and said.
  said.clear();
  s.exclude_tables = {};
  SqliteDialect lite;
  Schema cased = live;
  cased.table("users")->name = "Users";
  cased.table("Users")->column("email")->name = "Email";
  CHECK(diff(cased, live, lite, s).empty());
  CHECK(std::find(said.begin(), said.end(),
                  "table Users of the model is users in the database; sqlite matches names "
                  "without regard to case, so this is no difference (rename the table by hand "
                  "to change its case)") != said.end());
  CHECK(std::any_of(said.begin(), said.end(), [](const std::string& m) {
    return m.find("column Users.Email of the model is email in the database") == 0;
  }));
}

TEST_CASE("compare: an autoincrement change is an alter_column where the dialect makes one") {
  class Altering : public PlainDialect {
   public:
    bool alters_autoincrement() const override { return true; }
  } d;
  Schema live = schema(kBlog);
  Schema model = live;
  Column& id = *model.table("posts")->column("id");
  id.autoincrement = !id.autoincrement;
  auto ops = diff(model, live, d);
  REQUIRE(ops.size() == 1);
  const auto& a = std::get<AlterColumn>(ops[0].body);
  CHECK(a.autoincrement == std::optional<bool>(id.autoincrement));
  CHECK(a.existing_autoincrement == std::optional<bool>(!id.autoincrement));
  check_round_trip(model, live, d);
}

TEST_CASE("compare: a downgrade gives dropped columns back their places where the database can") {
  Schema live = schema(R"y(
tables:
  t:
    columns:
      - {name: a, type: integer}
      - {name: b, type: integer}
      - {name: c, type: integer}
      - {name: d, type: integer}
      - {name: g, type: integer, generated: {expression: "d * 2", stored: false}}
      - {name: e, type: integer}
      - {name: f, type: integer}
)y");
  Schema model = schema(R"y(
tables:
  t:
    columns:
      - {name: d, type: integer}
      - {name: f, type: integer}
)y");
  auto names = [](const Schema& s) {
    V out;
    for (const auto& c : s.tables.at(0).columns) out.push_back(c.name);
    return out;
  };
  SqliteDialect sqlite;
  std::vector<Op> up = diff(model, live, sqlite);
  Schema after = live;
  for (const auto& op : up) apply_op(after, op);
  CHECK(names(after) == V{"d", "f"});
  Schema back = after;
  for (const auto& op : reverse_all(up)) apply_op(back, op);
  CHECK(names(back) == names(live));
  check_round_trip(model, live, sqlite);
  // The last column needs no place: ADD COLUMN puts it there.
  Schema last = schema("tables:\n  t:\n    columns:\n      - {name: a, type: integer}\n");
  Schema two = schema(
      "tables:\n  t:\n    columns:\n      - {name: a, type: integer}\n      - {name: z, type: "
      "integer}\n");
  auto drop_last = diff(last, two, sqlite);
  REQUIRE(drop_last.size() == 1);
  CHECK(std::get<DropColumn>(drop_last[0].body).existing_position.at_end());
  // A database that only appends gets no places (PostgreSQL; here the plain rules).
  PlainDialect plain;
  for (const auto& op : diff(model, live, plain))
    if (auto* d = std::get_if<DropColumn>(&op.body)) CHECK(d->existing_position.at_end());
}

TEST_CASE("compare: an identity's sequence options, changed or carried for the downgrade") {
  class Altering : public PlainDialect {
   public:
    bool alters_autoincrement() const override { return true; }
  } d;
  Schema live = schema(kBlog);
  Schema model = live;
  SequenceOptions& wanted = model.table("users")->column("id")->identity_options;
  wanted.start = 100;
  wanted.increment = 5;
  auto ops = diff(model, live, d);
  REQUIRE(ops.size() == 1);
  const auto& a = std::get<AlterColumn>(ops[0].body);
  CHECK(a.identity_options == std::optional<SequenceOptions>(wanted));
  CHECK(a.existing_identity_options == std::optional<SequenceOptions>(SequenceOptions{}));
  CHECK_FALSE(a.autoincrement.has_value());
  check_round_trip(model, live, d);

  // No longer an identity: the options it had go into the op, for the
  // downgrade to make the identity again as it was.
  Schema plain = schema(kBlog);
  plain.table("users")->column("id")->autoincrement = false;
  ops = diff(plain, model, d);
  REQUIRE(ops.size() == 1);
  const auto& drop = std::get<AlterColumn>(ops[0].body);
  CHECK(drop.autoincrement == std::optional<bool>(false));
  CHECK(drop.existing_identity_options == std::optional<SequenceOptions>(wanted));
  check_round_trip(plain, model, d);
}
