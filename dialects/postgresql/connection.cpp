#include "dialects/postgresql/connection.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>
#include <chrono>
#include <thread>

#include "core/base/error.hpp"

namespace migrate {
namespace {

std::string param_text(const Value& v) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return fmt::format("{}", d); }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, v);
}

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

// FNV-1a: stable across builds and platforms, unlike std::hash, so every
// migrate version agrees on the key for a database.
std::int64_t lock_key(const std::string& name) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return static_cast<std::int64_t>(h);
}

// libpq prints NOTICEs to stderr by default; a migration tool's output is its own.
void ignore_notice(void*, const char*) {}

}  // namespace

PgConnection::PgConnection(const Url& url) {
  std::vector<std::string> keys, values;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) {
      keys.emplace_back(k);
      values.push_back(v);
    }
  };
  add("host", url.host);
  if (url.port) add("port", std::to_string(url.port));
  add("dbname", url.database);
  add("user", url.user);
  add("password", url.password);
  // Literals and the user's expressions are read as standard SQL (a
  // backslash is a character) whatever the server or role sets.
  std::string options = "-c standard_conforming_strings=on";
  for (const auto& [k, v] : url.query) {
    if (k == "options")
      options = v + " " + options;
    else
      add(k.c_str(), v);
  }
  add("options", options);
  if (!url.query.count("application_name")) add("application_name", "migrate");
  std::vector<const char*> kp, vp;
  for (size_t i = 0; i < keys.size(); ++i) {
    kp.push_back(keys[i].c_str());
    vp.push_back(values[i].c_str());
  }
  kp.push_back(nullptr);
  vp.push_back(nullptr);
  conn_ = PQconnectdbParams(kp.data(), vp.data(), 0);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = conn_ ? one_line(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw DatabaseError("postgresql: cannot connect to " + url.masked() + ": " + msg);
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

std::vector<Row> PgConnection::run(const Statement& st, bool want_rows) {
  PGresult* res;
  if (st.script && st.params.empty()) {
    res = PQexec(conn_, st.sql.c_str());  // the simple protocol runs every statement of it
  } else {
    std::vector<std::string> texts;
    texts.reserve(st.params.size());
    std::vector<const char*> ptrs;
    for (const auto& p : st.params) texts.push_back(param_text(p));
    for (size_t i = 0; i < st.params.size(); ++i)
      ptrs.push_back(is_null(st.params[i]) ? nullptr : texts[i].c_str());
    res = PQexecParams(conn_, st.sql.c_str(), static_cast<int>(ptrs.size()), nullptr, ptrs.data(),
                       nullptr, nullptr, 0);
  }
  ExecStatusType status = PQresultStatus(res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    // Copied before PQclear frees the result they point into.
    const char* state_field = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    std::string state = state_field ? " (SQLSTATE " + std::string(state_field) + ")" : "";
    std::string msg = one_line(PQresultErrorMessage(res));
    if (msg.empty()) msg = one_line(PQerrorMessage(conn_));
    PQclear(res);
    throw DatabaseError("postgresql: " + msg + state + " while running: " + excerpt(st.sql));
  }
  std::vector<Row> rows;
  if (want_rows && status == PGRES_TUPLES_OK) {
    int n = PQntuples(res), m = PQnfields(res);
    rows.reserve(n);
    for (int r = 0; r < n; ++r) {
      Row row;
      row.reserve(m);
      for (int c = 0; c < m; ++c) {
        if (PQgetisnull(res, r, c))
          row.emplace_back(std::monostate{});
        else
          row.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
      rows.push_back(std::move(row));
    }
  }
  PQclear(res);
  return rows;
}

void PgConnection::execute(const Statement& st) {
  run(st, false);
}
std::vector<Row> PgConnection::query(const Statement& st) {
  return run(st, true);
}
void PgConnection::begin() {
  run({"BEGIN", {}}, false);
}
void PgConnection::commit() {
  run({"COMMIT", {}}, false);
}
void PgConnection::rollback() {
  // Harmless outside a transaction (a WARNING, not an error).
  if (PQtransactionStatus(conn_) != PQTRANS_IDLE) run({"ROLLBACK", {}}, false);
}

void PgConnection::lock(const std::string& name, int timeout_seconds) {
  using clock = std::chrono::steady_clock;
  auto deadline = clock::now() + std::chrono::seconds(timeout_seconds);
  const std::string k = std::to_string(lock_key(name));
  for (;;) {
    auto rows = query({"SELECT pg_try_advisory_lock($1::bigint)", {k}});
    if (!rows.empty() && std::get<std::string>(rows[0][0]) == "t") return;
    if (clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Who holds it: pg_locks splits a bigint key into classid (high) and objid (low).
  std::string holder;
  try {
    auto rows = query(
        {"SELECT l.pid::text, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), "
         "coalesce(a.client_addr::text, 'local') FROM pg_locks l LEFT JOIN pg_stat_activity a "
         "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND "
         "((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint LIMIT 1",
         {k}});
    if (!rows.empty())
      holder = " (held by pid " + std::get<std::string>(rows[0][0]) + ", application '" +
               std::get<std::string>(rows[0][1]) + "', user " + std::get<std::string>(rows[0][2]) +
               ", from " + std::get<std::string>(rows[0][3]) + ")";
  } catch (const DatabaseError&) {
  }
  throw DatabaseError("postgresql: could not take the migration lock within " +
                      std::to_string(timeout_seconds) + " s" + holder +
                      ": another migrate is running; wait for it or raise --lock-timeout");
}

void PgConnection::unlock(const std::string& name) {
  run({"SELECT pg_advisory_unlock($1::bigint)", {std::to_string(lock_key(name))}}, false);
}

}  // namespace migrate
