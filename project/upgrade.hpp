#pragma once
// The jobs that move the version table: upgrade, downgrade and stamp, each
// online (a locked database whose history is checked first) or offline
// (--sql: the same runner writing SQL to a stream). One path for each of the
// two, so the three commands cannot drift apart.
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/graph/graph.hpp"
#include "core/runner/history.hpp"
#include "core/runner/runner.hpp"
#include "core/runner/sql_printer.hpp"
#include "project/workspace.hpp"

namespace migrate::project {

// An offline run's starting point and goal, read from its target.
struct OfflineRange {
  std::vector<std::string> from;  // the heads it starts at; empty: base
  std::string to;
};

// upgrade/downgrade --sql: TARGET or FROM:TO (downgrade needs the range:
// there is no database to say where it stands). `verb` names the command in
// errors. Throws InputError for an empty FROM or a missing range.
OfflineRange migrate_range(const Graph& graph, const std::string& target, Direction dir,
                           const std::string& verb);
// stamp --sql: REV or FROM:REV.
OfflineRange stamp_range(const Graph& graph, const std::string& target);

// The runner of an offline run: statements, version-table and history rows
// ("offline" as who applied them) printed to `out` as a script.
class OfflineRun {
 public:
  OfflineRun(const Config& cfg, const Graph& graph, std::ostream& out, bool per_migration);
  OfflineRun(const OfflineRun&) = delete;
  OfflineRun& operator=(const OfflineRun&) = delete;

  Runner& runner() { return runner_; }
  const Dialect& dialect() const { return *dialect_; }
  // Upgrade or downgrade over `range`, from the schema the revisions up to
  // its start build (core/graph/replay).
  void migrate(const Graph& graph, const OfflineRange& range, Direction dir);

 private:
  std::unique_ptr<Dialect> dialect_;
  SqlPrinter printer_;
  History history_;
  Runner runner_;
};

// The runner of an online run: the database opened and its migration lock
// taken (waiting up to `lock_timeout` seconds) for the life of the run.
class OnlineRun {
 public:
  OnlineRun(const Config& cfg, const Graph& graph, int lock_timeout, bool per_migration);
  OnlineRun(const OnlineRun&) = delete;
  OnlineRun& operator=(const OnlineRun&) = delete;

  Runner& runner() { return runner_; }
  const Dialect& dialect() const { return *db_.dialect; }
  // Where the database stands, checked before anything runs: a row naming
  // no file is an InputError, an interrupted step or an edited or deleted
  // applied revision refuses `verb` (project/history_guard).
  std::vector<std::string> checked_heads(const std::string& verb);
  // Where it stands for stamp: with `purge` the rows as they are (--purge
  // exists to recover from rows naming revisions that have no file).
  std::vector<std::string> stamp_heads(bool purge);

 private:
  const Config& cfg_;
  const Graph& graph_;
  Database db_;
  MigrationLock lock_;
  History history_;
  Runner runner_;
};

}  // namespace migrate::project
