// migrations/versions.sum through the CLI: written by init, revision, merge
// and hash; checked by every command that reads revision files, which warn
// and go on when it is stale (validate, lint and strict mode refuse); a
// conflict in git when two branches each add a revision; silent when a
// project has none. The everyday flows are sum_flows.cpp, run here on SQLite.
#include <doctest/doctest.h>

#include <filesystem>
#include <iterator>
#include <sstream>

#include "harness.hpp"
#include "sum_flows.hpp"

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

// Every command that reads revision files warns once, naming what differs, and goes on.
void every_command_warns(const Project& p, const std::string& what) {
  const std::vector<std::vector<std::string>> commands{{"heads"},
                                                       {"history"},
                                                       {"branches"},
                                                       {"show", "heads"},
                                                       {"current"},
                                                       {"upgrade", "heads"},
                                                       {"upgrade", "base:heads", "--sql"},
                                                       {"downgrade", "base"},
                                                       {"stamp", "heads"},
                                                       {"check"}};
  for (const auto& args : commands) {
    CAPTURE(args[0]);
    auto r = p.run(args);
    CHECK_MESSAGE(r.code == 0, r.err);
    CHECK(sum_warnings(r.err) == 1);
    CHECK(warnings(r.err) == 1);
    CHECK(contains(r.err, "warning: migrations/versions.sum is out of date (" + what +
                              "): run `migrate hash`"));
  }
}

}  // namespace

TEST_CASE("versions.sum: revision writes it; edits, additions and removals are reported") {
  Project p;
  p.init_sqlite();
  p.write("schema.yaml", "tables: {}\n");
  new_revision(p, "aaaa00000001", "first");
  REQUIRE(fs::exists(p.path("migrations/versions.sum")));
  auto sum1 = lines(p.read("migrations/versions.sum"));
  REQUIRE(sum1.size() == 2);
  CHECK(sum1[0].rfind("h2:", 0) == 0);
  CHECK(sum1[1].rfind("versions/aaaa00000001_first.yaml h2:", 0) == 0);

  new_revision(p, "bbbb00000002", "second");
  auto sum2 = lines(p.read("migrations/versions.sum"));
  REQUIRE(sum2.size() == 3);
  CHECK(sum2[1] == sum1[1]);  // what came before is unchanged
  CHECK(sum2[0] != sum1[0]);
  CHECK(sum2[2].rfind("versions/bbbb00000002_second.yaml h2:", 0) == 0);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(up.err.find("versions.sum") == std::string::npos);

  SUBCASE("an edited file") {
    const std::string file = "migrations/versions/aaaa00000001_first.yaml";
    p.write(file, p.read(file) + "# edited\n");
    every_command_warns(p, "changed: versions/aaaa00000001_first.yaml");
    // Nothing was written to it meanwhile.
    CHECK(lines(p.read("migrations/versions.sum")) == sum2);
    auto hash = p.run({"hash"});
    REQUIRE_MESSAGE(hash.code == 0, hash.err);
    CHECK(hash.out == "Wrote migrations/versions.sum (2 revision files)\n");
    auto after = lines(p.read("migrations/versions.sum"));
    CHECK(after[1] != sum2[1]);
    CHECK(after[2] == sum2[2]);  // a line stands for its own file alone
    auto heads = p.run({"heads"});
    CHECK(heads.code == 0);
    CHECK(heads.err.empty());
  }
  SUBCASE("a file added by hand") {
    p.revision("cccc00000003", "bbbb00000002", create("c"), "  - drop_table: {table: c}\n");
    every_command_warns(p, "added: versions/cccc00000003.yaml");
    REQUIRE(p.run({"hash"}).code == 0);
    CHECK(lines(p.read("migrations/versions.sum")).size() == 4);
    CHECK(warnings(p.run({"upgrade", "head"}).err) == 0);
  }
  SUBCASE("a file removed") {
    fs::remove(p.path("migrations/versions/bbbb00000002_second.yaml"));
    auto r = p.run({"heads"});
    CHECK(r.code == 0);
    CHECK(r.out == "aaaa00000001 (head)\n");
    CHECK(sum_warnings(r.err) == 1);
    CHECK(contains(r.err, "(removed: versions/bbbb00000002_second.yaml)"));
    REQUIRE(p.run({"hash"}).code == 0);
    CHECK(p.run({"heads"}).err.empty());
  }
  SUBCASE("several files at once, every one named") {
    const std::string first = "migrations/versions/aaaa00000001_first.yaml";
    const std::string second = "migrations/versions/bbbb00000002_second.yaml";
    p.write(first, p.read(first) + "# edited\n");
    p.write(second, p.read(second) + "# edited\n");
    p.revision("cccc00000003", "bbbb00000002", create("c"), "  - drop_table: {table: c}\n");
    auto r = p.run({"heads"});
    CHECK(r.code == 0);
    CHECK(sum_warnings(r.err) == 1);
    CHECK(contains(r.err,
                   "(changed: versions/aaaa00000001_first.yaml, versions/bbbb00000002_second.yaml; "
                   "added: versions/cccc00000003.yaml)"));
  }
  SUBCASE("the sum itself edited or broken") {
    auto text = p.read("migrations/versions.sum");
    p.write("migrations/versions.sum", "h2:AAAA" + text.substr(7));
    auto r = p.run({"heads"});
    CHECK(r.code == 0);
    CHECK(sum_warnings(r.err) == 1);
    CHECK(contains(r.err, "(its first line does not match the lines below it)"));
    CHECK(p.run({"heads", "--strict-sum"}).code == 1);
    p.write("migrations/versions.sum", "h2:AAAA\nversions/aaaa00000001_first.yaml sha:x\n");
    r = p.run({"heads"});
    CHECK(r.code == 0);
    CHECK(sum_warnings(r.err) == 1);
    CHECK(contains(r.err, "warning: migrations/versions.sum:2: expected h2:<base64 hash>"));
    // Unreadable is bad input where the sum must hold: exit 2, as for any malformed file.
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"heads", "--strict-sum"}, {"validate"}, {"lint"}}) {
      CAPTURE(args[0]);
      r = p.run(args);
      CHECK(r.code == 2);
      CHECK(contains(r.err, "error: migrations/versions.sum:2: expected h2:<base64 hash>"));
    }
    // revision leaves a sum it cannot read to `migrate hash`.
    const std::string broken = p.read("migrations/versions.sum");
    new_revision(p, "cccc00000003", "third");
    CHECK(p.read("migrations/versions.sum") == broken);
    REQUIRE(p.run({"hash"}).code == 0);
    CHECK(p.run({"heads"}).err.empty());
  }
  SUBCASE("a sum written by an older migrate (chained h1 hashes)") {
    p.write("migrations/versions.sum",
            "h1:zKS/nGZq0gxAD6lN8WV4OrG5LnG53Z44wxrJR2Pk+u8=\n"
            "versions/aaaa00000001_first.yaml h1:BE4WRqQHaQ2ydv+YsPCE1WpiVTxgRfQY19CYxLmGunU=\n"
            "versions/bbbb00000002_second.yaml h1:G3wDmo+iL+SnYN/AOUDbbzMQe5GQMUZN/6c3d1rbCo4=\n");
    auto r = p.run({"upgrade", "head"});
    CHECK(r.code == 0);
    CHECK(sum_warnings(r.err) == 1);
    CHECK(contains(r.err, "migrations/versions.sum:1: written by an older migrate"));
    CHECK(contains(r.err, "run `migrate hash`"));
    REQUIRE(p.run({"hash"}).code == 0);
    auto after = p.run({"upgrade", "head"});
    CHECK(after.code == 0);
    CHECK(warnings(after.err) == 0);
  }
  SUBCASE("-q says nothing; --strict-sum refuses with the same list") {
    const std::string file = "migrations/versions/bbbb00000002_second.yaml";
    p.write(file, p.read(file) + "# edited\n");
    auto quiet = p.run({"-q", "heads"});
    CHECK(quiet.code == 0);
    CHECK(quiet.err.empty());
    auto strict = p.run({"upgrade", "head", "--strict-sum"});
    CHECK(strict.code == 1);
    CHECK(strict.err ==
          "error: migrations/versions.sum is out of date (changed: "
          "versions/bbbb00000002_second.yaml): run `migrate hash` if the change was intended, "
          "otherwise undo it (e.g. `git checkout`)\n");
  }
}

TEST_CASE("versions.sum: the flows of the Alembic inner loop, on SQLite") {
  SUBCASE("edit a revision not yet applied") {
    flow_edit_unapplied_revision("sqlite:///app.db");
  }
  SUBCASE("drop a hand-written file into versions/") {
    flow_hand_written_file("sqlite:///app.db");
  }
  SUBCASE("delete a generated revision never applied") {
    flow_delete_unapplied_revision("sqlite:///app.db");
  }
  SUBCASE("copy in a branch's revisions") {
    flow_copy_branch_revisions("sqlite:///app.db");
  }
}

TEST_CASE("versions.sum: `sum:` in migrate.yaml is warn or strict") {
  Project p;
  p.init_sqlite("sum: warn\n");
  new_revision(p, "aaaa00000001", "first");
  const std::string file = "migrations/versions/aaaa00000001_first.yaml";
  p.write(file, p.read(file) + "# edited\n");
  auto warn = p.run({"heads"});
  CHECK(warn.code == 0);
  CHECK(sum_warnings(warn.err) == 1);
  p.init_sqlite("sum: strict\n");
  auto strict = p.run({"heads"});
  CHECK(strict.code == 1);
  CHECK(contains(strict.err,
                 "error: migrations/versions.sum is out of date (changed: "
                 "versions/aaaa00000001_first.yaml)"));
  // `migrate hash` is how a strict project records an intended edit.
  REQUIRE(p.run({"hash"}).code == 0);
  CHECK(p.run({"heads"}).code == 0);
  p.init_sqlite("sum: loose\n");
  auto bad = p.run({"heads"});
  CHECK(bad.code == 2);
  CHECK(contains(bad.err, "error: migrate.yaml:3:6: `sum` must be warn or strict, not 'loose'"));
}

TEST_CASE("versions.sum: init writes an empty one; hash speaks JSON; merge updates it") {
  Project p;
  auto init = p.run({"init", "migrations"});
  REQUIRE_MESSAGE(init.code == 0, init.err);
  CHECK(contains(init.out, "Generating migrations/versions.sum ... done"));
  CHECK(p.read("migrations/versions.sum") == "h2:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
  CHECK(p.run({"heads"}).code == 0);

  new_revision(p, "aaaa00000001", "base");
  new_revision(p, "a11ce0000002", "alice");
  new_revision(p, "b0b000000003", "bob", {"--head", "aaaa00000001", "--splice"});
  auto merge = p.run({"merge", "heads", "-m", "join", "--rev-id", "face00000004"});
  REQUIRE_MESSAGE(merge.code == 0, merge.err);
  auto sum = lines(p.read("migrations/versions.sum"));
  REQUIRE(sum.size() == 5);
  CHECK(sum[4].rfind("versions/face00000004_join.yaml h2:", 0) == 0);

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
  // The graph commands go on, saying so once; strict mode refuses, as for any malformed file.
  auto heads = p.run({"heads"});
  CHECK(heads.code == 0);
  CHECK(heads.out == "a11ce0000002 (head)\nb0b000000003 (head)\n");
  CHECK(sum_warnings(heads.err) == 1);
  CHECK(contains(heads.err, "warning: migrations/versions.sum:1: git conflict markers"));
  CHECK(p.run({"heads", "--strict-sum"}).code == 2);
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
  CHECK(sum[1].rfind("../modules/billing/b111000000002_billing.yaml h2:", 0) == 0);
  CHECK(sum[2].rfind("versions/aaaa00000001_base.yaml h2:", 0) == 0);
  const std::string file = "modules/billing/b111000000002_billing.yaml";
  p.write(file, p.read(file) + "\n");
  auto r = p.run({"heads"});
  CHECK(r.code == 0);
  CHECK(sum_warnings(r.err) == 1);
  CHECK(contains(r.err, "(changed: ../modules/billing/b111000000002_billing.yaml)"));
}

TEST_CASE("versions.sum: revision --autogenerate on a stale sum adds its own file, warns once") {
  Project p;
  p.init_sqlite();
  p.write("schema.yaml", "tables: {}\n");
  new_revision(p, "aaaa00000001", "first");
  const std::string file = "migrations/versions/aaaa00000001_first.yaml";
  p.write(file, p.read(file) + "# edited\n");
  p.write("schema.yaml",
          "tables:\n  notes:\n    columns:\n      - {name: id, type: integer, primary_key: "
          "true}\n");
  auto gen = p.run({"revision", "--autogenerate", "-m", "notes", "--rev-id", "bbbb00000002",
                    "--dev-url", "sqlite://"});
  REQUIRE_MESSAGE(gen.code == 0, gen.err);
  CHECK(sum_warnings(gen.err) == 1);
  CHECK(warnings(gen.err) == 1);
  CHECK(contains(gen.err, "(changed: versions/aaaa00000001_first.yaml)"));
  CHECK(contains(p.read("migrations/versions/bbbb00000002_notes.yaml"), "create_table"));
  // Its line is in the sum; the edited file is still the only one reported.
  auto heads = p.run({"heads"});
  CHECK(heads.out == "bbbb00000002 (head)\n");
  CHECK(sum_warnings(heads.err) == 1);
  CHECK(contains(heads.err, "(changed: versions/aaaa00000001_first.yaml)"));
  REQUIRE(p.run({"hash"}).code == 0);
  CHECK(p.run({"check", "--dev-url", "sqlite://"}).code == 0);
}
