// `migrate show REV`: one revision (or several: heads, current) in detail.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/revision_format.hpp"

namespace migrate::cli {
namespace {

int run_show(const Globals& g, const std::string& rev) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg, Operations::skip);
  std::vector<const Revision*> revs;
  if (rev == "current") {
    Database db = open_database(cfg);
    for (const auto& id : database_heads(graph, db, cfg)) revs.push_back(graph.find(id));
  } else {
    revs = graph.get_revisions(rev);
  }
  if (g.json()) {
    nlohmann::json doc = {{"revisions", nlohmann::json::array()}};
    for (const auto* r : revs) doc["revisions"].push_back(revision_json(graph, *r));
    std::cout << doc.dump(2) << "\n";
    return 0;
  }
  std::string out;
  for (const auto* r : revs) out += revision_entry(graph, *r);
  std::cout << out;
  return 0;
}

}  // namespace

void add_show_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("show", "show a revision in detail");
  auto rev = std::make_shared<std::string>();
  cmd->add_option("REV", *rev, "an id, prefix, label, head, heads, LABEL@head or current")
      ->required();
  out.emplace_back(cmd, [&g, rev] { return run_show(g, *rev); });
}

}  // namespace migrate::cli
