// What a SQLite database holds that the model cannot say (yet), in one query.
#include "dialects/sqlite/compile.hpp"

namespace migrate {
namespace {

// Kind, name, table. Generated columns are left out of the tables by
// inspect; STRICT and WITHOUT ROWID are table options it does not keep.
constexpr const char* kInventory =
    "SELECT type, CASE type WHEN 'trigger' THEN name || ' on ' || tbl_name ELSE name END, "
    "tbl_name, 1 AS o, rowid FROM sqlite_schema WHERE type IN ('view', 'trigger') "
    "UNION ALL SELECT 'virtual table', name, name, 2, rowid FROM sqlite_schema "
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
  return read_not_modelled(conn, kInventory);
}

}  // namespace migrate
