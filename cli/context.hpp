#pragma once
// What every command shares: the global flags, and from them the
// configuration. The jobs themselves are project/'s, which takes explicit
// parameters; cli names them unqualified.
#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "project/revisions.hpp"
#include "project/workspace.hpp"

namespace migrate::cli {

using namespace migrate::project;

struct Globals {
  std::string config_file;  // -c; empty: $MIGRATE_CONFIG or migrate.yaml
  std::string url;          // --url overrides database_url
  std::vector<std::string> x_args;
  bool verbose = false;
  bool quiet = false;
  std::string format = "text";
  int lock_timeout = 60;    // seconds to wait for another migrate to finish
  bool strict_sum = false;  // --strict-sum: a stale versions.sum is an error (`sum: strict`)

  bool json() const { return format == "json"; }
  std::map<std::string, std::string> x_map() const;  // -x KEY=VALUE pairs (InputError if malformed)
};

// migrate.yaml with the flags that override it applied (--url, --strict-sum).
Config load_config(const Globals& g);

// Adds --dev-url to `cmd`, with the help text every command shares
// (project/dev_database.hpp).
void add_dev_url_option(CLI::App& cmd, std::string& dev_url);

}  // namespace migrate::cli
