#include <doctest/doctest.h>

#include "core/base/error.hpp"
#include "core/graph/graph.hpp"

using namespace migrate;

namespace {

Revision rev(const std::string& id, std::vector<std::string> down = {},
             std::vector<std::string> depends = {}) {
  Revision r;
  r.id = id;
  r.down_revisions = std::move(down);
  r.depends_on = std::move(depends);
  r.path = "versions/" + id + ".yaml";
  r.mark = SourceMark{r.path, 1, 1};
  return r;
}

std::vector<std::string> ids(const std::vector<Step>& steps) {
  std::vector<std::string> out;
  for (const auto& s : steps) out.push_back(s.revision->id);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("graph: a straight chain up, down and relative targets") {
  Graph g({rev("aaa1"), rev("bbb2", {"aaa1"}), rev("ccc3", {"bbb2"})});
  CHECK(g.heads().size() == 1);
  CHECK(g.heads()[0]->id == "ccc3");
  CHECK(ids(g.upgrade_steps({}, g.resolve_target("head", {}, Direction::up))) ==
        V{"aaa1", "bbb2", "ccc3"});
  CHECK(ids(g.upgrade_steps({"aaa1"}, {"ccc3"})) == V{"bbb2", "ccc3"});
  CHECK(ids(g.downgrade_steps({"ccc3"}, {})) == V{"ccc3", "bbb2", "aaa1"});
  CHECK(ids(g.downgrade_steps({"ccc3"}, {"aaa1"})) == V{"ccc3", "bbb2"});
  CHECK(g.resolve_target("-1", {"ccc3"}, Direction::down) == V{"bbb2"});
  CHECK(g.resolve_target("-3", {"ccc3"}, Direction::down).empty());  // base
  CHECK_THROWS_WITH_AS(g.resolve_target("-4", {"ccc3"}, Direction::down),
                       doctest::Contains("below base"), InputError);
  CHECK(g.resolve_target("+2", {}, Direction::up) == V{"bbb2"});
  CHECK(g.resolve_target("aaa1+1", {}, Direction::up) == V{"bbb2"});
  CHECK(g.resolve_target("ccc3-2", {}, Direction::down) == V{"aaa1"});
  CHECK(g.resolve_target("bb", {}, Direction::up) == V{"bbb2"});
  CHECK(g.upgrade_steps({"ccc3"}, {"ccc3"}).empty());
}

TEST_CASE("graph: version-table heads after each step") {
  Graph g({rev("a"), rev("b", {"a"}), rev("c", {"a"}), rev("m", {"b", "c"})});
  Step up_a{g.find("a"), Direction::up};
  CHECK(g.heads_after({}, up_a) == V{"a"});
  CHECK(g.heads_after({"a"}, {g.find("b"), Direction::up}) == V{"b"});
  CHECK(g.heads_after({"b"}, {g.find("c"), Direction::up}) == V{"b", "c"});
  CHECK(g.heads_after({"b", "c"}, {g.find("m"), Direction::up}) == V{"m"});
  CHECK(g.heads_after({"m"}, {g.find("m"), Direction::down}) == V{"b", "c"});
  CHECK(g.heads_after({"b", "c"}, {g.find("c"), Direction::down}) == V{"b"});  // a is below b
  CHECK(g.heads_after({"a"}, {g.find("a"), Direction::down}).empty());
}

TEST_CASE("graph: branches, merge and downgrade of one branch only") {
  Graph g({rev("a"), rev("b", {"a"}), rev("c", {"a"}), rev("m", {"b", "c"})});
  auto up = ids(g.upgrade_steps({}, {"m"}));
  CHECK(up == V{"a", "c", "b", "m"});  // Alembic's order
  // Standing at both branch heads, downgrading to b touches nothing: c does not build on b.
  CHECK(g.downgrade_steps({"b", "c"}, {"b"}).empty());
  CHECK(ids(g.downgrade_steps({"b", "c"}, {"a"})) == V{"b", "c"});
  // downgrade REV removes only REV's descendants: the other branch stays.
  CHECK(ids(g.downgrade_steps({"m"}, {"b"})) == V{"m"});
  CHECK_THROWS_WITH_AS(g.resolve_target("m-1", {}, Direction::down), doctest::Contains("merge"),
                       InputError);
  CHECK_THROWS_WITH_AS(g.downgrade_steps({"b"}, {"c"}), doctest::Contains("not applied"),
                       InputError);
}

TEST_CASE("graph: depends_on orders application without parenthood") {
  Graph g({rev("a"), rev("x"), rev("b", {"a"}, {"x"})});
  CHECK(ids(g.upgrade_steps({}, {"b"})) == V{"x", "a", "b"});
  // Downgrading x removes b, which depends on it.
  CHECK(ids(g.downgrade_steps({"b"}, {})) == V{"b", "a", "x"});
  auto desc = g.descendants("x");
  CHECK(desc == V{"b"});
}

TEST_CASE("graph: errors name the files") {
  CHECK_THROWS_WITH_AS(Graph({rev("a"), rev("a")}), doctest::Contains("duplicate revision id 'a'"),
                       InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("a"), rev("b", {"zzz"})}),
                       doctest::Contains("versions/b.yaml:1:1: revision b has down_revision 'zzz'"),
                       InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("a", {}, {"q"})}), doctest::Contains("depends_on 'q'"),
                       InputError);
  CHECK_THROWS_WITH_AS(Graph({rev("a", {"c"}), rev("b", {"a"}), rev("c", {"b"})}),
                       doctest::Contains("cycle"), InputError);
  Graph two_heads({rev("a"), rev("b", {"a"}), rev("c", {"a"})});
  CHECK_THROWS_WITH_AS(two_heads.resolve_target("head", {}, Direction::up),
                       doctest::Contains("several heads (b, c)"), InputError);
  Graph prefixes({rev("abc1"), rev("abc2", {"abc1"})});
  CHECK_THROWS_WITH_AS(prefixes.resolve("abc"),
                       doctest::Contains("ambiguous: it matches abc1, abc2"), InputError);
  CHECK_THROWS_WITH_AS(prefixes.resolve("zz"), doctest::Contains("no revision 'zz'"), InputError);
}

TEST_CASE("graph: a long chain is walked without recursion") {
  std::vector<Revision> revs{rev("r0")};
  for (int i = 1; i < 20000; ++i)
    revs.push_back(rev("r" + std::to_string(i), {"r" + std::to_string(i - 1)}));
  Graph g(std::move(revs));
  auto steps = g.upgrade_steps({}, {"r19999"});
  REQUIRE(steps.size() == 20000);
  CHECK(steps.front().revision->id == "r0");
  CHECK(steps.back().revision->id == "r19999");
}
