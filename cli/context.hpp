#pragma once
// What every command shares: the global flags and the ways to get from them
// to a configuration, a database connection and the revision graph.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/dialect/dialect.hpp"
#include "core/graph/graph.hpp"
#include "core/versions/revision_sum.hpp"

namespace migrate::cli {

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

struct Database {
  std::unique_ptr<Dialect> dialect;
  std::unique_ptr<Connection> conn;
  Url url;
};

std::unique_ptr<Dialect> dialect_for(const Config& cfg, const Globals& g, Url* url_out = nullptr);
Database open_database(const Config& cfg, const Globals& g);

// The folders revisions are read from: version_dirs() less configured
// version_locations that do not exist yet (as Alembic, they hold nothing).
std::vector<std::filesystem::path> revision_dirs(const Config& cfg);

// Graph commands (heads, history, ...) read only the revision files' graph
// fields, fast; commands that run operations need them parsed and checked.
//
// When versions.sum exists the files are checked against it. One that no
// longer matches (a file edited, added or removed since it was written) is a
// warning on stderr naming the files, once per process, and the command goes
// on: the sum is for review and CI, and what matters at deploy time, an
// applied revision that changed, is the history checksums' business. With
// `sum: strict` (--strict-sum) it is an Error (exit 1) instead, and a sum that
// cannot be read an InputError (exit 2). Given `report`, the caller gets what
// was found instead and nothing is said (validate and lint count it as a
// problem of their own). Without a versions.sum nothing is checked.
enum class Operations { load, skip };
Graph load_graph(const Config& cfg, Operations ops = Operations::load, SumReport* report = nullptr);

// "migrations/versions.sum is out of date (changed: ...)", or why it cannot be
// read; empty for a report that is ok().
std::string sum_problem(const Config& cfg, const SumReport& report);
// What load_graph does with a report it was not asked to hand back.
void warn_or_refuse(const Config& cfg, const SumReport& report);

// Writes versions.sum for the revision files as they are now.
RevisionSum write_revision_sum(const Config& cfg);

// Records one file just written (by revision or merge) in versions.sum and
// leaves every other line as it was, so files that were already stale stay
// reported until `migrate hash`. Without a versions.sum it writes one for all
// the files; a sum that cannot be read is left for `migrate hash`.
void add_to_revision_sum(const Config& cfg, const std::filesystem::path& file,
                         std::string_view bytes);

// Holds the migration lock of a database for the life of a command that
// writes: taken before the version table is read, released on every exit.
class MigrationLock {
 public:
  MigrationLock(Database& db, const Config& cfg, int timeout_seconds);
  ~MigrationLock();
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  Database& db_;
  std::string name_;
};

// The database's heads, checked against the graph: a row naming a revision
// with no file is an InputError that says which.
std::vector<std::string> database_heads(const Graph& graph, Database& db, const Config& cfg);

}  // namespace migrate::cli
