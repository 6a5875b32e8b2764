#pragma once
// Views, materialized views (with their indexes), standalone sequences,
// triggers, functions and procedures of a live PostgreSQL database, in five
// catalog queries whatever their number, spelled as the catalog deparses
// them (pg_get_viewdef, pg_get_triggerdef, pg_get_functiondef).
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"

namespace migrate::postgresql {

// Every such object of the user schemas (`current`: the connection's
// current schema, whose objects have SchemaObject::schema empty), each after
// what it reads. Left out, for the inventory to name (inventory.cpp): what
// an extension owns, the sequences of serial and identity columns (their
// table's), aggregates and window functions, and overloaded names (one
// name, several signatures).
std::vector<SchemaObject> inspect_objects(Connection& conn, const std::string& current);

// SQL true when the pg_sequence row `seq` is as serial makes it for a column
// of type `column_type` (an oid expression): of that type, with the default
// options. Only such a sequence, owned by its column, makes the column a
// serial; any other is a sequence of its own with owned_by.
std::string serial_sequence(const std::string& seq, const std::string& column_type);

}  // namespace migrate::postgresql
