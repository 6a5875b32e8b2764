// `migrate diff [--dev-url URL]`: the SQL that would take the database (or,
// with --dev-url, the revisions replayed on a scratch database) to the model,
// printed as `upgrade --sql` prints a revision's. Informational: exit 0
// whether or not anything differs (`check` is the gate).
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "core/compare/compare.hpp"
#include "core/ops/apply.hpp"
#include "core/ops/difference_line.hpp"
#include "core/runner/sql_printer.hpp"
#include "project/autogenerate.hpp"
#include "project/dev_database.hpp"
#include "project/inventory.hpp"
#include "project/model_thread.hpp"

namespace migrate::cli {
namespace {

int run_diff(const Globals& g, const std::string& dev_url) {
  Config cfg = load_config(g);
  ModelThread model_thread(cfg);
  // Only a replay needs the revisions.
  std::optional<Graph> graph;
  std::optional<ComparedDatabase> compared;
  // The ops compile against the schema as it stands before each, as in a run.
  Schema current = model_thread.alongside([&] {
    if (!dev_url.empty()) graph.emplace(load_graph(cfg));
    compared.emplace(cfg, graph ? &*graph : nullptr, dev_url);
    return inspect_for_model(compared->db(), model_thread);
  });
  const Schema& model = model_thread.get();
  ComparedDatabase& target = *compared;
  Database& db = target.db();
  const std::string where = target.describe();
  const std::string subject = target.replayed() ? "the revisions (replayed on " + where + ") match"
                                                : "the database " + where + " matches";

  std::vector<Op> ops = compare_schemas(model, current, *db.dialect, compare_settings(cfg));
  const std::vector<NotModelled> unseen = not_modelled(db, compare_settings(cfg));
  nlohmann::json differences = nlohmann::json::array();
  std::ostringstream text;
  for (const auto& op : ops) {
    std::ostringstream sql;
    SqlPrinter printer(*db.dialect, sql, false);
    for (const auto& st : db.dialect->compile(op, current)) printer.execute(st);
    apply_op(current, op, db.dialect->name_rules());
    if (g.json())
      differences.push_back({{"op", op.kind()},
                             {"table", op.target().qualified()},
                             {"text", difference_line(op)},
                             {"sql", sql.str()}});
    else
      text << "-- " << difference_line(op) << "\n" << sql.str();
  }

  nlohmann::json not_compared = nlohmann::json::array();
  for (const auto& item : unseen)
    not_compared.push_back({{"kind", item.kind}, {"name", item.name}});
  warn_not_compared(unseen);
  if (g.json())
    std::cout << nlohmann::json{{"database", where},
                                {"dev_database", target.replayed()},
                                {"matches", ops.empty()},
                                {"differences", differences},
                                {"not_compared", not_compared}}
                     .dump(2)
              << "\n";
  else
    std::cout << text.str();
  if (ops.empty() && unseen.empty())
    spdlog::info("No differences: {} the model", subject);
  else if (ops.empty())
    spdlog::info("No differences in what migrate models: {} the model; not compared: {}", subject,
                 not_modelled_kinds(unseen));
  else
    spdlog::info("{} difference(s) between {} and the model", ops.size(), where);
  return 0;
}

}  // namespace

void add_diff_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand(
      "diff",
      "print the SQL that would take the database to the model (exit 0; `check` is the gate)");
  auto dev_url = std::make_shared<std::string>();
  add_dev_url_option(*cmd, *dev_url);
  out.emplace_back(cmd, [&g, dev_url] { return run_diff(g, *dev_url); });
}

}  // namespace migrate::cli
