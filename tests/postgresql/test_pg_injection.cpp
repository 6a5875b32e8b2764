// The injection corpus (tests/integration/injection_corpus.hpp) on
// PostgreSQL, also with standard_conforming_strings off for every session.
#include <doctest/doctest.h>

#include <stdexcept>

#include "../integration/injection_corpus.hpp"
#include "pg_support.hpp"

namespace {

#ifdef MIGRATE_CORPUS_FEW
constexpr int kFewestCases = 60;  // the sanitizer build: a few strings (CMakeLists.txt)
#else
constexpr int kFewestCases = 200;
#endif

itest::corpus::Target target(const pgtest::Database& db) {
  itest::corpus::Target t;
  t.dialect = "postgresql";
  t.url = db.url();
  t.reset_sql = "DROP SCHEMA public CASCADE; CREATE SCHEMA public";
  t.client = [&db](const std::string& path) {
    return "psql -X -q -v ON_ERROR_STOP=1 '" + db.url() + "' -f '" + path + "'";
  };
  return t;
}

TEST_CASE("postgresql: the injection corpus leaves the canary and stores names as written") {
  pgtest::Database db;
  auto tally = itest::corpus::run(target(db));
  CHECK(tally.cases > kFewestCases);
  CHECK(tally.worked > tally.cases / 3);
  CHECK(tally.refused > 0);
}

TEST_CASE("postgresql: the corpus's literals with standard_conforming_strings off") {
  pgtest::Database db;
  // Every new session, migrate's and psql's, starts with backslash escapes.
  db.exec("ALTER DATABASE " + db.name() + " SET standard_conforming_strings = off");
  REQUIRE(db.query("SHOW standard_conforming_strings") == std::vector<std::string>{"off"});
  auto tally = itest::corpus::run(target(db), itest::corpus::Part::literals);
  CHECK(tally.worked > tally.cases / 3);
}

}  // namespace
