#pragma once
// The applied-history table (migrate_history), beside the Alembic-shaped
// version table: one row per step applied or undone, with the checksum of
// the revision as it ran, so an edited or deleted revision is caught later
// (core/runner/validate.hpp), and a marker row around steps that run outside a
// transaction, so a killed run is reported rather than silently resumed.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"

namespace migrate {

struct HistoryRow {
  std::int64_t seq = 0;
  std::string revision;
  std::string direction;  // "upgrade", "downgrade", "stamp", "unstamp", "accept"
  std::string checksum;
  std::string state;  // "done", "started" (still running, or killed), "failed", "interrupted"
  std::string applied_at;
  std::string applied_by;
};

struct HistoryOptions {
  std::string table = "migrate_history";
  std::string tool_version;
  std::string applied_by;  // the database user, or the OS user where there is none
};

class History {
 public:
  History(const Dialect& dialect, Connection& conn, HistoryOptions options);

  const std::string& table() const { return options_.table; }
  void ensure();                   // CREATE TABLE IF NOT EXISTS
  bool exists();                   // one catalog query
  std::vector<HistoryRow> read();  // in order; empty when the table does not exist

  // One row; its seq follows the last one (the migration lock is held).
  void record(const std::string& revision, const std::string& direction,
              const std::string& checksum, std::int64_t duration_ms, const std::string& state);
  // The "started" row of `revision` becomes `state` ("done" or "failed").
  void finish(const std::string& revision, std::int64_t duration_ms, const std::string& state);
  // Every "started" row becomes "interrupted": the user has looked (stamp).
  void close_interrupted();

 private:
  const Dialect& dialect_;
  Connection& conn_;
  HistoryOptions options_;
};

// Revision -> the checksum it was last applied (or stamped, or accepted)
// with, for the revisions whose last row does not undo them.
std::map<std::string, std::string> applied_checksums(const std::vector<HistoryRow>& rows);

// The rows still "started": steps outside a transaction that never ended.
std::vector<HistoryRow> interrupted_steps(const std::vector<HistoryRow>& rows);

}  // namespace migrate
