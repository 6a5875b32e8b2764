// The applied-history table and `migrate validate` through the CLI on
// SQLite: each step recorded once with its checksum, an edited or deleted
// applied revision stops upgrade (exit 1) until it is restored or accepted,
// and stamp vouches for what it stamps.
#include <doctest/doctest.h>

#include <filesystem>

#include "harness.hpp"

using itest::Project;
using V = std::vector<std::string>;

namespace {

void chain(const Project& p) {
  p.init_sqlite();
  p.revision("a1", "", "  - create_table: {table: t, columns: [{name: id, type: integer}]}\n",
             "  - drop_table: {table: t}\n");
  p.revision("b2", "a1", "  - add_column: {table: t, column: {name: x, type: text}}\n",
             "  - drop_column: {table: t, column: x}\n");
}

V history(const Project& p) {
  return itest::query(
      p.path("app.db"),
      "SELECT seq, revision, direction, state, length(checksum), tool_version <> '', "
      "applied_by <> '', applied_at IS NOT NULL FROM migrate_history ORDER BY seq");
}

}  // namespace

TEST_CASE("history: every step is recorded once, with checksum, time and who") {
  Project p;
  chain(p);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(history(p) == V{"1|a1|upgrade|done|51|1|1|1", "2|b2|upgrade|done|51|1|1|1"});
  REQUIRE(p.run({"downgrade", "-1"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(history(p) == V{"1|a1|upgrade|done|51|1|1|1", "2|b2|upgrade|done|51|1|1|1",
                        "3|b2|downgrade|done|51|1|1|1", "4|b2|upgrade|done|51|1|1|1"});
  // Autogenerate and check never see migrate's own tables.
  p.write("schema.yaml",
          "tables:\n  t:\n    columns:\n      - {name: id, type: integer}\n"
          "      - {name: x, type: text}\n");
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, check.out);
  auto ok = p.run({"validate"});
  CHECK(ok.code == 0);
  CHECK(ok.out == "ok: 2 applied revision(s) match their files\n");
}

TEST_CASE("validate: an edited applied revision stops upgrade until restored or accepted") {
  Project p;
  chain(p);
  REQUIRE(p.run({"upgrade", "a1"}).code == 0);
  const std::string original = p.read("migrations/versions/a1.yaml");

  // A comment or a new message changes nothing that runs.
  p.write("migrations/versions/a1.yaml", original + "# reviewed\n");
  CHECK(p.run({"validate"}).code == 0);

  std::string edited = original;
  edited.replace(edited.find("type: integer"), 13, "type: bigint");
  p.write("migrations/versions/a1.yaml", edited);
  auto v = p.run({"validate"});
  CHECK(v.code == 1);
  CHECK(v.out.find("changed: revision a1 (") != std::string::npos);
  CHECK(v.err.find("--accept") != std::string::npos);
  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 1);
  CHECK(up.err.find("upgrade refused") != std::string::npos);
  CHECK(up.err.find("a1.yaml") != std::string::npos);
  CHECK(itest::query(p.path("app.db"), "SELECT version_num FROM migrate_version") == V{"a1"});
  CHECK(p.run({"downgrade", "base"}).code == 1);

  // Restored: upgrade goes on.
  p.write("migrations/versions/a1.yaml", original);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);

  // Accepted: the new content is what counts from now on.
  p.write("migrations/versions/a1.yaml", edited);
  CHECK(p.run({"validate"}).code == 1);
  CHECK(p.run({"validate", "--accept", "b2"}).code == 0);  // b2 did not change: a no-op row
  auto acc = p.run({"validate", "--accept", "a1"});
  CHECK(acc.code == 0);
  CHECK(acc.out.find("accepted a1") != std::string::npos);
  CHECK(p.run({"validate"}).code == 0);
  CHECK(p.run({"downgrade", "-1"}).code == 0);
  auto unknown = p.run({"validate", "--accept", "b2"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("not applied") != std::string::npos);
}

TEST_CASE("validate: a deleted applied revision is reported; stamp vouches for what it stamps") {
  Project p;
  chain(p);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  // b2's file goes, the version row goes with a stamp to a1: b2 stays in history as applied.
  REQUIRE(p.run({"stamp", "a1"}).code == 0);
  std::filesystem::remove(p.path("migrations/versions/b2.yaml"));
  std::filesystem::remove(p.path("migrations/versions.sum"));
  auto v = p.run({"validate"});
  CHECK(v.code == 0);  // the stamp recorded b2 as undone
  CHECK(itest::query(p.path("app.db"),
                     "SELECT direction FROM migrate_history WHERE revision = 'b2' ORDER BY seq") ==
        V{"upgrade", "unstamp"});

  // A database stamped before it had history: stamp records checksums.
  Project q;
  chain(q);
  REQUIRE(q.run({"stamp", "head"}).code == 0);
  CHECK(itest::query(q.path("app.db"),
                     "SELECT revision, direction FROM migrate_history ORDER BY "
                     "seq") == V{"a1|stamp", "b2|stamp"});
  std::filesystem::remove(q.path("migrations/versions.sum"));
  q.write("migrations/versions/b2.yaml", q.read("migrations/versions/b2.yaml") + "\n");
  CHECK(q.run({"validate"}).code == 0);
  std::string b2 = q.read("migrations/versions/b2.yaml");
  b2.replace(b2.find("type: text"), 10, "type: integer");
  q.write("migrations/versions/b2.yaml", b2);
  CHECK(q.run({"validate"}).code == 1);
}
