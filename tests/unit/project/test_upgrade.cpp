// The upgrade/downgrade/stamp jobs as a library, on a real SQLite file:
// what the online run leaves in the database, and what the offline run
// prints, without the binary.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/error.hpp"
#include "dialects/sqlite/connection.hpp"
#include "project/revisions.hpp"
#include "project/upgrade.hpp"

using namespace migrate;
using namespace migrate::project;
namespace fs = std::filesystem;

namespace {

// A project folder with two revisions (a -> b) and a SQLite database file.
struct Project {
  fs::path root;
  Config cfg;

  Project() {
    root = fs::temp_directory_path() / ("migrate_unit_upgrade_" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "migrations" / "versions");
    write("migrations/versions/a_users.yaml",
          "revision: a\ndown_revision: null\nmessage: users\nupgrade:\n"
          "  - create_table: {table: users, columns: [{name: id, type: integer}]}\n"
          "downgrade:\n  - drop_table: {table: users}\n");
    write("migrations/versions/b_email.yaml",
          "revision: b\ndown_revision: a\nmessage: email\nupgrade:\n"
          "  - add_column: {table: users, column: {name: email, type: text}}\n"
          "downgrade:\n  - drop_column: {table: users, column: email}\n");
    const std::string text =
        "script_location: migrations\ndatabase_url: sqlite:///" + (root / "app.db").string() + "\n";
    write("migrate.yaml", text);
    cfg = parse_config(text, root / "migrate.yaml",
                       [](const std::string&) -> std::optional<std::string> { return {}; });
  }
  ~Project() { fs::remove_all(root); }

  void write(const std::string& rel, const std::string& text) { std::ofstream(root / rel) << text; }
  // The version table's rows, read with a connection of the test's own.
  std::vector<std::string> version_rows() {
    SqliteConnection conn((root / "app.db").string());
    std::vector<std::string> out;
    for (const auto& row : conn.query({"SELECT version_num FROM migrate_version", {}}))
      out.push_back(std::get<std::string>(row[0]));
    return out;
  }
  std::vector<std::string> columns(const std::string& table) {
    SqliteConnection conn((root / "app.db").string());
    std::vector<std::string> out;
    for (const auto& row : conn.query({"SELECT name FROM pragma_table_info(?)", {table}}))
      out.push_back(std::get<std::string>(row[0]));
    return out;
  }
};

}  // namespace

TEST_CASE("project upgrade: online runs move the version table and the schema together") {
  Project p;
  Graph graph = load_graph(p.cfg);
  {
    OnlineRun run(p.cfg, graph, 5, false);
    auto heads = run.checked_heads("upgrade");
    CHECK(heads.empty());
    auto now = run.runner().run(graph.upgrade(heads, "a"), heads);
    CHECK(now == std::vector<std::string>{"a"});
  }
  CHECK(p.version_rows() == std::vector<std::string>{"a"});
  CHECK(p.columns("users") == std::vector<std::string>{"id"});
  {
    OnlineRun run(p.cfg, graph, 5, false);
    auto heads = run.checked_heads("upgrade");
    REQUIRE(heads == std::vector<std::string>{"a"});
    run.runner().run(graph.upgrade(heads, "head"), heads);
  }
  CHECK(p.version_rows() == std::vector<std::string>{"b"});
  CHECK(p.columns("users") == std::vector<std::string>{"id", "email"});
  {
    OnlineRun run(p.cfg, graph, 5, false);
    auto heads = run.checked_heads("downgrade");
    run.runner().run(graph.downgrade(heads, "-1"), heads);
  }
  CHECK(p.version_rows() == std::vector<std::string>{"a"});
  CHECK(p.columns("users") == std::vector<std::string>{"id"});
  {
    OnlineRun run(p.cfg, graph, 5, false);
    auto heads = run.stamp_heads(false);
    auto now = run.runner().stamp(heads, graph.resolve_target("head", heads, Direction::up), false);
    CHECK(now == std::vector<std::string>{"b"});
  }
  // A stamp moves the version table only.
  CHECK(p.version_rows() == std::vector<std::string>{"b"});
  CHECK(p.columns("users") == std::vector<std::string>{"id"});
}

TEST_CASE("project upgrade: an applied revision that was edited refuses the next run") {
  Project p;
  {
    Graph graph = load_graph(p.cfg);
    OnlineRun run(p.cfg, graph, 5, false);
    run.runner().run(graph.upgrade({}, "a"), {});
  }
  p.write("migrations/versions/a_users.yaml",
          "revision: a\ndown_revision: null\nmessage: users\nupgrade:\n"
          "  - create_table: {table: users, columns: [{name: id, type: bigint}]}\n"
          "downgrade:\n  - drop_table: {table: users}\n");
  Graph graph = load_graph(p.cfg);
  OnlineRun run(p.cfg, graph, 5, false);
  try {
    run.checked_heads("upgrade");
    FAIL("an edited applied revision was not refused");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("a_users.yaml") != std::string::npos);
  }
}

TEST_CASE("project upgrade: the offline run prints the same steps as a script") {
  Project p;
  Graph graph = load_graph(p.cfg);
  std::ostringstream out;
  {
    OfflineRun run(p.cfg, graph, out, false);
    run.migrate(graph, migrate_range(graph, "head", Direction::up, "upgrade"), Direction::up);
  }
  const std::string up = out.str();
  const auto create = up.find("CREATE TABLE \"users\"");
  const auto add = up.find("ADD COLUMN \"email\"");
  REQUIRE(create != std::string::npos);
  REQUIRE(add != std::string::npos);
  CHECK(create < add);
  CHECK(up.find("'offline'") != std::string::npos);  // history rows say who applied them
  CHECK_FALSE(fs::exists(p.root / "app.db"));        // offline touches no database

  // Downgrade from b: the replayed schema at b lets SQLite drop the column.
  std::ostringstream down;
  {
    OfflineRun run(p.cfg, graph, down, false);
    run.migrate(graph, migrate_range(graph, "b:a", Direction::down, "downgrade"), Direction::down);
  }
  CHECK(down.str().find("DROP COLUMN \"email\"") != std::string::npos);
  CHECK(down.str().find("DROP TABLE") == std::string::npos);
}

TEST_CASE("project upgrade: offline ranges are checked before anything is printed") {
  Project p;
  Graph graph = load_graph(p.cfg);
  CHECK_THROWS_AS(migrate_range(graph, "head", Direction::down, "downgrade"), InputError);
  CHECK_THROWS_AS(migrate_range(graph, ":head", Direction::up, "upgrade"), InputError);
  OfflineRange r = migrate_range(graph, "a:head", Direction::up, "upgrade");
  CHECK(r.from == std::vector<std::string>{"a"});
  CHECK(r.to == "head");
  OfflineRange s = stamp_range(graph, "a:b");
  CHECK(s.from == std::vector<std::string>{"a"});
  CHECK(s.to == "b");
}
