#pragma once
// PostgreSQL DDL for an exclusion constraint (Table::exclusions).
#include <string>

#include "core/base/error.hpp"
#include "core/schema/schema.hpp"

namespace migrate::postgresql {

// CONSTRAINT "name" EXCLUDE USING "gist" ("room" WITH =, ...) INCLUDE (...)
// WHERE (...) DEFERRABLE ...: for CREATE TABLE and ALTER TABLE ... ADD. Every
// name is quoted; an operator that is not one (a hostile `with:`) is an
// InputError at `mark`, never spliced.
std::string exclusion_sql(const ExclusionConstraint& x, const SourceMark& mark);

}  // namespace migrate::postgresql
