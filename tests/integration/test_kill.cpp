// Kill tests on SQLite (issue #7): SIGKILL `migrate upgrade head` at random
// moments; every kill leaves a revision boundary, and the end is a clean run's.
#include <doctest/doctest.h>

#include <filesystem>

#include "harness.hpp"
#include "kill_support.hpp"

using namespace itest;

namespace {

class SqliteTarget : public KillTarget {
 public:
  std::string fresh() override {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
      std::filesystem::remove(db_.string() + suffix);
    return "sqlite:///" + db_.string();  // an absolute path: sqlite:////tmp/...
  }
  std::vector<std::string> query(const std::string& sql) override { return itest::query(db_, sql); }
  void exec(const std::string& sql) override { itest::exec(db_, sql); }
  std::vector<std::string> catalog() override {
    if (!std::filesystem::exists(db_)) return {};  // killed before it made the file
    return itest::catalog(db_, "migrate_version");
  }
  std::vector<std::string> tables() override {
    if (!std::filesystem::exists(db_)) return {};
    return query("SELECT name FROM sqlite_schema WHERE type = 'table'");
  }

 private:
  Project folder_;
  std::filesystem::path db_ = folder_.path("kill.db");
};

}  // namespace

TEST_CASE("sqlite: SIGKILL at random moments of an upgrade leaves a revision boundary") {
  SqliteTarget db, ref;
  kill::Options o;
  o.seed = kill::seed_from_env(20261121);
  auto r = kill::kill_loop(db, ref, o);
  CHECK(r.kills == o.kills);
  MESSAGE(kill::describe("sqlite", o, r));
}

TEST_CASE("sqlite: a kill inside a transactional: false revision is reported until stamped") {
  SqliteTarget db;
  // A read that takes seconds: the kill lands in it, after the index committed.
  kill::check_interrupted_step(db,
                               "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                               "WHERE x < 1000000000) SELECT count(*) FROM c",
                               "transactional: false\n");
}
