#pragma once
// A live MySQL/MariaDB database -> Schema in eleven information_schema
// queries (twelve on MySQL 8), whatever the number of tables or databases,
// plus a SHOW CREATE per function and procedure (inspect_objects.hpp).
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"

namespace migrate::mysql {

// The comment compile puts on a UNIQUE index the model declared as an index:
// MySQL stores a unique constraint and a unique index alike, and only this
// tells inspect which of the two the model holds.
inline constexpr const char* kUniqueIndexComment = "migrate:unique-index";

// Every base table of the connection's database (Table::schema empty) and of
// the databases in `schemas` (Table::schema the database's name; a
// database that does not exist has no tables). A foreign key's ref_schema
// is empty when it refers to its own table's database, as MySQL resolves an
// unqualified REFERENCES; engine, character set and collation fill
// Table::mysql_*. Types
// and defaults come back in the model's spelling (see types.hpp): MariaDB's
// JSON (longtext with a json_valid check) as json, and that check dropped.
// The primary key is unnamed (MySQL calls every one PRIMARY). A unique index
// is a unique constraint unless compile marked it (kUniqueIndexComment);
// prefix keys read "column(length)". The index MySQL made for a foreign key
// is left out (fk_index.hpp). FK actions RESTRICT and NO ACTION, which
// InnoDB treats alike, read as none. Throws DatabaseError when the URL names
// no database. Views, triggers and routines fill Schema::objects
// (inspect_objects.hpp).
Schema inspect(Connection& conn, const std::vector<std::string>& schemas = {});

// Whether `name` is a table in the connection's database.
bool has_table(Connection& conn, const std::string& name);

}  // namespace migrate::mysql
