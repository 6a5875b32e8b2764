// --dev-url on the PostgreSQL test server: check, revision --autogenerate,
// diff and lint replay the revisions in a scratch database, which is gone
// afterwards whether the replay worked or not; database_url is never used.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../integration/harness.hpp"
#include "pg_support.hpp"

using itest::contains;
using itest::Project;
using V = std::vector<std::string>;

namespace {

const char* kModel = R"y(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: varchar(100), nullable: false}
      - {name: meta, type: jsonb}
)y";

// Scratch databases left on the server (any test's, so the count must be 0).
V leftovers(const pgtest::Database& db) {
  return db.query("SELECT datname FROM pg_database WHERE datname LIKE 'migrate\\_dev\\_%'");
}

std::string password_of(const std::string& url) {
  auto colon = url.find(':', url.find("://") + 3);
  return url.substr(colon + 1, url.find('@') - colon - 1);
}

// A database_url nothing listens on: any connection to it would fail the command.
void init(const Project& p) {
  p.init_url("postgresql://nobody@127.0.0.1:9/never");
}

}  // namespace

TEST_CASE("postgresql dev-url: check fails without the revision, passes with it, leaves nothing") {
  pgtest::Database probe;
  Project p;
  init(p);
  p.write("schema.yaml", kModel);
  const std::string dev = pgtest::server_url();

  auto first = p.run({"check", "--dev-url", dev});
  CHECK_MESSAGE(first.code == 1, first.err);
  CHECK(first.out == "create_table users\n");
  CHECK_FALSE(contains(first.err, password_of(dev)));
  CHECK(leftovers(probe).empty());

  auto rev =
      p.run({"revision", "--autogenerate", "--dev-url", dev, "-m", "users", "--rev-id", "r1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  CHECK(contains(p.read("migrations/versions/r1_users.yaml"), "jsonb"));
  auto ok = p.run({"check", "--dev-url", dev});
  CHECK_MESSAGE(ok.code == 0, ok.err);
  CHECK(contains(ok.out, "No differences"));
  CHECK(leftovers(probe).empty());

  p.write("schema.yaml", std::string(kModel) + "      - {name: bio, type: text}\n");
  CHECK(p.run({"check", "--dev-url", dev}).code == 1);
  auto d = p.run({"diff", "--dev-url", dev});
  CHECK(d.code == 0);
  CHECK(d.out ==
        "-- add_column users.bio text\nALTER TABLE \"users\" ADD COLUMN \"bio\" TEXT;\n\n");
  auto lint = p.run({"lint", "--dev-url", dev});
  CHECK_MESSAGE(lint.code == 0, lint.err);
  CHECK(contains(lint.err, "1 revision(s) linted for postgresql"));
  CHECK(leftovers(probe).empty());
}

TEST_CASE("postgresql dev-url: a failing replay exits 3 and drops the scratch database") {
  pgtest::Database probe;
  Project p;
  init(p);
  p.write("schema.yaml", kModel);
  p.revision("r1", "", "  - create_table: {table: t, columns: [{name: id, type: integer}]}\n",
             "  - drop_table: {table: t}\n");
  p.revision("r2", "r1", "  - execute: \"INSERT INTO nowhere VALUES (1)\"\n", "  []\n");
  const std::string dev = pgtest::server_url();
  for (const std::string command : {"check", "diff", "lint"}) {
    CAPTURE(command);
    auto r = p.run({command, "--dev-url", dev});
    CHECK(r.code == 3);
    CHECK(contains(r.err, "replaying the revisions on the dev database postgresql://migrate:***@"));
    CHECK(contains(r.err, "r2"));
    CHECK(contains(r.err, "nowhere"));
    CHECK_FALSE(contains(r.err, password_of(dev)));
    CHECK(leftovers(probe).empty());
  }
  // The leftover query does see such a database.
  probe.exec("CREATE DATABASE migrate_dev_probe");
  CHECK(leftovers(probe) == V{"migrate_dev_probe"});
  probe.exec("DROP DATABASE migrate_dev_probe");
  // A server that refuses: exit 3, the password masked.
  auto bad = p.run({"check", "--dev-url", "postgresql://migrate:wrong-secret@127.0.0.1:9/x"});
  CHECK(bad.code == 3);
  CHECK_FALSE(contains(bad.err, "wrong-secret"));
}
