#include "cli/context.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/revision_sum_file.hpp"
#include "core/runner.hpp"
#include "core/script.hpp"
#include "core/script_header.hpp"

namespace migrate::cli {

std::map<std::string, std::string> Globals::x_map() const {
  std::map<std::string, std::string> out;
  for (const auto& kv : x_args) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError("-x expects KEY=VALUE, got '" + kv + "'");
    out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

Config load_config(const Globals& g) {
  std::string file = g.config_file;
  if (file.empty()) {
    const char* env = std::getenv("MIGRATE_CONFIG");
    file = env && *env ? env : "migrate.yaml";
  }
  Config cfg = migrate::load_config(file, process_env());
  if (!g.url.empty()) cfg.database_url = g.url;
  return cfg;
}

std::unique_ptr<Dialect> dialect_for(const Config& cfg, const Globals&, Url* url_out) {
  // Offline work needs only the dialect: a variable unset later in the URL is no matter then.
  if (!url_out) return make_dialect(cfg.dialect_name());
  Url url = parse_url(cfg.url());
  auto dialect = make_dialect(url.dialect);
  if (url_out) *url_out = url;
  return dialect;
}

Database open_database(const Config& cfg, const Globals& g) {
  Database db;
  db.dialect = dialect_for(cfg, g, &db.url);
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

std::vector<std::filesystem::path> revision_dirs(const Config& cfg) {
  auto dirs = cfg.version_dirs();
  if (!cfg.version_locations.empty())
    dirs.erase(std::remove_if(dirs.begin(), dirs.end(),
                              [](const auto& d) { return !std::filesystem::is_directory(d); }),
               dirs.end());
  return dirs;
}

Graph load_graph(const Config& cfg, Operations ops) {
  const auto dirs = revision_dirs(cfg);
  auto load = [&](const std::vector<std::filesystem::path>& folders,
                  std::vector<std::string>* texts) {
    return ops == Operations::skip ? load_revision_headers(folders, cfg.naming, texts)
                                   : load_revisions(folders, cfg.naming, texts);
  };
  const auto recorded = read_sum_file(cfg.sum_file());
  if (!recorded) {
    spdlog::debug("no {}: revision files are not checked (`migrate hash` writes one)",
                  cfg.sum_file().string());
    return Graph(load(dirs, nullptr));
  }
  // The loaders hand back the bytes they read, so checking costs no second read.
  std::vector<Revision> revisions;
  std::vector<std::string> texts, names;
  for (const auto& dir : dirs) {
    const std::string prefix = sum_name_prefix(cfg.script_dir(), dir);
    for (auto& r : load({dir}, &texts)) {
      names.push_back(prefix + r.path.substr(r.path.rfind('/') + 1));
      revisions.push_back(std::move(r));
    }
  }
  std::vector<SumInput> inputs;
  inputs.reserve(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) inputs.push_back({std::move(names[i]), texts[i]});
  verify_sum(cfg.sum_file(), *recorded, compute_sum(std::move(inputs)));
  return Graph(std::move(revisions));
}

RevisionSum write_revision_sum(const Config& cfg) {
  RevisionSum sum = sum_of_folders(cfg.script_dir(), revision_dirs(cfg));
  write_sum_file(cfg.sum_file(), sum);
  return sum;
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

}  // namespace migrate::cli
