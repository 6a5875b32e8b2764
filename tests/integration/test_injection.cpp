// The injection corpus (tests/integration/injection_corpus.hpp) on SQLite.
#include <doctest/doctest.h>

#include <filesystem>

#include "harness.hpp"
#include "injection_corpus.hpp"

namespace {
namespace fs = std::filesystem;

TEST_CASE("sqlite: the injection corpus leaves the canary and stores names as written") {
  itest::Project home;  // holds the database file, outside each case's project
  const fs::path db = home.path("corpus.db");
  itest::corpus::Target t;
  t.dialect = "sqlite";
  t.url = "sqlite:///" + db.string();
  t.reset = [&] { fs::remove(db); };
  t.client = [&](const std::string& path) {
    return "sqlite3 -bail '" + db.string() + "' < '" + path + "'";
  };
  auto tally = itest::corpus::run(t);
  CHECK(tally.cases > 300);
  CHECK(tally.worked > tally.cases / 2);
  CHECK(tally.refused > 0);
}

}  // namespace
