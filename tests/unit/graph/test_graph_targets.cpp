// Naming revisions: ids, prefixes, labels, head/heads/base, relative steps,
// history ranges, `current`, and where a new revision goes.
#include <doctest/doctest.h>

#include "core/base/error.hpp"
#include "graph_test_util.hpp"

using namespace migrate;
using namespace graph_test;

TEST_CASE("targets: ids, prefixes and labels") {
  Graph g = team_graph();
  CHECK(g.resolve("left0002").id == "left0002");
  CHECK(g.resolve("rght").id == "rght0003");
  CHECK(g.resolve("left").id == "left0002");  // the label, not a prefix
  CHECK(g.resolve("dep0").id == "dep00007");
  // As Alembic, a prefix of a label and of an id is ambiguous, even for one revision.
  CHECK_THROWS_WITH_AS(g.resolve("sid"), doctest::Contains("it matches side, side0006"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.resolve("zzzz"), doctest::Contains("no revision 'zzzz'"), InputError);
  Graph p({rev("abcd0001"), rev("abcd0002", {"abcd0001"})});
  CHECK_THROWS_WITH_AS(p.resolve("abcd"),
                       "revision prefix 'abcd' is ambiguous: it matches abcd0001, abcd0002; give "
                       "more digits",
                       InputError);
  CHECK_THROWS_WITH_AS(p.resolve("zz"), doctest::Contains("(a prefix needs at least 4 characters)"),
                       InputError);
  // Alembic matches prefixes only of names longer than 3 characters.
  Graph shorts({rev("abc"), rev("abcdef", {"abc"})});
  CHECK(shorts.resolve("ab").id == "abcdef");
}

TEST_CASE("targets: head, heads, base and LABEL@/REV@ forms") {
  Graph g = team_graph();
  CHECK(ids(g.get_revisions("heads")) == V{"tail0005", "dep00007"});
  CHECK(g.get_revisions("base").empty());
  CHECK(ids(g.get_revisions("left@head")) == V{"tail0005"});
  CHECK(ids(g.get_revisions("side@head")) == V{"dep00007"});
  CHECK(ids(g.get_revisions("rght0003@head")) == V{"tail0005"});
  CHECK(ids(g.get_revisions("left@heads")) == V{"tail0005"});
  CHECK(ids(g.get_revisions("-1")) == V{"merg0004", "side0006"});  // down from each head
  CHECK(g.revision_or_base("base").empty());
  CHECK(g.revision_or_base("side@head") == V{"dep00007"});
  CHECK_THROWS_WITH_AS(g.revision_or_base("heads"), doctest::Contains("names several revisions"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.get_revisions("head"), doctest::Contains("'head' is ambiguous"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.get_revisions("nope@head"), doctest::Contains("no revision 'nope'"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({"tail0005"}, "nope@base0001"),
                       doctest::Contains("no branch 'nope'"), InputError);
  CHECK_THROWS_WITH_AS(g.get_revisions("side@left0002"),
                       doctest::Contains("left0002 is not on branch side"), InputError);
  CHECK_THROWS_WITH_AS(g.get_revisions("left@"), doctest::Contains("names no revision"),
                       InputError);
}

TEST_CASE("targets: relative steps, from the database or from a revision") {
  Graph g({rev("aaaa0001"), rev("bbbb0002", {"aaaa0001"}), rev("cccc0003", {"bbbb0002"}),
           rev("dddd0004", {"bbbb0002"}, {}, {"feature"})});
  CHECK(g.resolve_target("+1", {}, Direction::up) == V{"aaaa0001"});
  CHECK(g.resolve_target("+1", {"aaaa0001"}, Direction::up) == V{"bbbb0002"});
  CHECK(g.resolve_target("aaaa0001+1", {}, Direction::up) == V{"bbbb0002"});
  CHECK(g.resolve_target("feature@+1", {"bbbb0002"}, Direction::up) == V{"dddd0004"});
  CHECK(g.resolve_target("feature@bbbb0002+1", {}, Direction::up) == V{"dddd0004"});
  CHECK(g.resolve_target("-1", {"cccc0003"}, Direction::down) == V{"bbbb0002"});
  CHECK(g.resolve_target("cccc0003-2", {}, Direction::down) == V{"aaaa0001"});
  CHECK(g.resolve_target("feature@-1", {"dddd0004"}, Direction::down) == V{"bbbb0002"});
  CHECK(g.resolve_target("-2", {"bbbb0002"}, Direction::down).empty());  // base
  CHECK_THROWS_WITH_AS(g.resolve_target("+1", {"bbbb0002"}, Direction::up),
                       doctest::Contains("bbbb0002 branches into cccc0003, dddd0004"), InputError);
}

TEST_CASE("targets: history, newest first, and its ranges") {
  Graph g = team_graph();
  using RE = Graph::RangeEnd;
  CHECK(ids(g.history({}, {})) ==
        V{"tail0005", "merg0004", "dep00007", "side0006", "left0002", "rght0003", "base0001"});
  CHECK(ids(g.history(RE{"left0002", {}}, {})) == V{"tail0005", "merg0004", "left0002"});
  CHECK(ids(g.history({}, RE{"merg0004", {}})) ==
        V{"merg0004", "left0002", "rght0003", "base0001"});
  CHECK(ids(g.history(RE{"rght0003", {}}, RE{"tail0005", {}})) ==
        V{"tail0005", "merg0004", "rght0003"});
  // current: as the rows of a database.
  CHECK(ids(g.history(RE{"", V{"merg0004"}}, {})) == V{"tail0005", "merg0004"});
  CHECK(ids(g.history({}, RE{"", V{"left0002"}})) == V{"left0002", "base0001"});
  CHECK_THROWS_WITH_AS(g.history(RE{"side0006", {}}, RE{"tail0005", {}}),
                       doctest::Contains("side0006 is not below tail0005"), InputError);
}

TEST_CASE("targets: current shows the rows and what only depends_on brought in") {
  Graph g = team_graph();
  CHECK(g.current_view({"dep00007"}) == V{"left0002", "dep00007"});
  CHECK(g.current_view({"tail0005"}) == V{"tail0005"});
  CHECK(g.current_view({}).empty());
}

TEST_CASE("targets: where a new revision goes (revision --head, merge)") {
  Graph g = team_graph();
  CHECK_THROWS_WITH_AS(g.parents_for_new_revision({"head"}, false),
                       doctest::Contains("pass --head REV"), InputError);
  CHECK(ids(g.parents_for_new_revision({"left@head"}, false)) == V{"tail0005"});
  CHECK(ids(g.parents_for_new_revision({"base"}, false)).empty());
  CHECK(ids(g.parents_for_new_revision({"heads"}, false)) == V{"tail0005", "dep00007"});
  CHECK(ids(g.parents_for_new_revision({"tail", "dep0"}, false)) == V{"tail0005", "dep00007"});
  CHECK_THROWS_WITH_AS(g.parents_for_new_revision({"left0002"}, false),
                       doctest::Contains("left0002 (versions/left0002.yaml) is not a head "
                                         "(merg0004 build on it); pass --splice"),
                       InputError);
  CHECK(ids(g.parents_for_new_revision({"left0002"}, true)) == V{"left0002"});
  CHECK_THROWS_WITH_AS(g.parents_for_new_revision({"tail0005", "tail"}, false),
                       doctest::Contains("named twice"), InputError);

  CHECK(g.depends_on_for_new_revision({"left", "rght"}) == V{"left", "rght0003"});
  CHECK_THROWS_WITH_AS(g.depends_on_for_new_revision({"base"}), doctest::Contains("names no"),
                       InputError);
  CHECK_NOTHROW(g.check_new_labels({"billing"}));
  CHECK_THROWS_WITH_AS(g.check_new_labels({"left"}),
                       doctest::Contains("already used by revision left0002"), InputError);
  CHECK_THROWS_WITH_AS(g.check_new_labels({"base0001"}),
                       doctest::Contains("already the id of revision base0001"), InputError);
  CHECK_THROWS_WITH_AS(g.check_new_labels({"x", "x"}), doctest::Contains("given twice"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.check_new_labels({"a:b"}), doctest::Contains("':'"), InputError);
}

TEST_CASE("targets: the remaining refusals, each with its own message") {
  Graph g = team_graph();
  using RE = Graph::RangeEnd;
  Graph forked({rev("aaaa0001", {}, {}, {"core"}), rev("bbbb0002", {"aaaa0001"}),
                rev("cccc0003", {"aaaa0001"})});
  CHECK_THROWS_WITH_AS(forked.get_revisions("core@head"),
                       doctest::Contains("'core@head' is ambiguous: branch core has several heads "
                                         "(bbbb0002, cccc0003)"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.get_revisions("side@-3"), doctest::Contains("goes below base"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({"tail0005"}, "base-1"),
                       doctest::Contains("the graph has several heads: tail0005, dep00007"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({}, "dep00007-3"),
                       doctest::Contains("dep00007 has fewer than 3 revisions below it"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({}, "dep00007+1"),
                       doctest::Contains("dep00007 has fewer than 1 revisions above it"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({"dep00007"}, "dep00007+1"),
                       doctest::Contains("goes past the head"), InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({}, ""), doctest::Contains("empty revision target"), InputError);
  CHECK_THROWS_WITH_AS(g.downgrade({}, ""), doctest::Contains("empty revision target"), InputError);
  CHECK_THROWS_WITH_AS(g.revision_or_base(""), doctest::Contains("empty revision in range"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.resolve(""), doctest::Contains("empty revision id"), InputError);
  CHECK_THROWS_WITH_AS(g.upgrade({"gone0009"}, "head"),
                       doctest::Contains("unknown revision 'gone0009'"), InputError);
  CHECK_THROWS_WITH_AS(forked.parents_for_new_revision({"-9"}, false),
                       doctest::Contains("'-9' goes below base"), InputError);
  CHECK_THROWS_WITH_AS(g.check_new_labels({""}), doctest::Contains("must not be empty"),
                       InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("aaaa0001", {}, {}, {""})}),
                       doctest::Contains("has an empty branch label"), InputError);
  // LABEL@REV as a downgrade target keeps to the branch; a branch not above REV has nothing.
  Graph two({rev("root0001"), rev("aaaa0002", {"root0001"}, {}, {"a"}),
             rev("bbbb0003", {"root0001"}, {}, {"b"}), rev("cccc0004", {}, {}, {"c"})});
  CHECK_THROWS_WITH_AS(two.downgrade({"aaaa0002", "bbbb0003"}, "c@root0001"),
                       doctest::Contains("branch c does not build on root0001"), InputError);

  // History ranges: LABEL@REV keeps to the branch's heads; a start below base is refused.
  CHECK(ids(g.history(RE{"left@base0001", {}}, {})) ==
        V{"tail0005", "merg0004", "left0002", "rght0003", "base0001"});
  CHECK_THROWS_WITH_AS(g.history(RE{"base0001@base0001", {}}, {}),
                       doctest::Contains("is not on exactly one labelled branch"), InputError);
  CHECK_THROWS_WITH_AS(g.history(RE{"-9", {}}, {}), doctest::Contains("merg0004 is a merge"),
                       InputError);
}

TEST_CASE("targets: a history range Alembic cannot list still comes out newest first") {
  // From eeee0001 up, only aaaa0002 builds on it, and no head of the range
  // does: yyyy0004 reaches aaaa0002 through depends_on alone.
  Graph g({rev("eeee0001"), rev("aaaa0002", {"eeee0001"}), rev("xxxx0003"),
           rev("yyyy0004", {"xxxx0003"}, {"aaaa0002"})});
  CHECK(ids(g.history(Graph::RangeEnd{"eeee0001", {}}, {})) == V{"aaaa0002", "eeee0001"});
}
