#include "core/runner/history.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace migrate {
namespace {

std::string text(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return "";
}

std::int64_t integer(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

// UTC, to the millisecond, in the one spelling SQLite, PostgreSQL and
// MySQL all take for a TIMESTAMP/DATETIME value.
std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  return fmt::format("{:%Y-%m-%d %H:%M:%S}.{:03d}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                     static_cast<int>(ms.count()));
}

}  // namespace

History::History(const Dialect& dialect, Connection& conn, HistoryOptions options)
    : dialect_(dialect), conn_(conn), options_(std::move(options)) {}

void History::ensure() {
  const std::string t = dialect_.quote_ident(options_.table);
  // Types every dialect has; seq orders the rows (applied_at can tie).
  conn_.execute({"CREATE TABLE IF NOT EXISTS " + t +
                     " (seq INTEGER NOT NULL, revision VARCHAR(32) NOT NULL, direction VARCHAR(16) "
                     "NOT NULL, checksum VARCHAR(64), state VARCHAR(16) NOT NULL, applied_at "
                     "TIMESTAMP NULL, duration_ms INTEGER, tool_version VARCHAR(32), applied_by "
                     "VARCHAR(128), CONSTRAINT " +
                     dialect_.quote_ident(options_.table + "_pk") + " PRIMARY KEY (seq))",
                 {}});
}

bool History::exists() {
  return dialect_.has_table(conn_, options_.table);
}

std::vector<HistoryRow> History::read() {
  if (!exists()) return {};
  std::vector<HistoryRow> out;
  for (const auto& r : conn_.query(
           {"SELECT seq, revision, direction, checksum, state, applied_at, applied_by FROM " +
                dialect_.quote_ident(options_.table) + " ORDER BY seq",
            {}})) {
    HistoryRow h;
    h.seq = integer(r.at(0));
    h.revision = text(r.at(1));
    h.direction = text(r.at(2));
    h.checksum = text(r.at(3));
    h.state = text(r.at(4));
    h.applied_at = text(r.at(5));
    h.applied_by = text(r.at(6));
    out.push_back(std::move(h));
  }
  return out;
}

void History::record(const std::string& revision, const std::string& direction,
                     const std::string& checksum, std::int64_t duration_ms,
                     const std::string& state) {
  const std::string t = dialect_.quote_ident(options_.table);
  std::string marks;
  for (int i = 1; i <= 8; ++i) marks += ", " + dialect_.placeholder(i);
  // INSERT ... SELECT: the next seq without a round trip, and the same SQL offline.
  conn_.execute({"INSERT INTO " + t +
                     " (seq, revision, direction, checksum, state, applied_at, duration_ms, "
                     "tool_version, applied_by) SELECT COALESCE(MAX(seq), 0) + 1" +
                     marks + " FROM " + t,
                 {revision, direction, checksum, state, utc_now(), duration_ms,
                  options_.tool_version, options_.applied_by}});
}

void History::finish(const std::string& revision, std::int64_t duration_ms,
                     const std::string& state) {
  conn_.execute({"UPDATE " + dialect_.quote_ident(options_.table) + " SET state = " +
                     dialect_.placeholder(1) + ", duration_ms = " + dialect_.placeholder(2) +
                     " WHERE revision = " + dialect_.placeholder(3) + " AND state = 'started'",
                 {state, duration_ms, revision}});
}

void History::close_interrupted() {
  conn_.execute({"UPDATE " + dialect_.quote_ident(options_.table) +
                     " SET state = 'interrupted' WHERE state = 'started'",
                 {}});
}

std::map<std::string, std::string> applied_checksums(const std::vector<HistoryRow>& rows) {
  std::map<std::string, std::string> out;
  for (const auto& r : rows) {
    if (r.state != "done") continue;
    if (r.direction == "downgrade" || r.direction == "unstamp")
      out.erase(r.revision);
    else
      out[r.revision] = r.checksum;
  }
  return out;
}

std::vector<HistoryRow> interrupted_steps(const std::vector<HistoryRow>& rows) {
  std::vector<HistoryRow> out;
  for (const auto& r : rows)
    if (r.state == "started") out.push_back(r);
  return out;
}

}  // namespace migrate
