#pragma once
// migrate.yaml (SPEC §2) with ${VAR} / ${VAR:-default} expansion.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/compare/compare.hpp"
#include "core/schema/naming.hpp"

namespace migrate {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The real process environment.
EnvLookup process_env();

// An unset variable without a default.
class UnsetVariableError : public InputError {
 public:
  using InputError::InputError;
};

// Expands ${VAR} and ${VAR:-default}; "$$" is a literal "$". An unset
// variable without a default is an UnsetVariableError at `at`; malformed
// ${...} an InputError.
std::string expand_env(std::string_view text, const EnvLookup& env, const SourceMark& at);

// What a versions.sum that no longer matches the revision files does to a
// command: a warning while the revisions are being written (the default), or
// an error (exit 1), as Atlas's atlas.sum, for a deploy that wants it.
enum class SumMode { warn, strict };

struct Config {
  std::filesystem::path file;  // the migrate.yaml read
  std::filesystem::path root;  // its folder: relative paths below resolve against it
  std::string script_location = "migrations";
  // Expanded; read it through url() or dialect_name(). When it names an
  // unset variable it holds the text as written, and unresolved_url the
  // error, raised only by a command that needs the URL (hash, heads,
  // history never do). Replacing database_url (--url) ends that.
  std::string database_url = "sqlite:///app.db";
  struct UnresolvedUrl {
    std::string written;
    std::string error;  // "migrate.yaml:2:15: environment variable X is not set: ..."
  };
  std::optional<UnresolvedUrl> unresolved_url{};
  std::string model = "schema.yaml";
  std::string version_table = "migrate_version";
  // Where migrate.yaml names the two tables, for a name the database would refuse.
  struct TableMarks {
    SourceMark version_table, history_table;
  } table_marks;
  std::string history_table = "migrate_history";   // one row per step (core/runner/history.hpp)
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
  SumMode sum = SumMode::warn;  // `sum:`; --strict-sum makes it strict

  // database_url; an InputError (exit 2) naming the line and the variable
  // when that is unset.
  const std::string& url() const;
  // The dialect the URL's scheme names: enough for offline work (upgrade
  // --sql, lint), so it is known when only a later part of the URL is unset
  // (postgresql://${DB_USER}@...), an InputError as url() when the scheme
  // itself comes from the variable.
  std::string dialect_name() const;

  std::filesystem::path script_dir() const { return root / script_location; }
  std::filesystem::path versions_dir() const { return script_dir() / "versions"; }
  // Every folder revisions are read from; versions_dir() when none is configured.
  std::vector<std::filesystem::path> version_dirs() const;
  // The revision sum (core/versions/revision_sum), beside versions/.
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
