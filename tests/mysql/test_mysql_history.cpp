// The history table on MariaDB, where every step runs outside a
// transaction: a "started" row around each, "failed" when it fails, and a
// step left "started" (the process was killed) stops the next run until the
// user has looked and stamped.
#include <doctest/doctest.h>

#include "../integration/harness.hpp"
#include "my_support.hpp"

using itest::Project;
using V = std::vector<std::string>;

namespace {

void chain(const Project& p, const std::string& url) {
  p.init_url(url);
  p.revision("a1", "", "  - create_table: {table: t, columns: [{name: id, type: integer}]}\n",
             "  - drop_table: {table: t}\n");
  p.revision("b2", "a1",
             "  - add_column: {table: t, column: {name: x, type: text}}\n"
             "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n",
             "  - drop_column: {table: t, column: x}\n");
}

}  // namespace

TEST_CASE("mysql history: failed and interrupted steps, and the way out of each") {
  mytest::Database db;
  Project p;
  chain(p, db.url());
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  CHECK(db.query("SELECT revision, direction, state, duration_ms IS NOT NULL, applied_by LIKE "
                 "'migrate@%' FROM "
                 "migrate_history ORDER BY seq") ==
        V{"a1|upgrade|done|1|1", "b2|upgrade|failed|1|1"});

  // A failure the runner saw is no reason to stop the next run: fixed (the
  // column it added stays: MySQL committed it), it goes on.
  p.revision("b2", "a1", "  - execute: \"INSERT INTO t (id) VALUES (1)\"\n",
             "  - execute: \"DELETE FROM t\"\n");
  auto fixed = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(fixed.code == 0, fixed.err);
  CHECK(db.query("SELECT revision, state FROM migrate_history ORDER BY seq") ==
        V{"a1|done", "b2|failed", "b2|done"});

  // A step killed half way leaves its row "started", as this one.
  db.exec(
      "INSERT INTO migrate_history (seq, revision, direction, checksum, state, applied_at, "
      "applied_by) VALUES (9, 'b2', 'downgrade', '', 'started', '2026-11-21 10:00:00', 'ci')");
  auto stuck = p.run({"downgrade", "base"});
  CHECK(stuck.code == 3);
  CHECK(stuck.err.find("the downgrade of revision b2 started at 2026-11-21 10:00:00") !=
        std::string::npos);
  CHECK(stuck.err.find("migrate stamp") != std::string::npos);
  CHECK_MESSAGE(
      stuck.err.find("Its operations: 1. execute SQL: DELETE FROM t (") != std::string::npos,
      stuck.err);
  CHECK(p.run({"upgrade", "head"}).code == 3);
  CHECK(p.run({"validate"}).code == 1);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"b2"});

  // The user looked: b2 is still in place. Stamping says so and clears the way.
  REQUIRE(p.run({"stamp", "b2"}).code == 0);
  CHECK(db.query("SELECT state FROM migrate_history WHERE seq = 9") == V{"interrupted"});
  auto down = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(db.query("SELECT count(*) FROM migrate_version") == V{"0"});
}
