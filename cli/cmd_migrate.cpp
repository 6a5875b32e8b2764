// `migrate upgrade` and `migrate downgrade`, online or offline (--sql).
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "project/upgrade.hpp"

namespace migrate::cli {
namespace {

std::string describe_heads(const std::vector<std::string>& heads) {
  if (heads.empty()) return "base";
  std::string out;
  for (const auto& h : heads) out += (out.empty() ? "" : ", ") + h;
  return out;
}

// Alembic's step log, "upgrade a1 -> b2" ("upgrade  -> a1" for a root).
std::string describe_step(const Step& step) {
  const Revision& r = *step.revision;
  std::string downs = r.down_revisions.empty() ? "" : describe_heads(r.down_revisions);
  return step.direction == Direction::up ? "upgrade " + downs + " -> " + r.id
                                         : "downgrade " + r.id + " -> " + downs;
}

void attach_logging(Runner& runner, const Dialect& dialect, StepReporter& reporter) {
  runner.on_step = [&reporter](const Step& step) {
    reporter.step(step, fmt::format("Running {}, {}", describe_step(step), step.revision->message));
  };
  // -v: each statement before it runs (so a failing one is seen), then its time.
  runner.on_statement = [&dialect](const Statement& st) {
    spdlog::debug("  {}", inline_params(dialect, st));
  };
  runner.on_statement_done = [](const Statement&, std::chrono::nanoseconds took) {
    spdlog::debug("  -- {:.1f} ms", std::chrono::duration<double, std::milli>(took).count());
  };
}

int run_migrate(const Globals& g, const std::string& target, bool sql, Direction dir) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg);
  const std::string verb = dir == Direction::up ? "upgrade" : "downgrade";

  if (sql) {
    OfflineRange range = migrate_range(graph, target, dir, verb);
    OfflineRun run(cfg, graph, std::cout, cfg.transaction_per_migration);
    // As Alembic's offline output: a comment names each revision before its SQL.
    run.runner().on_step = [](const Step& step) {
      std::cout << "-- Running " << describe_step(step) << "\n\n";
    };
    run.migrate(graph, range, dir);
    return 0;
  }

  OnlineRun run(cfg, graph, g.lock_timeout, cfg.transaction_per_migration);
  auto heads = run.checked_heads(verb);
  auto steps = dir == Direction::up ? graph.upgrade(heads, target) : graph.downgrade(heads, target);
  if (steps.empty()) {
    spdlog::info("Nothing to {}: the database stands at {}", verb, describe_heads(heads));
    return 0;
  }
  StepReporter reporter(g, steps.size());
  attach_logging(run.runner(), run.dialect(), reporter);
  auto now = run.runner().run(steps, heads);
  reporter.finish();
  spdlog::info("Done: {} revision(s) {}d; the database stands at {}", steps.size(), verb,
               describe_heads(now));
  return 0;
}

}  // namespace

void add_migrate_commands(CLI::App& app, Globals& g, Commands& out) {
  struct Options {
    std::string target;
    bool sql = false;
  };
  auto up = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("upgrade", "apply revisions up to TARGET (e.g. head)");
  cmd->add_option("TARGET", up->target, "head, heads, a revision, +N, or FROM:TO with --sql")
      ->required();
  cmd->add_flag("--sql", up->sql, "print the SQL instead of running it (offline mode)");
  out.emplace_back(cmd, [&g, up] { return run_migrate(g, up->target, up->sql, Direction::up); });

  auto down = std::make_shared<Options>();
  cmd = app.add_subcommand("downgrade", "revert revisions down to TARGET (e.g. -1, base)");
  cmd->add_option("TARGET", down->target, "base, a revision, -N, or FROM:TO with --sql")
      ->required();
  cmd->add_flag("--sql", down->sql, "print the SQL instead of running it (offline mode)");
  out.emplace_back(cmd,
                   [&g, down] { return run_migrate(g, down->target, down->sql, Direction::down); });
}

}  // namespace migrate::cli
