// The corpus of tests/corpus/postgresql/*.yaml (corpus_runner.hpp), each case
// on scratch databases of the test server.
#include <doctest/doctest.h>

#include <memory>
#include <mutex>
#include <vector>

#include "../integration/corpus_runner.hpp"
#include "pg_support.hpp"

namespace {

// CREATE DATABASE costs about 0.3 s and a case needs two: a database a case
// is done with is emptied instead (its schemas dropped, an empty public made
// again, 0.04 s) and handed to the next case.
class Pool {
 public:
  std::unique_ptr<pgtest::Database> take() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!free_.empty()) {
        auto db = std::move(free_.back());
        free_.pop_back();
        return db;
      }
    }
    return std::make_unique<pgtest::Database>();
  }
  void give(std::unique_ptr<pgtest::Database> db) {
    try {
      db->exec(
          "DO $$ DECLARE s name; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname "
          "NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' LOOP "
          "EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$; CREATE SCHEMA public");
    } catch (...) {
      return;  // not reusable: dropped with `db`
    }
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(db));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<pgtest::Database>> free_;
};

class PgDatabase : public itest::corpus::Database {
 public:
  explicit PgDatabase(Pool& pool) : pool_(pool), db_(pool.take()) {}
  ~PgDatabase() override { pool_.give(std::move(db_)); }
  std::string url() const override { return db_->url(); }
  std::vector<std::string> catalog() const override { return db_->corpus_catalog(); }

 private:
  Pool& pool_;
  std::unique_ptr<pgtest::Database> db_;
};

}  // namespace

TEST_CASE(
    "postgresql corpus: current -> desired -> current for every case of tests/corpus/postgresql") {
  Pool pool;
  itest::corpus::run_all("postgresql", [&] { return std::make_unique<PgDatabase>(pool); });
}
