// migrations/versions.sum through the CLI: written by init, revision, merge
// and hash; checked by every command that reads revision files; a conflict in
// git when two branches each add a revision; silent when a project has none.
#include <doctest/doctest.h>

#include <filesystem>
#include <iterator>
#include <sstream>

#include "harness.hpp"

using namespace itest;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string create(const std::string& table) {
  return "  - create_table:\n      table: " + table +
         "\n      columns:\n        - {name: id, type: integer, primary_key: true}\n";
}

void new_revision(const Project& p, const std::string& id, const std::string& message,
                  const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"revision", "-m", message, "--rev-id", id};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = p.run(args);
  REQUIRE_MESSAGE(r.code == 0, r.err);
}

// Every command that reads revision files refuses, naming what differs.
void every_command_refuses(const Project& p, const std::string& what) {
  const std::vector<std::vector<std::string>> commands{{"heads"},
                                                       {"history"},
                                                       {"branches"},
                                                       {"show", "heads"},
                                                       {"current"},
                                                       {"upgrade", "heads"},
                                                       {"downgrade", "base"},
                                                       {"stamp", "heads"},
                                                       {"check"},
                                                       {"revision", "-m", "x"},
                                                       {"merge", "heads", "-m", "x"}};
  for (const auto& args : commands) {
    CAPTURE(args[0]);
    auto r = p.run(args);
    CHECK(r.code == 2);
    CHECK(contains(r.err, "migrations/versions.sum does not match the revision files: " + what));
    CHECK(contains(r.err, "run `migrate hash`"));
  }
}

}  // namespace

TEST_CASE("versions.sum: revision writes it; edits, additions and removals are caught") {
  Project p;
  p.init_sqlite();
  p.write("schema.yaml", "tables: []\n");
  new_revision(p, "aaaa00000001", "first");
  REQUIRE(fs::exists(p.path("migrations/versions.sum")));
  auto sum1 = lines(p.read("migrations/versions.sum"));
  REQUIRE(sum1.size() == 2);
  CHECK(sum1[0].rfind("h1:", 0) == 0);
  CHECK(sum1[1].rfind("versions/aaaa00000001_first.yaml h1:", 0) == 0);

  new_revision(p, "bbbb00000002", "second");
  auto sum2 = lines(p.read("migrations/versions.sum"));
  REQUIRE(sum2.size() == 3);
  CHECK(sum2[1] == sum1[1]);  // what came before is unchanged
  CHECK(sum2[0] != sum1[0]);
  CHECK(sum2[2].rfind("versions/bbbb00000002_second.yaml h1:", 0) == 0);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(up.err.find("versions.sum") == std::string::npos);

  SUBCASE("an edited file") {
    const std::string file = "migrations/versions/aaaa00000001_first.yaml";
    p.write(file, p.read(file) + "# edited\n");
    every_command_refuses(p, "versions/aaaa00000001_first.yaml was changed");
    // Nothing was written while it refused.
    CHECK(lines(p.read("migrations/versions.sum")) == sum2);
    auto files = fs::directory_iterator(p.path("migrations/versions"));
    CHECK(std::distance(fs::begin(files), fs::end(files)) == 2);
    auto hash = p.run({"hash"});
    REQUIRE_MESSAGE(hash.code == 0, hash.err);
    CHECK(hash.out == "Wrote migrations/versions.sum (2 revision files)\n");
    auto after = lines(p.read("migrations/versions.sum"));
    CHECK(after[1] != sum2[1]);
    CHECK(p.run({"heads"}).code == 0);
  }
  SUBCASE("a file added by hand") {
    p.revision("cccc00000003", "bbbb00000002", create("c"), "  - drop_table: {table: c}\n");
    every_command_refuses(p, "versions/cccc00000003.yaml was added");
    REQUIRE(p.run({"hash"}).code == 0);
    CHECK(lines(p.read("migrations/versions.sum")).size() == 4);
    CHECK(p.run({"upgrade", "head"}).code == 0);
  }
  SUBCASE("a file removed") {
    fs::remove(p.path("migrations/versions/bbbb00000002_second.yaml"));
    auto r = p.run({"heads"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "versions/bbbb00000002_second.yaml was removed"));
    REQUIRE(p.run({"hash"}).code == 0);
    CHECK(p.run({"heads"}).out == "aaaa00000001 (head)\n");
  }
  SUBCASE("the sum itself edited or broken") {
    auto text = p.read("migrations/versions.sum");
    p.write("migrations/versions.sum", "h1:AAAA" + text.substr(7));
    auto r = p.run({"heads"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "its first line does not match the lines below it"));
    p.write("migrations/versions.sum", "h1:AAAA\nversions/aaaa00000001_first.yaml sha:x\n");
    r = p.run({"heads"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "migrations/versions.sum:2: expected h1:<base64 hash>"));
    REQUIRE(p.run({"hash"}).code == 0);
    CHECK(p.run({"heads"}).code == 0);
  }
}

TEST_CASE("versions.sum: init writes an empty one; hash speaks JSON; merge updates it") {
  Project p;
  auto init = p.run({"init", "migrations"});
  REQUIRE_MESSAGE(init.code == 0, init.err);
  CHECK(contains(init.out, "Generating migrations/versions.sum ... done"));
  CHECK(p.read("migrations/versions.sum") == "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
  CHECK(p.run({"heads"}).code == 0);

  new_revision(p, "aaaa00000001", "base");
  new_revision(p, "a11ce0000002", "alice");
  new_revision(p, "b0b000000003", "bob", {"--head", "aaaa00000001", "--splice"});
  auto merge = p.run({"merge", "heads", "-m", "join", "--rev-id", "face00000004"});
  REQUIRE_MESSAGE(merge.code == 0, merge.err);
  auto sum = lines(p.read("migrations/versions.sum"));
  REQUIRE(sum.size() == 5);
  CHECK(sum[4].rfind("versions/face00000004_join.yaml h1:", 0) == 0);

  auto json = p.run({"hash", "--format", "json"});
  REQUIRE_MESSAGE(json.code == 0, json.err);
  CHECK(contains(json.out, "\"files\": 4"));
  CHECK(contains(json.out, "\"sum\": \"" + sum[0] + "\""));
  CHECK(contains(json.out, "\"sum_file\": \"migrations/versions.sum\""));
}

TEST_CASE("versions.sum: two branches each adding a revision conflict in git") {
  Project p;
  if (p.sh("git --version").code != 0) return;  // git is in scripts/install-deps.sh
  REQUIRE(p.run({"init", "migrations"}).code == 0);
  new_revision(p, "0aaa00000001", "base");
  const std::string git = "git -c user.name=t -c user.email=t@example.com ";
  REQUIRE(p.sh(git + "init -q -b main && " + git + "add -A && " + git + "commit -qm base").code ==
          0);
  const auto base = lines(p.read("migrations/versions.sum"));

  REQUIRE(p.sh(git + "checkout -qb alice").code == 0);
  new_revision(p, "a11ce0000002", "alice");
  const auto alice = lines(p.read("migrations/versions.sum"));
  REQUIRE(p.sh(git + "add -A && " + git + "commit -qm alice && " + git + "checkout -q main").code ==
          0);
  new_revision(p, "b0b000000003", "bob");
  const auto bob = lines(p.read("migrations/versions.sum"));
  REQUIRE(p.sh(git + "add -A && " + git + "commit -qm bob").code == 0);

  // The base sorts first: both change the first line and add a line after the same one: git's
  // conflict shape.
  REQUIRE(alice.size() == 3);
  REQUIRE(bob.size() == 3);
  CHECK(alice[0] != base[0]);
  CHECK(bob[0] != base[0]);
  CHECK(alice[0] != bob[0]);
  CHECK(alice[1] == base[1]);
  CHECK(bob[1] == base[1]);
  CHECK(alice[2] != bob[2]);

  auto merged = p.sh(git + "merge -q alice");
  CHECK(merged.code != 0);
  CHECK(contains(merged.out + merged.err,
                 "CONFLICT (content): Merge conflict in migrations/versions.sum"));
  auto heads = p.run({"heads"});
  CHECK(heads.code == 2);
  CHECK(contains(heads.err, "migrations/versions.sum:1: git conflict markers"));
  // The way out: hash the files of both branches, then join the heads.
  REQUIRE(p.run({"hash"}).code == 0);
  CHECK(p.run({"heads"}).out == "a11ce0000002 (head)\nb0b000000003 (head)\n");
  REQUIRE(p.run({"merge", "heads", "-m", "join"}).code == 0);
  CHECK(lines(p.read("migrations/versions.sum")).size() == 5);
}

TEST_CASE("versions.sum: a project without one works and says nothing") {
  Project p;
  p.init_sqlite();
  p.revision("aaaa00000001", "", create("a"), "  - drop_table: {table: a}\n");
  auto heads = p.run({"heads"});
  CHECK(heads.code == 0);
  CHECK(heads.err.empty());
  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 0);
  CHECK_FALSE(contains(up.err, "versions.sum"));
  CHECK_FALSE(fs::exists(p.path("migrations/versions.sum")));
  CHECK(contains(p.run({"heads", "-v"}).err, "no migrations/versions.sum"));
  // Its next revision starts one.
  new_revision(p, "bbbb00000002", "next");
  CHECK(lines(p.read("migrations/versions.sum")).size() == 3);
}

TEST_CASE("versions.sum: files of every version location, named from the sum's folder") {
  Project p;
  p.init_sqlite("version_locations: [migrations/versions, modules/billing]\n");
  new_revision(p, "aaaa00000001", "base", {"--version-path", "migrations/versions"});
  new_revision(
      p, "b111000000002", "billing",
      {"--version-path", "modules/billing", "--head", "base", "--branch-label", "billing"});
  auto sum = lines(p.read("migrations/versions.sum"));
  REQUIRE(sum.size() == 3);
  CHECK(sum[1].rfind("../modules/billing/b111000000002_billing.yaml h1:", 0) == 0);
  CHECK(sum[2].rfind("versions/aaaa00000001_base.yaml h1:", 0) == 0);
  const std::string file = "modules/billing/b111000000002_billing.yaml";
  p.write(file, p.read(file) + "\n");
  auto r = p.run({"heads"});
  CHECK(r.code == 2);
  CHECK(contains(r.err, "../modules/billing/b111000000002_billing.yaml was changed"));
}
