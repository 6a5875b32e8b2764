#pragma once
// The per-operation rules of `migrate lint` (core/lint/lint.hpp): each op is
// judged against the schema before it, for one dialect.
#include <string>
#include <vector>

#include "core/ops/ops.hpp"
#include "core/schema/schema.hpp"

namespace migrate {

struct OpFinding {
  std::string code;
  std::string message;
};

// `objects`: the views, functions, ... as they stand just before the op
// (the revision's earlier ops applied), which BC303 reads.
std::vector<OpFinding> lint_op(const Op& op, const Schema& before, const std::string& dialect,
                               bool transactional, const std::vector<SchemaObject>& objects);

// `objects` after `op` (an object op; others leave them as they are).
void follow_objects(std::vector<SchemaObject>& objects, const Op& op);

}  // namespace migrate
