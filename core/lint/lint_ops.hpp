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

std::vector<OpFinding> lint_op(const Op& op, const Schema& before, const std::string& dialect,
                               bool transactional);

}  // namespace migrate
