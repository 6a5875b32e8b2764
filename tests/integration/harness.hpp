#pragma once
// Drives the built `migrate` binary as a user would, in a scratch project
// folder, and reads the resulting SQLite files with the sqlite3 C API.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace itest {

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

// A fresh folder under the system temp dir, removed at scope exit.
class Project {
 public:
  Project();
  ~Project();
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path path(const std::string& rel) const { return dir_ / rel; }
  void write(const std::string& rel, const std::string& content) const;
  std::string read(const std::string& rel) const;

  // Runs `migrate ARGS` in dir() (args are shell-quoted); `env` is prefixed as VAR=value.
  Result run(const std::vector<std::string>& args,
             const std::map<std::string, std::string>& env = {}) const;
  // Runs a shell command in dir().
  Result sh(const std::string& command) const;

  // A minimal project: migrate.yaml on sqlite:///app.db and an empty versions folder.
  void init_sqlite(const std::string& extra_config = "") const;
  // The same project on another database URL.
  void init_url(const std::string& url, const std::string& extra_config = "") const;
  // Writes versions/<id>.yaml with the given upgrade/downgrade YAML bodies.
  void revision(const std::string& id, const std::string& down, const std::string& upgrade,
                const std::string& downgrade, const std::string& extra = "") const;

 private:
  std::filesystem::path dir_;
};

// Rows of a query as text ("NULL" for null), columns joined by '|'.
std::vector<std::string> query(const std::filesystem::path& db, const std::string& sql);
// The catalog: "type|name|tbl_name|sql" for every object, sorted, ignoring `skip_table`,
// migrate_history and SQLite's own sqlite_sequence.
std::vector<std::string> catalog(const std::filesystem::path& db,
                                 const std::string& skip_table = "");
void exec(const std::filesystem::path& db, const std::string& sql);

}  // namespace itest

// Failed comparisons of row lists print the rows.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return (out + "]").c_str();
  }
};
