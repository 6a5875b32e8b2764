#include "core/dialect.hpp"

namespace migrate {

bool Dialect::has_table(Connection& conn, const std::string& name) const {
  return inspect(conn).table(name) != nullptr;
}

}  // namespace migrate
