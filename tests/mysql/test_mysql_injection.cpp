// The injection corpus (tests/integration/injection_corpus.hpp) on MariaDB,
// also with NO_BACKSLASH_ESCAPES in every session's sql_mode.
#include <doctest/doctest.h>

#include <stdexcept>

#include "../integration/injection_corpus.hpp"
#include "my_support.hpp"

namespace {

#ifdef MIGRATE_CORPUS_FEW
constexpr int kFewestCases = 60;  // the sanitizer build: a few strings (CMakeLists.txt)
#else
constexpr int kFewestCases = 200;
#endif

std::string password_in(const std::string& url) {
  auto colon = url.find(':', std::string("mysql://").size());
  return url.substr(colon + 1, url.find('@') - colon - 1);
}

itest::corpus::Target target(const mytest::Database& db) {
  itest::corpus::Target t;
  t.dialect = "mysql";
  t.url = db.url();
  t.reset_sql = "DROP DATABASE `" + db.name() + "`; CREATE DATABASE `" + db.name() + "`; USE `" +
                db.name() + "`";
  t.client = [&db](const std::string& path) {
    return "mariadb --no-defaults --socket='" + mytest::server_socket() + "' -u migrate -p'" +
           password_in(db.url()) + "' " + db.name() + " < '" + path + "'";
  };
  return t;
}

TEST_CASE("mysql: the injection corpus leaves the canary and stores names as written") {
  mytest::Database db;
  auto tally = itest::corpus::run(target(db));
  CHECK(tally.cases > kFewestCases);
  CHECK(tally.worked > tally.cases / 3);
  CHECK(tally.refused > 0);
}

// The server's default for new sessions, put back however the test ends.
struct GlobalSqlMode {
  const mytest::Database& db;
  std::string saved;
  explicit GlobalSqlMode(const mytest::Database& d) : db(d) {
    saved = db.query("SELECT @@GLOBAL.sql_mode").at(0);
    db.exec("SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')");
  }
  ~GlobalSqlMode() { db.exec("SET GLOBAL sql_mode = '" + saved + "'"); }
};

TEST_CASE("mysql: the corpus's literals with NO_BACKSLASH_ESCAPES on") {
  mytest::Database db;
  GlobalSqlMode mode(db);
  REQUIRE(db.query("SELECT @@SESSION.sql_mode LIKE '%NO_BACKSLASH_ESCAPES%'") ==
          std::vector<std::string>{"1"});
  auto tally = itest::corpus::run(target(db), itest::corpus::Part::literals);
  CHECK(tally.worked > tally.cases / 3);
}

}  // namespace
