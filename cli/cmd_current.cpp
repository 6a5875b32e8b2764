// `migrate current`: the revision(s) the database stands at.
#include <nlohmann/json.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/revision_format.hpp"

namespace migrate::cli {
namespace {

int run_current(const Globals& g, bool verbose) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg, Operations::skip);
  Database db = open_database(cfg);
  auto rows = database_heads(graph, db, cfg);
  // As Alembic: the rows, plus any revision applied only as a dependency.
  auto shown = graph.current_view(rows);
  if (g.json()) {
    nlohmann::json doc = {
        {"database", db.url.masked()}, {"rows", rows}, {"current", nlohmann::json::array()}};
    for (const auto& id : shown) doc["current"].push_back(revision_json(graph, *graph.find(id)));
    std::cout << doc.dump(2) << "\n";
    return 0;
  }
  std::string out;
  if (verbose) out += "Current revision(s) for " + db.url.masked() + ":\n";
  for (const auto& id : shown)
    out += verbose ? revision_entry(graph, *graph.find(id))
                   : revision_line(graph, *graph.find(id), {}) + "\n";
  std::cout << out;
  return 0;
}

}  // namespace

void add_current_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("current", "show the revision(s) the database stands at");
  // The global -v/--verbose also asks for each revision's details here.
  out.emplace_back(cmd, [&g] { return run_current(g, g.verbose); });
}

}  // namespace migrate::cli
