// `migrate check`: CI's gate. Exit 0 when the database (at head) matches the
// model, 1 listing each difference when not (or when the database is not at
// head), 2 for bad input, 3 for database errors.
#include <nlohmann/json.hpp>

#include <iostream>

#include "cli/autogen.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace migrate::cli {
namespace {

constexpr int kDiffers = static_cast<int>(ExitCode::check_failed);

int run_check(const Globals& g) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg, Operations::skip);
  Schema model = load_model(cfg.model_path(), cfg.naming);
  Database db = open_database(cfg, g);
  Standing at = standing(graph, db, cfg);
  std::vector<Op> ops;
  if (at.up_to_date()) ops = diff_database(cfg, model, db);

  if (g.json()) {
    nlohmann::json doc = {{"database", db.url.masked()},
                          {"current", at.current},
                          {"heads", at.heads},
                          {"up_to_date", at.up_to_date()},
                          {"matches", at.up_to_date() && ops.empty()},
                          {"differences", nlohmann::json::array()}};
    for (const auto& op : ops)
      doc["differences"].push_back(
          {{"op", op.kind()}, {"table", op.target().qualified()}, {"text", difference_line(op)}});
    std::cout << doc.dump(2) << "\n";
  } else if (!at.up_to_date()) {
    std::cerr << "error: " << at.describe() << "; run `migrate upgrade head`, then check again\n";
  } else if (ops.empty()) {
    if (!g.quiet) std::cout << "No differences: the database matches the model.\n";
  } else {
    for (const auto& op : ops) std::cout << difference_line(op) << "\n";
    std::cerr << "error: the database differs from the model in " << ops.size()
              << (ops.size() == 1 ? " way" : " ways")
              << "; write a revision with `migrate revision --autogenerate -m MESSAGE`\n";
  }
  return at.up_to_date() && ops.empty() ? 0 : kDiffers;
}

}  // namespace

void add_check_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand(
      "check", "exit 0 when the database (at head) matches the model, 1 listing what differs");
  out.emplace_back(cmd, [&g] { return run_check(g); });
}

}  // namespace migrate::cli
