#include "dialects/mysql/connection.hpp"

#include <mysql.h>

#include <fmt/format.h>

#include <cstring>
#include <memory>

#include "core/base/error.hpp"
#include "dialects/mysql/options.hpp"

namespace migrate {
namespace {

std::string one_line(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (auto& c : s)
    if (c == '\n') c = ' ';
  return s;
}

std::string excerpt(const std::string& sql) {
  std::string s = one_line(sql);
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

std::string error_text(const char* message, unsigned code, const char* state) {
  return fmt::format("{} (error {}, SQLSTATE {})", one_line(message ? message : ""), code,
                     state ? state : "HY000");
}

// FNV-1a: stable across builds and platforms, so every migrate agrees on a lock's name.
std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

const std::string& text_at(const Row& r, size_t i) {
  static const std::string empty;
  return i < r.size() && std::holds_alternative<std::string>(r[i]) ? std::get<std::string>(r[i])
                                                                   : empty;
}

// Bound parameters: each Value in the buffer type the server converts from.
struct ParamBuffers {
  std::vector<MYSQL_BIND> binds;
  std::vector<long long> ints;
  std::vector<double> doubles;
  std::vector<signed char> bools;
  std::vector<unsigned long> lengths;

  explicit ParamBuffers(const std::vector<Value>& params)
      : binds(params.size()),
        ints(params.size()),
        doubles(params.size()),
        bools(params.size()),
        lengths(params.size()) {
    for (size_t i = 0; i < params.size(); ++i) {
      MYSQL_BIND& b = binds[i];
      std::memset(&b, 0, sizeof b);
      const Value& v = params[i];
      if (is_null(v)) {
        b.buffer_type = MYSQL_TYPE_NULL;
      } else if (auto* x = std::get_if<bool>(&v)) {
        bools[i] = *x ? 1 : 0;
        b.buffer_type = MYSQL_TYPE_TINY;
        b.buffer = &bools[i];
      } else if (auto* n = std::get_if<std::int64_t>(&v)) {
        ints[i] = *n;
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = &ints[i];
      } else if (auto* d = std::get_if<double>(&v)) {
        doubles[i] = *d;
        b.buffer_type = MYSQL_TYPE_DOUBLE;
        b.buffer = &doubles[i];
      } else {
        const std::string& s = std::get<std::string>(v);
        lengths[i] = s.size();
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = const_cast<char*>(s.data());
        b.buffer_length = s.size();
        b.length = &lengths[i];
      }
    }
  }
};

}  // namespace

namespace mysql {

std::string lock_name(const std::string& name) {
  if (name.size() <= 64) return name;
  return name.substr(0, 47) + "#" + fmt::format("{:016x}", fnv1a(name));
}

}  // namespace mysql

MysqlConnection::MysqlConnection(const Url& url) : url_(url) {
  mysql::ConnectOptions o = mysql::connect_options(url);
  conn_ = mysql_init(nullptr);
  if (!conn_) throw DatabaseError("mysql: out of memory while connecting to " + url.masked());
  mysql_options(conn_, MYSQL_SET_CHARSET_NAME, o.charset.c_str());
  mysql_options(conn_, MYSQL_OPT_CONNECT_TIMEOUT, &o.connect_timeout);
  unsigned int no = 0;
  // LOAD DATA LOCAL lets a server read client files: a migration never needs it.
  mysql_options(conn_, MYSQL_OPT_LOCAL_INFILE, &no);
  my_bool enforce = 0, verify = 0;
  if (o.ssl_mode == mysql::SslMode::required || o.ssl_mode == mysql::SslMode::verify_ca ||
      o.ssl_mode == mysql::SslMode::verify_identity)
    enforce = 1;
  if (o.ssl_mode == mysql::SslMode::verify_ca || o.ssl_mode == mysql::SslMode::verify_identity)
    verify = 1;
  if (o.ssl_mode != mysql::SslMode::disabled) {
    if (!o.ssl_ca.empty()) mysql_options(conn_, MYSQL_OPT_SSL_CA, o.ssl_ca.c_str());
    if (!o.ssl_cert.empty()) mysql_options(conn_, MYSQL_OPT_SSL_CERT, o.ssl_cert.c_str());
    if (!o.ssl_key.empty()) mysql_options(conn_, MYSQL_OPT_SSL_KEY, o.ssl_key.c_str());
  }
  mysql_options(conn_, MYSQL_OPT_SSL_ENFORCE, &enforce);
  mysql_options(conn_, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  mysql_optionsv(conn_, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name", "migrate");

  auto c_str = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
  const char* host = c_str(o.host);
  if (!host && o.unix_socket.empty()) host = "localhost";
  if (!mysql_real_connect(conn_, host, c_str(o.user), o.password.c_str(), c_str(o.database), o.port,
                          c_str(o.unix_socket), CLIENT_MULTI_RESULTS)) {
    std::string msg =
        fmt::format("{} (error {})", one_line(mysql_error(conn_)), mysql_errno(conn_));
    mysql_close(conn_);
    conn_ = nullptr;
    throw DatabaseError("mysql: cannot connect to " + url.masked() + ": " + msg);
  }
  const char* info = mysql_get_server_info(conn_);
  mariadb_ = info && std::strstr(info, "MariaDB") != nullptr;
  // Literals are written with backslash escapes, MySQL's default; a server
  // or account with NO_BACKSLASH_ESCAPES would read them otherwise.
  if (conn_->server_status & SERVER_STATUS_NO_BACKSLASH_ESCAPES)
    run_text(kBackslashEscapesOn, false);
}

MysqlConnection& MysqlConnection::beside() {
  if (!beside_) beside_ = std::make_unique<MysqlConnection>(url_);
  return *beside_;
}

MysqlConnection::~MysqlConnection() {
  close_statement();
  if (conn_) mysql_close(conn_);
}

void MysqlConnection::close_statement() {
  if (stmt_) mysql_stmt_close(stmt_);
  stmt_ = nullptr;
  stmt_sql_.clear();
}

void MysqlConnection::fail(const std::string& sql) const {
  throw DatabaseError(
      "mysql: " + error_text(mysql_error(conn_), mysql_errno(conn_), mysql_sqlstate(conn_)) +
      " while running: " + excerpt(sql));
}

void MysqlConnection::fail_stmt(const std::string& sql) {
  std::string msg =
      error_text(mysql_stmt_error(stmt_), mysql_stmt_errno(stmt_), mysql_stmt_sqlstate(stmt_));
  close_statement();
  throw DatabaseError("mysql: " + msg + " while running: " + excerpt(sql));
}

std::vector<Row> MysqlConnection::run_text(const std::string& sql, bool want_rows) {
  std::vector<Row> rows;
  if (mysql_real_query(conn_, sql.data(), sql.size()) != 0) fail(sql);
  // Every result of a multi-statement text is read, or the session is out of step.
  for (;;) {
    MYSQL_RES* res = mysql_store_result(conn_);
    if (res) {
      if (want_rows) {
        unsigned n = mysql_num_fields(res);
        while (MYSQL_ROW r = mysql_fetch_row(res)) {
          unsigned long* len = mysql_fetch_lengths(res);
          Row row;
          row.reserve(n);
          for (unsigned i = 0; i < n; ++i) {
            if (r[i])
              row.emplace_back(std::string(r[i], len[i]));
            else
              row.emplace_back(std::monostate{});
          }
          rows.push_back(std::move(row));
        }
      }
      mysql_free_result(res);
    } else if (mysql_field_count(conn_) != 0) {
      fail(sql);
    }
    int more = mysql_next_result(conn_);
    if (more > 0) fail(sql);
    if (more < 0) break;
  }
  if (in_transaction_ && !(conn_->server_status & SERVER_STATUS_IN_TRANS)) {
    const std::string again = "START TRANSACTION";
    if (mysql_real_query(conn_, again.data(), again.size()) != 0) fail(again);
  }
  return rows;
}

void MysqlConnection::run_prepared(const Statement& st, const std::function<void(Row&&)>& sink) {
  if (!stmt_ || stmt_sql_ != st.sql) {
    close_statement();
    stmt_ = mysql_stmt_init(conn_);
    if (!stmt_) fail(st.sql);
    if (mysql_stmt_prepare(stmt_, st.sql.data(), st.sql.size()) != 0) fail_stmt(st.sql);
    stmt_sql_ = st.sql;
  }
  if (mysql_stmt_param_count(stmt_) != st.params.size())
    throw DatabaseError(
        fmt::format("mysql: the statement has {} placeholder(s) but {} value(s): {}",
                    mysql_stmt_param_count(stmt_), st.params.size(), excerpt(st.sql)));
  ParamBuffers params(st.params);
  if (!st.params.empty() && mysql_stmt_bind_param(stmt_, params.binds.data())) fail_stmt(st.sql);
  if (mysql_stmt_execute(stmt_) != 0) fail_stmt(st.sql);

  MYSQL_RES* meta = mysql_stmt_result_metadata(stmt_);
  if (!meta) return;
  std::unique_ptr<MYSQL_RES, void (*)(MYSQL_RES*)> guard(meta, mysql_free_result);
  const unsigned n = mysql_num_fields(meta);
  if (mysql_stmt_store_result(stmt_) != 0) fail_stmt(st.sql);
  constexpr unsigned long kInitial = 256;
  std::vector<std::vector<char>> buffers(n, std::vector<char>(kInitial));
  std::vector<unsigned long> lengths(n);
  std::vector<my_bool> nulls(n), errors(n);
  std::vector<MYSQL_BIND> binds(n);
  for (unsigned i = 0; i < n; ++i) {
    std::memset(&binds[i], 0, sizeof binds[i]);
    binds[i].buffer_type = MYSQL_TYPE_STRING;  // the library converts every type to text
    binds[i].buffer = buffers[i].data();
    binds[i].buffer_length = kInitial;
    binds[i].length = &lengths[i];
    binds[i].is_null = &nulls[i];
    binds[i].error = &errors[i];
  }
  if (mysql_stmt_bind_result(stmt_, binds.data())) fail_stmt(st.sql);
  for (;;) {
    int rc = mysql_stmt_fetch(stmt_);
    if (rc == MYSQL_NO_DATA) break;
    if (rc == 1) fail_stmt(st.sql);
    if (!sink) continue;
    Row row;
    row.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
      if (nulls[i]) {
        row.emplace_back(std::monostate{});
      } else if (lengths[i] > kInitial) {
        // Truncated: fetch this column again into a buffer of its full length.
        std::string value(lengths[i], '\0');
        MYSQL_BIND b;
        std::memset(&b, 0, sizeof b);
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = value.data();
        b.buffer_length = value.size();
        if (mysql_stmt_fetch_column(stmt_, &b, i, 0) != 0) fail_stmt(st.sql);
        row.emplace_back(std::move(value));
      } else {
        row.emplace_back(std::string(buffers[i].data(), lengths[i]));
      }
    }
    sink(std::move(row));
  }
  mysql_stmt_free_result(stmt_);
}

void MysqlConnection::execute(const Statement& st) {
  if (st.script && st.params.empty()) {
    // Several statements only for the user's own SQL; the session refuses a
    // second statement in anything generated.
    if (mysql_set_server_option(conn_, MYSQL_OPTION_MULTI_STATEMENTS_ON) != 0) fail(st.sql);
    try {
      run_text(st.sql, false);
    } catch (...) {
      mysql_set_server_option(conn_, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
      throw;
    }
    if (mysql_set_server_option(conn_, MYSQL_OPTION_MULTI_STATEMENTS_OFF) != 0) fail(st.sql);
  } else if (st.params.empty()) {
    run_text(st.sql, false);
  } else
    run_prepared(st, {});
}

std::vector<Row> MysqlConnection::query(const Statement& st) {
  if (st.params.empty()) return run_text(st.sql, true);
  std::vector<Row> rows;
  run_prepared(st, [&rows](Row&& r) { rows.push_back(std::move(r)); });
  return rows;
}

void MysqlConnection::each_row(const Statement& st, const std::function<void(const Row&)>& row) {
  if (st.params.empty()) {
    for (const auto& r : run_text(st.sql, true)) row(r);
    return;
  }
  run_prepared(st, [&row](Row&& r) { row(r); });
}

void MysqlConnection::begin() {
  run_text("START TRANSACTION", false);
  in_transaction_ = true;
}
void MysqlConnection::commit() {
  in_transaction_ = false;
  run_text("COMMIT", false);
}
void MysqlConnection::rollback() {
  in_transaction_ = false;
  run_text("ROLLBACK", false);
}

void MysqlConnection::lock(const std::string& name, int timeout_seconds) {
  const std::string key = mysql::lock_name(name);
  auto rows = query({"SELECT GET_LOCK(?, ?)", {key, std::int64_t{timeout_seconds}}});
  const std::string got = rows.empty() ? "" : text_at(rows[0], 0);
  if (got == "1") return;
  if (got.empty())
    throw DatabaseError("mysql: GET_LOCK('" + key +
                        "') failed (the server returned NULL); the migration lock was not taken");
  std::string holder;
  try {
    auto who =
        query({"SELECT p.ID, p.USER, p.HOST, p.TIME, COALESCE(p.INFO, '') FROM "
               "information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(?)",
               {key}});
    if (!who.empty())
      holder = " (held by connection " + text_at(who[0], 0) + ", user " + text_at(who[0], 1) +
               " from " + text_at(who[0], 2) + ", for " + text_at(who[0], 3) + " s" +
               (text_at(who[0], 4).empty() ? "" : ", running: " + excerpt(text_at(who[0], 4))) +
               ")";
  } catch (const DatabaseError&) {
  }
  throw DatabaseError("mysql: could not take the migration lock within " +
                      std::to_string(timeout_seconds) + " s" + holder +
                      ": another migrate is running; wait for it or raise --lock-timeout");
}

void MysqlConnection::unlock(const std::string& name) {
  query({"SELECT RELEASE_LOCK(?)", {mysql::lock_name(name)}});
}

}  // namespace migrate
