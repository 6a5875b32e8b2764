#pragma once
// Column types and defaults on MySQL/MariaDB: portable names to DDL, what
// information_schema reports back to one canonical spelling, so that compare
// sees int(11) == integer, tinyint(1) == boolean, 0.0000 == 0 and
// current_timestamp() == CURRENT_TIMESTAMP.
#include <optional>
#include <string>
#include <string_view>

#include "core/schema/type.hpp"

namespace migrate::mysql {

// A Type as MySQL DDL: integer -> INT, boolean -> TINYINT(1), timestamp(n) ->
// DATETIME(n) (a point in local time, as the portable name means),
// timestamptz(n) -> TIMESTAMP(n) (stored in UTC), time(n) -> TIME(n), uuid -> CHAR(36), string ->
// VARCHAR(255) (MySQL has no unbounded VARCHAR); anything else as written ("mediumtext", "int
// unsigned", "enum('a','b')"), modifiers kept.
std::string type_sql(const Type& t);

// The one spelling compare sees for a type, whether the model wrote it or
// inspect read it: display widths dropped (int(11) -> integer, except with
// zerofill), tinyint(1)/bool -> boolean, numeric -> decimal(p,s) with MySQL's
// implied precision, datetime(n) -> timestamp(n) (precision 0 dropped), float(p>24) -> double, enum
// labels single-quoted, modifiers in one order ("unsigned zerofill character set X collate Y", utf8
// as utf8mb3, a default collation and utf8mb4 itself dropped). Idempotent.
Type canonical_type(const Type& t);
// The same for a column of a table whose default character set and
// collation are known (either may be ""): a character set and collation
// the same as the table's are dropped, any other kept, utf8mb4 included.
Type canonical_type(const Type& t, const std::string& table_charset,
                    const std::string& table_collation);
// A character set or collation in one spelling: lower case, utf8 as utf8mb3.
std::string canonical_charset(const std::string& charset);
std::string canonical_collation(const std::string& collation);

// What the catalog says about a column, back to the model's spelling.
struct CatalogType {
  std::string column_type;  // COLUMN_TYPE: "int(10) unsigned", "varchar(20)", "enum('a')"
  std::string charset;      // the column's, "" for non-text types
  std::string collation;
  std::string table_charset;
  std::string table_collation;
  bool collation_is_default = false;  // the column's collation is its charset's default
  bool json = false;                  // MariaDB's JSON: longtext with a json_valid check
};
// "int(11)" -> integer, "tinyint(1)" -> boolean, "datetime(6)" -> timestamp(6),
// "timestamp(3)" -> timestamptz(3) (COLUMN_TYPE carries DATETIME_PRECISION), "decimal(12,4)" ->
// decimal(12,4); a character set or collation only when it differs from the table's.
Type type_from_catalog(const CatalogType& c);

// A default as a DEFAULT clause takes it: literals and CURRENT_TIMESTAMP as
// written, any other expression in parentheses (MySQL 8 requires them).
std::string default_sql(const std::string& expression);

// COLUMN_DEFAULT of a column of canonical type `t` back to an SQL
// expression; nullopt for none or NULL. MariaDB (10.2.7+) quotes string
// literals and reports NULL as the word; MySQL reports literals bare and
// marks expressions DEFAULT_GENERATED in EXTRA.
std::optional<std::string> default_from_catalog(const std::optional<std::string>& raw,
                                                std::string_view extra, bool mariadb,
                                                const Type& t);

// A default the way compare should see it for a column of canonical type
// `t`: numbers as numbers (0.0000 -> 0, '5' -> 5 on a number column, TRUE ->
// 1), numbers as strings on text columns, NOW()/current_timestamp() ->
// CURRENT_TIMESTAMP, NULL -> none, anything else in canonical_sql spelling.
std::optional<std::string> canonical_default(const std::optional<std::string>& expression,
                                             const Type& t);

// `expression` with every string literal in standard spelling: MySQL's
// backslash escapes (which MariaDB uses when it prints an expression:
// 'it\'s') read, quotes doubled ('it''s'). Text outside literals is kept.
std::string standard_strings(std::string_view expression);

// Whether a canonical type holds text, or numbers (defaults are quoted, or not).
bool is_text_type(const Type& canonical);
bool is_number_type(const Type& canonical);

}  // namespace migrate::mysql
