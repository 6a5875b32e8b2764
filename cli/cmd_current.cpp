// `migrate current`: the revision(s) the database stands at.
#include <nlohmann/json.hpp>

#include <iostream>

#include "cli/commands.hpp"

namespace migrate::cli {
namespace {

int run_current(const Globals& g, bool verbose) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg);
  Database db = open_database(cfg, g);
  auto heads = database_heads(graph, db, cfg);
  auto graph_heads = graph.heads();
  auto is_head = [&](const std::string& id) {
    for (const auto* h : graph_heads)
      if (h->id == id) return true;
    return false;
  };
  if (g.json()) {
    nlohmann::json doc = {{"database", db.url.masked()}, {"current", nlohmann::json::array()}};
    for (const auto& id : heads) {
      const Revision* r = graph.find(id);
      doc["current"].push_back(
          {{"revision", id}, {"is_head", is_head(id)}, {"message", r->message}, {"path", r->path}});
    }
    std::cout << doc.dump(2) << "\n";
    return 0;
  }
  if (verbose) std::cout << "Current revision(s) for " << db.url.masked() << ":\n";
  for (const auto& id : heads) {
    const Revision* r = graph.find(id);
    if (verbose) {
      std::cout << "Rev: " << id << (is_head(id) ? " (head)" : "") << "\n"
                << "Parent: "
                << (r->down_revisions.empty() ? std::string("<base>") : r->down_revisions[0])
                << "\nPath: " << r->path << "\n\n    " << r->message << "\n\n";
    } else {
      std::cout << id << (is_head(id) ? " (head)" : "") << "\n";
    }
  }
  return 0;
}

}  // namespace

void add_current_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("current", "show the revision(s) the database stands at");
  // The global -v/--verbose also asks for each revision's details here.
  out.emplace_back(cmd, [&g] { return run_current(g, g.verbose); });
}

}  // namespace migrate::cli
