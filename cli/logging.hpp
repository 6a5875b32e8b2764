#pragma once
// The log on stderr: its level from -v/-q, colour by terminal.hpp's rule.
#include <string>

#include "cli/context.hpp"

namespace migrate::cli {

void setup_logging(const Globals& g);

// "error: MESSAGE" on stderr, the one line every failure ends with.
void print_error(const std::string& message);

}  // namespace migrate::cli
