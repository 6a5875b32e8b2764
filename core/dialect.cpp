#include "core/dialect.hpp"

#include "core/compare.hpp"

namespace migrate {

bool Dialect::has_table(Connection& conn, const std::string& name) const {
  return inspect(conn).table(name) != nullptr;
}

Table Dialect::normalize(const Table& t) const {
  return normalize_common(t);
}

}  // namespace migrate
