#pragma once
// Column types on SQLite. SQLite keeps a column's declared type as text and
// derives only an affinity from it, so every portable type is written under a
// name that reads back as the same Type wherever the affinity allows: what
// `inspect` reports for a table `compile` created is then the table itself.
// The exceptions are spelled out in sqlite_stored_type().
#include <string>
#include <string_view>

#include "core/schema/schema.hpp"
#include "core/schema/type.hpp"

namespace migrate::sqlite {

// A Type as SQLite DDL: "INTEGER", "VARCHAR(100)", "NUMERIC(10,2)".
std::string type_sql(const Type& t);

// A declared type as stored by SQLite ("VARCHAR(100)", "int unsigned", "")
// back to a Type. Never throws: databases hold types no model would accept.
Type type_from_sql(std::string_view declared);

// What inspect reports for a column declared with `t`: t itself, except that
// string(n) reads back as varchar(n) and string as text (a STRING declared
// type would get NUMERIC affinity and turn '007' into 7).
Type stored_type(const Type& t);

// Whether a type gets SQLite's INTEGER affinity (declared name contains "INT").
bool has_integer_affinity(const Type& t);

// A DEFAULT clause's expression: literals as written, anything else in
// parentheses (SQLite's grammar requires them; its pragmas strip them again).
std::string default_sql(const std::string& expression);

// A literal SQLite's ALTER TABLE ADD COLUMN accepts as a default (no
// CURRENT_* and no expressions).
bool is_constant_literal(const std::string& expression);

// `t` as SQLite's inspect will report it after compile created it: stored
// types, no comments (SQLite has none), "no action" as "", a lone INTEGER
// primary key NOT NULL (it is the rowid) and AUTOINCREMENT columns as integer.
Table as_stored(const Table& t);

}  // namespace migrate::sqlite
