#pragma once
// Applies a list of steps from the graph through a dialect, keeping the
// version table in step (SPEC §6). The same code path serves online runs and
// offline --sql, which only swaps the Connection for a SqlPrinter.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/graph/graph.hpp"
#include "core/runner/history.hpp"

namespace migrate {

struct RunOptions {
  std::string version_table = "migrate_version";
  bool transaction_per_migration = false;
  bool offline = false;
  // Where the configuration names the version and history tables, for a
  // name the dialect refuses.
  SourceMark version_table_mark{}, history_table_mark{};
};

class Runner {
 public:
  Runner(const Dialect& dialect, Connection& conn, const Graph& graph, RunOptions options);

  // The rows of the version table; empty when it does not exist yet.
  std::vector<std::string> current_heads();

  // Runs `steps` starting from `heads` and returns the heads at the end.
  // `start_schema` is the schema before the first step when offline (online,
  // the database is inspected). On failure: rolls back what the dialect can,
  // and throws DatabaseError naming the revision, its file, the op and the
  // revision the database now stands at.
  std::vector<std::string> run(const std::vector<Step>& steps, std::vector<std::string> heads,
                               const Schema& start_schema = {});

  // Sets the version table to `targets` without running anything: rows of
  // branches unrelated to the targets stay unless `purge`.
  std::vector<std::string> stamp(const std::vector<std::string>& heads,
                                 const std::vector<std::string>& targets, bool purge);

  // Called before each step runs (the CLI prints "Running upgrade A -> B").
  std::function<void(const Step&)> on_step;
  // Called with each statement before it runs (-v logs them).
  std::function<void(const Statement&)> on_statement;
  // Called after a statement ran, with how long it took (-v logs the timing).
  std::function<void(const Statement&, std::chrono::nanoseconds)> on_statement_done;
  // Where each step is recorded (core/runner/history.hpp); none: not recorded.
  History* history = nullptr;

 private:
  const Dialect& dialect_;
  Connection& conn_;
  const Graph& graph_;
  RunOptions options_;

  void ensure_version_table();
  void record_stamp(const std::vector<std::string>& from, const std::vector<std::string>& to);
  void move_heads(const std::vector<std::string>& from, const std::vector<std::string>& to);
  void exec(const Statement& st);
};

}  // namespace migrate
