#pragma once
// A live SQLite database -> Schema, in four catalog queries however many
// tables there are: the pragmas are joined to sqlite_schema as table-valued
// functions, and names, CHECKs and AUTOINCREMENT come from each table's SQL.
#include <optional>
#include <string>

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"

namespace migrate::sqlite {

// Every ordinary table except SQLite's own (sqlite_*), sorted by name.
// Indexes are those made by CREATE INDEX, in creation order; the automatic
// indexes behind UNIQUE and PRIMARY KEY constraints are reported as those
// constraints. Expression index keys come back as their SQL text.
Schema inspect(Connection& conn);

// The query of a CREATE VIEW statement (what follows AS), or nullopt when
// it names its columns (CREATE VIEW v(a, b) AS ...), which the model cannot say.
std::optional<std::string> view_query(const std::string& create_view);

bool has_table(Connection& conn, const std::string& name);

}  // namespace migrate::sqlite
