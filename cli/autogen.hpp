#pragma once
// What `revision --autogenerate` and `check` share: the model loaded, the
// database inspected, and the ops between them (core/compare/compare.hpp).
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/model_thread.hpp"
#include "core/ops/ops.hpp"

namespace migrate::cli {

struct Standing {
  std::vector<std::string> current;  // the database's heads, sorted
  std::vector<std::string> heads;    // the graph's heads, sorted
  bool up_to_date() const { return current == heads; }
  // "the database stands at X but the head is Y" (for errors and check).
  std::string describe() const;
};

Standing standing(const Graph& graph, Database& db, const Config& cfg);

// The upgrade that takes the database to the model; empty when they match.
std::vector<Op> diff_database(const Config& cfg, ModelThread& model, Database& db);

// For `revision --autogenerate`: the template's ${upgrade} and ${downgrade}
// (" []" when nothing differs, which stderr then says). Throws InputError
// when the database is not at head: a revision made against an older
// database would repeat what the newer revisions already do. With a
// `dev_url` the revisions replayed on a scratch database (cli/dev_database)
// stand in for the database, at head by construction; the graph must then
// hold the operations.
std::pair<std::string, std::string> autogenerate_bodies(const Globals& g, const Config& cfg,
                                                        const Graph& graph,
                                                        const std::string& dev_url = "");

// One line per op, as `check` lists them: "add_column users.email".
std::string difference_line(const Op& op);

}  // namespace migrate::cli
