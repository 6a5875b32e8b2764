#include "core/graph/replay.hpp"

#include "core/base/error.hpp"
#include "core/ops/apply.hpp"

namespace migrate {

void replay_revision(Schema& schema, const Revision& r, const NameRules& rules) {
  for (const Op& op : r.upgrade) {
    try {
      apply_op(schema, op, rules);
    } catch (const InputError&) {
      // Ops on tables made by raw SQL cannot be simulated.
    }
  }
}

Schema replay(const Graph& graph, const std::vector<std::string>& heads, const NameRules& rules) {
  Schema schema;
  for (const auto& id : graph.ancestry(heads)) replay_revision(schema, *graph.find(id), rules);
  return schema;
}

}  // namespace migrate
