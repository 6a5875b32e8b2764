// Kill tests on MySQL/MariaDB (issue #7): SIGKILL `migrate upgrade head` at
// random moments. DDL commits as it runs, so a kill inside a revision leaves
// its "started" history row: the next upgrade must refuse naming exactly that
// revision, and the test then does what the message says (looks at the
// database, undoes a half-run revision by hand, stamps) before going on.
#include <doctest/doctest.h>

#include <memory>

#include "../integration/harness.hpp"
#include "../integration/kill_support.hpp"
#include "my_support.hpp"

using namespace itest;

namespace {

class MysqlTarget : public KillTarget {
 public:
  std::string fresh() override {
    db_.reset();
    db_ = std::make_unique<mytest::Database>();
    return db_->url();
  }
  std::vector<std::string> query(const std::string& sql) override { return db_->query(sql); }
  void exec(const std::string& sql) override { db_->exec(sql); }
  std::vector<std::string> catalog() override { return db_->catalog("migrate_version"); }
  std::vector<std::string> tables() override {
    return query(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
  }

 private:
  std::unique_ptr<mytest::Database> db_;
};

}  // namespace

TEST_CASE("mysql: SIGKILL at random moments of an upgrade is reported, then recovered by stamp") {
  MysqlTarget db, ref;
  kill::Options o;
  o.seed = kill::seed_from_env(20261123);
  o.boundary = false;
  o.alternate_transaction_modes = false;  // every step commits on its own anyway
  auto r = kill::kill_loop(db, ref, o);
  CHECK(r.kills == o.kills);
  CHECK(r.mid_revision > 0);  // the delays do reach into revisions
  MESSAGE(kill::describe("mysql", o, r));
}

TEST_CASE("mysql: a kill inside a revision after its DDL committed is reported until stamped") {
  MysqlTarget db;
  kill::check_interrupted_step(db, "SELECT SLEEP(3)", "");
}
