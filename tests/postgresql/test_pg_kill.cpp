// Kill tests on PostgreSQL (issue #7): SIGKILL `migrate upgrade head` at
// random moments; every kill leaves a revision boundary (the step's DDL,
// version row and history row share a transaction), and the end is a clean run's.
#include <doctest/doctest.h>

#include <memory>

#include "../integration/harness.hpp"
#include "../integration/kill_support.hpp"
#include "pg_support.hpp"

using namespace itest;

namespace {

class PgTarget : public KillTarget {
 public:
  std::string fresh() override {
    db_.reset();
    db_ = std::make_unique<pgtest::Database>();
    return db_->url();
  }
  std::vector<std::string> query(const std::string& sql) override { return db_->query(sql); }
  void exec(const std::string& sql) override { db_->exec(sql); }
  std::vector<std::string> catalog() override { return db_->catalog("migrate_version"); }
  std::vector<std::string> tables() override {
    return query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  }

 private:
  std::unique_ptr<pgtest::Database> db_;
};

}  // namespace

TEST_CASE("postgresql: SIGKILL at random moments of an upgrade leaves a revision boundary") {
  PgTarget db, ref;
  kill::Options o;
  o.seed = kill::seed_from_env(20261122);
  auto r = kill::kill_loop(db, ref, o);
  CHECK(r.kills == o.kills);
  MESSAGE(kill::describe("postgresql", o, r));
}

TEST_CASE("postgresql: a kill inside a transactional: false revision is reported until stamped") {
  PgTarget db;
  kill::check_interrupted_step(db, "SELECT pg_sleep(3)", "transactional: false\n");
}
