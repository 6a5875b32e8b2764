// `migrate heads`: the revisions nothing builds on.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/revision_format.hpp"

namespace migrate::cli {
namespace {

int run_heads(const Globals& g, bool resolve_dependencies) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg, Operations::skip);
  // As Alembic: a revision only depended on (depends_on) is still a head,
  // marked "(effective head)", unless --resolve-dependencies.
  auto heads = resolve_dependencies ? graph.real_heads() : graph.heads();
  if (g.json()) {
    nlohmann::json doc = {{"heads", nlohmann::json::array()}};
    for (const auto* h : heads) doc["heads"].push_back(revision_json(graph, *h));
    std::cout << doc.dump(2) << "\n";
    return 0;
  }
  std::string out;
  for (const auto* h : heads)
    out += g.verbose
               ? revision_entry(graph, *h)
               : revision_line(graph, *h, {.branches = true, .tree_indicators = false}) + "\n";
  std::cout << out;
  return 0;
}

}  // namespace

void add_heads_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("heads", "show the heads: revisions nothing builds on");
  auto resolve = std::make_shared<bool>(false);
  cmd->add_flag("--resolve-dependencies", *resolve,
                "leave out heads that another revision names in depends_on");
  // The global -v/--verbose also asks for each head's details here.
  out.emplace_back(cmd, [&g, resolve] { return run_heads(g, *resolve); });
}

}  // namespace migrate::cli
