#pragma once
// Hidden options that print files made from the command line definition:
// `--generate-completion bash|zsh|fish` and `--generate-man`. The build runs
// them to produce what `cmake --install` puts in share/.
#include <CLI/CLI.hpp>

namespace migrate::cli {

// Call after every command is added: the files describe the whole app.
void add_generator_options(CLI::App& app);

}  // namespace migrate::cli
