#pragma once
// Autogenerate's engine: the declared model against the live database ->
// the ops that take the database to the model. Pure (no I/O): the caller
// inspects, this compares, so every rule is unit-tested on hand-built schemas.
//
// Both sides go through DiffRules::normalize before any comparison, so only
// what the database would store differently is a difference; the ops carry
// the model's own items (create_table writes string(50), not varchar(50)) and
// the live database's own items as `existing` (what a downgrade restores).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/compare/diff_rules.hpp"
#include "core/ops/ops.hpp"
#include "core/schema/naming.hpp"
#include "core/schema/schema.hpp"
#include "core/sql/sql_canonical.hpp"

namespace migrate {

// migrate.yaml's `compare:` block: what autogenerate may report.
struct CompareOptions {
  bool types = true;
  bool server_defaults = true;
};

struct CompareSettings {
  CompareOptions compare;                   // types, server_defaults
  std::vector<std::string> include_tables;  // fnmatch(3) patterns; empty = every table
  std::vector<std::string> exclude_tables;
  std::string version_table = "migrate_version";  // never reported
  std::string history_table = "migrate_history";  // nor this
  // The model's objects (same order) as the database would store them,
  // where it can tell (Dialect::stored_objects): compared in their place, so
  // a spelling is never a difference. Empty: the model's text is compared.
  std::vector<SchemaObject> stored_objects;
  NamingConvention naming;  // names the ops give to constraints the database left unnamed
  // What compare cannot see or change but the catalog holds (an
  // autoincrement no op alters, what inspect noted in a table, a name
  // differing only in case): one sentence each, naming the table and item.
  // They change no exit code (as Alembic warns); the project sends them to
  // the log's warnings (stderr); empty: dropped.
  std::function<void(const std::string&)> warn;
};

// Whether autogenerate looks at `t`: a pattern matches the table's name or
// "schema.name"; the version table is never looked at.
bool table_included(const Table& t, const CompareSettings& s);
Schema filter_tables(const Schema& schema, const CompareSettings& s);

// The upgrade: ops in an order that can run (see core/ops/op_order.hpp). Each op
// carries what its reverse needs, so reverse_all(upgrade) is the downgrade.
// Empty when the database matches the model.
std::vector<Op> compare_schemas(const Schema& model, const Schema& live, const DiffRules& dialect,
                                const CompareSettings& s);

// DiffRules::normalize's default: defaults, checks and expression index keys
// in canonical_sql() spelling, FK actions lower case with "no action" as "".
Table normalize_common(const Table& t, const CanonicalSqlOptions& sql = {});

// Gives every unnamed constraint of `t` (primary key included) its
// naming-convention name, made unique within the table with a _2, _3 suffix.
// Ops that drop a constraint need a name; `inspect` writes names so the model
// it prints loads even where two unnamed constraints would share one.
void name_unnamed(Table& t, const NamingConvention& naming);

}  // namespace migrate
