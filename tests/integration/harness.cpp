#include "harness.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace itest {
namespace fs = std::filesystem;

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

sqlite3* open_db(const fs::path& db, bool create = false) {
  sqlite3* h = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(db.c_str(), &h, flags, nullptr) != SQLITE_OK) {
    std::string msg = h ? sqlite3_errmsg(h) : "out of memory";
    sqlite3_close(h);
    throw std::runtime_error("cannot open " + db.string() + ": " + msg);
  }
  return h;
}

}  // namespace

Project::Project() {
  std::random_device rd;
  dir_ =
      fs::temp_directory_path() / ("migrate-itest-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(dir_);
}

Project::~Project() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void Project::write(const std::string& rel, const std::string& content) const {
  fs::path p = dir_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

std::string Project::read(const std::string& rel) const {
  return slurp(dir_ / rel);
}

Result Project::sh(const std::string& command) const {
  fs::path out = dir_ / ".out", err = dir_ / ".err";
  std::string full = "cd " + shell_quote(dir_.string()) + " && (" + command + ") >" +
                     shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
  int status = std::system(full.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

Result Project::run(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env) const {
  std::string cmd;
  for (const auto& [k, v] : env) cmd += k + "=" + shell_quote(v) + " ";
  cmd += shell_quote(MIGRATE_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  return sh(cmd);
}

void Project::init_sqlite(const std::string& extra_config) const {
  init_url("sqlite:///app.db", extra_config);
}

void Project::init_url(const std::string& url, const std::string& extra_config) const {
  write("migrate.yaml",
        "script_location: migrations\ndatabase_url: \"" + url + "\"\n" + extra_config);
  fs::create_directories(dir_ / "migrations" / "versions");
}

void Project::revision(const std::string& id, const std::string& down, const std::string& upgrade,
                       const std::string& downgrade, const std::string& extra) const {
  // A flow list (`[]`) goes beside its key: YAML wants a value on the next
  // line indented deeper than the key, and only block items may sit level with it.
  auto field = [](const std::string& key, const std::string& value) {
    const bool flow = !value.empty() && (value[0] == '[' || value[0] == '{');
    return key + (flow ? ": " : ":\n") + value + "\n";
  };
  std::string text = "revision: \"" + id + "\"\ndown_revision: " +
                     (down.empty() ? std::string("null") : "\"" + down + "\"") +
                     "\nmessage: \"rev " + id + "\"\n" + extra + field("upgrade", upgrade) +
                     field("downgrade", downgrade);
  write("migrations/versions/" + id + ".yaml", text);
}

std::vector<std::string> query(const fs::path& db, const std::string& sql) {
  sqlite3* h = open_db(db);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(h);
    sqlite3_close(h);
    throw std::runtime_error("query failed: " + msg + " in " + sql);
  }
  std::vector<std::string> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      if (i) row += '|';
      auto* text = sqlite3_column_text(st, i);
      row += text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

std::vector<std::string> catalog(const fs::path& db, const std::string& skip_table) {
  // sqlite_sequence outlives the AUTOINCREMENT tables that made it and cannot be dropped.
  return query(
      db,
      "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE tbl_name NOT IN ('" +
          skip_table + "', 'migrate_history') AND name <> 'sqlite_sequence' ORDER BY type, name");
}

void exec(const fs::path& db, const std::string& sql) {
  sqlite3* h = open_db(db, true);
  char* err = nullptr;
  int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  if (rc != SQLITE_OK) throw std::runtime_error("exec failed: " + msg + " in " + sql);
}

}  // namespace itest
