#include "dialects/sqlite/connection.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "core/base/error.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate {
namespace {

std::string excerpt(const std::string& sql) {
  return sql.size() <= 200 ? sql : sql.substr(0, 200) + "...";
}

[[noreturn]] void fail(sqlite3* db, const std::string& sql) {
  throw DatabaseError(std::string("sqlite: ") + sqlite3_errmsg(db) +
                      " (while running: " + excerpt(sql) + ")");
}

struct StmtGuard {
  sqlite3_stmt* st = nullptr;
  ~StmtGuard() { sqlite3_finalize(st); }
};

// Whether text holds more than whitespace, comments and semicolons.
bool has_statement(const char* begin, const char* end) {
  try {
    for (const auto& t : tokenize_sql(std::string_view(begin, end - begin)))
      if (!t.is_punct(';')) return true;
  } catch (const std::invalid_argument&) {
    return true;
  }
  return false;
}

void bind(sqlite3* db, sqlite3_stmt* st, const Statement& s) {
  int expected = sqlite3_bind_parameter_count(st);
  if (expected != static_cast<int>(s.params.size()))
    throw DatabaseError("sqlite: the statement has " + std::to_string(expected) +
                        " placeholder(s) but " + std::to_string(s.params.size()) +
                        " parameter(s) were given (while running: " + excerpt(s.sql) + ")");
  for (int i = 0; i < expected; ++i) {
    const Value& v = s.params[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v))
      rc = sqlite3_bind_null(st, i + 1);
    else if (const bool* b = std::get_if<bool>(&v))
      rc = sqlite3_bind_int(st, i + 1, *b ? 1 : 0);
    else if (const std::int64_t* n = std::get_if<std::int64_t>(&v))
      rc = sqlite3_bind_int64(st, i + 1, *n);
    else if (const double* d = std::get_if<double>(&v))
      rc = sqlite3_bind_double(st, i + 1, *d);
    else {
      const std::string& text = std::get<std::string>(v);
      rc = sqlite3_bind_text64(st, i + 1, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) fail(db, s.sql);
  }
}

Value column_value(sqlite3_stmt* st, int i) {
  switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(st, i));
    case SQLITE_FLOAT:
      return sqlite3_column_double(st, i);
    case SQLITE_NULL:
      return std::monostate{};
    case SQLITE_BLOB: {
      const void* p = sqlite3_column_blob(st, i);
      int n = sqlite3_column_bytes(st, i);
      return p ? std::string(static_cast<const char*>(p), n) : std::string();
    }
    default: {
      const unsigned char* p = sqlite3_column_text(st, i);
      int n = sqlite3_column_bytes(st, i);
      return p ? std::string(reinterpret_cast<const char*>(p), n) : std::string();
    }
  }
}

std::string text_of(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return "";
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path) {
  const std::string file = path.empty() ? ":memory:" : path;
  int rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw DatabaseError("sqlite: cannot open database \"" + file + "\": " + why);
  }
  sqlite3_busy_timeout(db_, 5000);
  execute({"PRAGMA foreign_keys = ON", {}});
  path_ = file;
}

void SqliteConnection::lock(const std::string&, int timeout_seconds) {
  if (path_ == ":memory:" || path_.rfind("file::memory:", 0) == 0 || lock_fd_ >= 0) return;
  const std::string lock_path = path_ + "-migrate.lock";
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0)
    throw DatabaseError("sqlite: cannot open the migration lock file \"" + lock_path +
                        "\": " + std::strerror(errno));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      std::string why = std::strerror(errno);
      unlock("");
      throw DatabaseError("sqlite: cannot lock \"" + lock_path + "\": " + why);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      char holder[32] = {0};
      ssize_t n = ::pread(lock_fd_, holder, sizeof holder - 1, 0);
      std::string pid = n > 0 ? std::string(holder, static_cast<size_t>(n)) : "";
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
      ::close(lock_fd_);
      lock_fd_ = -1;
      throw DatabaseError(
          "sqlite: could not take the migration lock within " + std::to_string(timeout_seconds) +
          " s" + (pid.empty() ? std::string() : " (held by pid " + pid + ")") +
          ": another migrate is running on " + path_ + "; wait for it or raise --lock-timeout");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock_fd_, 0) == 0 && ::pwrite(lock_fd_, pid.data(), pid.size(), 0) < 0) {
    // Only the holder's pid for messages is lost; the lock itself is held.
  }
}

void SqliteConnection::unlock(const std::string&) {
  if (lock_fd_ < 0) return;
  ::flock(lock_fd_, LOCK_UN);
  ::close(lock_fd_);
  lock_fd_ = -1;
}

SqliteConnection::~SqliteConnection() {
  unlock("");
  if (!db_) return;
  if (!sqlite3_get_autocommit(db_)) run_quietly("ROLLBACK");
  sqlite3_close_v2(db_);
}

std::vector<Row> SqliteConnection::run(const Statement& s) {
  std::vector<Row> rows;
  run(s, [&rows](Row&& r) { rows.push_back(std::move(r)); });
  return rows;
}

void SqliteConnection::each_row(const Statement& st, const std::function<void(const Row&)>& row) {
  run(st, [&row](Row&& r) { row(r); });
}

void SqliteConnection::run(const Statement& s, const std::function<void(Row&&)>& sink) {
  const char* sql = s.sql.c_str();
  const char* end = sql + s.sql.size();
  bool first = true;
  while (sql < end) {
    StmtGuard g;
    const char* next = nullptr;
    if (sqlite3_prepare_v2(db_, sql, static_cast<int>(end - sql), &g.st, &next) != SQLITE_OK)
      fail(db_, s.sql);
    sql = next;
    if (!g.st) continue;  // only whitespace or a comment
    if (first && !s.script && has_statement(next, end))
      throw DatabaseError(
          "sqlite: a generated statement holds more than one statement; nothing of it ran "
          "(while running: " +
          excerpt(s.sql) + ")");
    if (first && !s.params.empty() && has_statement(next, end))
      throw DatabaseError(
          "sqlite: several statements in one call cannot take parameters (while running: " +
          excerpt(s.sql) + ")");
    if (first) bind(db_, g.st, s);
    first = false;
    for (;;) {
      int rc = sqlite3_step(g.st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(db_, s.sql);
      Row row;
      int n = sqlite3_column_count(g.st);
      row.reserve(n);
      for (int i = 0; i < n; ++i) row.push_back(column_value(g.st, i));
      sink(std::move(row));
    }
  }
  if (first && !s.params.empty())
    throw DatabaseError("sqlite: parameters given for an empty statement");
}

void SqliteConnection::execute(const Statement& st) {
  run(st);
}

std::vector<Row> SqliteConnection::query(const Statement& st) {
  return run(st);
}

void SqliteConnection::run_quietly(const char* sql) noexcept {
  sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
}

SqliteConnection::Violations SqliteConnection::fk_violations() {
  Violations out;
  for (const auto& row : query({"PRAGMA foreign_key_check", {}}))
    if (row.size() >= 3) ++out[{text_of(row[0]), text_of(row[2])}];
  return out;
}

void SqliteConnection::end_transaction() noexcept {
  if (!sqlite3_get_autocommit(db_)) run_quietly("ROLLBACK");
  run_quietly("PRAGMA foreign_keys = ON");
}

void SqliteConnection::begin() {
  execute({"PRAGMA foreign_keys = OFF", {}});
  try {
    execute({"BEGIN IMMEDIATE", {}});
  } catch (...) {
    run_quietly("PRAGMA foreign_keys = ON");
    throw;
  }
  // Rows that already break a foreign key (written while enforcement was
  // off) must not block every later migration; only new ones count.
  try {
    fk_baseline_ = fk_violations();
    fk_baseline_known_ = true;
  } catch (const DatabaseError&) {
    // e.g. "foreign key mismatch": the schema was already inconsistent.
    fk_baseline_known_ = false;
  }
}

void SqliteConnection::commit() {
  try {
    if (fk_baseline_known_ && !sqlite3_get_autocommit(db_)) {
      std::string broken;
      for (const auto& [key, count] : fk_violations()) {
        auto before = fk_baseline_.find(key);
        if (before != fk_baseline_.end() && before->second >= count) continue;
        if (!broken.empty()) broken += ", ";
        broken += std::to_string(count) + " row(s) of \"" + key.first + "\" match no row of \"" +
                  key.second + "\"";
      }
      if (!broken.empty())
        throw DatabaseError("sqlite: the transaction would break foreign keys (" + broken +
                            "); it was rolled back");
    }
    execute({"COMMIT", {}});
  } catch (...) {
    end_transaction();
    throw;
  }
  run_quietly("PRAGMA foreign_keys = ON");
}

void SqliteConnection::rollback() {
  end_transaction();
}

}  // namespace migrate
