// The MySQL dialect's inspect reads back what its compile created, and what
// a DBA's hand-written MariaDB DDL holds, in the model's spelling.
#include <doctest/doctest.h>

#include "core/compare/compare.hpp"
#include "core/model/model.hpp"
#include "core/ops/ops.hpp"
#include "dialects/mysql/compile.hpp"
#include "dialects/mysql/types.hpp"
#include "my_support.hpp"

using namespace migrate;
using V = std::vector<std::string>;

namespace {

const char* kModel = R"Y(tables:
  users:
    comment: People
    columns:
      - {name: id, type: integer, primary_key: true, autoincrement: true}
      - {name: name, type: varchar(100), nullable: false, comment: "display name"}
      - {name: email, type: string(255), unique: true}
      - {name: active, type: boolean, nullable: false, default: "true"}
      - {name: score, type: "numeric(12,4)", default: 0}
      - {name: ratio, type: float, default: "1.50"}
      - {name: big, type: double}
      - {name: created_at, type: timestamptz, nullable: false, default: CURRENT_TIMESTAMP}
      - {name: updated_at, type: timestamp, default: "now()"}
      - {name: day, type: date, default: "'2020-01-31'"}
      - {name: at, type: time}
      - {name: code, type: char(3), default: "'abc'"}
      - {name: quote, type: varchar(20), default: "'it''s'"}
      - {name: digits, type: varchar(20), default: "7"}
      - {name: neg, type: integer, default: -1}
      - {name: body, type: text, default: "'hello'"}
      - {name: data, type: json}
      - {name: uid, type: uuid}
      - {name: raw, type: blob}
      - {name: small, type: smallint}
      - {name: huge, type: "bigint unsigned"}
      - {name: mood, type: "enum('happy','sad')", default: "'happy'"}
      - {name: flags, type: "set('a','b')"}
      - {name: legacy, type: "varchar(20) character set latin1"}
      - {name: exact, type: "varchar(20) collate utf8mb4_bin"}
      - {name: tiny, type: tinyint}
      - {name: untyped_string, type: string}
      - {name: sum, type: integer, default: "(1 + 2)"}
    indexes:
      - {name: ix_users_name, columns: [name]}
      - {name: ix_users_email_prefix, columns: [{column: email, length: 10}]}
      - {name: ux_users_code, columns: [code], unique: true}
    checks:
      - {name: ck_users_score, expression: "score >= 0 AND length(name) != 0"}
  posts:
    columns:
      - {name: id, type: bigint, primary_key: true, autoincrement: true}
      - {name: user_id, type: integer, nullable: false, references: users.id, on_delete: cascade, on_update: restrict}
      - {name: editor_id, type: integer, references: users.id, on_delete: set null}
      - {name: title, type: varchar(200)}
    unique_constraints:
      - {name: uq_posts_user_title, columns: [user_id, title]}
)Y";

std::unique_ptr<Connection> create_model(const MysqlDialect& d, const mytest::Database& db,
                                         const Schema& model) {
  auto conn = d.connect(parse_url(db.url()));
  Schema empty;
  for (const auto& t : model.tables)
    for (const auto& st : d.compile(Op{CreateTable{t}, {}}, empty)) conn->execute(st);
  return conn;
}

}  // namespace

TEST_CASE("mysql inspect: every portable type, default, key and comment reads back") {
  mytest::Database db;
  MysqlDialect d;
  Schema model = load_model_text(kModel, "schema.yaml", NamingConvention{});
  auto conn = create_model(d, db, model);

  Schema live = d.inspect(*conn);
  REQUIRE(live.tables.size() == 2);
  const Table* users = live.table("users");
  REQUIRE(users);
  const Table& want = *model.table("users");
  REQUIRE(users->columns.size() == want.columns.size());
  for (size_t i = 0; i < want.columns.size(); ++i) {
    const Column& w = want.columns[i];
    const Column& g = users->columns[i];
    CAPTURE(w.name);
    CHECK(g.name == w.name);
    CHECK(g.type.str() == mysql::canonical_type(w.type).str());
    CHECK(g.nullable == w.nullable);
    CHECK(g.autoincrement == w.autoincrement);
    CHECK(g.comment == w.comment);
    CHECK(mysql::canonical_default(g.server_default, g.type) ==
          mysql::canonical_default(w.server_default, mysql::canonical_type(w.type)));
  }
  // The spellings a user reads in `migrate inspect`.
  auto type_of = [&](const std::string& c) { return users->column(c)->type.str(); };
  CHECK(type_of("id") == "integer");
  CHECK(type_of("active") == "boolean");
  CHECK(type_of("score") == "decimal(12,4)");
  CHECK(type_of("created_at") == "timestamptz");
  CHECK(type_of("updated_at") == "timestamp");
  CHECK(type_of("data") == "json");
  CHECK(type_of("uid") == "char(36)");
  CHECK(type_of("huge") == "bigint unsigned");
  CHECK(type_of("legacy") == "varchar(20) character set latin1");
  CHECK(type_of("exact") == "varchar(20) character set utf8mb4 collate utf8mb4_bin");
  CHECK(type_of("untyped_string") == "varchar(255)");
  CHECK(users->column("score")->server_default == std::optional<std::string>("0.0000"));
  CHECK(users->column("active")->server_default == std::optional<std::string>("1"));
  CHECK(users->column("quote")->server_default == std::optional<std::string>("'it''s'"));
  CHECK(users->column("digits")->server_default == std::optional<std::string>("'7'"));
  CHECK(users->column("created_at")->server_default ==
        std::optional<std::string>("CURRENT_TIMESTAMP"));
  CHECK(users->comment == std::optional<std::string>("People"));
  REQUIRE(users->primary_key);
  CHECK(users->primary_key->columns == V{"id"});
  REQUIRE(users->uniques.size() == 1);
  CHECK(users->uniques[0].name == "uq_users_email");
  REQUIRE(users->indexes.size() == 3);
  CHECK(users->indexes[0].name == "ix_users_email_prefix");
  CHECK(users->indexes[0].keys == std::vector<IndexKey>{IndexKey::of_prefix("email", 10)});
  CHECK(users->indexes[2].name == "ux_users_code");
  CHECK(users->indexes[2].unique);     // an index, not a unique constraint, as the model says
  REQUIRE(users->checks.size() == 1);  // the JSON column's json_valid check is not one
  CHECK(users->checks[0].name == "ck_users_score");

  const Table* posts = live.table("posts");
  REQUIRE(posts);
  REQUIRE(posts->foreign_keys.size() == 2);
  const ForeignKey& fk = posts->foreign_keys[1];
  CHECK(fk.name == "fk_posts_user_id_users");
  CHECK(fk.ref_table == "users");
  CHECK(fk.ref_columns == V{"id"});
  CHECK(fk.on_delete == "cascade");
  CHECK(fk.on_update.empty());  // RESTRICT is InnoDB's default: reads as none
  CHECK(posts->foreign_keys[0].on_delete == "set null");
  // The index MySQL made for editor_id's key is not the model's; user_id's
  // key uses the unique constraint, so MySQL made none.
  CHECK(posts->indexes.empty());
  CHECK(db.query("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" +
                 db.name() +
                 "' AND TABLE_NAME = 'posts' AND INDEX_NAME = "
                 "'fk_posts_editor_id_users'") == V{"1"});
  REQUIRE(posts->uniques.size() == 1);
  CHECK(posts->uniques[0].columns == V{"user_id", "title"});

  // What autogenerate cares about: the model and the database agree.
  auto ops = compare_schemas(model, live, d, CompareSettings{});
  std::string listed;
  for (const auto& op : ops) listed += op.describe() + "\n";
  CHECK_MESSAGE(ops.empty(), listed);
}

TEST_CASE("mysql inspect: keys read on a second session, or on the one when none is spare") {
  mytest::Database db;
  MysqlDialect d;
  Schema model = load_model_text(kModel, "schema.yaml", NamingConvention{});
  auto conn = create_model(d, db, model);
  auto connections = [&] {
    return std::stoll(db.query("SHOW GLOBAL STATUS LIKE 'Connections'").at(0).substr(12));
  };
  long long before = connections();
  Schema two = d.inspect(*conn);
  // One more session than the caller's (and this check's own connection).
  CHECK(connections() - before == 2);

  // A user allowed a single connection: the key rows come through it.
  const std::string user = "one_" + db.name().substr(0, 40);
  db.exec("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'one-pw' WITH MAX_USER_CONNECTIONS 1");
  db.exec("GRANT ALL ON `" + db.name() + "`.* TO '" + user + "'@'%'");
  Url url = parse_url(db.url());
  url.user = user;
  url.password = "one-pw";
  Schema one;
  {
    auto single = d.connect(url);
    one = d.inspect(*single);
  }
  db.exec("DROP USER '" + user + "'@'%'");

  REQUIRE(one.tables.size() == 2);
  const Table* posts = one.table("posts");
  REQUIRE(posts);
  CHECK(posts->foreign_keys.size() == 2);
  CHECK(posts->uniques.size() == 1);
  CHECK(one.table("users")->indexes.size() == 3);
  auto listed = [](const std::vector<Op>& ops) {
    std::string out;
    for (const auto& op : ops) out += op.describe() + "\n";
    return out;
  };
  auto there = compare_schemas(two, one, d, CompareSettings{});
  auto back = compare_schemas(one, two, d, CompareSettings{});
  CHECK_MESSAGE(there.empty(), listed(there));
  CHECK_MESSAGE(back.empty(), listed(back));
}

TEST_CASE("mysql inspect: hand-written MariaDB DDL in the model's spelling") {
  mytest::Database db;
  db.exec(
      "CREATE TABLE p (id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, flag tinyint(1) DEFAULT "
      "NULL, label varchar(10) DEFAULT 'x''y', z int(5) unsigned zerofill, n int DEFAULT NULL, "
      "ts timestamp NULL DEFAULT current_timestamp(), dt datetime(3) DEFAULT "
      "current_timestamp(3), price decimal(10,2) DEFAULT 1.50, e enum('a','b c') NOT NULL "
      "DEFAULT 'a', j json, KEY ix_label (label(4))) COMMENT 'parents';"
      "CREATE TABLE c (id int PRIMARY KEY, pid int, FOREIGN KEY (pid) REFERENCES p (id) ON "
      "DELETE SET NULL);"
      "CREATE VIEW v AS SELECT id FROM p;");
  MysqlDialect d;
  auto conn = d.connect(parse_url(db.url()));
  Schema live = d.inspect(*conn);
  REQUIRE(live.tables.size() == 2);  // the view is no table
  const Table* p = live.table("p");
  REQUIRE(p);
  auto col = [&](const std::string& n) { return *p->column(n); };
  CHECK(col("id").type.str() == "integer");
  CHECK(col("id").autoincrement);
  CHECK_FALSE(col("id").nullable);
  CHECK(col("flag").type.str() == "boolean");
  CHECK_FALSE(col("flag").server_default);  // DEFAULT NULL is no default
  CHECK(col("label").server_default == std::optional<std::string>("'x''y'"));
  CHECK(col("z").type.str() == "integer(5) unsigned zerofill");
  CHECK(col("ts").type.str() == "timestamptz");
  CHECK(col("ts").server_default == std::optional<std::string>("CURRENT_TIMESTAMP"));
  CHECK(col("dt").type.str() == "timestamp(3)");  // DATETIME(3): the portable timestamp(3)
  CHECK(col("dt").server_default == std::optional<std::string>("CURRENT_TIMESTAMP(3)"));
  CHECK(col("price").server_default == std::optional<std::string>("1.50"));
  CHECK(col("e").type.str() == "enum('a','b c')");
  CHECK(col("e").server_default == std::optional<std::string>("'a'"));
  CHECK(col("j").type.str() == "json");
  CHECK(p->checks.empty());
  CHECK(p->comment == std::optional<std::string>("parents"));
  REQUIRE(p->indexes.size() == 1);
  CHECK(p->indexes[0].keys == std::vector<IndexKey>{IndexKey::of_prefix("label", 4)});

  const Table* c = live.table("c");
  REQUIRE(c);
  REQUIRE(c->foreign_keys.size() == 1);
  CHECK(c->foreign_keys[0].name == "c_ibfk_1");
  CHECK(c->foreign_keys[0].on_delete == "set null");
  CHECK(c->indexes.empty());  // MariaDB's own index "pid" for the key
  CHECK(d.has_table(*conn, "c"));
  CHECK_FALSE(d.has_table(*conn, "v_missing"));
}

TEST_CASE("mysql inspect: the number of queries does not grow with the tables") {
  mytest::Database db;
  MysqlDialect d;
  auto conn = d.connect(parse_url(db.url()));
  auto make = [&](int from, int to) {
    std::string sql;
    for (int i = from; i < to; ++i) {
      std::string t = "t" + std::to_string(i);
      sql += "CREATE TABLE " + t + " (id int PRIMARY KEY, v varchar(10), p int, KEY ix_" + t +
             " (v)" + (i ? ", FOREIGN KEY (p) REFERENCES t0 (id)" : "") + ", CHECK (p > 0));";
    }
    db.exec(sql);
  };
  // The server's counter is global, and a session's quit reaches it after the
  // client has moved on: the fewest of three runs is what one inspect sends.
  auto count = [&] {
    std::pair<long long, size_t> best{-1, 0};
    for (int i = 0; i < 3; ++i) {
      long long before = db.questions();
      Schema s = d.inspect(*conn);
      long long sent = db.questions() - before;
      if (best.first < 0 || sent < best.first) best = {sent, s.tables.size()};
    }
    return best;
  };
  make(0, 3);
  auto few = count();
  make(3, 40);
  auto many = count();
  CHECK(few.second == 3);
  CHECK(many.second == 40);
  CHECK(few.first == many.first);
  // Ten for the tables (their partitions one of them; a SHOW CREATE per LIST
  // table with a partition described as 0 aside), one for the views,
  // triggers and routines (a SHOW CREATE per routine aside; there are none
  // here), and the session's own.
  CHECK(many.first <= 12);
}

TEST_CASE("mysql compile: foreign keys and the indexes MySQL makes for them") {
  mytest::Database db;
  MysqlDialect d;
  db.exec(
      "CREATE TABLE p (id int PRIMARY KEY);"
      "CREATE TABLE c (id int PRIMARY KEY, pid int, CONSTRAINT fk_c FOREIGN KEY (pid) "
      "REFERENCES p (id));"
      "CREATE TABLE c2 (id int PRIMARY KEY, pid int, KEY ix_c2_pid (pid), CONSTRAINT fk_c2 "
      "FOREIGN KEY (pid) REFERENCES p (id));");
  auto conn = d.connect(parse_url(db.url()));
  auto run = [&](OpBody body) {
    Schema current = d.inspect(*conn);
    for (const auto& st : d.compile(Op{std::move(body), {}}, current)) conn->execute(st);
  };
  auto indexes_of = [&](const std::string& t) {
    return db.query("SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" +
                    db.name() + "' AND TABLE_NAME = '" + t + "' ORDER BY INDEX_NAME");
  };
  REQUIRE(indexes_of("c") == V{"fk_c", "PRIMARY"});
  // Dropping the key drops the index MySQL made for it, which the model never had.
  run(DropConstraint{{"", "c"}, "fk_c", ConstraintKind::foreign_key, {}});
  CHECK(indexes_of("c") == V{"PRIMARY"});
  CHECK(d.inspect(*conn).table("c")->indexes.empty());

  // Dropping the index a key stands on leaves the key MySQL's own index (not error 1553).
  run(DropIndex{{"", "c2"}, "ix_c2_pid", {}});
  CHECK(indexes_of("c2") == V{"fk_c2", "PRIMARY"});
  Schema live = d.inspect(*conn);
  CHECK(live.table("c2")->indexes.empty());
  CHECK(live.table("c2")->foreign_keys.size() == 1);
}

TEST_CASE("mysql compile: alter_column restates the whole column") {
  mytest::Database db;
  MysqlDialect d;
  db.exec(
      "CREATE TABLE u (id int PRIMARY KEY AUTO_INCREMENT, name varchar(50) NOT NULL DEFAULT 'x' "
      "COMMENT 'the name', n int)");
  auto conn = d.connect(parse_url(db.url()));
  auto run = [&](AlterColumn a) {
    a.ref = {"", "u"};
    Schema current = d.inspect(*conn);
    auto sts = d.compile(Op{a, {}}, current);
    for (const auto& st : sts) conn->execute(st);
    return sts.empty() ? std::string() : sts[0].sql;
  };
  auto column = [&](const std::string& c) {
    return db.query(
        "SELECT COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, '-'), COLUMN_COMMENT, EXTRA "
        "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" +
        db.name() + "' AND TABLE_NAME = 'u' AND COLUMN_NAME = '" + c + "'");
  };
  AlterColumn widen;
  widen.column = "name";
  widen.type = Type::parse("varchar(100)");
  CHECK(run(widen).find("MODIFY COLUMN") != std::string::npos);
  CHECK(column("name") == V{"varchar(100)|NO|'x'|the name|"});

  AlterColumn rename;
  rename.column = "name";
  rename.new_name = "full_name";
  CHECK(run(rename).find("RENAME COLUMN") != std::string::npos);
  CHECK(column("full_name") == V{"varchar(100)|NO|'x'|the name|"});

  AlterColumn both;
  both.column = "full_name";
  both.new_name = "label";
  both.nullable = true;
  CHECK(run(both).find("CHANGE COLUMN") != std::string::npos);
  CHECK(column("label") == V{"varchar(100)|YES|'x'|the name|"});

  AlterColumn key;  // the AUTO_INCREMENT survives a type change
  key.column = "id";
  key.type = Type::parse("bigint");
  run(key);
  CHECK(column("id") == V{"bigint(20)|NO|-||auto_increment"});

  // Without the table at hand (offline, a table made by raw SQL) the op must say what the column
  // is.
  AlterColumn blind;
  blind.ref = {"", "other"};
  blind.column = "x";
  blind.nullable = false;
  CHECK_THROWS_WITH_AS(d.compile(Op{blind, {}}, Schema{}), doctest::Contains("existing_type"),
                       InputError);
}
