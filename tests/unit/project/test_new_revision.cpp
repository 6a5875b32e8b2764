// `revision`'s job as a library: the file it writes, where, and what it refuses.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/error.hpp"
#include "project/new_revision.hpp"
#include "project/revisions.hpp"

using namespace migrate;
using namespace migrate::project;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path root;
  Config cfg;
  Folder() {
    root = fs::temp_directory_path() / ("migrate_unit_newrev_" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "migrations" / "versions");
    const std::string text =
        "script_location: migrations\ndatabase_url: sqlite:///" + (root / "app.db").string() + "\n";
    std::ofstream(root / "migrate.yaml") << text;
    cfg = parse_config(text, root / "migrate.yaml",
                       [](const std::string&) -> std::optional<std::string> { return {}; });
  }
  ~Folder() { fs::remove_all(root); }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("project new revision: written, placed on the head, recorded in the graph") {
  Folder f;
  NewRevision a;
  a.message = "create users";
  a.rev_id = "aaa";
  fs::path first = write_new_revision(f.cfg, a);
  CHECK(first == f.root / "migrations" / "versions" / "aaa_create_users.yaml");
  const std::string text = read(first);
  CHECK(text.find("revision: \"aaa\"") != std::string::npos);
  CHECK(text.find("down_revision: null") != std::string::npos);

  NewRevision b;
  b.message = "add email";
  b.rev_id = "bbb";
  b.x = {{"note", "hello"}};
  fs::path second = write_new_revision(f.cfg, b);
  CHECK(read(second).find("down_revision: \"aaa\"") != std::string::npos);
  Graph graph = load_graph(f.cfg);
  REQUIRE(graph.heads().size() == 1);
  CHECK(graph.heads()[0]->id == "bbb");
  // versions.sum was written and matches the two files.
  SumReport report;
  load_graph(f.cfg, Operations::skip, &report);
  CHECK(report.ok());
  CHECK(fs::exists(f.cfg.sum_file()));
}

TEST_CASE("project new revision: refusals write nothing") {
  Folder f;
  NewRevision a;
  a.message = "m";
  a.rev_id = "aaa";
  write_new_revision(f.cfg, a);
  auto count = [&] {
    return std::distance(fs::directory_iterator(f.root / "migrations" / "versions"),
                         fs::directory_iterator());
  };
  REQUIRE(count() == 1);
  CHECK_THROWS_AS(write_new_revision(f.cfg, a), InputError);  // the id is taken
  NewRevision bad = a;
  bad.rev_id = "has space";
  CHECK_THROWS_AS(write_new_revision(f.cfg, bad), InputError);
  bad.rev_id = std::string(33, 'x');
  CHECK_THROWS_AS(write_new_revision(f.cfg, bad), InputError);
  NewRevision dev = a;
  dev.rev_id = "ccc";
  dev.dev_url = "sqlite://";  // --dev-url without --autogenerate
  CHECK_THROWS_AS(write_new_revision(f.cfg, dev), InputError);
  CHECK(count() == 1);
}
