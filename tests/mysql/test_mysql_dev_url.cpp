// --dev-url on the MariaDB test server: check, revision --autogenerate and
// diff replay the revisions in a scratch database, which is gone afterwards
// whether the replay worked or not; database_url is never used.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../integration/harness.hpp"
#include "my_support.hpp"

using itest::contains;
using itest::Project;
using V = std::vector<std::string>;

namespace {

const char* kModel = R"y(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: varchar(100), nullable: false}
)y";

// Scratch databases left on the server (any test's, so the count must be 0).
V leftovers(const mytest::Database& db) {
  return db.query(
      "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE "
      "'migrate\\_dev\\_%'");
}

std::string password_of(const std::string& url) {
  auto colon = url.find(':', url.find("://") + 3);
  return url.substr(colon + 1, url.find('@') - colon - 1);
}

}  // namespace

TEST_CASE("mysql dev-url: check fails without the revision, passes with it, leaves nothing") {
  mytest::Database probe;
  Project p;
  // A database_url nothing listens on: any connection to it would fail the command.
  p.init_url("mysql://nobody@127.0.0.1:9/never");
  p.write("schema.yaml", kModel);
  const std::string dev = mytest::server_url();

  auto first = p.run({"check", "--dev-url", dev});
  CHECK_MESSAGE(first.code == 1, first.err);
  CHECK(first.out == "create_table users\n");
  CHECK_FALSE(contains(first.err, password_of(dev)));
  CHECK(leftovers(probe).empty());

  auto rev =
      p.run({"revision", "--autogenerate", "--dev-url", dev, "-m", "users", "--rev-id", "r1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  auto ok = p.run({"check", "--dev-url", dev});
  CHECK_MESSAGE(ok.code == 0, ok.err);
  CHECK(contains(ok.out, "No differences"));

  p.write("schema.yaml", std::string(kModel) + "      - {name: bio, type: text}\n");
  CHECK(p.run({"check", "--dev-url", dev}).code == 1);
  auto d = p.run({"diff", "--dev-url", dev});
  CHECK(d.code == 0);
  CHECK(d.out == "-- add_column users.bio text\nALTER TABLE `users` ADD COLUMN `bio` TEXT;\n\n");
  CHECK(leftovers(probe).empty());

  // A failing replay: exit 3, and the scratch database is dropped all the same.
  p.revision("r2", "r1", "  - execute: \"INSERT INTO nowhere VALUES (1)\"\n", "  []\n");
  REQUIRE(p.run({"hash"}).code == 0);  // revision wrote versions.sum
  for (const std::string command : {"check", "lint"}) {
    CAPTURE(command);
    auto bad = p.run({command, "--dev-url", dev});
    CHECK_MESSAGE(bad.code == 3, bad.err);
    CHECK(contains(bad.err, "replaying the revisions on the dev database mysql://migrate:***@"));
    CHECK(contains(bad.err, "nowhere"));
    CHECK_FALSE(contains(bad.err, password_of(dev)));
    CHECK(leftovers(probe).empty());
  }
  // The leftover query does see such a database.
  probe.exec("CREATE DATABASE migrate_dev_probe");
  CHECK(leftovers(probe) == V{"migrate_dev_probe"});
  probe.exec("DROP DATABASE migrate_dev_probe");
}
