#pragma once
// The project's database as the jobs use it: its dialect and connection,
// the migration lock, and where it stands in the revision graph.
#include <memory>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/dialect/dialect.hpp"
#include "core/dialect/url.hpp"
#include "core/graph/graph.hpp"

namespace migrate::project {

struct Database {
  std::unique_ptr<Dialect> dialect;
  std::unique_ptr<Connection> conn;
  Url url;
};

// The dialect database_url names. Without `url_out` only the dialect is
// needed (offline work): a variable unset later in the URL is no matter then.
std::unique_ptr<Dialect> dialect_for(const Config& cfg, Url* url_out = nullptr);
Database open_database(const Config& cfg);

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

}  // namespace migrate::project
