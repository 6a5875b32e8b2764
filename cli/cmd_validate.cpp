// `migrate validate [--accept REV]`: applied revisions against their files
// (Flyway's validate and repair). Exit 1 when one changed, went, or a step
// was interrupted, or when versions.sum no longer matches the revision files
// (CI's gate; other commands only warn); --accept records a changed file's
// content as applied.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/base/error.hpp"
#include "core/runner/validate.hpp"
#include "project/history_guard.hpp"

namespace migrate::cli {
namespace {

int accept(Database& db, const Config& cfg, const Globals& g, const Graph& graph,
           const std::string& target) {
  MigrationLock lock(db, cfg, g.lock_timeout);
  auto heads = database_heads(graph, db, cfg);
  auto ids = graph.resolve_target(target, heads, Direction::up);
  History history = open_history(db, cfg);
  auto applied = applied_checksums(history.read());
  auto stands_on = graph.ancestry(heads);
  db.conn->begin();
  for (const auto& id : ids) {
    if (std::find(stands_on.begin(), stands_on.end(), id) == stands_on.end()) {
      db.conn->rollback();
      throw InputError("revision " + id +
                       " is not applied to this database; only an applied revision's content "
                       "can be accepted");
    }
    const std::string sum = revision_checksum(*graph.find(id));
    history.ensure();
    history.record(id, "accept", sum, 0, "done");
    std::cout << "accepted " << id << " as applied with " << sum
              << (applied.count(id) ? " (was " + applied[id] + ")" : std::string()) << "\n";
  }
  db.conn->commit();
  return 0;
}

int run_validate(const Globals& g, const std::string& accept_rev) {
  Config cfg = load_config(g);
  SumReport sum;
  Graph graph = load_graph(cfg, Operations::load, &sum);
  if (!accept_rev.empty()) {
    // Repairing the history is no review of the files: versions.sum as for any command.
    warn_or_refuse(cfg, sum);
    Database db = open_database(cfg);
    return accept(db, cfg, g, graph, accept_rev);
  }
  // A sum that cannot be read says nothing about the files: bad input, as for any file.
  if (!sum.unreadable.empty()) throw InputError(sum.unreadable);
  int problems = 0;
  if (sum.stale()) {
    ++problems;
    std::cout << "stale: " << sum_problem(cfg, sum)
              << " (`migrate hash` records the revision files as they are)\n";
  }
  Database db = open_database(cfg);
  auto heads = database_heads(graph, db, cfg);
  History history = open_history(db, cfg);
  auto rows = history.read();
  for (const auto& r : interrupted_steps(rows)) {
    ++problems;
    std::cout << "interrupted: the " << r.direction << " of revision " << r.revision
              << " started at " << r.applied_at << " never finished (see `migrate stamp`)\n";
  }
  auto applied = applied_checksums(rows);
  for (const auto& t : find_tampering(graph, heads, applied)) {
    ++problems;
    std::cout << (t.missing ? "missing: " : "changed: ") << describe(t) << "\n";
  }
  if (problems) {
    spdlog::error(
        "{} problem(s): restore the files, or record an intended change (`migrate validate "
        "--accept REV` for an applied revision, `migrate hash` for versions.sum)",
        problems);
    return 1;
  }
  auto stands_on = graph.ancestry(heads);
  size_t known = 0;
  for (const auto& id : stands_on) known += applied.count(id);
  std::cout << "ok: " << known << " applied revision(s) match their files";
  if (known < stands_on.size())
    std::cout << "; " << stands_on.size() - known
              << " applied before the history table existed, not checked";
  std::cout << "\n";
  return 0;
}

}  // namespace

void add_validate_command(CLI::App& app, Globals& g, Commands& out) {
  auto accept_rev = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "validate", "check that applied revisions still match their files (exit 1 when not)");
  cmd->add_option("--accept", *accept_rev,
                  "record REV's current content as what was applied (after checking the database)");
  out.emplace_back(cmd, [&g, accept_rev] { return run_validate(g, *accept_rev); });
}

}  // namespace migrate::cli
