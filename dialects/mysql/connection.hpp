#pragma once
// A MySQL/MariaDB session through the client library (MariaDB Connector/C or
// libmysqlclient's API).
#include <memory>
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/dialect/url.hpp"

struct st_mysql;
struct st_mysql_stmt;

namespace migrate {

// Drops NO_BACKSLASH_ESCAPES from the session's sql_mode, keeping the rest:
// every literal migrate writes uses backslash escapes.
inline constexpr const char* kBackslashEscapesOn =
    "SET SESSION sql_mode = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), "
    "',NO_BACKSLASH_ESCAPES,', ','))";

class MysqlConnection : public Connection {
 public:
  // Connects with the URL's parts and options (dialects/mysql/options.hpp).
  // Throws DatabaseError with the server's message and error code; neither
  // the message nor the masked URL in it holds the password.
  explicit MysqlConnection(const Url& url);
  ~MysqlConnection() override;
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  // Without params a Statement may hold several statements (raw `execute`);
  // every result is drained so the session stays usable. With params it is
  // a server-side prepared statement and the values travel bound.
  void execute(const Statement& st) override;
  // Every value comes back as text (or null): callers know the column types.
  std::vector<Row> query(const Statement& st) override;
  void each_row(const Statement& st, const std::function<void(const Row&)>& row) override;
  // MySQL ends a transaction at every DDL statement (an implicit commit).
  // Between begin() and commit()/rollback() a new one is opened after each,
  // so data changes that follow DDL in a revision stay atomic with the
  // version-table update.
  void begin() override;
  void commit() override;
  void rollback() override;

  // GET_LOCK on `name` (hashed down to MySQL's 64-character limit): a
  // session lock, so it survives the implicit commits of DDL. Waits up to
  // `timeout_seconds` on the server, then throws DatabaseError naming the
  // holder's connection id, user, host and current statement when
  // IS_USED_LOCK and the process list can tell.
  void lock(const std::string& name, int timeout_seconds) override;
  void unlock(const std::string& name) override;

  // Whether the server is MariaDB (its catalog and defaults differ from MySQL's).
  bool is_mariadb() const { return mariadb_; }

  // A second session to the same server and database, opened on first use
  // and closed with this one, for catalog reads that run beside this
  // session's (dialects/mysql/inspect.cpp). Kept rather than reopened: a
  // session's quit reaches the server after the client has moved on. Throws
  // DatabaseError when it cannot connect.
  MysqlConnection& beside();

 private:
  std::vector<Row> run_text(const std::string& sql, bool want_rows);
  // Rows go to `sink` as they are fetched; an empty sink wants none.
  void run_prepared(const Statement& st, const std::function<void(Row&&)>& sink);
  [[noreturn]] void fail(const std::string& sql) const;
  [[noreturn]] void fail_stmt(const std::string& sql);
  void close_statement();

  Url url_;
  std::unique_ptr<MysqlConnection> beside_;
  st_mysql* conn_ = nullptr;
  // The last prepared statement, reused while the same SQL comes again
  // (bulk_insert sends one per row).
  st_mysql_stmt* stmt_ = nullptr;
  std::string stmt_sql_;
  bool mariadb_ = false;
  bool in_transaction_ = false;  // between begin() and commit()/rollback()
};

namespace mysql {

// The GET_LOCK name for a migration lock name: as is up to 64 characters,
// otherwise a prefix and a stable hash of the whole.
std::string lock_name(const std::string& name);

}  // namespace mysql
}  // namespace migrate
