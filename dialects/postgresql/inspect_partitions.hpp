#pragma once
// The partitioning of PostgreSQL's partitioned tables, in two catalog
// queries: each parent's key (pg_partitioned_table) and each partition's
// bound (pg_class.relpartbound). The partitions themselves are not read as
// tables: their columns, keys and indexes are the parent's clones.
#include <string>

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"

namespace migrate::postgresql {

// Fills Table::partition_by and Table::partitions of the tables in `schema`
// (as inspect named them, `current` the connection's schema).
void inspect_partitions(Connection& conn, const std::string& current, Schema& schema);

}  // namespace migrate::postgresql
