// `migrate lint` as a user runs it: exit codes, the three output formats,
// migrate.yaml's levels, the default range (what the database lacks),
// --git-base, and the findings docs/lint.md promises for examples/blog.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.hpp"

using itest::Project;
using V = std::vector<std::string>;

namespace {

void two_revisions(const Project& p, const std::string& config = "") {
  p.init_sqlite(config);
  p.revision("a1", "",
             "  - create_table: {table: t, columns: [{name: id, type: integer}, {name: n, type: "
             "text}]}\n",
             "  - drop_table: {table: t}\n");
  p.revision("b2", "a1", "  - drop_column: {table: t, column: n}\n",
             "  - add_column: {table: t, column: {name: n, type: text}}\n");
}

// The block after `<!-- lint-example NAME -->` in docs/lint.md.
std::string doc_example(const std::string& name) {
  std::ifstream in(std::string(MIGRATE_SOURCE_DIR) + "/docs/lint.md");
  std::stringstream all;
  all << in.rdbuf();
  std::string text = all.str();
  auto at = text.find("<!-- lint-example " + name + " -->");
  REQUIRE(at != std::string::npos);
  auto start = text.find("```\n", at) + 4;
  return text.substr(start, text.find("```", start) - start);
}

}  // namespace

TEST_CASE("lint: findings, exit codes and formats") {
  Project p;
  two_revisions(p);
  auto r = p.run({"lint", "base:heads"});
  CHECK(r.code == 1);  // DS102 is an error
  CHECK(r.out ==
        "migrations/versions/b2.yaml:5: error DS102: drop_column t.n deletes the column's "
        "data\n");
  auto gh = p.run({"lint", "base:heads", "--format", "github"});
  CHECK(gh.out ==
        "::error file=migrations/versions/b2.yaml,line=5,title=DS102::DS102: "
        "drop_column t.n deletes the column's data\n");
  auto js = p.run({"lint", "base:heads", "--format", "json"});
  CHECK(js.out.find("\"code\": \"DS102\"") != std::string::npos);
  CHECK(js.out.find("\"line\": 5") != std::string::npos);
  CHECK(js.out.find("\"revisions\": 2") != std::string::npos);
  // Only a1: nothing to say.
  auto one = p.run({"lint", "a1"});
  CHECK(one.code == 0);
  CHECK(one.out.empty());

  // By default: what the database has not applied yet.
  REQUIRE(p.run({"upgrade", "b2"}).code == 0);
  auto none = p.run({"lint"});
  CHECK(none.code == 0);
  CHECK(none.err.find("0 revision(s) linted") != std::string::npos);
  REQUIRE(p.run({"downgrade", "a1"}).code == 0);
  CHECK(p.run({"lint"}).code == 1);
}

TEST_CASE("lint: migrate.yaml levels, and bad ones") {
  Project p;
  two_revisions(p, "lint:\n  DS102: warning\n");
  auto r = p.run({"lint", "base:heads"});
  CHECK(r.code == 0);
  CHECK(r.out.find("warning DS102") != std::string::npos);

  Project q;
  two_revisions(q, "lint:\n  DS102: loud\n");
  auto bad = q.run({"lint", "base:heads"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("migrate.yaml:") != std::string::npos);
  CHECK(bad.err.find("off, warning or error") != std::string::npos);
  Project u;
  two_revisions(u, "lint:\n  XX1: error\n");
  CHECK(u.run({"lint", "base:heads"}).code == 2);
}

TEST_CASE("lint: --git-base lints the revision files added since a commit") {
  Project p;
  two_revisions(p);
  std::filesystem::remove(p.path("migrations/versions/b2.yaml"));
  auto git = p.sh(
      "git init -q . && git -c user.email=t@t -c user.name=t add -A && git -c user.email=t@t -c "
      "user.name=t commit -qm base");
  REQUIRE_MESSAGE(git.code == 0, git.err);
  p.revision("b2", "a1", "  - drop_column: {table: t, column: n}\n",
             "  - add_column: {table: t, column: {name: n, type: text}}\n");
  auto r = p.run({"lint", "--git-base", "HEAD"});
  CHECK(r.code == 1);
  CHECK(r.err.find("1 revision(s) linted") != std::string::npos);
  CHECK(r.out.find("b2.yaml:5: error DS102") != std::string::npos);
  auto bad = p.run({"lint", "--git-base", "no-such-ref"});
  CHECK(bad.code == 2);
}

TEST_CASE("lint: examples/blog gives what docs/lint.md says") {
  Project p;
  p.sh("cp -r '" + std::string(MIGRATE_SOURCE_DIR) + "/examples/blog/.' . && rm -f *.db *.lock");
  auto sqlite = p.run({"lint", "base:heads"});
  CHECK(sqlite.code == 0);
  CHECK(sqlite.out == doc_example("sqlite"));
  auto pg = p.run({"--url", "postgresql://localhost/blog", "lint", "base:heads"});
  CHECK(pg.code == 0);
  CHECK(pg.out == doc_example("postgresql"));
}
