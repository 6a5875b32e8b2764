#include "core/graph/replay.hpp"

#include "core/base/error.hpp"
#include "core/ops/apply.hpp"

namespace migrate {

void replay_revision(Schema& schema, const Revision& r) {
  for (const Op& op : r.upgrade) {
    try {
      apply_op(schema, op);
    } catch (const InputError&) {
      // Ops on tables made by raw SQL cannot be simulated.
    }
  }
}

Schema replay(const Graph& graph, const std::vector<std::string>& heads) {
  Schema schema;
  for (const auto& id : graph.ancestry(heads)) replay_revision(schema, *graph.find(id));
  return schema;
}

}  // namespace migrate
