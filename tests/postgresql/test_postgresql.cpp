// The PostgreSQL dialect end to end, through the CLI, against a real server.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../integration/harness.hpp"
#include "pg_support.hpp"

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
        - {name: tags, type: "text[]"}
        - {name: meta, type: jsonb}
        - {name: user_id, type: integer, nullable: false, references: users.id, on_delete: cascade}
      indexes:
        - {name: ix_posts_user_id, columns: [user_id]}
      checks:
        - {name: ck_posts_price, expression: "price >= 0"}
)Y";

void chain(const Project& p, const std::string& url, const std::string& extra = "") {
  p.init_url(url, extra);
  p.revision("aaaa00000001", "", kUsersUp, "  - drop_table: {table: users}\n");
  p.revision("bbbb00000002", "aaaa00000001", kPostsUp, "  - drop_table: {table: posts}\n");
  p.revision(
      "cccc00000003", "bbbb00000002",
      "  - alter_column: {table: users, column: name, type: text, nullable: true}\n"
      "  - alter_column: {table: posts, column: title, type: integer, existing_type: "
      "varchar(200)}\n"
      "  - bulk_insert: {table: users, rows: [{id: 1, name: \"O'Brien\", active: false}]}\n",
      "  - execute: \"DELETE FROM users\"\n"
      "  - alter_column: {table: posts, column: title, type: varchar(200), existing_type: "
      "integer}\n"
      "  - alter_column: {table: users, column: name, type: varchar(100), nullable: false}\n");
}

}  // namespace

TEST_CASE("postgresql: upgrade head, downgrade base restores the catalog") {
  pgtest::Database db;
  Project p;
  chain(p, db.url());
  db.exec("CREATE TABLE keep_me (x integer); INSERT INTO keep_me VALUES (7)");
  auto before = db.catalog("migrate_version");

  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"cccc00000003"});
  CHECK(db.query("SELECT id, name, active FROM users") == V{"1|O'Brien|f"});
  CHECK(db.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'posts' AND "
                 "column_name = 'title'") == V{"integer"});
  CHECK(db.query("SELECT col_description('users'::regclass, 2)") == V{"display name"});
  CHECK(db.query("SELECT obj_description('users'::regclass, 'pg_class')") ==
        V{"People who write posts"});
  CHECK(p.run({"current"}).out == "cccc00000003 (head)\n");

  auto down = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(db.catalog("migrate_version") == before);
  CHECK(db.query("SELECT x FROM keep_me") == V{"7"});
}

TEST_CASE("postgresql: a failing statement leaves nothing of the transaction") {
  pgtest::Database db;
  Project p;
  chain(p, db.url());
  p.revision("dddd00000004", "cccc00000003",
             "  - add_column: {table: users, column: {name: nick, type: text}}\n"
             "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n",
             "  - drop_column: {table: users, column: nick}\n");
  REQUIRE(p.run({"upgrade", "bbbb00000002"}).code == 0);
  auto before = db.catalog();
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(r.err.find("dddd00000004") != std::string::npos);
  CHECK(r.err.find("SQLSTATE 42P01") != std::string::npos);
  CHECK(r.err.find("rolled back, the database stands at bbbb00000002") != std::string::npos);
  CHECK(db.catalog() == before);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"bbbb00000002"});
}

TEST_CASE("postgresql: transaction_per_migration keeps the revisions that completed") {
  pgtest::Database db;
  Project p;
  chain(p, db.url(), "transaction_per_migration: true\n");
  p.revision("dddd00000004", "cccc00000003", "  - execute: \"SELECT * FROM nope\"\n", "");
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(r.err.find("stands at cccc00000003") != std::string::npos);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"cccc00000003"});
  CHECK(db.query("SELECT count(*) FROM users") == V{"1"});
}

TEST_CASE("postgresql: transactional: false runs CREATE INDEX CONCURRENTLY") {
  pgtest::Database db;
  Project p;
  chain(p, db.url());
  p.revision("dddd00000004", "cccc00000003",
             "  - execute: \"CREATE INDEX CONCURRENTLY ix_users_name ON users (name)\"\n",
             "  - execute: \"DROP INDEX CONCURRENTLY ix_users_name\"\n", "transactional: false\n");
  auto r = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(db.query("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_users_name'") ==
        V{"ix_users_name"});
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"dddd00000004"});
  auto d = p.run({"downgrade", "-1"});
  REQUIRE_MESSAGE(d.code == 0, d.err);
  CHECK(db.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_users_name'") == V{"0"});
}

TEST_CASE("postgresql: --sql output runs with psql to the same end state") {
  pgtest::Database online, offline;
  Project p;
  chain(p, online.url());
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  auto sql = p.run({"upgrade", "base:head", "--sql"});
  REQUIRE_MESSAGE(sql.code == 0, sql.err);
  CHECK(sql.out.find("SET client_encoding = 'UTF8';\n\nSET standard_conforming_strings = "
                     "on;\n\nBEGIN;") == 0);
  CHECK(sql.out.find("VALUES (1, 'O''Brien', FALSE)") != std::string::npos);
  p.write("up.sql", sql.out);
  auto applied = p.sh("psql -X -q -v ON_ERROR_STOP=1 '" + offline.url() + "' -f up.sql");
  REQUIRE_MESSAGE(applied.code == 0, applied.err);
  CHECK(offline.catalog() == online.catalog());
  CHECK(offline.query("SELECT * FROM migrate_version") == V{"cccc00000003"});
  auto back = p.run({"downgrade", "head:base", "--sql"});
  REQUIRE(back.code == 0);
  p.write("down.sql", back.out);
  REQUIRE(p.sh("psql -X -q -v ON_ERROR_STOP=1 '" + offline.url() + "' -f down.sql").code == 0);
  CHECK(offline.catalog("migrate_version").empty());
}

TEST_CASE("postgresql: a wrong password is exit 3 and never printed") {
  pgtest::Database db;
  Project p;
  std::string url = db.url();
  auto colon = url.find(':', std::string("postgresql://").size());
  auto at = url.find('@');
  std::string bad = url.substr(0, colon + 1) + "Wr0ngPassw0rd" + url.substr(at);
  std::string good_password = url.substr(colon + 1, at - colon - 1);
  p.init_url(bad);
  p.revision("aaaa00000001", "", kUsersUp, "  - drop_table: {table: users}\n");
  auto r = p.run({"upgrade", "head", "-v"});
  CHECK(r.code == 3);
  CHECK(r.err.find("password authentication failed") != std::string::npos);
  CHECK(r.err.find("Wr0ngPassw0rd") == std::string::npos);
  CHECK(r.out.find("Wr0ngPassw0rd") == std::string::npos);
  // The right one is never printed either, even with -v.
  p.init_url(url);
  auto ok = p.run({"upgrade", "head", "-v"});
  REQUIRE_MESSAGE(ok.code == 0, ok.err);
  CHECK(ok.err.find(good_password) == std::string::npos);
  CHECK(ok.out.find(good_password) == std::string::npos);
}

TEST_CASE("postgresql: PG* environment variables fill what the URL leaves out") {
  pgtest::Database db;
  Project p;
  std::string url = db.url();  // postgresql://migrate:PW@127.0.0.1:PORT/NAME
  auto colon = url.find(':', std::string("postgresql://").size());
  auto at = url.find('@');
  std::string password = url.substr(colon + 1, at - colon - 1);
  std::string hostport = url.substr(at + 1, url.rfind('/') - at - 1);
  std::string port = hostport.substr(hostport.find(':') + 1);
  p.init_url("postgresql:///" + db.name());
  p.revision("aaaa00000001", "", kUsersUp, "  - drop_table: {table: users}\n");
  auto r = p.run(
      {"upgrade", "head"},
      {{"PGHOST", "127.0.0.1"}, {"PGPORT", port}, {"PGUSER", "migrate"}, {"PGPASSWORD", password}});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"aaaa00000001"});
}

TEST_CASE("postgresql: concurrent upgrades apply each revision exactly once") {
  for (int procs : {2, 8}) {
    CAPTURE(procs);
    pgtest::Database db;
    Project p;
    p.init_url(db.url());
    db.exec("CREATE TABLE applied (rev text NOT NULL)");
    std::string prev;
    for (int i = 1; i <= 30; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "r%011d", i);
      // A duplicate application would insert a second row (and fail on the table).
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
    CHECK(db.query("SELECT count(*), count(DISTINCT rev) FROM applied") == V{"30|30"});
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

TEST_CASE("postgresql: the lock times out with a message naming the holder") {
  pgtest::Database db;
  Project p;
  chain(p, db.url());
  // Take it through migrate itself: a first process holds it while a slow revision runs.
  p.revision("dddd00000004", "cccc00000003", "  - execute: \"SELECT pg_sleep(3)\"\n", "");
  auto r = p.sh("(" + std::string(MIGRATE_BINARY) + " upgrade head >first.out 2>&1 &) ; sleep 1; " +
                MIGRATE_BINARY + " upgrade head --lock-timeout 1");
  CHECK(r.code == 3);
  CHECK(r.err.find("could not take the migration lock within 1 s") != std::string::npos);
  CHECK(r.err.find("application 'migrate'") != std::string::npos);
  p.sh("sleep 4");
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"dddd00000004"});
}
