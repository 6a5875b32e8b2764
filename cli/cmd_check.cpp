// `migrate check`: CI's gate. Exit 0 when the database (at head) matches the
// model, 1 listing each difference when not (or when the database is not at
// head), 2 for bad input, 3 for database errors. With --dev-url the revisions
// replayed on a scratch database stand in for the database.
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "core/base/error.hpp"
#include "core/ops/difference_line.hpp"
#include "project/autogenerate.hpp"
#include "project/dev_database.hpp"
#include "project/inventory.hpp"

namespace migrate::cli {
namespace {

constexpr int kDiffers = static_cast<int>(ExitCode::check_failed);

int run_check(const Globals& g, const std::string& dev_url) {
  Config cfg = load_config(g);
  // A replay runs the operations; reading the database needs only the graph.
  Graph graph = load_graph(cfg, dev_url.empty() ? Operations::skip : Operations::load);
  ModelThread model(cfg);
  std::optional<ComparedDatabase> compared;
  Standing at;
  std::vector<Op> ops;
  std::vector<NotModelled> unseen;
  model.alongside([&] {
    compared.emplace(cfg, &graph, dev_url);
    at = standing(graph, compared->db(), cfg);
    if (at.up_to_date()) {
      ops = diff_database(cfg, model, compared->db());
      unseen = not_modelled(compared->db(), compare_settings(cfg));
    } else {
      model.get();  // a mistake in the model is still reported first
    }
  });
  ComparedDatabase& target = *compared;
  const bool dev = target.replayed();
  // With a dev database "the database" is the revisions replayed.
  const std::string subject =
      dev ? "the revisions (replayed on " + target.describe() + ")" : std::string("the database");

  if (g.json()) {
    nlohmann::json doc = {{"database", target.describe()},
                          {"dev_database", dev},
                          {"current", at.current},
                          {"heads", at.heads},
                          {"up_to_date", at.up_to_date()},
                          {"matches", at.up_to_date() && ops.empty()},
                          {"differences", nlohmann::json::array()},
                          {"not_compared", nlohmann::json::array()}};
    for (const auto& op : ops)
      doc["differences"].push_back(
          {{"op", op.kind()}, {"table", op.target().qualified()}, {"text", difference_line(op)}});
    for (const auto& item : unseen)
      doc["not_compared"].push_back({{"kind", item.kind}, {"name", item.name}});
    std::cout << doc.dump(2) << "\n";
  } else if (!at.up_to_date()) {
    std::cerr << "error: " << at.describe() << "; run `migrate upgrade head`, then check again\n";
  } else if (ops.empty()) {
    warn_not_compared(unseen);
    // Never a bare "no differences" over what was not looked at.
    if (!g.quiet && unseen.empty())
      std::cout << "No differences: " << subject << (dev ? " match" : " matches")
                << " the model.\n";
    else if (!g.quiet)
      std::cout << "No differences in what migrate models: " << subject
                << (dev ? " match" : " matches")
                << " the model; not compared: " << not_modelled_kinds(unseen)
                << " (see the warning).\n";
  } else {
    warn_not_compared(unseen);
    for (const auto& op : ops) std::cout << difference_line(op) << "\n";
    std::cerr << "error: " << subject << (dev ? " differ" : " differs") << " from the model in "
              << ops.size() << (ops.size() == 1 ? " way" : " ways")
              << "; write a revision with `migrate revision --autogenerate -m MESSAGE"
              << (dev ? " --dev-url URL" : "") << "`\n";
  }
  return at.up_to_date() && ops.empty() ? 0 : kDiffers;
}

}  // namespace

void add_check_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand(
      "check", "exit 0 when the database (at head) matches the model, 1 listing what differs");
  auto dev_url = std::make_shared<std::string>();
  add_dev_url_option(*cmd, *dev_url);
  out.emplace_back(cmd, [&g, dev_url] { return run_check(g, *dev_url); });
}

}  // namespace migrate::cli
