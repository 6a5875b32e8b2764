#pragma once
// Plays an op on a Schema without a database. The runner keeps the schema as
// it stands between ops this way (for SQLite's rebuild and offline --sql),
// and tests use it to predict what a migration leaves behind.
#include "core/ops/ops.hpp"
#include "core/schema/schema.hpp"

namespace migrate {

// Throws InputError (with op.mark) when the op names a table, column, index
// or constraint that `schema` does not have. `execute` and `bulk_insert`
// leave the schema unchanged.
//
// With `rules` that fold case (SQLite, MySQL), the op is first resolved
// (resolve_names): `USERS` finds the table users, as the database would.
void apply_op(Schema& schema, const Op& op, const NameRules& rules = {});

// `op` with each name that finds an item of `schema` only as the database
// matches names (`rules`: USERS for users on SQLite) spelled as `schema`
// has it, so that exact lookups find it. Names that match nothing stay.
Op resolve_names(const Op& op, const Schema& schema, const NameRules& rules);

}  // namespace migrate
