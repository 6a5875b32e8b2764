// The command line as a new user meets it: init, templates, revision, exit codes, messages.
#include <doctest/doctest.h>

#include <filesystem>

#include "harness.hpp"

using namespace itest;
namespace fs = std::filesystem;

TEST_CASE("init writes a project, refuses to overwrite, and the project works") {
  Project p;
  auto r = p.run({"init"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  for (const char* f :
       {"migrate.yaml", "schema.yaml", "migrations/script.yaml.tmpl", "migrations/README"})
    CHECK_MESSAGE(fs::exists(p.path(f)), f);
  CHECK(fs::is_directory(p.path("migrations/versions")));
  CHECK(p.read("migrate.yaml").find("script_location: migrations") != std::string::npos);

  std::string before = p.read("migrate.yaml");
  auto again = p.run({"init"});
  CHECK(again.code == 2);
  CHECK(again.err.find("refuses to overwrite") != std::string::npos);
  CHECK(p.read("migrate.yaml") == before);

  auto rev = p.run({"revision", "-m", "Create the users table!"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  auto files = std::vector<fs::path>();
  for (const auto& e : fs::directory_iterator(p.path("migrations/versions")))
    files.push_back(e.path());
  REQUIRE(files.size() == 1);
  CHECK(files[0].filename().string().find("_create_the_users_table.yaml") == 12);
  std::string first_id = files[0].filename().string().substr(0, 12);

  auto rev2 = p.run({"revision", "-m", "second", "--rev-id", "145589613528"});
  REQUIRE_MESSAGE(rev2.code == 0, rev2.err);
  std::string second = p.read("migrations/versions/145589613528_second.yaml");
  CHECK(second.find("revision: \"145589613528\"") != std::string::npos);
  CHECK(second.find("down_revision: \"" + first_id + "\"") != std::string::npos);

  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(p.run({"current"}).out == "145589613528 (head)\n");
  CHECK(fs::exists(p.path("app.db")));

  auto dup = p.run({"revision", "-m", "x", "--rev-id", "145589613528"});
  CHECK(dup.code == 2);
  CHECK(dup.err.find("already exists") != std::string::npos);
}

TEST_CASE("init into another folder with the multidb template; list-templates") {
  Project p;
  auto list = p.run({"list-templates"});
  CHECK(list.code == 0);
  CHECK(list.out.find("generic") != std::string::npos);
  CHECK(list.out.find("multidb") != std::string::npos);
  auto r = p.run({"init", "db", "--template", "multidb"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(fs::exists(p.path("db/main/script.yaml.tmpl")));
  CHECK(fs::is_directory(p.path("db/analytics/versions")));
  CHECK(p.run({"-c", "analytics.migrate.yaml", "revision", "-m", "events"}).code == 0);
  auto up = p.run({"upgrade", "head", "-c", "analytics.migrate.yaml"});
  CHECK(up.code == 0);
  CHECK(fs::exists(p.path("analytics.db")));
  auto bad = p.run({"init", "x", "--template", "nope"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("unknown template 'nope'") != std::string::npos);
}

TEST_CASE("configuration: -c, $MIGRATE_CONFIG, --url override, ${VAR} defaults") {
  Project p;
  p.write("conf/other.yaml",
          "script_location: ../m\ndatabase_url: ${APP_DB:-sqlite:///default.db}\n");
  fs::create_directories(p.path("m/versions"));
  p.revision("aaaa00000001", "", "  - execute: \"CREATE TABLE t (x INTEGER)\"\n",
             "  - execute: \"DROP TABLE t\"\n");
  fs::rename(p.path("migrations/versions/aaaa00000001.yaml"),
             p.path("m/versions/aaaa00000001.yaml"));
  CHECK(p.run({"upgrade", "head", "-c", "conf/other.yaml"}).code == 0);
  CHECK(fs::exists(p.path("default.db")));
  CHECK(p.run({"upgrade", "head"},
              {{"MIGRATE_CONFIG", "conf/other.yaml"}, {"APP_DB", "sqlite:///env.db"}})
            .code == 0);
  CHECK(fs::exists(p.path("env.db")));
  CHECK(p.run({"--url", "sqlite:///flag.db", "-c", "conf/other.yaml", "upgrade", "head"}).code ==
        0);
  CHECK(query(p.path("flag.db"), "SELECT version_num FROM migrate_version") ==
        std::vector<std::string>{"aaaa00000001"});
}

TEST_CASE("exit codes and one clear sentence on stderr") {
  Project p;
  auto no_cfg = p.run({"current"});
  CHECK(no_cfg.code == 2);
  CHECK(no_cfg.err.find("migrate.yaml") != std::string::npos);
  CHECK(no_cfg.err.find("migrate init") != std::string::npos);

  CHECK(p.run({"frobnicate"}).code == 2);
  CHECK(p.run({}).code == 2);
  CHECK(p.run({"--help"}).code == 0);

  p.init_sqlite("databse_url: oops\n");
  auto typo = p.run({"current"});
  CHECK(typo.code == 2);
  CHECK(typo.err.find("migrate.yaml:3:1: unknown key 'databse_url'") != std::string::npos);

  p.init_sqlite();
  p.revision("aaaa00000001", "", "  - execute: \"SELECT 1\"\n", "");
  auto unknown = p.run({"upgrade", "zzz"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("no revision 'zzz'") != std::string::npos);

  p.write(
      "migrations/versions/broken.yaml",
      "revision: \"b1\"\ndown_revision: \"aaaa00000001\"\nupgrade:\n  - add_colum: {table: t}\n");
  auto broken = p.run({"upgrade", "head"});
  CHECK(broken.code == 2);
  CHECK(broken.err.find("broken.yaml:4:") != std::string::npos);
  CHECK(broken.err.find("add_colum") != std::string::npos);
  fs::remove(p.path("migrations/versions/broken.yaml"));

  fs::create_directories(p.path("ro"));
  auto dberr = p.run({"--url", "sqlite:///no/such/dir/x.db", "upgrade", "head"});
  CHECK(dberr.code == 3);
  CHECK(dberr.err.find("no/such/dir/x.db") != std::string::npos);
}

TEST_CASE("passwords never reach the output") {
  Project p;
  p.init_sqlite();
  auto r = p.run({"--url", "postgresql://alice:TopSecret42@127.0.0.1:1/db", "current", "-v"});
  CHECK(r.code != 0);
  CHECK(r.out.find("TopSecret42") == std::string::npos);
  CHECK(r.err.find("TopSecret42") == std::string::npos);
  auto bad = p.run({"--url", "postgresql://alice:TopSecret42@host:port/db", "current"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("TopSecret42") == std::string::npos);
}

TEST_CASE("the blog example migrates up and down") {
  Project p;
  fs::copy(fs::path(MIGRATE_SOURCE_DIR) / "examples/blog", p.dir(), fs::copy_options::recursive);
  fs::remove(p.path("blog.db"));
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  // It ships its versions.sum, current: README's command one warns of nothing.
  CHECK(fs::exists(p.path("migrations/versions.sum")));
  CHECK_FALSE(contains(up.err, "warning"));
  CHECK(p.run({"heads", "--strict-sum"}).code == 0);
  CHECK(
      query(p.path("blog.db"),
            "SELECT u.name, p.title FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id") ==
      std::vector<std::string>{"Ada Lovelace|Notes on the Analytical Engine",
                               "Linus Torvalds|Just a hobby, won't be big"});
  CHECK(p.run({"downgrade", "base"}).code == 0);
  CHECK(query(p.path("blog.db"),
              "SELECT count(*) FROM sqlite_schema WHERE name IN ('users','posts')") ==
        std::vector<std::string>{"0"});
}

TEST_CASE("-x KEY=VALUE reaches the revision template") {
  Project p;
  p.init_sqlite();
  p.write("migrations/script.yaml.tmpl",
          "# ticket: ${x.ticket}\nrevision: ${revision}\ndown_revision: ${down_revision}\n"
          "message: ${message}\nupgrade:${upgrade}\ndowngrade:${downgrade}\n");
  auto r = p.run({"revision", "-m", "with ticket", "--rev-id", "abc", "-x", "ticket=OPS-42"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(p.read("migrations/versions/abc_with_ticket.yaml").find("# ticket: OPS-42") == 0);
  auto bad = p.run({"revision", "-m", "x", "-x", "novalue"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("KEY=VALUE") != std::string::npos);
}
