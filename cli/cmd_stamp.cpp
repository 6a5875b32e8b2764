// `migrate stamp`: sets the version table without running migrations.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "project/upgrade.hpp"

namespace migrate::cli {
namespace {

int run_stamp(const Globals& g, const std::string& target, bool purge, bool sql) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg);
  if (sql) {
    OfflineRange range = stamp_range(graph, target);
    OfflineRun run(cfg, graph, std::cout, false);
    run.runner().stamp(range.from, graph.resolve_target(range.to, range.from, Direction::up),
                       purge);
    return 0;
  }
  OnlineRun run(cfg, graph, g.lock_timeout, false);
  auto heads = run.stamp_heads(purge);
  auto targets = graph.resolve_target(target, heads, Direction::up);
  auto now = run.runner().stamp(heads, targets, purge);
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
