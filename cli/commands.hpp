#pragma once
// Each command lives in its own file and adds itself to the app.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

#include <functional>
#include <utility>
#include <vector>

namespace migrate::cli {

// A command runs after the whole command line is parsed (so global flags
// given after its name are in effect) and returns its exit code.
using Action = std::function<int()>;
using Commands = std::vector<std::pair<CLI::App*, Action>>;

void add_init_commands(CLI::App& app, Globals& g, Commands& out);  // init, list-templates
void add_revision_command(CLI::App& app, Globals& g, Commands& out);
void add_migrate_commands(CLI::App& app, Globals& g, Commands& out);  // upgrade, downgrade
void add_current_command(CLI::App& app, Globals& g, Commands& out);
void add_stamp_command(CLI::App& app, Globals& g, Commands& out);
void add_check_command(CLI::App& app, Globals& g, Commands& out);
void add_diff_command(CLI::App& app, Globals& g, Commands& out);
void add_inspect_command(CLI::App& app, Globals& g, Commands& out);
void add_heads_command(CLI::App& app, Globals& g, Commands& out);
void add_branches_command(CLI::App& app, Globals& g, Commands& out);
void add_history_command(CLI::App& app, Globals& g, Commands& out);
void add_show_command(CLI::App& app, Globals& g, Commands& out);
void add_merge_command(CLI::App& app, Globals& g, Commands& out);
void add_validate_command(CLI::App& app, Globals& g, Commands& out);
void add_lint_command(CLI::App& app, Globals& g, Commands& out);
void add_hash_command(CLI::App& app, Globals& g, Commands& out);

// Applies the global flags to a subcommand, so they work after its name too.
void add_global_flags(CLI::App& cmd, Globals& g);

}  // namespace migrate::cli
