// Building the graph: every structural error names the files involved; what
// history/heads print about each revision (heads, branch and merge points,
// inherited branch labels).
#include <doctest/doctest.h>

#include "core/base/error.hpp"
#include "graph_test_util.hpp"

using namespace migrate;
using namespace graph_test;

TEST_CASE("build: duplicate ids, unknown parents and dependencies name the files") {
  auto dup = rev("aaaa0001");
  dup.path = "other/aaaa0001_copy.yaml";
  dup.mark.file = dup.path;
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001"), dup}),
                       "other/aaaa0001_copy.yaml:1:1: duplicate revision id 'aaaa0001', also in "
                       "versions/aaaa0001.yaml: give one of them a new id (and fix what points "
                       "at it)",
                       InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001"), rev("bbbb0002", {"zzzz9999"})}),
                       doctest::Contains("versions/bbbb0002.yaml:1:1: revision bbbb0002 has "
                                         "down_revision 'zzzz9999', which no file"),
                       InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001", {}, {"nope"})}),
                       doctest::Contains("versions/aaaa0001.yaml:1:1: revision aaaa0001 depends_on "
                                         "'nope', which is neither a revision id nor a branch"),
                       InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001", {"aaaa0001"})}),
                       doctest::Contains("names itself as its down_revision"), InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001", {}, {"aaaa0001"})}),
                       doctest::Contains("depends_on itself"), InputError);
}

TEST_CASE("build: cycles are reported with the revisions and files on them") {
  CHECK_THROWS_WITH_AS(
      Graph({rev("aaaa0001", {"cccc0003"}), rev("bbbb0002", {"aaaa0001"}),
             rev("cccc0003", {"bbbb0002"}), rev("dddd0004")}),
      doctest::Contains("cycle: aaaa0001 -> cccc0003 -> bbbb0002 -> aaaa0001 (files: "
                        "versions/aaaa0001.yaml, versions/cccc0003.yaml, versions/bbbb0002.yaml)"),
      InputError);
  // A cycle closed by depends_on says so.
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001", {}, {"bbbb0002"}), rev("bbbb0002", {"aaaa0001"})}),
                       doctest::Contains("cycle (through depends_on)"), InputError);
}

TEST_CASE("build: a branch label used twice, or equal to an id, names both files") {
  CHECK_THROWS_WITH_AS(
      Graph({rev("aaaa0001", {}, {}, {"billing"}), rev("bbbb0002", {"aaaa0001"}, {}, {"billing"})}),
      "versions/bbbb0002.yaml:1:1: branch label 'billing' of revision bbbb0002 "
      "is already used by revision aaaa0001 (versions/aaaa0001.yaml): rename one "
      "of them",
      InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001"), rev("bbbb0002", {}, {}, {"aaaa0001"})}),
                       doctest::Contains("is also the id of revision aaaa0001"), InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001", {}, {}, {"a@b"})}), doctest::Contains("'@'"),
                       InputError);
  // The same label twice in one file is harmless.
  CHECK_NOTHROW(Graph({rev("aaaa0001", {}, {}, {"x", "x"})}));
}

TEST_CASE("build: ids that targets could not name are refused") {
  CHECK_THROWS_WITH_AS(Graph({rev("abc-1")}), doctest::Contains("may not contain '-'"), InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("abc+1")}), doctest::Contains("may not contain '+'"), InputError);
}

TEST_CASE("build: heads, bases, branch and merge points, effective heads") {
  Graph g = team_graph();
  CHECK(ids(g.heads()) == V{"tail0005", "dep00007"});
  CHECK(ids(g.real_heads()) == V{"tail0005", "dep00007"});
  CHECK(ids(g.bases()) == V{"base0001", "side0006"});
  auto base = g.facts(*g.find("base0001"));
  CHECK(base.is_branch_point);
  CHECK(base.children == V{"left0002", "rght0003"});
  CHECK(g.facts(*g.find("merg0004")).is_merge_point);
  CHECK_FALSE(g.facts(*g.find("left0002")).is_head);

  // Something only depended on is a head, but not a "real" one.
  Graph dep({rev("aaaa0001"), rev("bbbb0002", {}, {"aaaa0001"})});
  CHECK(ids(dep.heads()) == V{"aaaa0001", "bbbb0002"});
  CHECK(ids(dep.real_heads()) == V{"bbbb0002"});
  auto a = dep.facts(*dep.find("aaaa0001"));
  CHECK(a.is_head);
  CHECK_FALSE(a.is_real_head);
}

TEST_CASE("build: branch labels reach what builds on the labelled revision") {
  Graph g = team_graph();
  // As Alembic: descendants carry the label; the branch point below does not.
  CHECK(g.facts(*g.find("left0002")).branch_labels == V{"left"});
  CHECK(g.facts(*g.find("merg0004")).branch_labels == V{"left"});
  CHECK(g.facts(*g.find("tail0005")).branch_labels == V{"left"});
  CHECK(g.facts(*g.find("base0001")).branch_labels.empty());
  CHECK(g.facts(*g.find("dep00007")).branch_labels == V{"side"});

  // A label on a straight line also reaches down to the branch point.
  Graph line({rev("aaaa0001"), rev("bbbb0002", {"aaaa0001"}), rev("cccc0003", {"aaaa0001"}),
              rev("dddd0004", {"cccc0003"}), rev("eeee0005", {"dddd0004"}, {}, {"feature"})});
  CHECK(line.facts(*line.find("cccc0003")).branch_labels == V{"feature"});
  CHECK(line.facts(*line.find("dddd0004")).branch_labels == V{"feature"});
  CHECK(line.facts(*line.find("aaaa0001")).branch_labels.empty());
  CHECK(line.facts(*line.find("bbbb0002")).branch_labels.empty());
}

TEST_CASE("build: long histories are built without recursion") {
  std::vector<Revision> revs{rev("r0")};
  for (int i = 1; i < 30000; ++i)
    revs.push_back(rev("r" + std::to_string(i), {"r" + std::to_string(i - 1)},
                       i % 1000 == 0 ? V{"r" + std::to_string(i - 500)} : V{}));
  Graph g(std::move(revs));
  CHECK(g.heads().size() == 1);
  CHECK(g.history({}, {}).size() == 30000);
  CHECK(g.downgrade({"r29999"}, "base").size() == 30000);
}
