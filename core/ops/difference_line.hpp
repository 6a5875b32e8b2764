#pragma once
// One line per op, as `check` lists differences and autogenerate logs what it
// detected: "add_column users.email string(255) not null". Op::describe is
// the shorter line of the runner and errors.
#include <string>

#include "core/ops/ops.hpp"

namespace migrate {

std::string difference_line(const Op& op);

}  // namespace migrate
