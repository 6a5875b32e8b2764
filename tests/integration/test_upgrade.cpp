// upgrade / downgrade / current / stamp on real SQLite files, through the CLI.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace itest;

namespace {

const char* kUsersUp = R"(  - create_table:
      table: users
      columns:
        - {name: id, type: integer, primary_key: true, autoincrement: true}
        - {name: name, type: varchar(100), nullable: false}
)";
const char* kUsersDown = "  - drop_table: {table: users}\n";
const char* kPostsUp = R"(  - create_table:
      table: posts
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: title, type: varchar(200), nullable: false}
        - {name: user_id, type: integer, nullable: false, references: users.id, on_delete: cascade}
      indexes:
        - {name: ix_posts_user_id, columns: [user_id]}
)";
const char* kPostsDown = "  - drop_table: {table: posts}\n";

void two_revisions(const Project& p) {
  p.init_sqlite();
  p.revision("aaaa00000001", "", kUsersUp, kUsersDown);
  p.revision("bbbb00000002", "aaaa00000001", kPostsUp, kPostsDown);
}

}  // namespace

TEST_CASE("upgrade head, then downgrade base restores the catalog") {
  Project p;
  two_revisions(p);
  exec(p.path("app.db"), "CREATE TABLE keep_me (x INTEGER); INSERT INTO keep_me VALUES (7);");
  auto before = catalog(p.path("app.db"), "migrate_version");

  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(up.err.find("Running upgrade  -> aaaa00000001") != std::string::npos);
  CHECK(up.err.find("Running upgrade aaaa00000001 -> bbbb00000002") != std::string::npos);
  CHECK(query(p.path("app.db"), "SELECT version_num FROM migrate_version") ==
        std::vector<std::string>{"bbbb00000002"});
  CHECK(query(p.path("app.db"),
              "SELECT name FROM sqlite_schema WHERE type='index' AND name='ix_posts_user_id'")
            .size() == 1);

  auto cur = p.run({"current"});
  CHECK(cur.code == 0);
  CHECK(cur.out == "bbbb00000002 (head)\n");

  auto down = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(catalog(p.path("app.db"), "migrate_version") == before);
  CHECK(query(p.path("app.db"), "SELECT count(*) FROM migrate_version") ==
        std::vector<std::string>{"0"});
  CHECK(query(p.path("app.db"), "SELECT x FROM keep_me") == std::vector<std::string>{"7"});
  CHECK(p.run({"current"}).out.empty());
}

TEST_CASE("relative steps: upgrade +1, downgrade -1, nothing to do") {
  Project p;
  two_revisions(p);
  CHECK(p.run({"upgrade", "+1"}).code == 0);
  CHECK(p.run({"current"}).out == "aaaa00000001\n");
  CHECK(p.run({"upgrade", "head"}).code == 0);
  auto again = p.run({"upgrade", "head"});
  CHECK(again.code == 0);
  CHECK(again.err.find("Nothing to upgrade") != std::string::npos);
  auto d = p.run({"downgrade", "-1"});
  REQUIRE_MESSAGE(d.code == 0, d.err);
  CHECK(p.run({"current"}).out == "aaaa00000001\n");
  CHECK(query(p.path("app.db"), "SELECT count(*) FROM sqlite_schema WHERE name='posts'") ==
        std::vector<std::string>{"0"});
}

TEST_CASE("a failing statement in the second op leaves database and version table as before") {
  Project p;
  p.init_sqlite();
  p.revision("aaaa00000001", "", kUsersUp, kUsersDown);
  p.revision("bbbb00000002", "aaaa00000001",
             "  - add_column: {table: users, column: {name: email, type: varchar(255)}}\n"
             "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n",
             "  - drop_column: {table: users, column: email}\n");
  REQUIRE(p.run({"upgrade", "aaaa00000001"}).code == 0);
  exec(p.path("app.db"), "INSERT INTO users (name) VALUES ('Ada')");
  auto before = catalog(p.path("app.db"));

  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(r.err.find("bbbb00000002") != std::string::npos);
  CHECK(r.err.find("operation 2") != std::string::npos);
  CHECK(r.err.find("no such table: no_such_table") != std::string::npos);
  CHECK(r.err.find("rolled back") != std::string::npos);
  CHECK(catalog(p.path("app.db")) == before);
  CHECK(query(p.path("app.db"), "SELECT version_num FROM migrate_version") ==
        std::vector<std::string>{"aaaa00000001"});
  CHECK(query(p.path("app.db"), "SELECT name FROM users") == std::vector<std::string>{"Ada"});
}

TEST_CASE("transaction_per_migration: a failure keeps the revisions that completed") {
  Project p;
  p.init_sqlite("transaction_per_migration: true\n");
  p.revision("aaaa00000001", "", kUsersUp, kUsersDown);
  p.revision("bbbb00000002", "aaaa00000001", "  - execute: \"SELECT * FROM nope\"\n", "");
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(r.err.find("stands at aaaa00000001") != std::string::npos);
  CHECK(query(p.path("app.db"), "SELECT version_num FROM migrate_version") ==
        std::vector<std::string>{"aaaa00000001"});
}

TEST_CASE("single transaction: a failure in a later revision rolls back the whole run") {
  Project p;
  p.init_sqlite();
  p.revision("aaaa00000001", "", kUsersUp, kUsersDown);
  p.revision("bbbb00000002", "aaaa00000001", "  - execute: \"SELECT * FROM nope\"\n", "");
  CHECK(p.run({"upgrade", "head"}).code == 3);
  CHECK(query(p.path("app.db"), "SELECT count(*) FROM sqlite_schema WHERE name='users'") ==
        std::vector<std::string>{"0"});
  CHECK(p.run({"current"}).out.empty());
}

TEST_CASE("stamp sets the version table without migrating; --purge clears unknown rows") {
  Project p;
  two_revisions(p);
  auto s = p.run({"stamp", "head"});
  REQUIRE_MESSAGE(s.code == 0, s.err);
  CHECK(p.run({"current"}).out == "bbbb00000002 (head)\n");
  CHECK(query(p.path("app.db"), "SELECT count(*) FROM sqlite_schema WHERE name='users'") ==
        std::vector<std::string>{"0"});
  CHECK(p.run({"stamp", "base"}).code == 0);
  CHECK(p.run({"current"}).out.empty());

  exec(p.path("app.db"), "INSERT INTO migrate_version VALUES ('deadbeef0000')");
  auto cur = p.run({"current"});
  CHECK(cur.code == 2);
  CHECK(cur.err.find("deadbeef0000") != std::string::npos);
  CHECK(p.run({"stamp", "--purge", "aaaa00000001"}).code == 0);
  CHECK(p.run({"current"}).out == "aaaa00000001\n");
}

TEST_CASE("--sql prints SQL that sqlite3 runs to the same end state") {
  Project p;
  two_revisions(p);
  p.revision("cccc00000003", "bbbb00000002",
             "  - alter_column: {table: users, column: name, type: varchar(200), existing_type: "
             "varchar(100)}\n"
             "  - bulk_insert: {table: users, rows: [{id: 1, name: \"O'Brien\"}, {id: 2, name: "
             "\"x'); DROP TABLE users; --\"}]}\n",
             "  - execute: \"DELETE FROM users\"\n"
             "  - alter_column: {table: users, column: name, type: varchar(100), existing_type: "
             "varchar(200)}\n");
  auto online = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(online.code == 0, online.err);

  auto offline = p.run({"upgrade", "base:head", "--sql"});
  REQUIRE_MESSAGE(offline.code == 0, offline.err);
  CHECK(offline.out.find("BEGIN;") != std::string::npos);
  CHECK(offline.out.find("migrate_version") != std::string::npos);
  p.write("up.sql", offline.out);
  auto applied = p.sh("sqlite3 -bail offline.db < up.sql");
  REQUIRE_MESSAGE(applied.code == 0, applied.err);
  CHECK(catalog(p.path("offline.db")) == catalog(p.path("app.db")));
  CHECK(query(p.path("offline.db"), "SELECT id, name FROM users ORDER BY id") ==
        query(p.path("app.db"), "SELECT id, name FROM users ORDER BY id"));
  CHECK(query(p.path("offline.db"), "SELECT * FROM migrate_version") ==
        std::vector<std::string>{"cccc00000003"});

  auto back = p.run({"downgrade", "head:base", "--sql"});
  REQUIRE_MESSAGE(back.code == 0, back.err);
  p.write("down.sql", back.out);
  REQUIRE(p.sh("sqlite3 -bail offline.db < down.sql").code == 0);
  CHECK(catalog(p.path("offline.db"), "migrate_version").empty());

  auto no_range = p.run({"downgrade", "base", "--sql"});
  CHECK(no_range.code == 2);
  CHECK(no_range.err.find("FROM:TO") != std::string::npos);
}

TEST_CASE("-v shows each SQL statement; -q shows nothing but errors") {
  Project p;
  two_revisions(p);
  auto v = p.run({"upgrade", "head", "-v"});
  REQUIRE(v.code == 0);
  CHECK(v.err.find("CREATE TABLE \"users\"") != std::string::npos);
  CHECK(p.run({"downgrade", "base", "-q"}).err.empty());
}

TEST_CASE("transactional: false runs a revision outside the transaction (VACUUM)") {
  Project p;
  p.init_sqlite();
  p.revision("aaaa00000001", "", kUsersUp, kUsersDown);
  // VACUUM cannot run inside a transaction: this only passes when the runner commits first.
  p.revision("bbbb00000002", "aaaa00000001", "  - execute: \"VACUUM\"\n",
             "  - execute: \"VACUUM\"\n", "transactional: false\n");
  p.revision("cccc00000003", "bbbb00000002", kPostsUp, kPostsDown);
  auto r = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(query(p.path("app.db"), "SELECT version_num FROM migrate_version") ==
        std::vector<std::string>{"cccc00000003"});
  auto d = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(d.code == 0, d.err);
  CHECK(catalog(p.path("app.db"), "migrate_version").empty());
}

TEST_CASE("current --format json; stamp --sql prints the version-table statements") {
  Project p;
  two_revisions(p);
  REQUIRE(p.run({"upgrade", "aaaa00000001"}).code == 0);
  auto j = p.run({"current", "--format", "json"});
  REQUIRE(j.code == 0);
  CHECK(j.out.find("\"revision\": \"aaaa00000001\"") != std::string::npos);
  CHECK(j.out.find("\"is_head\": false") != std::string::npos);
  auto s = p.run({"stamp", "head", "--sql"});
  REQUIRE_MESSAGE(s.code == 0, s.err);
  CHECK(s.out.find("INSERT INTO \"migrate_version\" (version_num) VALUES ('bbbb00000002');") !=
        std::string::npos);
  // --sql did not touch the database.
  CHECK(p.run({"current"}).out == "aaaa00000001\n");
}

TEST_CASE("sqlite: eight concurrent upgrades apply each revision exactly once") {
  Project p;
  p.init_sqlite();
  exec(p.path("app.db"), "CREATE TABLE applied (rev TEXT NOT NULL)");
  std::string prev;
  for (int i = 1; i <= 30; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "r%011d", i);
    p.revision(id, prev,
               "  - create_table: {table: t" + std::to_string(i) +
                   ", columns: [{name: id, type: integer, primary_key: true}]}\n"
                   "  - execute: \"INSERT INTO applied VALUES ('" +
                   id + "')\"\n",
               "  - drop_table: {table: t" + std::to_string(i) + "}\n");
    prev = id;
  }
  std::string cmd;
  for (int i = 0; i < 8; ++i)
    cmd += "(" + std::string(MIGRATE_BINARY) + " upgrade head >out" + std::to_string(i) +
           " 2>&1; echo $? >code" + std::to_string(i) + ") & ";
  REQUIRE(p.sh(cmd + "wait").code == 0);
  int nothing_to_do = 0;
  for (int i = 0; i < 8; ++i) {
    std::string out = p.read("out" + std::to_string(i));
    CHECK_MESSAGE(p.read("code" + std::to_string(i)) == "0\n", out);
    if (out.find("Nothing to upgrade") != std::string::npos) ++nothing_to_do;
  }
  CHECK(nothing_to_do == 7);
  CHECK(query(p.path("app.db"), "SELECT count(*), count(DISTINCT rev) FROM applied") ==
        std::vector<std::string>{"30|30"});
  CHECK(query(p.path("app.db"), "SELECT version_num FROM migrate_version") ==
        std::vector<std::string>{"r00000000030"});
  // One history row per revision, "upgrade"/"done", numbered 1..30 in chain order.
  std::vector<std::string> history;
  for (int i = 1; i <= 30; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "r%011d", i);
    history.push_back(std::to_string(i) + "|" + id + "|upgrade|done");
  }
  CHECK(query(p.path("app.db"),
              "SELECT seq, revision, direction, state FROM migrate_history ORDER BY seq") ==
        history);
}

TEST_CASE("sqlite: the lock times out naming the holder's pid") {
  Project p;
  p.init_sqlite();
  p.revision("aaaa00000001", "", "  - execute: \"CREATE TABLE t (x INTEGER)\"\n", "");
  // flock(1) holds the same lock file for two seconds.
  auto r = p.sh("touch app.db; (flock app.db-migrate.lock sleep 2 &) ; sleep 0.5; " +
                std::string(MIGRATE_BINARY) + " upgrade head --lock-timeout 1");
  CHECK(r.code == 3);
  CHECK(r.err.find("could not take the migration lock within 1 s") != std::string::npos);
  p.sh("sleep 2");
  CHECK(p.run({"upgrade", "head"}).code == 0);
}
