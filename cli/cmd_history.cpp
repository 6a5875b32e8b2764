// `migrate history [-r RANGE] [--indicate-current]`: the revisions, newest first.
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/revision_format.hpp"
#include "core/base/error.hpp"

namespace migrate::cli {
namespace {

struct HistoryOptions {
  std::string range;
  bool indicate_current = false;
};

int run_history(const Globals& g, const HistoryOptions& o) {
  Graph::RangeEnd lower, upper;
  if (!o.range.empty()) {
    auto colon = o.range.find(':');
    if (colon == std::string::npos || o.range.find(':', colon + 1) != std::string::npos)
      throw InputError("history range '" + o.range +
                       "' needs one ':' — write START:END, START: or :END (e.g. -r current:)");
    lower.expr = o.range.substr(0, colon);
    upper.expr = o.range.substr(colon + 1);
  }
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg, Operations::skip);
  // Only `current` in the range and --indicate-current need the database.
  std::optional<std::vector<std::string>> rows;
  if (o.indicate_current || lower.expr == "current" || upper.expr == "current") {
    Database db = open_database(cfg);
    rows = database_heads(graph, db, cfg);
  }
  if (upper.expr == "current")
    upper.ids = rows;
  else if (lower.expr == "current")
    lower.ids = rows;
  auto is_current = [&](const Revision& r) {
    return rows && std::find(rows->begin(), rows->end(), r.id) != rows->end();
  };

  auto revs = graph.history(lower, upper);
  if (g.json()) {
    nlohmann::json doc = {{"revisions", nlohmann::json::array()}};
    for (const auto* r : revs) {
      auto j = revision_json(graph, *r);
      if (o.indicate_current) j["is_current"] = is_current(*r);
      doc["revisions"].push_back(std::move(j));
    }
    std::cout << doc.dump(2) << "\n";
    return 0;
  }
  std::string out;
  for (const auto* r : revs) {
    bool current = o.indicate_current && is_current(*r);
    out += g.verbose ? revision_entry(graph, *r, current)
                     : revision_line(
                           graph, *r,
                           {.parents = true, .branches = true, .doc = true, .current = current}) +
                           "\n";
  }
  std::cout << out;
  return 0;
}

}  // namespace

void add_history_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("history", "list the revisions, newest first");
  auto o = std::make_shared<HistoryOptions>();
  cmd->add_option("-r,--rev-range", o->range,
                  "START:END (both included), START:, :END; `current` is where the database "
                  "stands");
  cmd->add_flag("-i,--indicate-current", o->indicate_current,
                "mark the revisions the database stands at");
  // The global -v/--verbose also asks for each revision's details here.
  out.emplace_back(cmd, [&g, o] { return run_history(g, *o); });
}

}  // namespace migrate::cli
