#pragma once
// Column types and defaults on PostgreSQL: portable names to DDL, and what
// the catalog reports (format_type, pg_get_expr) back to the model's
// spelling, so compare sees int4 == integer and 'x'::character varying == 'x'.
#include <optional>
#include <string>
#include <string_view>

#include "core/schema/schema.hpp"
#include "core/schema/type.hpp"

namespace migrate::postgresql {

// A Type as PostgreSQL DDL: "INTEGER", "VARCHAR(100)", "NUMERIC(10,2)",
// "TIMESTAMPTZ", "SERIAL", "DOUBLE PRECISION[][]" (an array of a portable
// type); anything else as written ("jsonb", "bit(4)", "text[]").
std::string type_sql(const Type& t);

// An array type's element and its number of dimensions (the brackets written,
// "[]" or "[3]"): "double precision[][]" -> double precision, 2;
// "varchar(20)[]" -> varchar(20), 1. nullopt for a type that is no array.
struct ArrayType {
  Type element;
  int dims = 0;
};
std::optional<ArrayType> split_array(const Type& t);

// The integer type of a serial type (serial, serial4 -> integer; bigserial,
// serial8 -> bigint; smallserial, serial2 -> smallint), or nullopt.
std::optional<std::string> serial_base(const Type& t);

// format_type() output back to the model's spelling: "character varying(100)"
// -> varchar(100), "timestamp with time zone" -> timestamptz, "integer[]" kept.
// An array gets `dims` brackets (pg_attribute.attndims; format_type writes one):
// "double precision[]", 2 -> double[][].
Type type_from_catalog(std::string_view formatted, int dims = 1);

// The type as the catalog will report it once created: string(n) reads back
// as varchar(n), decimal as numeric, float(p) as float or double, char as
// char(1), varbit as bit varying, serial4 as serial; an array with one "[]"
// whatever its dimensions (PostgreSQL neither enforces nor reports them).
Type stored_type(const Type& t);

// A type's text as a cast or format_type writes it, for telling whether a
// cast names the column's own type: lower case, quotes and the modifier
// dropped: "character varying(20)[]" -> "character varying[]", "\"bit\"" -> "bit".
std::string type_key(std::string_view type_text);

// A default expression the way compare should see it on a column of
// `column_type`: casts the catalog adds to literals dropped ('x'::character
// varying -> 'x', '-1'::integer -> -1, '5' on a number column -> 5), bit
// strings as their bits (B'1010', X'A' on a bit column and '1010'::"bit" ->
// '1010'), now() and CURRENT_TIMESTAMP as one spelling, TRUE/FALSE lower case.
std::string normalize_default(std::string_view expression, const Type& column_type = {});

// What pg_get_expr() reports as the default of a column of `column_type`
// (format_type's text), as the model writes it: the text as it is, except
// that a literal's cast to the column's own type, which PostgreSQL adds
// itself, is dropped ('x'::character varying -> 'x', '-1'::integer -> -1,
// but '2'::bigint on an integer column stays). Compiled again it reads back
// the same.
std::string model_default(std::string_view expression, std::string_view column_type);

// A default expression as PostgreSQL DDL: the SQL-standard blob literal
// x'00ff' (portable, SQLite's) becomes '\x00ff'::bytea except on a bit
// column, where X'0f' is a bit string; an expression that is not a literal,
// keyword or function call (with casts) goes in parentheses, which DEFAULT
// needs around AT TIME ZONE, AND, IN and the like.
std::string default_sql(std::string_view expression, const Type& column_type = {});
// 'text' alone, no cast, no expression around it.
bool is_string_literal(std::string_view expression);
// The text a string literal stands for: 'it''s' -> it's.
std::string string_value(std::string_view literal);

// Whether changing `from` to `to` needs ALTER ... TYPE ... USING (a cast the
// database will not apply implicitly, e.g. text -> integer).
bool needs_using(const Type& from, const Type& to);

}  // namespace migrate::postgresql
