#pragma once
// Reads what SQLite's pragmas do not tell: constraint names, CHECK
// constraints and AUTOINCREMENT live only in the CREATE TABLE text SQLite
// keeps in sqlite_schema.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema/schema.hpp"

namespace migrate::sqlite {

struct ParsedTable {
  std::vector<std::string> columns;  // column names in the order they are written
  std::string autoincrement_column;  // "" when none
  std::string primary_key_name;      // from CONSTRAINT name PRIMARY KEY
  std::vector<std::string> primary_key_columns;
  std::vector<UniqueConstraint> uniques;  // table- and column-level, in text order
  // Table- and column-level, in text order. ref_columns is empty where the
  // text omits them (they then mean the parent's primary key); actions are
  // lower case with "no action" as "".
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;  // expression: the text inside CHECK ( ), trimmed
  // By column name as written: what only the text says of a column.
  std::map<std::string, Generated> generated;     // AS (expr) [STORED|VIRTUAL]
  std::map<std::string, std::string> collations;  // COLLATE name
  bool strict = false;                            // ... ) STRICT
  bool without_rowid = false;                     // ... ) WITHOUT ROWID
};

// Throws std::invalid_argument when the text is not a CREATE TABLE statement
// with a column list (CREATE TABLE ... AS SELECT has none).
ParsedTable parse_create_table(std::string_view sql);

// The key expressions of a CREATE INDEX statement as written: a column name
// unquoted, an expression as its text (without ASC/DESC).
std::vector<std::string> parse_create_index(std::string_view sql);

// A partial index's condition as written after WHERE; "" for a whole-table index.
std::string parse_index_where(std::string_view sql);

}  // namespace migrate::sqlite
