// The corpus of tests/corpus/sqlite/*.yaml (corpus_runner.hpp), each case on
// SQLite files of its own.
#include <doctest/doctest.h>

#include <random>
#include <regex>

#include "corpus_runner.hpp"
#include "harness.hpp"

namespace {
namespace fs = std::filesystem;

class SqliteFile : public itest::corpus::Database {
 public:
  SqliteFile() {
    std::random_device rd;
    dir_ = fs::temp_directory_path() /
           ("migrate-corpus-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir_);
    // An empty database is still a file, so its catalog can be read.
    itest::exec(file(), "");
  }
  ~SqliteFile() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string url() const override { return "sqlite:///" + file().string(); }
  std::vector<std::string> catalog() const override {
    // ALTER TABLE ... ADD COLUMN and DROP COLUMN edit the stored CREATE text
    // in place, with other line breaks and spaces around the column than a
    // CREATE TABLE written whole: whitespace is no difference.
    std::vector<std::string> rows = itest::catalog(file(), "migrate_version");
    static const std::regex space("\\s+");
    for (auto& r : rows) r = std::regex_replace(r, space, " ");
    return rows;
  }

 private:
  fs::path file() const { return dir_ / "app.db"; }
  fs::path dir_;
};

}  // namespace

TEST_CASE("sqlite corpus: current -> desired -> current for every case of tests/corpus/sqlite") {
  itest::corpus::run_all("sqlite", [] { return std::make_unique<SqliteFile>(); });
}
