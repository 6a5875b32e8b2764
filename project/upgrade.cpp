#include "project/upgrade.hpp"

#include "core/base/error.hpp"
#include "core/graph/replay.hpp"
#include "project/history_guard.hpp"

namespace migrate::project {
namespace {

RunOptions run_options(const Config& cfg, bool per_migration, bool offline) {
  return RunOptions{cfg.version_table, per_migration, offline, cfg.table_marks.version_table,
                    cfg.table_marks.history_table};
}

}  // namespace

OfflineRange migrate_range(const Graph& graph, const std::string& target, Direction dir,
                           const std::string& verb) {
  OfflineRange r{{}, target};
  if (auto colon = target.find(':'); colon != std::string::npos) {
    std::string start = target.substr(0, colon);
    r.to = target.substr(colon + 1);
    if (start.empty()) throw InputError(verb + " --sql: empty FROM in range '" + target + "'");
    r.from = graph.revision_or_base(start);
  } else if (dir == Direction::down) {
    throw InputError(
        "downgrade --sql needs a range FROM:TO (e.g. head:base), since there is "
        "no database to read where it stands");
  }
  return r;
}

OfflineRange stamp_range(const Graph& graph, const std::string& target) {
  OfflineRange r{{}, target};
  if (auto colon = target.find(':'); colon != std::string::npos) {
    r.from = graph.resolve_target(target.substr(0, colon), {}, Direction::up);
    r.to = target.substr(colon + 1);
  }
  return r;
}

OfflineRun::OfflineRun(const Config& cfg, const Graph& graph, std::ostream& out, bool per_migration)
    : dialect_(dialect_for(cfg)),
      printer_(*dialect_, out),
      history_(*dialect_, printer_, {cfg.history_table, MIGRATE_VERSION, "offline"}),
      runner_(*dialect_, printer_, graph, run_options(cfg, per_migration, true)) {
  runner_.history = &history_;
}

void OfflineRun::migrate(const Graph& graph, const OfflineRange& range, Direction dir) {
  auto steps = dir == Direction::up ? graph.upgrade(range.from, range.to)
                                    : graph.downgrade(range.from, range.to);
  // Offline there is no database to read, and SQLite's table rebuild needs the full table.
  runner_.run(steps, range.from, replay(graph, range.from, dialect_->name_rules()));
}

OnlineRun::OnlineRun(const Config& cfg, const Graph& graph, int lock_timeout, bool per_migration)
    : cfg_(cfg),
      graph_(graph),
      db_(open_database(cfg)),
      lock_(db_, cfg, lock_timeout),
      history_(open_history(db_, cfg)),
      runner_(*db_.dialect, *db_.conn, graph, run_options(cfg, per_migration, false)) {
  runner_.history = &history_;
}

std::vector<std::string> OnlineRun::checked_heads(const std::string& verb) {
  auto heads = database_heads(graph_, db_, cfg_);
  guard_history(history_, graph_, heads, verb);
  return heads;
}

std::vector<std::string> OnlineRun::stamp_heads(bool purge) {
  return purge ? runner_.current_heads() : database_heads(graph_, db_, cfg_);
}

}  // namespace migrate::project
