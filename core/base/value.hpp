#pragma once
// A value that travels to the database as a bound parameter (bulk_insert,
// version table) and is only rendered as a literal in offline --sql output.
#include <cstdint>
#include <string>
#include <variant>

namespace migrate {

using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

inline bool is_null(const Value& v) {
  return std::holds_alternative<std::monostate>(v);
}

// Plain text of a value for messages and comparisons ("NULL" for null).
std::string to_display(const Value& v);

}  // namespace migrate
