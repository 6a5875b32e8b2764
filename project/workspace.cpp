#include "project/workspace.hpp"

#include <spdlog/spdlog.h>

#include "core/runner/runner.hpp"
#include "dialects/registry.hpp"

namespace migrate::project {

std::unique_ptr<Dialect> dialect_for(const Config& cfg, Url* url_out) {
  // Offline work needs only the dialect: a variable unset later in the URL is no matter then.
  if (!url_out) return make_dialect(cfg.dialect_name());
  Url url = parse_url(cfg.url());
  auto dialect = make_dialect(url.dialect);
  if (url_out) *url_out = url;
  return dialect;
}

Database open_database(const Config& cfg) {
  Database db;
  db.dialect = dialect_for(cfg, &db.url);
  spdlog::debug("connecting to {}", db.url.masked());
  db.conn = db.dialect->connect(db.url);
  return db;
}

MigrationLock::MigrationLock(Database& db, const Config& cfg, int timeout_seconds)
    : db_(db), name_("migrate:" + db.url.database + ":" + cfg.version_table) {
  db_.conn->lock(name_, timeout_seconds);
}

MigrationLock::~MigrationLock() {
  try {
    db_.conn->unlock(name_);
  } catch (const std::exception& e) {
    // The server releases a session lock when the connection closes anyway.
    spdlog::debug("releasing the migration lock: {}", e.what());
  }
}

std::vector<std::string> database_heads(const Graph& graph, Database& db, const Config& cfg) {
  Runner runner(*db.dialect, *db.conn, graph, RunOptions{cfg.version_table, false, false});
  auto heads = runner.current_heads();
  for (const auto& h : heads)
    if (!graph.find(h))
      throw InputError("the database stands at revision '" + h + "' (table " + cfg.version_table +
                       "), but no file in the version folders defines it: restore the file, or "
                       "`migrate stamp --purge REV`");
  return heads;
}

}  // namespace migrate::project
