#include "dialects/registry.hpp"
#include "core/base/error.hpp"
#include "dialects/mysql/compile.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/sqlite/compile.hpp"

namespace migrate {

std::unique_ptr<Dialect> make_dialect(const std::string& name) {
  if (name == "sqlite") return std::make_unique<SqliteDialect>();
  if (name == "postgresql") return std::make_unique<PostgresDialect>();
  if (name == "mysql") return std::make_unique<MysqlDialect>();
  throw InputError("unknown database dialect \"" + name +
                   "\" (supported: sqlite, postgresql, mysql)");
}

}  // namespace migrate
