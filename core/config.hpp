#pragma once
// migrate.yaml (SPEC §2) with ${VAR} / ${VAR:-default} expansion.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/naming.hpp"

namespace migrate {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The real process environment.
EnvLookup process_env();

// Expands ${VAR} and ${VAR:-default}; "$$" is a literal "$". An unset
// variable without a default is an InputError at `at`.
std::string expand_env(std::string_view text, const EnvLookup& env, const SourceMark& at);

struct CompareOptions {
  bool types = true;
  bool server_defaults = true;
};

struct Config {
  std::filesystem::path file;  // the migrate.yaml read
  std::filesystem::path root;  // its folder: relative paths below resolve against it
  std::string script_location = "migrations";
  std::string database_url = "sqlite:///app.db";
  // Why database_url could not be read (an unset ${VAR}): thrown when a
  // command needs the database, not when the file loads.
  std::string database_url_error;
  std::string model = "schema.yaml";
  std::string version_table = "migrate_version";
  std::string history_table = "migrate_history";   // one row per step (core/history.hpp)
  std::map<std::string, std::string> lint_levels;  // `lint:` rule code -> off|warning|error
  std::string file_template = "{rev}_{slug}";
  bool transaction_per_migration = false;
  CompareOptions compare;
  std::vector<std::string> include_tables;
  std::vector<std::string> exclude_tables;
  NamingConvention naming;
  // Alembic's version_locations: folders of revision files, relative to
  // root. Empty: the one folder SCRIPT_LOCATION/versions.
  std::vector<std::string> version_locations;

  std::filesystem::path script_dir() const { return root / script_location; }
  std::filesystem::path versions_dir() const { return script_dir() / "versions"; }
  // Every folder revisions are read from; versions_dir() when none is configured.
  std::vector<std::filesystem::path> version_dirs() const;
  // The revision sum (core/revision_sum), beside versions/.
  std::filesystem::path sum_file() const { return script_dir() / "versions.sum"; }
  std::filesystem::path template_file() const { return script_dir() / "script.yaml.tmpl"; }
  std::filesystem::path model_path() const { return root / model; }
};

// Throws InputError naming file:line:column for unknown keys, wrong kinds,
// unset variables; a missing file says how to create one (`migrate init`).
Config load_config(const std::filesystem::path& file, const EnvLookup& env);
Config parse_config(const std::string& text, const std::filesystem::path& file,
                    const EnvLookup& env);

}  // namespace migrate
