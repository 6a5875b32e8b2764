// What a SQLite database holds that the model cannot say (yet), in one query.
#include "dialects/sqlite/compile.hpp"
#include "dialects/sqlite/inspect.hpp"

namespace migrate {
namespace {

// Kind, name, table. Tables (with generated columns, STRICT and WITHOUT
// ROWID), views and triggers are modelled (a view with a column list aside,
// added below).
constexpr const char* kInventory =
    "SELECT 'virtual table', name, name, 2 AS o, rowid FROM sqlite_schema "
    "WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%' "
    "ORDER BY 4, 1, 5";

}  // namespace

std::vector<NotModelled> SqliteDialect::not_modelled(Connection& conn) const {
  std::vector<NotModelled> out;
  for (const auto& row :
       conn.query({"SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY rowid", {}})) {
    const auto* name = std::get_if<std::string>(&row[0]);
    const auto* sql = std::get_if<std::string>(&row[1]);
    if (name && sql && !sqlite::view_query(*sql))
      out.push_back({"column-list view", *name, *name, ""});
  }
  for (auto& item : read_not_modelled(conn, kInventory)) out.push_back(std::move(item));
  return out;
}

}  // namespace migrate
