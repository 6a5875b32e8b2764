#pragma once
// compare's work on the partitioning of one table present on both sides
// (internal to core/compare, exposed for its unit tests).
#include "core/compare/compare_table.hpp"

namespace migrate {

// Whether the table's partitioning changes where the database cannot
// re-partition in place (PostgreSQL): the table is dropped and made again.
bool partitioning_remakes(const TableSides& t, const DiffRules& dialect);

// The partitions that come and go (add_partition, drop_partition), or the
// whole partitioning restated (alter_partitioning) where the database does
// that in place and a partition's bound or place changes.
void diff_partitions(const TableSides& t, const DiffRules& dialect, TableDiff& out);

}  // namespace migrate
