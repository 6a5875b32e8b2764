// The MySQL dialect end to end, through the CLI, against a real MariaDB server.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../integration/harness.hpp"
#include "my_support.hpp"

using itest::Project;
using V = std::vector<std::string>;

namespace {

const char* kUsersUp = R"Y(  - create_table:
      table: users
      comment: People who write posts
      columns:
        - {name: id, type: integer, primary_key: true, autoincrement: true}
        - {name: name, type: varchar(100), nullable: false, comment: "display name"}
        - {name: email, type: varchar(255), unique: true}
        - {name: active, type: boolean, nullable: false, default: "true"}
        - {name: created_at, type: timestamptz, default: CURRENT_TIMESTAMP}
)Y";
const char* kPostsUp = R"Y(  - create_table:
      table: posts
      columns:
        - {name: id, type: bigint, primary_key: true, autoincrement: true}
        - {name: title, type: varchar(200), nullable: false}
        - {name: price, type: "numeric(12,4)", default: 0}
        - {name: meta, type: json}
        - {name: user_id, type: integer, nullable: false, references: users.id, on_delete: cascade}
      indexes:
        - {name: ix_posts_title, columns: [title]}
      checks:
        - {name: ck_posts_price, expression: "price >= 0"}
)Y";

void chain(const Project& p, const std::string& url, const std::string& extra = "") {
  p.init_url(url, extra);
  p.revision("aaaa00000001", "", kUsersUp, "  - drop_table: {table: users}\n");
  p.revision("bbbb00000002", "aaaa00000001", kPostsUp, "  - drop_table: {table: posts}\n");
  p.revision("cccc00000003", "bbbb00000002",
             "  - alter_column: {table: users, column: name, type: text}\n"
             "  - alter_column: {table: posts, column: title, new_name: headline}\n"
             "  - create_index: {table: posts, name: ix_posts_user_id, columns: [user_id]}\n"
             "  - bulk_insert: {table: users, rows: [{id: 1, name: \"O'Brien \\\\ Sons\", active: "
             "false}]}\n",
             "  - execute: \"DELETE FROM users\"\n"
             "  - drop_index: {table: posts, name: ix_posts_user_id}\n"
             "  - alter_column: {table: posts, column: headline, new_name: title}\n"
             "  - alter_column: {table: users, column: name, type: varchar(100)}\n");
}

std::string password_of(const std::string& url) {
  auto colon = url.find(':', std::string("mysql://").size());
  return url.substr(colon + 1, url.find('@') - colon - 1);
}

std::string status(const mytest::Database& db, const std::string& name) {
  auto rows = db.query("SHOW GLOBAL STATUS LIKE '" + name + "'");
  return rows.at(0).substr(rows.at(0).find('|') + 1);
}

}  // namespace

TEST_CASE("mysql: upgrade head, downgrade base restores the catalog") {
  mytest::Database db;
  Project p;
  chain(p, db.url());
  db.exec("CREATE TABLE keep_me (x integer); INSERT INTO keep_me VALUES (7)");
  auto before = db.catalog("migrate_version");

  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"cccc00000003"});
  CHECK(db.query("SELECT id, name, active FROM users") == V{"1|O'Brien \\ Sons|0"});
  // alter_column type: text kept NOT NULL and the comment (MODIFY restates the column).
  CHECK(db.query("SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_COMMENT FROM "
                 "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                 "'users' AND COLUMN_NAME = 'name'") == V{"text|NO|display name"});
  CHECK(db.query("SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                 "DATABASE() AND TABLE_NAME = 'users'") == V{"People who write posts"});
  CHECK(p.run({"current"}).out == "cccc00000003 (head)\n");

  auto down = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(db.catalog("migrate_version") == before);
  CHECK(db.query("SELECT x FROM keep_me") == V{"7"});
  CHECK(db.query("SELECT COUNT(*) FROM migrate_version") == V{"0"});
}

TEST_CASE("mysql: bulk_insert values travel as bound parameters") {
  mytest::Database db;
  Project p;
  p.init_url(db.url());
  p.revision("aaaa00000001", "",
             "  - create_table: {table: t, columns: [{name: id, type: integer, primary_key: "
             "true}, {name: s, type: text}, {name: f, type: double}, {name: b, type: boolean}]}\n"
             "  - bulk_insert: {table: t, rows: [{id: 1, s: \"a'b\\\\c\\\"d; DROP TABLE t; --\", "
             "f: 1.5, b: true}, {id: 2, s: null, f: -0.25, b: false}, {id: 3, s: \"\xc3\xa9\xe2"
             "\x82\xac\"}]}\n",
             "  - drop_table: {table: t}\n");
  long long executes = std::stoll(status(db, "Com_stmt_execute"));
  auto r = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(db.query("SELECT id, COALESCE(s, 'NULL'), f, b FROM t ORDER BY id") ==
        V{"1|a'b\\c\"d; DROP TABLE t; --|1.5|1", "2|NULL|-0.25|0",
          "3|\xc3\xa9\xe2\x82\xac|NULL|NULL"});
  // Three rows, three executions of prepared statements (plus the version-table updates).
  CHECK(std::stoll(status(db, "Com_stmt_execute")) - executes >= 3);
}

TEST_CASE("mysql: a failure mid-chain leaves the version table at the last completed revision") {
  mytest::Database db;
  Project p;
  chain(p, db.url());
  db.exec("CREATE TABLE log (rev varchar(20))");
  p.revision("dddd00000004", "cccc00000003",
             "  - add_column: {table: users, column: {name: nick, type: text}}\n",
             "  - drop_column: {table: users, column: nick}\n");
  // Data changes before the failing statement are rolled back; DDL is not (MySQL commits it).
  p.revision("eeee00000005", "dddd00000004",
             "  - execute: \"INSERT INTO log VALUES ('eeee')\"\n"
             "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n",
             "  - execute: \"DELETE FROM log\"\n");
  p.revision("ffff00000006", "eeee00000005",
             "  - add_column: {table: users, column: {name: bio, type: text}}\n",
             "  - drop_column: {table: users, column: bio}\n");
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(r.err.find("upgrade of revision eeee00000005") != std::string::npos);
  CHECK(r.err.find("operation 2") != std::string::npos);
  CHECK(r.err.find("INSERT INTO no_such_table VALUES (1)") != std::string::npos);
  CHECK(r.err.find("error 1146, SQLSTATE 42S02") != std::string::npos);
  CHECK(r.err.find("the version table stands at dddd00000004") != std::string::npos);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"dddd00000004"});
  CHECK(db.query("SELECT COUNT(*) FROM log") == V{"0"});
  CHECK(db.query("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                 "DATABASE() AND TABLE_NAME = 'users' AND COLUMN_NAME = 'nick'") == V{"1"});

  // Fixed, the rerun continues from dddd00000004.
  p.revision("eeee00000005", "dddd00000004",
             "  - execute: \"INSERT INTO log VALUES ('eeee')\"\n"
             "  - execute: \"INSERT INTO log VALUES ('fixed')\"\n",
             "  - execute: \"DELETE FROM log\"\n");
  auto again = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(again.code == 0, again.err);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"ffff00000006"});
  CHECK(db.query("SELECT rev FROM log ORDER BY rev") == V{"eeee", "fixed"});
}

TEST_CASE("mysql: data changes after DDL in a revision still roll back with it") {
  mytest::Database db;
  Project p;
  p.init_url(db.url());
  db.exec("CREATE TABLE log (v varchar(20))");
  p.revision("aaaa00000001", "",
             "  - execute: \"INSERT INTO log VALUES ('before ddl')\"\n"
             "  - create_table: {table: t, columns: [{name: id, type: integer}]}\n"
             "  - execute: \"INSERT INTO log VALUES ('after ddl'); INSERT INTO log VALUES "
             "('second')\"\n"
             "  - execute: \"INSERT INTO log VALUES ('third'); INSERT INTO nope VALUES (1)\"\n",
             "  - drop_table: {table: t}\n");
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(r.err.find("operation 4") != std::string::npos);
  CHECK(r.err.find("error 1146") != std::string::npos);
  // CREATE TABLE committed what came before it; what came after was rolled back.
  CHECK(db.query("SELECT v FROM log") == V{"before ddl"});
  CHECK(db.query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                 "AND TABLE_NAME = 't'") == V{"1"});
  CHECK(db.query("SELECT COUNT(*) FROM migrate_version") == V{"0"});
}

TEST_CASE("mysql: a failing DDL statement names what the database already committed") {
  mytest::Database db;
  Project p;
  chain(p, db.url());
  p.revision("dddd00000004", "cccc00000003",
             "  - add_column: {table: users, column: {name: nick, type: text}}\n"
             "  - add_column: {table: users, column: {name: nick, type: text}}\n",
             "  - drop_column: {table: users, column: nick}\n");
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(r.err.find("dddd00000004") != std::string::npos);
  CHECK(r.err.find("Duplicate column name 'nick'") != std::string::npos);
  CHECK(r.err.find("committed by the database (no transactional DDL)") != std::string::npos);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"cccc00000003"});
}

TEST_CASE("mysql: --sql output runs with the mariadb client to the same end state") {
  mytest::Database online, offline;
  Project p;
  chain(p, online.url());
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  auto sql = p.run({"upgrade", "base:head", "--sql"});
  REQUIRE_MESSAGE(sql.code == 0, sql.err);
  CHECK(sql.out.find("VALUES (1, 'O''Brien \\\\ Sons', FALSE)") != std::string::npos);
  CHECK(sql.out.find("START TRANSACTION") == std::string::npos);  // printed as BEGIN
  p.write("up.sql", sql.out);
  const std::string client = "mariadb --no-defaults --socket='" + mytest::server_socket() +
                             "' -u migrate -p'" + password_of(offline.url()) + "' " +
                             offline.name();
  auto applied = p.sh(client + " < up.sql");
  REQUIRE_MESSAGE(applied.code == 0, applied.err);
  CHECK(offline.catalog() == online.catalog());
  CHECK(offline.query("SELECT * FROM migrate_version") == V{"cccc00000003"});
  CHECK(offline.query("SELECT id, name FROM users") == V{"1|O'Brien \\ Sons"});
  auto back = p.run({"downgrade", "cccc00000003:base", "--sql"});
  REQUIRE_MESSAGE(back.code == 0, back.err);
  p.write("down.sql", back.out);
  auto undone = p.sh(client + " < down.sql");
  REQUIRE_MESSAGE(undone.code == 0, undone.err);
  CHECK(offline.catalog("migrate_version").empty());
}

TEST_CASE("mysql: a wrong password is exit 3 and never printed") {
  mytest::Database db;
  Project p;
  const std::string url = db.url();
  const std::string good = password_of(url);
  const auto colon = url.find(':', std::string("mysql://").size());
  const std::string bad = url.substr(0, colon + 1) + "Wr0ngPassw0rd" + url.substr(url.find('@'));
  p.init_url(bad);
  p.revision("aaaa00000001", "", kUsersUp, "  - drop_table: {table: users}\n");
  auto r = p.run({"upgrade", "head", "-v"});
  CHECK(r.code == 3);
  CHECK(r.err.find("Access denied for user 'migrate'") != std::string::npos);
  CHECK(r.err.find("(error 1045)") != std::string::npos);
  CHECK(r.err.find("mysql://migrate:***@127.0.0.1") != std::string::npos);
  CHECK(r.err.find("Wr0ngPassw0rd") == std::string::npos);
  CHECK(r.out.find("Wr0ngPassw0rd") == std::string::npos);
  // The right one is never printed either, even with -v.
  p.init_url(url);
  auto ok = p.run({"upgrade", "head", "-v"});
  REQUIRE_MESSAGE(ok.code == 0, ok.err);
  CHECK(ok.err.find("CREATE TABLE `users`") != std::string::npos);  // -v shows the SQL
  CHECK(ok.err.find(good) == std::string::npos);
  CHECK(ok.out.find(good) == std::string::npos);
}

TEST_CASE("mysql: mariadb:// URLs, unix_socket, charset; bad options are exit 2") {
  mytest::Database db;
  Project p;
  const std::string pw = password_of(db.url());
  p.init_url("mariadb://migrate:" + pw + "@/" + db.name() +
             "?unix_socket=" + mytest::server_socket() + "&charset=utf8mb4");
  p.revision("aaaa00000001", "", kUsersUp, "  - drop_table: {table: users}\n");
  auto r = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"aaaa00000001"});

  p.init_url(db.url() + "?ssl_mode=sometimes");
  auto bad_ssl = p.run({"current"});
  CHECK(bad_ssl.code == 2);
  CHECK(bad_ssl.err.find("unknown ssl_mode 'sometimes'") != std::string::npos);
  p.init_url(db.url() + "?colour=blue");
  auto bad_key = p.run({"current"});
  CHECK(bad_key.code == 2);
  CHECK(bad_key.err.find("unknown option 'colour'") != std::string::npos);
  CHECK(bad_key.err.find(pw) == std::string::npos);
  p.init_url(db.url() + "?ssl_mode=DISABLED");
  CHECK(p.run({"current"}).out == "aaaa00000001 (head)\n");
}

TEST_CASE("mysql: concurrent upgrades apply each revision exactly once") {
  for (int procs : {2, 8}) {
    CAPTURE(procs);
    mytest::Database db;
    Project p;
    p.init_url(db.url());
    db.exec("CREATE TABLE applied (rev varchar(20) NOT NULL)");
    std::string prev;
    for (int i = 1; i <= 30; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "r%011d", i);
      // A second application would fail on CREATE TABLE and insert a second row.
      p.revision(id, prev,
                 std::string("  - create_table: {table: t") + std::to_string(i) +
                     ", columns: [{name: id, type: integer, primary_key: true}]}\n"
                     "  - execute: \"INSERT INTO applied VALUES ('" +
                     id + "')\"\n",
                 std::string("  - drop_table: {table: t") + std::to_string(i) + "}\n");
      prev = id;
    }
    std::string cmd;
    for (int i = 0; i < procs; ++i)
      cmd += "(" + std::string(MIGRATE_BINARY) + " upgrade head >out" + std::to_string(i) +
             " 2>&1; echo $? >code" + std::to_string(i) + ") & ";
    cmd += "wait";
    REQUIRE(p.sh(cmd).code == 0);
    int nothing_to_do = 0;
    for (int i = 0; i < procs; ++i) {
      std::string out = p.read("out" + std::to_string(i));
      CHECK_MESSAGE(p.read("code" + std::to_string(i)) == "0\n", out);
      if (out.find("Nothing to upgrade") != std::string::npos) ++nothing_to_do;
    }
    // The first to take the lock applies all 30; the others find nothing to do.
    CHECK(nothing_to_do == procs - 1);
    CHECK(db.query("SELECT COUNT(*), COUNT(DISTINCT rev) FROM applied") == V{"30|30"});
    CHECK(db.query("SELECT version_num FROM migrate_version") == V{"r00000000030"});
    // One history row per revision, "upgrade"/"done", numbered 1..30 in chain order.
    V history;
    for (int i = 1; i <= 30; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "r%011d", i);
      history.push_back(std::to_string(i) + "|" + id + "|upgrade|done");
    }
    CHECK(db.query("SELECT seq, revision, direction, state FROM migrate_history ORDER BY seq") ==
          history);
  }
}

TEST_CASE("mysql: the lock times out with a message naming the holder") {
  mytest::Database db;
  Project p;
  chain(p, db.url());
  p.revision("dddd00000004", "cccc00000003", "  - execute: \"SELECT SLEEP(3)\"\n", "");
  auto r = p.sh("(" + std::string(MIGRATE_BINARY) + " upgrade head >first.out 2>&1 &) ; sleep 1; " +
                MIGRATE_BINARY + " upgrade head --lock-timeout 1");
  CHECK(r.code == 3);
  CHECK(r.err.find("could not take the migration lock within 1 s") != std::string::npos);
  CHECK(r.err.find("held by connection") != std::string::npos);
  CHECK(r.err.find("user migrate") != std::string::npos);
  p.sh("sleep 4");
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"dddd00000004"});
  // Released at the end: nobody holds it now.
  CHECK(db.query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "
                 "IS_USED_LOCK('migrate:" +
                 db.name() + ":migrate_version')") == V{"0"});
}
