// `migrate stamp`: sets the version table without running migrations.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/runner/runner.hpp"
#include "core/runner/sql_printer.hpp"
#include "project/history_guard.hpp"

namespace migrate::cli {
namespace {

int run_stamp(const Globals& g, const std::string& target, bool purge, bool sql) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg);
  RunOptions options{cfg.version_table, false, sql, cfg.table_marks.version_table,
                     cfg.table_marks.history_table};
  if (sql) {
    auto dialect = dialect_for(cfg);
    std::vector<std::string> from;
    std::string to = target;
    if (auto colon = target.find(':'); colon != std::string::npos) {
      from = graph.resolve_target(target.substr(0, colon), {}, Direction::up);
      to = target.substr(colon + 1);
    }
    SqlPrinter printer(*dialect, std::cout);
    Runner runner(*dialect, printer, graph, options);
    History history(*dialect, printer, {cfg.history_table, MIGRATE_VERSION, "offline"});
    runner.history = &history;
    runner.stamp(from, graph.resolve_target(to, from, Direction::up), purge);
    return 0;
  }
  Database db = open_database(cfg);
  MigrationLock lock(db, cfg, g.lock_timeout);
  Runner runner(*db.dialect, *db.conn, graph, options);
  History history = open_history(db, cfg);
  runner.history = &history;
  // --purge exists to recover from rows naming revisions that have no file.
  auto heads = purge ? runner.current_heads() : database_heads(graph, db, cfg);
  auto targets = graph.resolve_target(target, heads, Direction::up);
  auto now = runner.stamp(heads, targets, purge);
  std::string shown;
  for (const auto& h : now) shown += (shown.empty() ? "" : ", ") + h;
  spdlog::info("Stamped: the database stands at {}", shown.empty() ? "base" : shown);
  return 0;
}

}  // namespace

void add_stamp_command(CLI::App& app, Globals& g, Commands& out) {
  struct Options {
    std::string target;
    bool purge = false;
    bool sql = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("stamp", "set the version table to REV without migrating");
  cmd->add_option("REV", o->target, "head, heads, base or a revision")->required();
  cmd->add_flag("--purge", o->purge, "empty the version table first");
  cmd->add_flag("--sql", o->sql, "print the SQL instead of running it");
  out.emplace_back(cmd, [&g, o] { return run_stamp(g, o->target, o->purge, o->sql); });
}

}  // namespace migrate::cli
