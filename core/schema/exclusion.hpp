#pragma once
// What an exclusion constraint (core/schema/schema.hpp) may hold, checked
// where it is read and again where it becomes DDL: its operators are the
// one part spliced into a statement without quotes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema/schema.hpp"

namespace migrate {

// Why `op` is no operator name ("&&", "=", "-|-", or "schema.op"), or
// nullopt: an operator is 1 to 63 of + - * / < > = ~ ! @ # % ^ & | ` ?
// without "--" or "/*" (which would start a comment), after an optional
// plain schema name and a dot.
std::optional<std::string> exclusion_operator_problem(std::string_view op);

// The columns it names: its column keys, then its INCLUDE columns.
std::vector<std::string> exclusion_columns(const ExclusionConstraint& x);

}  // namespace migrate
