#include "project/dev_database.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <utility>

#include "core/base/error.hpp"
#include "core/runner/runner.hpp"
#include "dialects/registry.hpp"

namespace migrate::project {
namespace {

// The pid tells whose a leftover is (after kill -9); the random part keeps
// two hosts, or two runs with a reused pid, apart.
std::string scratch_name() {
  std::random_device rd;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rd()));
  return "migrate_dev_" + std::to_string(::getpid()) + "_" + buf;
}

Url parse_dev_url(const std::string& text) {
  Url url = parse_url(text);
  if (url.dialect == "sqlite" && url.database != ":memory:")
    throw InputError("--dev-url " + url.masked() +
                     " names a SQLite file; a dev database is scratch and must leave nothing "
                     "behind: use --dev-url sqlite:// (in memory)");
  return url;
}

}  // namespace

DevDatabase::DevDatabase(const std::string& dev_url) {
  Url url = parse_dev_url(dev_url);
  if (url.dialect == "sqlite") {
    db_.dialect = make_dialect(url.dialect);
    db_.url = url;
    db_.conn = db_.dialect->connect(url);
    return;
  }
  server_.dialect = make_dialect(url.dialect);
  server_.url = url;
  if (server_.url.database.empty()) server_.url.database = server_.dialect->maintenance_database();
  spdlog::debug("connecting to {} to create the dev database", server_.url.masked());
  server_.conn = server_.dialect->connect(server_.url);
  const std::string name = scratch_name();
  try {
    server_.dialect->create_database(*server_.conn, name);
  } catch (const DatabaseError& e) {
    throw DatabaseError("cannot create the dev database " + name + " on " + server_.url.masked() +
                        " (the --dev-url user needs the right to create databases): " + e.what());
  }
  name_ = name;
  try {
    db_.dialect = make_dialect(url.dialect);
    db_.url = url;
    db_.url.database = name_;
    db_.conn = db_.dialect->connect(db_.url);
  } catch (...) {
    drop();
    throw;
  }
}

DevDatabase::~DevDatabase() {
  drop();
}

void DevDatabase::drop() noexcept {
  // The scratch session first: a database with a session open cannot be dropped.
  db_.conn.reset();
  if (name_.empty() || !server_.conn) return;
  const std::string name = std::exchange(name_, std::string());
  try {
    server_.dialect->drop_database(*server_.conn, name);
    spdlog::debug("dropped the dev database {}", name);
  } catch (const std::exception& e) {
    spdlog::error("could not drop the dev database {} on {}: {}; drop it by hand", name,
                  server_.url.masked(), e.what());
  }
}

std::string DevDatabase::describe() const {
  return db_.url.dialect == "sqlite" ? "sqlite:// (in memory)" : db_.url.masked();
}

void DevDatabase::upgrade_to_heads(const Config& cfg, const Graph& graph) {
  // No history table: the scratch database is dropped, nobody reads its history.
  Runner runner(*db_.dialect, *db_.conn, graph,
                RunOptions{cfg.version_table, cfg.transaction_per_migration, false});
  runner.on_statement = [](const Statement& st) { spdlog::debug("  dev: {}", st.sql); };
  auto steps = graph.upgrade({}, "heads");
  try {
    runner.run(steps, {});
  } catch (const Error& e) {
    throw Error(e.code(), "replaying the revisions on the dev database " + describe() +
                              " failed (it is dropped; database_url was not touched): " + e.what());
  } catch (const std::exception& e) {
    throw DatabaseError("replaying the revisions on the dev database " + describe() +
                        " failed (it is dropped; database_url was not touched): " + e.what());
  }
  spdlog::info("Replayed {} revision(s) on the dev database {}", steps.size(), describe());
}

void warn_on_other_dialect(const Config& cfg, const DevDatabase& dev) {
  try {
    const std::string dialect = cfg.dialect_name();
    if (dialect != dev.dialect())
      spdlog::warn(
          "the dev database is {} but database_url is {}: types, defaults and what the "
          "revisions can do are judged by {}'s rules",
          dev.dialect(), dialect, dev.dialect());
  } catch (const InputError&) {
    // A malformed database_url is the business of commands that connect to it.
  }
}

ComparedDatabase::ComparedDatabase(const Config& cfg, const Graph* graph,
                                   const std::string& dev_url) {
  if (dev_url.empty()) {
    live_ = open_database(cfg);
    return;
  }
  dev_.emplace(dev_url);
  warn_on_other_dialect(cfg, *dev_);
  dev_->upgrade_to_heads(cfg, *graph);
}

}  // namespace migrate::project
