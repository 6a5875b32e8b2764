#pragma once
// A PostgreSQL session through libpq.
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"

struct pg_conn;

namespace migrate {

class PgConnection : public Connection {
 public:
  // Connects with the URL's parts; what the URL leaves out comes from the
  // PG* environment variables and libpq's defaults, as for psql. Throws
  // DatabaseError with the server's message (libpq never echoes passwords).
  explicit PgConnection(const Url& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Without params a Statement may hold several statements (raw `execute`).
  void execute(const Statement& st) override;
  // Every value comes back as text (or null): callers know the column types.
  std::vector<Row> query(const Statement& st) override;
  void begin() override;
  void commit() override;
  void rollback() override;

  // A session-level advisory lock on a 64-bit key hashed from `name`; it survives COMMIT, so
  // revisions that run outside a transaction are covered too. Polls pg_try_advisory_lock until
  // `timeout_seconds`, then throws DatabaseError naming the holder's pid and
  // application when pg_locks can tell.
  void lock(const std::string& name, int timeout_seconds) override;
  void unlock(const std::string& name) override;

 private:
  std::vector<Row> run(const Statement& st, bool want_rows);
  pg_conn* conn_ = nullptr;
};

}  // namespace migrate
