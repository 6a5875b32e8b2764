// The history table on PostgreSQL: steps in the run's transaction write
// their row in it (a failed run leaves none), a `transactional: false` step
// is bracketed by a "started" row that becomes "done" or "failed".
#include <doctest/doctest.h>

#include "../integration/harness.hpp"
#include "pg_support.hpp"

using itest::Project;
using V = std::vector<std::string>;

TEST_CASE("postgresql history: rows follow the transaction they belong to") {
  pgtest::Database db;
  Project p;
  p.init_url(db.url());
  p.revision("a1", "", "  - create_table: {table: t, columns: [{name: id, type: integer}]}\n",
             "  - drop_table: {table: t}\n");
  p.revision("b2", "a1", "  - execute: \"CREATE INDEX CONCURRENTLY ix_t ON t (id)\"\n",
             "  - execute: \"DROP INDEX CONCURRENTLY ix_t\"\n", "transactional: false\n");
  p.revision("c3", "b2", "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n",
             "  - execute: \"SELECT 1\"\n");
  auto r = p.run({"upgrade", "head"});
  CHECK(r.code == 3);
  // a1 committed before b2 (which runs outside); c3's transaction rolled back with its row.
  CHECK(db.query("SELECT seq, revision, direction, state, applied_by FROM migrate_history ORDER "
                 "BY seq") == V{"1|a1|upgrade|done|migrate", "2|b2|upgrade|done|migrate"});
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"b2"});

  p.revision("c3", "b2", "  - execute: \"CREATE INDEX CONCURRENTLY ix_nope ON nope (id)\"\n",
             "  - execute: \"SELECT 1\"\n", "transactional: false\n");
  CHECK(p.run({"upgrade", "head"}).code == 3);
  CHECK(db.query("SELECT revision, state FROM migrate_history WHERE seq = 3") == V{"c3|failed"});
  // A failure seen is no interruption: the next run is not refused.
  p.revision("c3", "b2", "  - execute: \"SELECT 1\"\n", "  - execute: \"SELECT 1\"\n");
  auto ok = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(ok.code == 0, ok.err);
  CHECK(db.query("SELECT revision, state FROM migrate_history WHERE seq = 4") == V{"c3|done"});
  CHECK(p.run({"validate"}).code == 0);
}
