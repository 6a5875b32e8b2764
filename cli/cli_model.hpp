#pragma once
// The command line as plain data, read from the CLI11 App: the man page and
// the shell completions are generated from it, so they cannot drift from the
// options the binary really accepts.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace migrate::cli {

struct OptionSpec {
  std::vector<std::string> names;  // "-c", "--config"
  std::string description;
  std::string value_name;            // empty for a flag; else e.g. "TEXT", "INT"
  std::vector<std::string> choices;  // the values of an IsMember check, if any
};

struct PositionalSpec {
  std::string name;
  std::string description;
  bool required = false;
  bool repeated = false;  // takes several values
};

struct CommandSpec {
  std::string name;
  std::string description;
  std::vector<OptionSpec> options;  // all the command accepts, global flags included
  std::vector<PositionalSpec> positionals;
  std::vector<CommandSpec> subcommands;

  // True when `opt` (by its names) is also one of `other`'s options.
  bool shares_option(const OptionSpec& opt, const CommandSpec& other) const;
};

// Hidden options and subcommands (empty group) are left out.
CommandSpec describe_cli(const CLI::App& app);

}  // namespace migrate::cli
