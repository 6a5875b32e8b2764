// migrate lint's rules, each with a revision that triggers it, its safe
// form that does not, and the `lint: ignore` key that silences it.
#include <doctest/doctest.h>

#include "tests/unit/string_list_maker.hpp"

#include <algorithm>

#include "core/graph/graph.hpp"
#include "core/lint/lint.hpp"
#include "core/script/script.hpp"
#include "tests/unit/yaml_test_util.hpp"

using namespace migrate;
using migrate::test::contains;
using migrate::test::input_error;
using V = std::vector<std::string>;

namespace {

// The base revision every case builds on: a table with rows-to-be.
const char* kBase =
    "  - create_table:\n      table: users\n      columns:\n"
    "        - {name: id, type: integer, primary_key: true}\n"
    "        - {name: name, type: varchar(100)}\n"
    "        - {name: total, type: \"numeric(10,2)\"}\n"
    "        - {name: big, type: bigint}\n";

Revision revision(const std::string& id, const std::string& down, const std::string& upgrade,
                  const std::string& downgrade, const std::string& extra = "") {
  std::string text = "revision: " + id + "\ndown_revision: " + (down.empty() ? "null" : down) +
                     "\nmessage: m\n" + extra + "upgrade:\n" + upgrade + "downgrade:\n" + downgrade;
  Revision r = load_revision_text(text, id + ".yaml", NamingConvention{});
  r.path = id + ".yaml";
  return r;
}

struct Run {
  std::vector<Finding> findings;
  V codes() const {
    V out;
    for (const auto& f : findings) out.push_back(f.code);
    return out;
  }
};

// Lints revision "b1" (`upgrade`) on top of the base, for `dialect`.
Run lint_one(const std::string& upgrade, const std::string& dialect = "sqlite",
             const std::string& extra = "", const std::string& downgrade = "  - execute: x\n",
             std::map<std::string, Severity> levels = {}) {
  Graph graph({revision("a0", "", kBase, "  - drop_table: {table: users}\n"),
               revision("b1", "a0", upgrade, downgrade, extra)});
  return Run{lint(graph, {graph.find("b1")}, LintSettings{dialect, levels})};
}

}  // namespace

TEST_CASE("lint: destructive operations") {
  CHECK(lint_one("  - drop_table: {table: users}\n").codes() == V{"DS101"});
  CHECK(lint_one("  - drop_column: {table: users, column: name}\n").codes() == V{"DS102"});
  CHECK(lint_one("  - execute: \"DELETE FROM users\"\n").codes() == V{"DS103"});
  CHECK(lint_one("  - execute: \"UPDATE users SET name = 'x'; TRUNCATE users\"\n").codes() ==
        V{"DS103"});
  CHECK(lint_one("  - execute: \"drop table users\"\n").codes() == V{"DS103"});
  // Safe forms: a DELETE that says which rows, a table that is renamed away.
  CHECK(lint_one("  - execute: \"DELETE FROM users WHERE id < 0\"\n").codes().empty());
  CHECK(lint_one("  - rename_table: {table: users, new_name: users_old}\n").codes() == V{"BC301"});
  // Silenced, with a reason.
  CHECK(lint_one("  - drop_table: {table: users}\n    lint: \"ignore DS101: replaced by accounts "
                 "in r40\"\n")
            .codes()
            .empty());
  auto f = lint_one("  - drop_table: {table: users}\n").findings.at(0);
  CHECK(f.severity == Severity::error);
  CHECK(f.path == "b1.yaml");
  CHECK(f.line == 5);  // the op's line in the file
  CHECK(f.revision == "b1");
}

TEST_CASE("lint: data-dependent changes") {
  CHECK(lint_one("  - add_column: {table: users, column: {name: age, type: integer, nullable: "
                 "false}}\n")
            .codes() == V{"DD201"});
  CHECK(lint_one("  - add_column: {table: users, column: {name: age, type: integer, nullable: "
                 "false, default: \"0\"}}\n")
            .codes()
            .empty());
  // A new table has no rows: NOT NULL and unique are free there.
  CHECK(lint_one("  - create_table:\n      table: t\n      columns:\n"
                 "        - {name: id, type: integer, nullable: false}\n"
                 "      indexes: [{name: ux, columns: [id], unique: true}]\n")
            .codes()
            .empty());
  CHECK(lint_one("  - alter_column: {table: users, column: name, nullable: false}\n").codes() ==
        V{"DD202"});
  CHECK(lint_one("  - create_index: {table: users, name: ux_name, columns: [name], unique: "
                 "true}\n")
            .codes() == V{"DD203"});
  CHECK(lint_one("  - create_unique_constraint: {table: users, name: uq_name, columns: [name]}\n")
            .codes() == V{"DD203"});
  CHECK(lint_one("  - create_index: {table: users, name: ix_name, columns: [name]}\n")
            .codes()
            .empty());
  for (const char* narrowing :
       {"varchar(50)", "integer", "\"numeric(8,2)\"", "\"numeric(10,1)\""}) {
    std::string column = std::string(narrowing) == "integer" ? "big"
                         : narrowing[1] == 'n'               ? "total"
                                                             : "name";
    CAPTURE(narrowing);
    CHECK(lint_one("  - alter_column: {table: users, column: " + column + ", type: " + narrowing +
                   "}\n")
              .codes() == V{"DD204"});
  }
  for (const char* widening : {"varchar(200)", "text"})
    CHECK(lint_one(std::string("  - alter_column: {table: users, column: name, type: ") + widening +
                   "}\n")
              .codes()
              .empty());
  CHECK(lint_one("  - alter_column: {table: users, column: name, nullable: false}\n    lint: "
                 "\"ignore DD202: backfilled in a0\"\n")
            .codes()
            .empty());
}

TEST_CASE("lint: backward-incompatible renames") {
  CHECK(lint_one("  - rename_table: {table: users, new_name: people}\n").codes() == V{"BC301"});
  CHECK(lint_one("  - alter_column: {table: users, column: name, new_name: full_name}\n").codes() ==
        V{"BC302"});
  CHECK(lint_one("  - alter_column: {table: users, column: name, new_name: full_name}\n    lint: "
                 "\"ignore BC302: the app reads both since v3\"\n")
            .codes()
            .empty());
}

TEST_CASE("lint: locking and rewriting on PostgreSQL") {
  const std::string pg = "postgresql";
  CHECK(
      lint_one("  - create_index: {table: users, name: ix_name, columns: [name]}\n", pg).codes() ==
      V{"LK401"});
  // The safe form: CONCURRENTLY, outside a transaction.
  CHECK(lint_one("  - execute: \"CREATE INDEX CONCURRENTLY ix_name ON users (name)\"\n", pg,
                 "transactional: false\n")
            .codes()
            .empty());
  CHECK(lint_one("  - alter_column: {table: users, column: big, type: text}\n", pg).codes() ==
        V{"LK402"});
  CHECK(lint_one("  - alter_column: {table: users, column: name, type: varchar(200)}\n", pg)
            .codes()
            .empty());
  CHECK(lint_one("  - create_check_constraint: {table: users, name: ck, expression: \"id > 0\"}\n",
                 pg)
            .codes() == V{"LK403"});
  CHECK(lint_one("  - create_foreign_key: {table: users, name: fk, columns: [big], references: "
                 "{table: users, columns: [id]}}\n",
                 pg)
            .codes() == V{"LK403"});
  CHECK(lint_one("  - alter_column: {table: users, column: name, nullable: false}\n", pg).codes() ==
        V{"DD202", "LK404"});
  CHECK(lint_one("  - add_column: {table: users, column: {name: token, type: uuid, default: "
                 "gen_random_uuid()}}\n",
                 pg)
            .codes() == V{"LK405"});
  CHECK(lint_one("  - add_column: {table: users, column: {name: at, type: timestamptz, default: "
                 "now()}}\n",
                 pg)
            .codes()
            .empty());
  // The same ops are no locking concern on SQLite.
  CHECK(lint_one("  - create_index: {table: users, name: ix_name, columns: [name]}\n")
            .codes()
            .empty());
  CHECK(lint_one("  - create_index: {table: users, name: ix_name, columns: [name]}\n    lint: "
                 "\"ignore LK401: users has 40 rows\"\n",
                 pg)
            .codes()
            .empty());
}

TEST_CASE("lint: table copies on MySQL") {
  const std::string my = "mysql";
  CHECK(lint_one("  - alter_column: {table: users, column: big, type: text}\n", my).codes() ==
        V{"LK451"});
  // A longer VARCHAR whose length prefix keeps its size is done in place.
  CHECK(lint_one("  - alter_column: {table: users, column: name, type: varchar(200)}\n", my)
            .codes()
            .empty());
  CHECK(
      lint_one("  - alter_column: {table: users, column: name, type: varchar(50)}\n", my).codes() ==
      V{"DD204", "LK451"});
  CHECK(lint_one("  - alter_table_options: {table: users, mysql_charset: utf8mb4, "
                 "existing_mysql_charset: latin1}\n",
                 my)
            .codes() == V{"LK451"});
  CHECK(lint_one("  - alter_column: {table: users, column: big, type: text}\n    lint: \"ignore "
                 "LK451: maintenance window\"\n",
                 my)
            .codes()
            .empty());
}

TEST_CASE("lint: the graph and safety") {
  CHECK(lint_one("  - add_column: {table: users, column: {name: x, type: text}}\n", "sqlite", "",
                 " []\n")
            .codes() == V{"GR502"});
  CHECK(lint_one("  - execute: \"SELECT 1\"\n  - execute: \"SELECT 2\"\n", "postgresql",
                 "transactional: false\n")
            .codes() == V{"GR503"});
  CHECK(lint_one("  - execute: {postgresql: \"SELECT 1\"}\n", "sqlite").codes() == V{"SF601"});
  CHECK(lint_one("  - execute: {postgresql: \"SELECT 1\", default: \"SELECT 2\"}\n", "sqlite")
            .codes()
            .empty());

  // Two heads: one finding, on the newest revision linted.
  Graph graph({revision("a0", "", kBase, "  - drop_table: {table: users}\n"),
               revision("b1", "a0", "  - execute: x\n", "  - execute: y\n"),
               revision("c1", "a0", "  - execute: x\n", "  - execute: y\n")});
  auto found = lint(graph, {graph.find("b1"), graph.find("c1")}, LintSettings{"sqlite", {}});
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "GR501");
  CHECK(found[0].severity == Severity::error);
  CHECK(contains(found[0].message, "b1, c1"));
}

TEST_CASE("lint: levels from migrate.yaml, and malformed ignores") {
  auto off = lint_one("  - drop_table: {table: users}\n", "sqlite", "", "  - execute: x\n",
                      {{"DS101", Severity::off}});
  CHECK(off.codes().empty());
  auto raised = lint_one("  - alter_column: {table: users, column: name, new_name: n2}\n", "sqlite",
                         "", "  - execute: x\n", {{"BC302", Severity::error}});
  REQUIRE(raised.findings.size() == 1);
  CHECK(raised.findings[0].severity == Severity::error);

  CHECK(contains(
      input_error([] { lint_one("  - drop_table: {table: users}\n    lint: \"ignore DS101\"\n"); }),
      "gives no reason"));
  CHECK(contains(input_error([] {
                   lint_one(
                       "  - drop_table: {table: users}\n    lint: \"ignore XX999: because\"\n");
                 }),
                 "b1.yaml:5"));
  CHECK(contains(input_error([] {
                   lint_one("  - drop_table: {table: users}\n    lint: \"skip DS101: x\"\n");
                 }),
                 "ignore CODE"));
}

TEST_CASE("lint: every per-operation rule fires, has a safe form, and yields to its ignore key") {
  struct Case {
    const char* code;
    const char* dialect;
    const char* trigger;  // one op, at the op list's indentation
    const char* safe;
  };
  const Case cases[] = {
      {"DS101", "sqlite", "drop_table: {table: users}",
       "rename_table: {table: users, new_name: users_old}"},
      {"DS102", "sqlite", "drop_column: {table: users, column: name}",
       "alter_column: {table: users, column: name, nullable: true}"},
      {"DS103", "sqlite", "execute: \"TRUNCATE users\"",
       "execute: \"DELETE FROM users WHERE id = 0\""},
      {"DD201", "sqlite",
       "add_column: {table: users, column: {name: a, type: integer, nullable: false}}",
       "add_column: {table: users, column: {name: a, type: integer}}"},
      {"DD202", "sqlite", "alter_column: {table: users, column: name, nullable: false}",
       "alter_column: {table: users, column: name, nullable: true}"},
      {"DD203", "sqlite", "create_index: {table: users, name: ux, columns: [name], unique: true}",
       "create_index: {table: users, name: ix, columns: [name]}"},
      {"DD204", "sqlite", "alter_column: {table: users, column: name, type: varchar(10)}",
       "alter_column: {table: users, column: name, type: varchar(300)}"},
      {"BC301", "sqlite", "rename_table: {table: users, new_name: people}",
       "create_table: {table: people, columns: [{name: id, type: integer}]}"},
      {"BC302", "sqlite", "alter_column: {table: users, column: name, new_name: n}",
       "add_column: {table: users, column: {name: n, type: text}}"},
      {"LK401", "postgresql", "create_index: {table: users, name: ix, columns: [name]}",
       "execute: \"SELECT 1\""},
      {"LK402", "postgresql", "alter_column: {table: users, column: big, type: text}",
       "alter_column: {table: users, column: name, type: text}"},
      {"LK403", "postgresql",
       "create_check_constraint: {table: users, name: ck, expression: \"id > 0\"}",
       "execute: \"ALTER TABLE users ADD CONSTRAINT ck CHECK (id > 0) NOT VALID\""},
      {"LK405", "postgresql",
       "add_column: {table: users, column: {name: r, type: float, default: random()}}",
       "add_column: {table: users, column: {name: r, type: float}}"},
      {"LK451", "mysql", "alter_column: {table: users, column: big, type: text}",
       "alter_column: {table: users, column: name, type: varchar(120)}"},
      {"SF601", "sqlite", "execute: {postgresql: \"SELECT 1\"}",
       "execute: {postgresql: \"SELECT 1\", sqlite: \"SELECT 1\"}"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.code);
    const std::string op = std::string("  - ") + c.trigger + "\n";
    V fired = lint_one(op, c.dialect).codes();
    CHECK(std::find(fired.begin(), fired.end(), c.code) != fired.end());
    V safe = lint_one(std::string("  - ") + c.safe + "\n", c.dialect).codes();
    CHECK(std::find(safe.begin(), safe.end(), c.code) == safe.end());
    V ignored =
        lint_one(op + "    lint: \"ignore " + c.code + ": checked by hand\"\n", c.dialect).codes();
    CHECK(std::find(ignored.begin(), ignored.end(), c.code) == ignored.end());
  }
  // LK404 rides with DD202; one key may name both.
  CHECK(lint_one("  - alter_column: {table: users, column: name, nullable: false}\n    lint: "
                 "\"ignore DD202, LK404: column backfilled and checked in a0\"\n",
                 "postgresql")
            .codes()
            .empty());
  // Revision-level rules answer to migrate.yaml's levels.
  CHECK(lint_one("  - execute: x\n", "sqlite", "", " []\n", {{"GR502", Severity::off}})
            .codes()
            .empty());
}

TEST_CASE("lint: serial types are their integers to the table") {
  const std::string pg = "postgresql";
  // integer -> serial adds a sequence and a default: no rewrite, nothing narrows.
  CHECK(lint_one("  - alter_column: {table: users, column: id, type: serial, existing_type: "
                 "integer}\n",
                 pg)
            .codes()
            .empty());
  // serial -> bigserial rewrites like integer -> bigint; the way back narrows.
  CHECK(lint_one("  - alter_column: {table: users, column: id, type: bigserial, existing_type: "
                 "serial}\n",
                 pg)
            .codes() == V{"LK402"});
  CHECK(lint_one("  - alter_column: {table: users, column: big, type: serial, existing_type: "
                 "bigserial}\n",
                 pg)
            .codes() == V{"DD204", "LK402"});
}

TEST_CASE("lint BC303: dropping or replacing an object that another one uses") {
  const std::string views =
      "  - create_view: {name: names, definition: \"SELECT id, name FROM users\"}\n"
      "  - create_view: {name: loud, definition: \"SELECT upper(name) AS n FROM names\"}\n";
  Run dropped = lint_one(views + "  - drop_view: {name: names}\n");
  CHECK(dropped.codes() == V{"BC303"});
  REQUIRE(dropped.findings.size() == 1);
  CHECK(contains(dropped.findings[0].message, "view loud"));
  CHECK(lint_one(views + "  - replace_view: {name: names, definition: \"SELECT id FROM users\"}\n")
            .codes() == V{"BC303"});
  // Safe: the user goes first (what autogenerate writes), or nothing uses it.
  CHECK(lint_one(views + "  - drop_view: {name: loud}\n  - drop_view: {name: names}\n")
            .codes()
            .empty());
  CHECK(lint_one(views + "  - drop_view: {name: names}\n    lint: \"ignore BC303: loud goes in "
                         "b2\"\n")
            .codes()
            .empty());
}
