// compare_schemas on views, sequences, triggers and functions: what is a
// difference, which op, and where it goes among the table ops.
#include <doctest/doctest.h>

#include "tests/unit/string_list_maker.hpp"

#include "core/compare/compare.hpp"
#include "core/model/model.hpp"
#include "core/ops/ops.hpp"
#include "dialects/sqlite/compile.hpp"

using namespace migrate;
using V = std::vector<std::string>;

namespace {

// SQLite's spelling rules, with every kind of object (as PostgreSQL has).
class EveryKind : public SqliteDialect {
 public:
  bool has_object_kind(ObjectKind) const override { return true; }
};

Schema model(const std::string& yaml) {
  return load_model_text(yaml, "schema.yaml", NamingConvention{});
}

// "kind name" of each op, in order.
V plan(const std::string& want, const std::string& have, const CompareSettings& s = {}) {
  V out;
  for (const auto& op : compare_schemas(model(want), model(have), EveryKind{}, s)) {
    std::string line = op.kind();
    std::visit(
        [&](const auto& body) {
          using T = std::decay_t<decltype(body)>;
          if constexpr (std::is_same_v<T, CreateObject> || std::is_same_v<T, ReplaceObject>)
            line += " " + body.object.name;
          else if constexpr (std::is_same_v<T, DropObject>)
            line += " " + body.name;
          else
            line += " " + op.target().table;
        },
        op.body);
    out.push_back(line);
  }
  return out;
}

const std::string kUsers =
    "tables:\n  users:\n    columns:\n      - {name: id, type: integer}\n"
    "      - {name: name, type: varchar(50)}\n";

}  // namespace

TEST_CASE("compare objects: the same object in another spelling is no difference") {
  CHECK(plan(kUsers + "views:\n  v: SELECT id, name FROM users\n",
             kUsers + "views:\n  v: \"select  id,name\\n from USERS\"\n")
            .empty());
  CHECK(plan(kUsers + "views:\n  v: SELECT id FROM users\n",
             kUsers + "views:\n  v: SELECT name FROM users\n") == V{"replace_view v"});
}

TEST_CASE("compare objects: creates come after the tables, each after what it reads") {
  const std::string want = kUsers +
                           "views:\n  b: SELECT id FROM a\n  a: SELECT id FROM users\n"
                           "functions:\n  f: {definition: \"CREATE FUNCTION f() RETURNS int\"}\n"
                           "triggers:\n  - {name: t, table: users, definition: \"CREATE TRIGGER "
                           "t AFTER INSERT ON users EXECUTE FUNCTION g()\"}\n"
                           "sequences:\n  s: {start: 5, owned_by: users.id}\n";
  // A function before the tables (a default may call it), unless it reads
  // one of them; OWNED BY once the table exists.
  CHECK(plan(want, "") == V{"create_sequence s", "create_function f", "create_table users",
                            "create_view a", "create_view b", "create_trigger t",
                            "alter_sequence s"});
  // And the way back: what reads goes first, the owned sequence with them;
  // the function once no table can use it.
  CHECK(plan("", want) == V{"drop_trigger t", "drop_view b", "drop_view a", "drop_sequence s",
                            "drop_table users", "drop_function f"});
  const std::string reads = kUsers +
                            "functions:\n  n: {definition: \"CREATE FUNCTION n() RETURNS bigint "
                            "AS 'SELECT count(*) FROM users' LANGUAGE sql\"}\n";
  CHECK(plan(reads, "") == V{"create_table users", "create_function n"});
}

TEST_CASE("compare objects: a view over a changed column goes first and comes back after") {
  const std::string views =
      "views:\n  a: SELECT id, name FROM users\n  b: SELECT id FROM a\n"
      "  c: SELECT 1 AS one\n";
  std::string wide = kUsers + views;
  wide.replace(wide.find("varchar(50)"), 11, "varchar(80)");
  CHECK(plan(wide, kUsers + views) ==
        V{"drop_view b", "drop_view a", "alter_column users", "create_view a", "create_view b"});
  // A changed view that another reads: the reader goes and comes back too.
  std::string changed = kUsers + views;
  changed.replace(changed.find("SELECT id, name FROM users"), 26,
                  "SELECT id, name, 1 AS x FROM users");
  CHECK(plan(changed, kUsers + views) == V{"drop_view b", "replace_view a", "create_view b"});
}

TEST_CASE(
    "compare objects: a dropped table's triggers are dropped first, so the downgrade restores "
    "them") {
  const std::string have =
      kUsers +
      "triggers:\n  - {name: t, table: users, definition: \"CREATE TRIGGER t AFTER "
      "INSERT ON users BEGIN SELECT 1; END\"}\n";
  auto ops = compare_schemas(model(""), model(have), EveryKind{}, {});
  REQUIRE(ops.size() == 2);
  const auto* drop = std::get_if<DropObject>(&ops[0].body);
  REQUIRE(drop);
  REQUIRE(drop->existing);
  CHECK(drop->existing->definition == "CREATE TRIGGER t AFTER INSERT ON users BEGIN SELECT 1; END");
  auto back = reverse_all(ops);
  CHECK(back[0].kind() == "create_table");
  CHECK(back[1].kind() == "create_trigger");
}

TEST_CASE("compare objects: a changed trigger on a changed table goes first and comes back after") {
  const std::string trig =
      "triggers:\n  - {name: t, table: users, definition: \"CREATE TRIGGER t "
      "AFTER INSERT ON users BEGIN SELECT new.name; END\"}\n";
  std::string want = "tables:\n  users:\n    columns:\n      - {name: id, type: integer}\n" +
                     std::string(
                         "triggers:\n  - {name: t, table: users, definition: \"CREATE "
                         "TRIGGER t AFTER INSERT ON users BEGIN SELECT new.id; END\"}\n");
  CHECK(plan(want, kUsers + trig) == V{"drop_trigger t", "drop_column users", "create_trigger t"});
  // Unchanged, it stays (SQLite's rebuild keeps it).
  std::string wide = kUsers + trig;
  wide.replace(wide.find("varchar(50)"), 11, "varchar(80)");
  CHECK(plan(wide, kUsers + trig) == V{"alter_column users"});
}

TEST_CASE("compare objects: a trigger may fire on a view (INSTEAD OF)") {
  const std::string yaml = kUsers +
                           "views:\n  v: SELECT id FROM users\ntriggers:\n  - {name: ti, "
                           "table: v, definition: \"CREATE TRIGGER ti INSTEAD OF INSERT "
                           "ON v BEGIN INSERT INTO users (id) VALUES (new.id); END\"}\n";
  CHECK(plan(yaml, yaml).empty());
  CHECK(plan(yaml, kUsers) == V{"create_view v", "create_trigger ti"});
  // A view replaced takes its INSTEAD OF triggers along: they go and come back.
  std::string changed = yaml;
  changed.replace(changed.find("SELECT id FROM users"), 20, "SELECT id, name FROM users");
  CHECK(plan(changed, yaml) == V{"drop_trigger ti", "replace_view v", "create_trigger ti"});
}

TEST_CASE("compare objects: include and exclude patterns apply to every kind") {
  CompareSettings s;
  s.exclude_tables = {"legacy*"};
  CHECK(plan(kUsers, kUsers + "views:\n  legacy_v: SELECT 1 AS x\n", s).empty());
  CHECK(plan(kUsers, kUsers + "views:\n  v: SELECT 1 AS x\n", s) == V{"drop_view v"});
  // A trigger is its table's: a pattern on the trigger's own name is none.
  s.exclude_tables = {"audit*"};
  CHECK(plan(kUsers + "triggers:\n  - {name: audit_t, table: users, definition: \"CREATE TRIGGER "
                      "audit_t AFTER INSERT ON users BEGIN SELECT 1; END\"}\n",
             kUsers, s) == V{"create_trigger audit_t"});
  s.exclude_tables = {"users"};
  // The trigger of an excluded table is excluded with it.
  CHECK(plan("",
             kUsers + "triggers:\n  - {name: t, table: users, definition: \"CREATE TRIGGER t "
                      "AFTER INSERT ON users BEGIN SELECT 1; END\"}\n",
             s)
            .empty());
}

TEST_CASE("compare objects: a dialect without a kind leaves it alone and says so") {
  std::vector<std::string> warnings;
  CompareSettings s;
  s.warn = [&](const std::string& w) { warnings.push_back(w); };
  auto ops = compare_schemas(
      model(kUsers + "functions:\n  f: {definition: \"CREATE FUNCTION f() RETURNS int\"}\n"),
      model(kUsers), SqliteDialect{}, s);
  CHECK(ops.empty());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "the model's functions (1) are not compared: sqlite has no functions");
}

TEST_CASE("compare objects: a view over a column of an enum whose values change is made again") {
  class WithEnums : public EveryKind {
   public:
    bool has_enum_types() const override { return true; }
  };
  const std::string person =
      "tables:\n  person:\n    columns:\n      - {name: id, type: integer}\n"
      "      - {name: mood, type: mood}\nviews:\n  moods: SELECT mood FROM person\n";
  std::vector<std::string> kinds;
  for (const auto& op :
       compare_schemas(model("enums:\n  mood: [happy]\n" + person),
                       model("enums:\n  mood: [happy, sad]\n" + person), WithEnums{}, {}))
    kinds.push_back(op.kind());
  CHECK(kinds == V{"drop_view", "alter_enum", "create_view"});
}
