#pragma once
// Shell completion scripts for bash, zsh and fish, written from the CLI11
// definition (`migrate --generate-completion SHELL`; CMake installs them).
#include <string>

#include "cli/cli_model.hpp"

namespace migrate::cli {

// The script for `shell` ("bash", "zsh" or "fish"); InputError for another.
std::string completion_script(const CommandSpec& cli, const std::string& shell);

}  // namespace migrate::cli
