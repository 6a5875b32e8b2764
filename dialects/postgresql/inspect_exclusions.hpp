#pragma once
// PostgreSQL's EXCLUDE constraints (pg_constraint contype 'x'), every
// table's in one catalog query: the elements from the constraint's index
// (keys as pg_index keeps them, operators from conexclop), its access
// method, INCLUDE columns, predicate and deferrability. Their indexes are
// the constraints', and inspect leaves them out of Table::indexes.
#include <string>

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"

namespace migrate::postgresql {

// Fills Table::exclusions of the tables in `schema` (as inspect named
// them, `current` the connection's schema).
void inspect_exclusions(Connection& conn, const std::string& current, Schema& schema);

}  // namespace migrate::postgresql
