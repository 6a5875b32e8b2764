// database_url: ${VAR} with VAR unset: commands that never open the database
// run; the others fail with exit 2 naming migrate.yaml's line and VAR.
#include <filesystem>

#include "harness.hpp"

using namespace itest;
namespace fs = std::filesystem;

namespace {

// A variable no test environment sets.
const char* kVar = "MIGRATE_ITEST_UNSET_URL";

void project(const Project& p, const std::string& url) {
  p.write("migrate.yaml", "script_location: migrations\ndatabase_url: " + url + "\n");
  fs::create_directories(p.path("migrations/versions"));
  p.revision("aaaa00000001", "", "  - execute: \"CREATE TABLE t (x INTEGER)\"\n",
             "  - execute: \"DROP TABLE t\"\n");
}

bool names_line_and_variable(const Result& r) {
  return r.err.find("migrate.yaml:2:") != std::string::npos &&
         r.err.find(kVar) != std::string::npos;
}

}  // namespace

TEST_CASE("unset database_url variable: offline commands run, database commands exit 2") {
  Project p;
  project(p, std::string("${") + kVar + "}");

  auto heads = p.run({"heads"});
  CHECK(heads.code == 0);
  CHECK(heads.out.find("aaaa00000001") != std::string::npos);
  auto hash = p.run({"hash"});
  CHECK(hash.code == 0);
  CHECK(fs::exists(p.path("migrations/versions.sum")));
  auto history = p.run({"history"});
  CHECK(history.code == 0);
  CHECK(history.out.find("aaaa00000001") != std::string::npos);
  auto rev = p.run({"revision", "-m", "second"});
  CHECK(rev.code == 0);

  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 2);
  CHECK(names_line_and_variable(up));
  CHECK_FALSE(fs::exists(p.path("app.db")));
  auto current = p.run({"current"});
  CHECK(current.code == 2);
  CHECK(names_line_and_variable(current));
  // The whole URL, scheme included, is in the variable: no dialect for --sql.
  auto sql = p.run({"upgrade", "head", "--sql"});
  CHECK(sql.code == 2);
  CHECK(names_line_and_variable(sql));
  CHECK(sql.err.find("scheme") != std::string::npos);

  // Set, or replaced by --url, it works as before.
  CHECK(p.run({"upgrade", "head"}, {{kVar, "sqlite:///env.db"}}).code == 0);
  CHECK(query(p.path("env.db"), "SELECT version_num FROM migrate_version").size() == 1);
  CHECK(p.run({"--url", "sqlite:///flag.db", "upgrade", "head"}).code == 0);
  CHECK(fs::exists(p.path("flag.db")));
}

TEST_CASE("unset variable after the URL's scheme: upgrade --sql knows the dialect") {
  Project p;
  project(p, std::string("sqlite:///${") + kVar + "}.db");
  auto sql = p.run({"upgrade", "head", "--sql"});
  CHECK(sql.code == 0);
  CHECK(sql.out.find("CREATE TABLE t (x INTEGER)") != std::string::npos);
  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 2);
  CHECK(names_line_and_variable(up));
  CHECK(p.run({"upgrade", "head"}, {{kVar, "named"}}).code == 0);
  CHECK(fs::exists(p.path("named.db")));
}
