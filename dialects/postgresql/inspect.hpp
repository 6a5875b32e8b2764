#pragma once
// A live PostgreSQL database -> Schema in five catalog queries for the
// tables and enums, two for partitioning, one for exclusion constraints,
// and five for the other objects (inspect_objects.hpp):
// pg_catalog, never one information_schema round trip per table, whatever
// the number of tables.
#include <string>

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"

namespace migrate::postgresql {

// Every ordinary and partitioned table of every user schema. Tables of the
// connection's current schema (usually public) have Table::schema empty;
// the others carry their schema's name. Types and defaults come back in the
// model's spelling (see types.hpp); serial and identity columns are
// autoincrement with no default. Indexes that back a PRIMARY KEY, UNIQUE or
// EXCLUDE constraint are reported as that constraint, not as an index. Expression
// index keys come back as their SQL text. Schema::objects holds the views,
// materialized views, sequences, triggers, functions and procedures
// (inspect_objects.hpp).
Schema inspect(Connection& conn);

// Whether `name` is a table in the current schema.
bool has_table(Connection& conn, const std::string& name);

}  // namespace migrate::postgresql
