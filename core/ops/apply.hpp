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
void apply_op(Schema& schema, const Op& op);

}  // namespace migrate
