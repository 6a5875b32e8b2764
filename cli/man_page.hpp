#pragma once
// The migrate(1) man page in roff, written from the CLI11 definition
// (`migrate --generate-man`; CMake installs it), so every command and option
// the binary accepts is documented with the text of its --help.
#include <string>

#include "cli/cli_model.hpp"

namespace migrate::cli {

std::string man_page(const CommandSpec& cli, const std::string& version);

}  // namespace migrate::cli
