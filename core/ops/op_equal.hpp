#pragma once
// Equality of schema objects and ops that ignores where they were written
// (SourceMark): what a render/parse round trip and tests compare.
#include "core/ops/ops.hpp"
#include "core/schema/schema.hpp"

namespace migrate {

bool same_table(const Table& a, const Table& b);
bool same_op(const Op& a, const Op& b);
bool same_ops(const std::vector<Op>& a, const std::vector<Op>& b);

}  // namespace migrate
