// Upgrade/downgrade plans and version-table rows on hand-built graphs. The
// expected orders are what Alembic 1.8 answers for the same graphs (checked
// with its RevisionMap; tests/differential compares thousands more).
#include <doctest/doctest.h>

#include <set>

#include "core/base/error.hpp"
#include "graph_test_util.hpp"

using namespace migrate;
using namespace graph_test;

TEST_CASE("paths: a linear chain goes up and down one revision at a time") {
  Graph g({rev("aaaa1111"), rev("bbbb2222", {"aaaa1111"}), rev("cccc3333", {"bbbb2222"})});
  CHECK(ids(g.upgrade({}, "head")) == V{"aaaa1111", "bbbb2222", "cccc3333"});
  CHECK(ids(g.upgrade({"aaaa1111"}, "head")) == V{"bbbb2222", "cccc3333"});
  CHECK(g.upgrade({"cccc3333"}, "head").empty());
  CHECK(g.upgrade({"cccc3333"}, "aaaa1111").empty());  // below: nothing to upgrade
  CHECK(ids(g.downgrade({"cccc3333"}, "base")) == V{"cccc3333", "bbbb2222", "aaaa1111"});
  CHECK(ids(g.downgrade({"cccc3333"}, "aaaa")) == V{"cccc3333", "bbbb2222"});
  CHECK(ids(g.downgrade({"cccc3333"}, "-1")) == V{"cccc3333"});
  CHECK(rows_after(g, {}, g.upgrade({}, "+2")) == V{"bbbb2222"});
  CHECK(rows_after(g, {"cccc3333"}, g.downgrade({"cccc3333"}, "base")).empty());
}

TEST_CASE("paths: two people branch from one head; both rows stay until the merge") {
  Graph g = team_graph();
  // `upgrade heads` applies every branch, each revision once, in Alembic's order.
  auto all = g.upgrade({}, "heads");
  CHECK(ids(all) ==
        V{"base0001", "rght0003", "left0002", "side0006", "dep00007", "merg0004", "tail0005"});
  CHECK(rows_after(g, {}, all) == V{"dep00007", "tail0005"});

  // Standing at both branch heads (two rows), the merge joins them into one.
  auto to_branches = g.upgrade_steps({}, {"left0002", "rght0003"});
  V branches = rows_after(g, {}, to_branches);
  CHECK(branches == V{"left0002", "rght0003"});
  auto merge = g.upgrade(branches, "merg0004");
  CHECK(ids(merge) == V{"merg0004"});
  CHECK(rows_after(g, branches, merge) == V{"merg0004"});

  // Downgrading the merge unmerges: both branch rows come back.
  CHECK(rows_after(g, {"merg0004"}, g.downgrade({"merg0004"}, "left0002")) ==
        V{"left0002", "rght0003"});
  // Downgrading one branch leaves the other (REV@-1 and LABEL@-1 pick the branch).
  CHECK(ids(g.downgrade(branches, "rght0003@-1")) == V{"rght0003"});
  CHECK(rows_after(g, branches, g.downgrade(branches, "rght0003@-1")) == V{"left0002"});
  CHECK(ids(g.downgrade(branches, "left@-1")) == V{"left0002"});
  CHECK(ids(g.downgrade(branches, "left@base0001")) == V{"left0002"});
  // Without a branch, going to the branch point removes both.
  CHECK(ids(g.downgrade(branches, "base0001")) == V{"left0002", "rght0003"});
  // A revision of the other branch is no downgrade target from one branch.
  CHECK_THROWS_WITH_AS(g.downgrade({"left0002"}, "rght0003"),
                       doctest::Contains("not a downgrade target"), InputError);
}

TEST_CASE("paths: depends_on orders application and the rows, without parenthood") {
  Graph g = team_graph();
  // dep00007 needs left0002 (through the label), which needs base0001.
  auto up = g.upgrade({}, "dep00007");
  CHECK(ids(up) == V{"base0001", "left0002", "side0006", "dep00007"});
  // Once dep00007 is applied, left0002 is no row of its own: dep00007 implies it.
  CHECK(rows_after(g, {}, up) == V{"dep00007"});
  // Downgrading dep00007 gives both of what it stood on back as rows.
  CHECK(rows_after(g, {"dep00007"}, g.downgrade({"dep00007"}, "side0006")) ==
        V{"left0002", "side0006"});
  // Removing left0002 removes what depends on it, even on another branch.
  V both = {"dep00007", "tail0005"};
  CHECK(ids(g.downgrade(both, "base0001")) ==
        V{"tail0005", "merg0004", "dep00007", "left0002", "rght0003"});
  // Only children through down_revision are below a target: Alembic's "nothing to drop".
  CHECK_THROWS_AS(g.downgrade({"dep00007"}, "left0002"), InputError);
}

TEST_CASE("paths: a depends_on an ancestor already brings in is dropped (normalized)") {
  // c depends on x, and so does its parent b: applying c must not ask for x twice,
  // and downgrading c goes back to b alone.
  Graph g({rev("xxxx0001"), rev("aaaa0002"), rev("bbbb0003", {"aaaa0002"}, {"xxxx0001"}),
           rev("cccc0004", {"bbbb0003"}, {"xxxx0001"})});
  CHECK(ids(g.upgrade({}, "cccc0004")) == V{"xxxx0001", "aaaa0002", "bbbb0003", "cccc0004"});
  CHECK(rows_after(g, {"cccc0004"}, g.downgrade({"cccc0004"}, "-1")) == V{"bbbb0003"});
  CHECK(rows_after(g, {"bbbb0003"}, g.downgrade({"bbbb0003"}, "-1")) == V{"aaaa0002", "xxxx0001"});
}

TEST_CASE("paths: rows stay the tips when a revision depends_on its own ancestor") {
  // Alembic would keep both b and a as rows after downgrading c (a lies below b);
  // migrate keeps only b, which implies a (a README departure).
  Graph g({rev("aaaa0001"), rev("bbbb0002", {"aaaa0001"}),
           rev("cccc0003", {"bbbb0002"}, {"aaaa0001"})});
  CHECK(rows_after(g, {}, g.upgrade({}, "head")) == V{"cccc0003"});
  CHECK(rows_after(g, {"cccc0003"}, g.downgrade({"cccc0003"}, "bbbb0002")) == V{"bbbb0002"});
}

TEST_CASE("paths: two roots, and where relative steps cannot choose") {
  Graph g({rev("root0001"), rev("root0002"), rev("next0003", {"root0001"})});
  CHECK(ids(g.upgrade({}, "heads")) == V{"root0001", "next0003", "root0002"});
  CHECK(ids(g.downgrade({"next0003", "root0002"}, "base")) ==
        V{"root0002", "next0003", "root0001"});
  CHECK_THROWS_WITH_AS(g.upgrade({}, "+1"), doctest::Contains("branches into root0001, root0002"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({"next0003", "root0002"}, "+1"),
                       doctest::Contains("several revisions"), InputError);
  // Alembic warns and picks the first row; migrate asks which branch.
  CHECK_THROWS_WITH_AS(g.downgrade({"next0003", "root0002"}, "-1"),
                       doctest::Contains("use LABEL@-1 or REV-1"), InputError);
  CHECK(ids(g.downgrade({"next0003", "root0002"}, "next0003@-1")) == V{"next0003"});
  // -1 from a root reaches base, which in Alembic means every root.
  CHECK(ids(g.downgrade({"root0002"}, "-1")) == V{"root0002"});
}

TEST_CASE("paths: branch labels as upgrade targets") {
  Graph g = team_graph();
  CHECK(ids(g.upgrade({}, "left@head")) ==
        V{"base0001", "rght0003", "left0002", "merg0004", "tail0005"});
  CHECK(ids(g.upgrade({}, "side@head")) == V{"base0001", "left0002", "side0006", "dep00007"});
  CHECK(ids(g.upgrade({"base0001"}, "left@+1")) == V{"left0002"});
  CHECK(ids(g.upgrade({}, "rght0003@head")) ==
        V{"base0001", "rght0003", "left0002", "merg0004", "tail0005"});
  CHECK(ids(g.upgrade({}, "side")) == V{"side0006"});  // a label alone is its revision
}

TEST_CASE("paths: upgrade and downgrade refuse what would surprise") {
  Graph g = team_graph();
  CHECK_THROWS_WITH_AS(g.upgrade({}, "head"),
                       doctest::Contains("several heads (tail0005, dep00007)"), InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({}, "head"), doctest::Contains("`migrate merge`"), InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({"tail0005"}, "-1"), doctest::Contains("migrate downgrade -1"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({"tail0005"}, "+1"), doctest::Contains("migrate upgrade +1"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({}, "-1"), doctest::Contains("stands at base"), InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({}, "base0001-1"), doctest::Contains("nothing to upgrade to"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({"tail0005"}, "+1"), doctest::Contains("goes past the head"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({"dep00007"}, "-3"), doctest::Contains("goes below base"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({"tail0005"}, "-4"), doctest::Contains("merg0004 is a merge"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.upgrade_steps({}, {"base0001", "left0002"}),
                       doctest::Contains("revisions named overlap: base0001 is below left0002"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({"left0002", "rght0003"}, "side@-1"),
                       doctest::Contains("no revision of branch side"), InputError);
}

TEST_CASE("paths: a wide history sorts in one pass") {
  // 200 branches of 50 revisions each off one root, merged pairwise: the
  // order must still put every revision after what it needs.
  std::vector<Revision> revs{rev("root")};
  std::vector<std::string> tips;
  for (int b = 0; b < 200; ++b) {
    std::string prev = "root";
    for (int i = 0; i < 50; ++i) {
      std::string id = "b" + std::to_string(b) + "_" + std::to_string(i);
      revs.push_back(rev(id, {prev}));
      prev = id;
    }
    tips.push_back(prev);
  }
  for (int b = 0; b < 200; b += 2)
    revs.push_back(rev("m" + std::to_string(b), {tips[b], tips[b + 1]}));
  Graph g(std::move(revs));
  auto steps = g.upgrade({}, "heads");
  REQUIRE(steps.size() == 1 + 200 * 50 + 100);
  std::set<std::string> applied;
  for (const auto& s : steps) {
    for (const auto& d : s.revision->down_revisions) REQUIRE(applied.count(d) == 1);
    applied.insert(s.revision->id);
  }
  CHECK(g.history({}, {}).size() == steps.size());
}
