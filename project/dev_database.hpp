#pragma once
// --dev-url: a scratch database made for one command, upgraded to head from
// the revision files, stands in for the project's database. `check`,
// `revision --autogenerate`, `lint` and `diff` then need no live database:
// the revisions themselves say what the schema is.
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "core/graph/graph.hpp"
#include "project/workspace.hpp"

namespace migrate::project {

class DevDatabase {
 public:
  // SQLite: `sqlite://` (or sqlite:///:memory:), a private in-memory
  // database; a file is refused, since a scratch database must leave nothing
  // behind. PostgreSQL and MySQL: connects to the server the URL names (its
  // database, if any, only to connect: PostgreSQL's default is "postgres")
  // and creates a database named migrate_dev_<pid>_<random> there. Throws
  // InputError for a bad URL, DatabaseError when the server refuses.
  explicit DevDatabase(const std::string& dev_url);
  // Drops the scratch database; a failure to drop is logged with its name,
  // never thrown.
  ~DevDatabase();
  DevDatabase(const DevDatabase&) = delete;
  DevDatabase& operator=(const DevDatabase&) = delete;

  Database& db() { return db_; }
  const std::string& dialect() const { return db_.url.dialect; }
  // Where the scratch database lives, password masked.
  std::string describe() const;

  // Runs every revision up to the graph's heads (the graph must hold the
  // operations). A failing revision rethrows the runner's error, with its
  // exit code, saying it failed on the dev database.
  void upgrade_to_heads(const Config& cfg, const Graph& graph);

 private:
  Database server_;   // PostgreSQL, MySQL: the session that creates and drops the scratch database
  Database db_;       // the scratch database
  std::string name_;  // its name; empty for SQLite
  void drop() noexcept;
};

// Warns when database_url names another dialect than the dev database: the
// comparison then follows the dev database's rules.
void warn_on_other_dialect(const Config& cfg, const DevDatabase& dev);

// The database `check` and `diff` compare with the model: the revisions
// replayed on a dev database when `dev_url` is given (then `graph`, with its
// operations, is required), otherwise database_url's.
class ComparedDatabase {
 public:
  ComparedDatabase(const Config& cfg, const Graph* graph, const std::string& dev_url);

  Database& db() { return dev_ ? dev_->db() : live_; }
  bool replayed() const { return dev_.has_value(); }
  // Where it lives, password masked.
  std::string describe() const { return dev_ ? dev_->describe() : live_.url.masked(); }

 private:
  std::optional<DevDatabase> dev_;
  Database live_;
};

}  // namespace migrate::project
