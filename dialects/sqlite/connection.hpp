#pragma once
// A SQLite database file (or ":memory:") through the sqlite3 C API.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/dialect/dialect.hpp"

struct sqlite3;

namespace migrate {

class SqliteConnection : public Connection {
 public:
  // `path` as in Url::database: a file path, or ":memory:" / "" for a private
  // in-memory database. Throws DatabaseError naming the path.
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // A Statement may hold several statements separated by ';' only when it
  // has no parameters.
  void execute(const Statement& st) override;
  // Rows of every statement in `st.sql`, in order.
  std::vector<Row> query(const Statement& st) override;
  void each_row(const Statement& st, const std::function<void(const Row&)>& row) override;

  // A migration transaction, run the way SQLite's documentation prescribes
  // for schema changes that rebuild tables: foreign-key enforcement is
  // switched off before BEGIN (the pragma is a no-op inside a transaction)
  // so that dropping a rebuilt parent table neither cascades into nor
  // orphans its children, and PRAGMA foreign_key_check runs before COMMIT:
  // when the transaction leaves rows whose foreign keys match nothing (that
  // were not already there at begin()), commit() rolls back and throws.
  // BEGIN IMMEDIATE takes the write lock up front: it is the migration lock,
  // and no statement later fails on a lock upgrade.
  void begin() override;
  void commit() override;
  // Harmless when no transaction is open (a failed commit already rolled back).
  void rollback() override;

  // The migration lock: an exclusive flock(2) on "<database>-migrate.lock"
  // beside the file (not on the database file itself: closing any other
  // descriptor of that file would drop SQLite's own POSIX locks). The kernel
  // releases it when the process ends, however it ends. Polled until
  // `timeout_seconds`; the error names the holder's pid. In-memory databases
  // need none.
  void lock(const std::string& name, int timeout_seconds) override;
  void unlock(const std::string& name) override;

 private:
  using Violations = std::map<std::pair<std::string, std::string>, std::int64_t>;

  std::vector<Row> run(const Statement& st);
  // Runs every statement of `st`; rows go to `sink` (none wanted: null).
  void run(const Statement& st, const std::function<void(Row&&)>& sink);
  void run_quietly(const char* sql) noexcept;
  Violations fk_violations();
  void end_transaction() noexcept;  // rolls back if still open, re-enables foreign keys

  sqlite3* db_ = nullptr;
  std::string path_;
  int lock_fd_ = -1;
  Violations fk_baseline_;
  bool fk_baseline_known_ = false;
};

}  // namespace migrate
