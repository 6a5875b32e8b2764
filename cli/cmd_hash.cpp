// `migrate hash`: writes migrations/versions.sum for the revision files as
// they are, after an intended edit or a merge of branches that each added one.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/versions/revision_sum_file.hpp"

namespace migrate::cli {
namespace {

int run_hash(const Globals& g) {
  Config cfg = load_config(g);
  RevisionSum sum = write_revision_sum(cfg);
  if (g.json()) {
    nlohmann::json doc = {{"sum_file", cfg.sum_file().string()},
                          {"sum", std::string(kSumHashPrefix) + sum.total},
                          {"files", sum.entries.size()}};
    std::cout << doc.dump(2) << "\n";
  } else if (!g.quiet) {
    std::cout << "Wrote " << cfg.sum_file().string() << " (" << sum.entries.size()
              << " revision file" << (sum.entries.size() == 1 ? "" : "s") << ")\n";
  }
  return 0;
}

}  // namespace

void add_hash_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand(
      "hash", "write migrations/versions.sum, the checksum of every revision file");
  out.emplace_back(cmd, [&g] { return run_hash(g); });
}

}  // namespace migrate::cli
