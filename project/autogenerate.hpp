#pragma once
// What `revision --autogenerate` and `check` share: the model loaded, the
// database inspected, and the ops between them (core/compare/compare.hpp).
#include <string>
#include <vector>

#include "core/compare/compare.hpp"
#include "core/ops/ops.hpp"
#include "project/model_thread.hpp"
#include "project/workspace.hpp"

namespace migrate::project {

struct Standing {
  std::vector<std::string> current;  // the database's heads, sorted
  std::vector<std::string> heads;    // the graph's heads, sorted
  bool up_to_date() const { return current == heads; }
  // "the database stands at X but the head is Y" (for errors and check).
  std::string describe() const;
};

Standing standing(const Graph& graph, Database& db, const Config& cfg);

// What autogenerate compares, from migrate.yaml (its compare:, include and
// exclude patterns, naming convention and the tables migrate keeps itself).
CompareSettings compare_settings(const Config& cfg);

// The upgrade that takes the database to the model; empty when they match.
std::vector<Op> diff_database(const Config& cfg, ModelThread& model, Database& db);

// For `revision --autogenerate`: the template's ${upgrade} and ${downgrade}
// (" []" when nothing differs, which stderr then says). Throws InputError
// when the database is not at head: a revision made against an older
// database would repeat what the newer revisions already do. With a
// `dev_url` the revisions replayed on a scratch database (project/dev_database)
// stand in for the database, at head by construction; the graph must then
// hold the operations.
std::pair<std::string, std::string> autogenerate_bodies(const Config& cfg, const Graph& graph,
                                                        const std::string& dev_url = "");

}  // namespace migrate::project
