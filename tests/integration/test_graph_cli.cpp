// The revision graph through the CLI, on real SQLite files: a team that
// branches, upgrades both heads, merges, and takes one branch back down; the
// graph commands and their formats; every error a broken graph gives.
#include <doctest/doctest.h>

#include <filesystem>

#include "harness.hpp"

using namespace itest;
namespace fs = std::filesystem;

namespace {

std::string create(const std::string& table) {
  return "  - create_table:\n      table: " + table +
         "\n      columns:\n        - {name: id, type: integer, primary_key: true}\n";
}
std::string drop(const std::string& table) {
  return "  - drop_table: {table: " + table + "}\n";
}

void revision(const Project& p, const std::string& id, const std::string& down,
              const std::string& table, const std::string& extra = "") {
  p.revision(id, down, create(table), drop(table), extra);
}

std::vector<std::string> rows(const Project& p) {
  return query(p.path("app.db"), "SELECT version_num FROM migrate_version ORDER BY version_num");
}

bool has_table(const Project& p, const std::string& table) {
  return query(p.path("app.db"),
               "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='" + table + "'") ==
         std::vector<std::string>{"1"};
}

// users; then Alice (alice_notes) and Bob (bob_notes, label "bob") both build on it.
void two_branches(const Project& p) {
  p.init_sqlite();
  revision(p, "aaaa00000001", "", "users");
  revision(p, "a11ce0000002", "aaaa00000001", "alice_notes");
  revision(p, "b0b000000003", "aaaa00000001", "bob_notes", "branch_labels: [bob]\n");
}

}  // namespace

TEST_CASE("team workflow: branch, upgrade heads (two rows), merge, upgrade head, downgrade one") {
  Project p;
  two_branches(p);

  auto heads = p.run({"heads"});
  REQUIRE_MESSAGE(heads.code == 0, heads.err);
  CHECK(heads.out == "a11ce0000002 (head)\nb0b000000003 (bob) (head)\n");

  auto one = p.run({"upgrade", "head"});
  CHECK(one.code == 2);
  CHECK(contains(one.err, "several heads (a11ce0000002, b0b000000003)"));
  CHECK(contains(one.err, "use 'heads' for all, or join them with `migrate merge`"));

  auto both = p.run({"upgrade", "heads"});
  REQUIRE_MESSAGE(both.code == 0, both.err);
  CHECK(rows(p) == std::vector<std::string>{"a11ce0000002", "b0b000000003"});
  CHECK(has_table(p, "alice_notes"));
  CHECK(has_table(p, "bob_notes"));
  CHECK(p.run({"current"}).out == "a11ce0000002 (head)\nb0b000000003 (head)\n");

  // Taking one branch back down leaves the other, before and after a merge.
  auto bob_down = p.run({"downgrade", "bob@-1"});
  REQUIRE_MESSAGE(bob_down.code == 0, bob_down.err);
  CHECK(rows(p) == std::vector<std::string>{"a11ce0000002"});
  CHECK_FALSE(has_table(p, "bob_notes"));
  CHECK(has_table(p, "alice_notes"));
  REQUIRE(p.run({"upgrade", "bob@head"}).code == 0);
  CHECK(rows(p) == std::vector<std::string>{"a11ce0000002", "b0b000000003"});

  auto merge = p.run({"merge", "heads", "-m", "merge alice and bob", "--rev-id", "cccc00000004"});
  REQUIRE_MESSAGE(merge.code == 0, merge.err);
  std::string text = p.read("migrations/versions/cccc00000004_merge_alice_and_bob.yaml");
  CHECK(contains(text, "down_revision: [\"a11ce0000002\", \"b0b000000003\"]"));
  CHECK(p.run({"heads"}).out == "cccc00000004 (bob) (head)\n");

  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(contains(up.err, "Running upgrade a11ce0000002, b0b000000003 -> cccc00000004"));
  CHECK(rows(p) == std::vector<std::string>{"cccc00000004"});

  auto hist = p.run({"history", "--indicate-current"});
  REQUIRE(hist.code == 0);
  CHECK(hist.out ==
        "a11ce0000002, b0b000000003 -> cccc00000004 (bob) (head) (current) (mergepoint), merge "
        "alice and bob\n"
        "aaaa00000001 -> a11ce0000002, rev a11ce0000002\n"
        "aaaa00000001 -> b0b000000003 (bob), rev b0b000000003\n"
        "<base> -> aaaa00000001 (branchpoint), rev aaaa00000001\n");

  // From the merge, -1 cannot choose a parent; naming one unmerges.
  auto ambiguous = p.run({"downgrade", "-1"});
  CHECK(ambiguous.code == 2);
  CHECK(contains(ambiguous.err, "cccc00000004 is a merge of a11ce0000002, b0b000000003"));
  REQUIRE(p.run({"downgrade", "a11ce0000002"}).code == 0);
  CHECK(rows(p) == std::vector<std::string>{"a11ce0000002", "b0b000000003"});
  REQUIRE(p.run({"downgrade", "a11ce0000002@-1"}).code == 0);
  CHECK(rows(p) == std::vector<std::string>{"b0b000000003"});
  CHECK_FALSE(has_table(p, "alice_notes"));
  CHECK(has_table(p, "bob_notes"));
  REQUIRE(p.run({"downgrade", "base"}).code == 0);
  CHECK(rows(p).empty());
  CHECK_FALSE(has_table(p, "users"));
}

TEST_CASE("offline --sql walks the same graph and names each revision") {
  Project p;
  two_branches(p);
  auto up = p.run({"upgrade", "heads", "--sql"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  auto a = up.out.find("-- Running upgrade  -> aaaa00000001");
  auto b = up.out.find("-- Running upgrade aaaa00000001 -> b0b000000003");
  auto c = up.out.find("-- Running upgrade aaaa00000001 -> a11ce0000002");
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  REQUIRE(c != std::string::npos);
  CHECK(a < b);
  CHECK(b < c);  // Alembic's order: the branch later in file order first
  CHECK(contains(up.out, "INSERT INTO \"migrate_version\" (version_num) VALUES ('a11ce0000002')"));

  auto down = p.run({"downgrade", "heads:bob@-1", "--sql"});
  CHECK(down.code == 2);  // FROM must be one revision
  CHECK(contains(down.err, "names several revisions"));
  auto bob = p.run({"downgrade", "bob@head:bob@-1", "--sql"});
  REQUIRE_MESSAGE(bob.code == 0, bob.err);
  CHECK(contains(bob.out, "-- Running downgrade b0b000000003 -> aaaa00000001"));
  CHECK_FALSE(contains(bob.out, "a11ce0000002"));
  CHECK(p.run({"upgrade", "b0b0+1", "--sql"}).code == 2);  // past the head
}

TEST_CASE("revision: --head, --splice, --branch-label, --depends-on, --rev-id") {
  Project p;
  two_branches(p);
  auto several = p.run({"revision", "-m", "x"});
  CHECK(several.code == 2);
  CHECK(contains(several.err, "pass --head REV"));

  auto on_bob = p.run({"revision", "-m", "on bob", "--head", "bob@head", "--rev-id", "dddd0004"});
  REQUIRE_MESSAGE(on_bob.code == 0, on_bob.err);
  CHECK(contains(p.read("migrations/versions/dddd0004_on_bob.yaml"),
                 "down_revision: \"b0b000000003\""));

  auto not_head = p.run({"revision", "-m", "fix", "--head", "aaaa00000001"});
  CHECK(not_head.code == 2);
  CHECK(contains(not_head.err,
                 "is not a head (a11ce0000002, b0b000000003 build on it); pass "
                 "--splice"));
  auto splice =
      p.run({"revision", "-m", "fix", "--head", "aaaa", "--splice", "--rev-id", "eeee0005"});
  REQUIRE_MESSAGE(splice.code == 0, splice.err);
  CHECK(
      contains(p.read("migrations/versions/eeee0005_fix.yaml"), "down_revision: \"aaaa00000001\""));

  auto root = p.run({"revision", "-m", "audit", "--head", "base", "--branch-label", "audit",
                     "--depends-on", "bob", "--depends-on", "a11c", "--rev-id", "ffff0006"});
  REQUIRE_MESSAGE(root.code == 0, root.err);
  std::string text = p.read("migrations/versions/ffff0006_audit.yaml");
  CHECK(contains(text, "down_revision: null"));
  CHECK(contains(text, "branch_labels: [\"audit\"]"));
  CHECK(contains(text, "depends_on: [\"bob\", \"a11ce0000002\"]"));  // a label stays a label
  auto applied = p.run({"upgrade", "audit@head"});
  REQUIRE_MESSAGE(applied.code == 0, applied.err);
  CHECK(rows(p) == std::vector<std::string>{"ffff0006"});
  // current also shows what came in only as a dependency; a11ce0000002 is a
  // head nothing builds on, but ffff0006 depends on it: an "effective head".
  CHECK(p.run({"current"}).out == "a11ce0000002 (effective head)\nb0b000000003\nffff0006 (head)\n");

  CHECK(contains(p.run({"revision", "-m", "y", "--head", "dddd", "--branch-label", "bob"}).err,
                 "branch label 'bob' is already used by revision b0b000000003"));
  CHECK(contains(p.run({"revision", "-m", "y", "--head", "dddd", "--rev-id", "bad-id"}).err,
                 "may hold only letters, digits and '_'"));
  CHECK(contains(p.run({"revision", "-m", "y", "--head", "dddd", "--depends-on", "zzzz"}).err,
                 "no revision 'zzzz'"));
}

TEST_CASE("revision --version-path writes into another version location, read back after") {
  Project p;
  p.init_sqlite("version_locations: [migrations/versions, modules/billing]\n");
  revision(p, "aaaa00000001", "", "users");
  auto none = p.run({"revision", "-m", "billing", "--head", "base"});
  CHECK(none.code == 2);
  CHECK(contains(none.err, "pass --version-path DIR"));
  auto wrong = p.run({"revision", "-m", "b", "--head", "base", "--version-path", "elsewhere"});
  CHECK(wrong.code == 2);
  CHECK(contains(wrong.err, "is not one of the version folders"));

  auto billing = p.run({"revision", "-m", "billing", "--head", "base", "--branch-label", "billing",
                        "--version-path", "modules/billing", "--rev-id", "bbbb0002"});
  REQUIRE_MESSAGE(billing.code == 0, billing.err);
  CHECK(fs::exists(p.path("modules/billing/bbbb0002_billing.yaml")));
  // A child stays in its parent's folder.
  auto child = p.run({"revision", "-m", "more", "--head", "billing@head", "--rev-id", "cccc0003"});
  REQUIRE_MESSAGE(child.code == 0, child.err);
  CHECK(fs::exists(p.path("modules/billing/cccc0003_more.yaml")));
  CHECK(p.run({"heads"}).out == "aaaa00000001 (head)\ncccc0003 (billing) (head)\n");
  auto up = p.run({"upgrade", "heads"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(rows(p) == std::vector<std::string>{"aaaa00000001", "cccc0003"});
}

TEST_CASE("history ranges, verbose entries, show, branches") {
  Project p;
  two_branches(p);
  revision(p, "cccc00000004", "b0b000000003", "more");
  REQUIRE(p.run({"upgrade", "a11ce0000002"}).code == 0);

  CHECK(p.run({"history", "-r", "b0b0:"}).out ==
        "b0b000000003 -> cccc00000004 (bob) (head), rev cccc00000004\n"
        "aaaa00000001 -> b0b000000003 (bob), rev b0b000000003\n");
  CHECK(p.run({"history", "-r", ":a11ce0000002"}).out ==
        "aaaa00000001 -> a11ce0000002 (head), rev a11ce0000002\n"
        "<base> -> aaaa00000001 (branchpoint), rev aaaa00000001\n");
  CHECK(p.run({"history", "-r", "current:"}).out ==
        "aaaa00000001 -> a11ce0000002 (head), rev a11ce0000002\n");
  auto bad = p.run({"history", "-r", "a11ce0000002:cccc00000004"});
  CHECK(bad.code == 2);
  CHECK(contains(bad.err, "a11ce0000002 is not below cccc00000004"));
  CHECK(contains(p.run({"history", "-r", "aaaa"}).err, "needs one ':'"));

  auto show = p.run({"show", "aaaa"});
  REQUIRE(show.code == 0);
  CHECK(show.out ==
        "Rev: aaaa00000001 (branchpoint)\n"
        "Parent: <base>\n"
        "Branches into: a11ce0000002, b0b000000003\n"
        "Path: migrations/versions/aaaa00000001.yaml\n"
        "\n"
        "    rev aaaa00000001\n"
        "\n"
        "    Revision ID: aaaa00000001\n"
        "    Revises:\n"
        "\n");
  CHECK(contains(p.run({"history", "--verbose"}).out,
                 "Rev: cccc00000004 (head)\nParent: "
                 "b0b000000003\nBranch names: bob\n"));
  CHECK(contains(p.run({"show", "current"}).out, "Rev: a11ce0000002 (head)\n"));
  CHECK(p.run({"branches"}).out ==
        "aaaa00000001 (branchpoint)\n"
        "             -> a11ce0000002 (head)\n"
        "             -> b0b000000003 (bob)\n\n");
  CHECK(contains(p.run({"heads", "--verbose"}).out, "Rev: a11ce0000002 (head)\n"));
}

TEST_CASE("--format json for heads, history, show and current") {
  Project p;
  two_branches(p);
  REQUIRE(p.run({"upgrade", "bob@head"}).code == 0);
  auto heads = p.run({"heads", "--format", "json"});
  REQUIRE(heads.code == 0);
  CHECK(contains(heads.out, "\"heads\": ["));
  CHECK(contains(heads.out, "\"revision\": \"b0b000000003\""));
  CHECK(contains(heads.out, "\"branch_labels\": [\n        \"bob\"\n      ]"));
  auto hist = p.run({"history", "--indicate-current", "--format", "json"});
  REQUIRE(hist.code == 0);
  CHECK(contains(hist.out, "\"revisions\": ["));
  CHECK(contains(hist.out, "\"is_current\": true"));
  CHECK(contains(hist.out, "\"is_branch_point\": true"));
  CHECK(contains(hist.out, "\"children\": [\n        \"a11ce0000002\",\n        \"b0b000000003\""));
  auto show = p.run({"show", "bob", "--format", "json"});
  CHECK(contains(show.out, "\"down_revisions\": [\n        \"aaaa00000001\"\n      ]"));
  auto cur = p.run({"current", "--format", "json"});
  CHECK(contains(cur.out, "\"rows\": [\n    \"b0b000000003\"\n  ]"));
  CHECK(contains(cur.out, "\"is_head\": true"));
}

TEST_CASE("a broken graph is an error naming the files, for every command") {
  SUBCASE("duplicate id") {
    Project p;
    p.init_sqlite();
    revision(p, "aaaa00000001", "", "users");
    p.write("migrations/versions/zz_copy.yaml",
            "revision: aaaa00000001\ndown_revision: null\nupgrade: []\ndowngrade: []\n");
    for (auto args : std::vector<std::vector<std::string>>{{"heads"}, {"upgrade", "head"}}) {
      auto r = p.run(args);
      CHECK(r.code == 2);
      CHECK(contains(r.err,
                     "migrations/versions/zz_copy.yaml:1:1: duplicate revision id "
                     "'aaaa00000001', also in migrations/versions/aaaa00000001.yaml"));
    }
  }
  SUBCASE("missing down_revision") {
    Project p;
    p.init_sqlite();
    revision(p, "bbbb00000002", "aaaa00000001", "users");
    auto r = p.run({"history"});
    CHECK(r.code == 2);
    CHECK(contains(r.err,
                   "migrations/versions/bbbb00000002.yaml:1:1: revision bbbb00000002 has "
                   "down_revision 'aaaa00000001', which no file"));
  }
  SUBCASE("cycle") {
    Project p;
    p.init_sqlite();
    revision(p, "aaaa00000001", "bbbb00000002", "a");
    revision(p, "bbbb00000002", "aaaa00000001", "b");
    auto r = p.run({"heads"});
    CHECK(r.code == 2);
    CHECK(contains(r.err,
                   "cycle: aaaa00000001 -> bbbb00000002 -> aaaa00000001 (files: "
                   "migrations/versions/aaaa00000001.yaml, "
                   "migrations/versions/bbbb00000002.yaml)"));
  }
  SUBCASE("label used twice") {
    Project p;
    p.init_sqlite();
    revision(p, "aaaa00000001", "", "a", "branch_labels: [core]\n");
    revision(p, "bbbb00000002", "", "b", "branch_labels: [core]\n");
    auto r = p.run({"branches"});
    CHECK(r.code == 2);
    CHECK(contains(r.err,
                   "branch label 'core' of revision bbbb00000002 is already used by "
                   "revision aaaa00000001 (migrations/versions/aaaa00000001.yaml)"));
  }
  SUBCASE("ambiguous prefix and unknown revision") {
    Project p;
    p.init_sqlite();
    revision(p, "abcd00000001", "", "a");
    revision(p, "abcd00000002", "abcd00000001", "b");
    auto r = p.run({"upgrade", "abcd"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "it matches abcd00000001, abcd00000002"));
    CHECK(contains(p.run({"show", "zzzz"}).err, "no revision 'zzzz'"));
    CHECK(p.run({"merge", "abcd00000001", "-m", "m"}).code == 2);  // not a head
  }
}
