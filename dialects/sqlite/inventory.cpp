// What a SQLite database holds that the model cannot say (yet), in one query.
#include "dialects/sqlite/compile.hpp"
#include "dialects/sqlite/inspect.hpp"

namespace migrate {
namespace {

// Kind, name, table. Views and triggers are modelled (a view with a column
// list aside, added below). Generated columns are left out of the tables by
// inspect; STRICT and WITHOUT ROWID are table options it does not keep.
constexpr const char* kInventory =
    "SELECT 'virtual table', name, name, 2 AS o, rowid FROM sqlite_schema "
    "WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%' "
    "UNION ALL SELECT 'generated column', m.name || '.' || p.name, m.name, 3, m.rowid * 10000 + "
    "p.cid "
    "FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND p.hidden IN (2, 3) "
    "UNION ALL SELECT CASE WHEN t.strict THEN 'strict table' ELSE 'without rowid table' END, "
    "t.name, t.name, 4, 0 FROM pragma_table_list t WHERE t.schema = 'main' AND t.type = 'table' "
    "AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND (t.strict OR t.wr) "
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
