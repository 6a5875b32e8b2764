#include "core/schema/partition.hpp"

#include "core/base/text.hpp"

namespace migrate {

std::string describe_partitioning(const PartitionBy& p) {
  return p.type + " (" + (p.columns.empty() ? p.expression : text::join(p.columns, ", ")) + ")";
}

}  // namespace migrate
