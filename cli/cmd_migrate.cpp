// `migrate upgrade` and `migrate downgrade`, online or offline (--sql).
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "core/base/error.hpp"
#include "core/ops/apply.hpp"
#include "core/runner/runner.hpp"
#include "core/runner/sql_printer.hpp"
#include "project/history_guard.hpp"

namespace migrate::cli {
namespace {

std::string describe_heads(const std::vector<std::string>& heads) {
  if (heads.empty()) return "base";
  std::string out;
  for (const auto& h : heads) out += (out.empty() ? "" : ", ") + h;
  return out;
}

// What the schema looks like at `heads`, by playing the revisions' upgrade
// ops: offline mode has no database to read, and SQLite's table rebuild
// needs the full table.
Schema simulate(const Graph& graph, const std::vector<std::string>& heads) {
  Schema schema;
  for (const auto& id : graph.ancestry(heads))
    for (const auto& op : graph.find(id)->upgrade) {
      try {
        apply_op(schema, op);
      } catch (const InputError&) {
        // Ops on tables made by raw SQL cannot be simulated; compile reports it if it matters.
      }
    }
  return schema;
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
  RunOptions options{cfg.version_table, cfg.transaction_per_migration, sql,
                     cfg.table_marks.version_table, cfg.table_marks.history_table};
  const char* verb = dir == Direction::up ? "upgrade" : "downgrade";

  if (sql) {
    auto dialect = dialect_for(cfg);
    std::vector<std::string> from;
    std::string to = target;
    if (auto colon = target.find(':'); colon != std::string::npos) {
      std::string start = target.substr(0, colon);
      to = target.substr(colon + 1);
      if (start.empty())
        throw InputError(std::string(verb) + " --sql: empty FROM in range '" + target + "'");
      from = graph.revision_or_base(start);
    } else if (dir == Direction::down) {
      throw InputError(
          "downgrade --sql needs a range FROM:TO (e.g. head:base), since there is "
          "no database to read where it stands");
    }
    auto steps = dir == Direction::up ? graph.upgrade(from, to) : graph.downgrade(from, to);
    SqlPrinter printer(*dialect, std::cout);
    Runner runner(*dialect, printer, graph, options);
    History history(*dialect, printer, {cfg.history_table, MIGRATE_VERSION, "offline"});
    runner.history = &history;
    // As Alembic's offline output: a comment names each revision before its SQL.
    runner.on_step = [](const Step& step) {
      std::cout << "-- Running " << describe_step(step) << "\n\n";
    };
    runner.run(steps, from, simulate(graph, from));
    return 0;
  }

  Database db = open_database(cfg);
  MigrationLock lock(db, cfg, g.lock_timeout);
  auto heads = database_heads(graph, db, cfg);
  History history = open_history(db, cfg);
  guard_history(history, graph, heads, verb);
  auto steps = dir == Direction::up ? graph.upgrade(heads, target) : graph.downgrade(heads, target);
  if (steps.empty()) {
    spdlog::info("Nothing to {}: the database stands at {}", verb, describe_heads(heads));
    return 0;
  }
  Runner runner(*db.dialect, *db.conn, graph, options);
  runner.history = &history;
  StepReporter reporter(g, steps.size());
  attach_logging(runner, *db.dialect, reporter);
  auto now = runner.run(steps, heads);
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
