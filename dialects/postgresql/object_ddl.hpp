#pragma once
// Views, materialized views (with their indexes), sequences, triggers,
// functions and procedures -> PostgreSQL DDL.
#include <string>
#include <vector>

#include "core/ops/ops.hpp"

namespace migrate::postgresql {

std::vector<std::string> create_object_sql(const SchemaObject& o);
std::vector<std::string> drop_object_sql(const DropObject& o);
// A view goes and comes back (CREATE OR REPLACE VIEW cannot change its
// columns; compare has dropped what reads it). A function or procedure is
// replaced in place, so triggers that call it stay. A sequence is altered.
std::vector<std::string> replace_object_sql(const ReplaceObject& o);

}  // namespace migrate::postgresql
