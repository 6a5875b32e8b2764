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
// "TIMESTAMPTZ"; anything not portable as written ("jsonb", "text[]").
std::string type_sql(const Type& t);

// format_type() output back to the model's spelling: "character varying(100)"
// -> varchar(100), "timestamp with time zone" -> timestamptz, "integer[]" kept.
Type type_from_catalog(std::string_view formatted);

// The type as the catalog will report it once created: string(n) reads back
// as varchar(n), decimal as numeric, float(p) as float or double.
Type stored_type(const Type& t);

// A default expression the way compare should see it: casts the catalog adds
// to literals dropped ('x'::character varying -> 'x', '-1'::integer -> -1),
// now() and CURRENT_TIMESTAMP as one spelling, TRUE/FALSE lower case.
std::string normalize_default(std::string_view expression);

// A default expression as PostgreSQL DDL: the SQL-standard blob literal
// x'00ff' (portable, SQLite's) becomes '\x00ff'::bytea; the rest as written.
std::string default_sql(std::string_view expression);

// Whether changing `from` to `to` needs ALTER ... TYPE ... USING (a cast the
// database will not apply implicitly, e.g. text -> integer).
bool needs_using(const Type& from, const Type& to);

}  // namespace migrate::postgresql
