// `migrate branches`: the branch points, each with the revisions built on it.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/revision_format.hpp"

namespace migrate::cli {
namespace {

int run_branches(const Globals& g) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg, Operations::skip);
  nlohmann::json doc = {{"branch_points", nlohmann::json::array()}};
  std::string out;
  for (const auto* r : graph.history({}, {})) {
    const auto f = graph.facts(*r);
    if (!f.is_branch_point) continue;
    if (g.json()) {
      doc["branch_points"].push_back(revision_json(graph, *r));
      continue;
    }
    // Alembic's layout: the branch point, then "-> child" under its id.
    out +=
        g.verbose ? revision_entry(graph, *r) : revision_line(graph, *r, {.branches = true}) + "\n";
    for (const auto& child : f.children)
      out += std::string(r->id.size(), ' ') + " -> " +
             revision_line(graph, *graph.find(child), {.branches = true, .doc = g.verbose}) + "\n";
    out += "\n";
  }
  if (g.json())
    std::cout << doc.dump(2) << "\n";
  else
    std::cout << out;
  return 0;
}

}  // namespace

void add_branches_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("branches", "show the branch points and what builds on them");
  out.emplace_back(cmd, [&g] { return run_branches(g); });
}

}  // namespace migrate::cli
