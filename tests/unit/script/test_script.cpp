#include <doctest/doctest.h>

#include <cmath>

#include "core/ops/difference_line.hpp"
#include "core/ops/op_equal.hpp"
#include "core/script/op_yaml.hpp"
#include "core/script/script.hpp"
#include "core/yaml/yaml_node.hpp"
#include "core/yaml/yaml_write.hpp"
#include "tests/unit/yaml_test_util.hpp"

using namespace migrate;
using migrate::test::contains;
using migrate::test::input_error;

namespace {

const char* const kFile = "versions/3f2a.yaml";

Revision load(const std::string& text, const NamingConvention& naming = {}) {
  return load_revision_text(text, kFile, naming);
}

std::string load_error(const std::string& text) {
  return input_error([&] { load(text); });
}

// One op written as the only item of `upgrade:`; the op starts at line 3, column 5.
std::string with_op(const std::string& op_yaml) {
  return "revision: abc\nupgrade:\n  - " + op_yaml + "\n";
}

Op parse_one(const std::string& op_yaml) {
  Revision r = load(with_op(op_yaml));
  REQUIRE(r.upgrade.size() == 1);
  return r.upgrade[0];
}

std::string op_error(const std::string& op_yaml) {
  return load_error(with_op(op_yaml));
}

// SPEC §4's example, verbatim.
const char* const kSpecRevision = R"(revision: 3f2a9c1b7d4e
down_revision: 1a2b3c4d5e6f     # null for a root; a list for a merge point
branch_labels: []
depends_on: []
message: add user email
created: 2026-11-21T10:15:00Z
transactional: true             # false: run outside a transaction (e.g. CREATE INDEX CONCURRENTLY)
upgrade:
  - add_column:
      table: users
      column: {name: email, type: varchar(255), nullable: true}
  - create_index: {table: users, name: ix_users_email, columns: [email], unique: true}
  - execute: "UPDATE users SET email = name || '@example.com'"
  - execute: {postgresql: "...", mysql: "...", sqlite: "...", default: "..."}
downgrade:
  - drop_index: {table: users, name: ix_users_email}
  - drop_column: {table: users, column: email}
)";

Column col(const std::string& name, const std::string& type, bool nullable = true) {
  Column c;
  c.name = name;
  c.type = Type::parse(type);
  c.nullable = nullable;
  return c;
}

}  // namespace

TEST_CASE("script: SPEC §4 example loads") {
  Revision r = load(kSpecRevision);
  CHECK(r.id == "3f2a9c1b7d4e");
  CHECK(r.down_revisions == std::vector<std::string>{"1a2b3c4d5e6f"});
  CHECK(r.branch_labels.empty());
  CHECK(r.depends_on.empty());
  CHECK(r.message == "add user email");
  CHECK(r.created == "2026-11-21T10:15:00Z");
  CHECK(r.transactional);
  CHECK(r.path == kFile);
  CHECK(r.mark.str() == std::string(kFile) + ":1:1");
  REQUIRE(r.upgrade.size() == 4);
  const auto& add = std::get<AddColumn>(r.upgrade[0].body);
  CHECK(add.ref.table == "users");
  CHECK(add.column == col("email", "varchar(255)"));
  CHECK(r.upgrade[0].mark.str() == std::string(kFile) + ":9:5");
  const auto& ix = std::get<CreateIndex>(r.upgrade[1].body);
  CHECK(ix.index == Index{"ix_users_email", {"email"}, true});
  const auto& ex = std::get<Execute>(r.upgrade[2].body);
  CHECK(*ex.for_dialect("sqlite") == "UPDATE users SET email = name || '@example.com'");
  CHECK(std::get<Execute>(r.upgrade[3].body).sql.size() == 4);
  REQUIRE(r.downgrade.size() == 2);
  CHECK(std::get<DropIndex>(r.downgrade[0].body).name == "ix_users_email");
  CHECK(std::get<DropColumn>(r.downgrade[1].body).column == "email");
}

TEST_CASE("script: revision ids are read as the text written") {
  CHECK(load("revision: 145589613528\n").id == "145589613528");
  CHECK(load("revision: \"145589613528\"\n").id == "145589613528");
  CHECK(load("revision: 1e10\n").id == "1e10");
  CHECK(load("revision: 0123\n").id == "0123");
  CHECK(load("revision: 0x1F\n").id == "0x1F");
  CHECK(load("revision: 12.50\n").id == "12.50");
  Revision r = load("revision: a\ndown_revision: 000123\n");
  CHECK(r.down_revisions == std::vector<std::string>{"000123"});
  r = load("revision: a\ndown_revision: [1e3, 0042]\n");
  CHECK(r.down_revisions == std::vector<std::string>{"1e3", "0042"});
}

TEST_CASE("script: header fields") {
  Revision r = load("revision: a\ndown_revision: null\n");
  CHECK(r.down_revisions.empty());
  CHECK(r.upgrade.empty());
  CHECK(r.downgrade.empty());
  CHECK(r.transactional);

  r = load(
      "revision: a\ndown_revision:\nbranch_labels: feature\ndepends_on: ~\n"
      "transactional: false\nupgrade:\ndowngrade: []\n");
  CHECK(r.down_revisions.empty());
  CHECK(r.branch_labels == std::vector<std::string>{"feature"});
  CHECK(r.depends_on.empty());
  CHECK_FALSE(r.transactional);

  r = load("revision: m\ndown_revision: [a, b]\nbranch_labels: [x, y]\ndepends_on: c\n");
  CHECK(r.down_revisions == std::vector<std::string>{"a", "b"});
  CHECK(r.branch_labels == std::vector<std::string>{"x", "y"});
  CHECK(r.depends_on == std::vector<std::string>{"c"});
}

TEST_CASE("script: revision file errors") {
  SUBCASE("unknown top-level key") {
    std::string e = load_error("revision: a\nupgrades: []\n");
    CAPTURE(e);
    CHECK(contains(e, std::string(kFile) + ":2:1"));
    CHECK(contains(e, "unknown key 'upgrades'"));
    CHECK(contains(e, "downgrade"));
  }
  SUBCASE("missing revision") {
    std::string e = load_error("down_revision: a\n");
    CAPTURE(e);
    CHECK(contains(e, std::string(kFile) + ":1:1"));
    CHECK(contains(e, "no `revision:` id"));
  }
  SUBCASE("null revision") {
    std::string e = load_error("message: x\nrevision:\n");
    CAPTURE(e);
    CHECK(contains(e, std::string(kFile) + ":2:1"));
    CHECK(contains(e, "no `revision:` id"));
  }
  SUBCASE("revision id that targets could not name") {
    std::string e = load_error("revision: \"a b\"\n");
    CAPTURE(e);
    CHECK(contains(e, std::string(kFile) + ":1:11"));
    CHECK(contains(e, "'a b'"));
  }
  SUBCASE("empty file") {
    std::string e = load_error("");
    CAPTURE(e);
    CHECK(contains(e, std::string(kFile) + ":1:1"));
    CHECK(contains(e, "empty"));
  }
  SUBCASE("upgrade not a list") {
    std::string e = load_error("revision: a\nupgrade: {add_column: {}}\n");
    CAPTURE(e);
    CHECK(contains(e, std::string(kFile) + ":2:10"));
    CHECK(contains(e, "'upgrade' must be a list"));
  }
  SUBCASE("transactional not a boolean") {
    std::string e = load_error("revision: a\ntransactional: sometimes\n");
    CAPTURE(e);
    CHECK(contains(e, std::string(kFile) + ":2:16"));
    CHECK(contains(e, "must be true or false"));
  }
  SUBCASE("YAML syntax error") {
    std::string e = load_error("revision: a\nupgrade: [\n");
    CAPTURE(e);
    CHECK(contains(e, std::string(kFile) + ":"));
    CHECK(contains(e, "invalid YAML"));
  }
}

TEST_CASE("script: operation errors") {
  std::string at = std::string(kFile) + ":3:";
  SUBCASE("unknown operation lists the known ones") {
    std::string e = op_error("add_colum: {table: t}");
    CAPTURE(e);
    CHECK(contains(e, at + "5"));
    CHECK(contains(e, "unknown operation 'add_colum'"));
    CHECK(contains(e, "add_column, drop_column"));
  }
  SUBCASE("unknown key lists the allowed ones") {
    std::string e = op_error("drop_index: {table: t, name: ix, colums: [a]}");
    CAPTURE(e);
    CHECK(contains(e, at + "38"));
    CHECK(contains(e, "unknown key 'colums' in drop_index"));
    CHECK(contains(e, "table, schema, name, existing"));
  }
  SUBCASE("fields not indented under the op name") {
    std::string e = load_error("revision: a\nupgrade:\n  - drop_table:\n    table: t\n");
    CAPTURE(e);
    CHECK(contains(e, at + "5"));
    CHECK(contains(e, "keys drop_table, table"));
  }
  SUBCASE("op with no fields") {
    std::string e = op_error("drop_table:");
    CAPTURE(e);
    CHECK(contains(e, at + "5"));
    CHECK(contains(e, "drop_table has no fields"));
  }
  SUBCASE("op item that is not a map") {
    std::string e = op_error("drop_table");
    CAPTURE(e);
    CHECK(contains(e, at + "5"));
    CHECK(contains(e, "an operation must be a map"));
  }
  SUBCASE("missing table") {
    std::string e = op_error("rename_table: {new_name: x}");
    CAPTURE(e);
    CHECK(contains(e, at + "19"));
    CHECK(contains(e, "rename_table needs a value for 'table'"));
  }
  SUBCASE("unknown key in add_column's column") {
    std::string e = op_error("add_column: {table: t, column: {name: c, type: text, pk: true}}");
    CAPTURE(e);
    CHECK(contains(e, at + "58"));
    CHECK(contains(e, "unknown key 'pk' in column 'c'"));
  }
  SUBCASE("add_column cannot add a primary key") {
    std::string e =
        op_error("add_column: {table: t, column: {name: c, type: text, primary_key: true}}");
    CHECK(contains(e, "unknown key 'primary_key'"));
  }
  SUBCASE("malformed type in alter_column") {
    std::string e = op_error("alter_column: {table: t, column: c, type: \"numeric(10,\"}");
    CAPTURE(e);
    CHECK(contains(e, at + "47"));
    CHECK(contains(e, "malformed type 'numeric(10,'"));
  }
  SUBCASE("alter_column that changes nothing") {
    std::string e = op_error("alter_column: {table: t, column: c, existing_type: text}");
    CAPTURE(e);
    CHECK(contains(e, at + "19"));
    CHECK(contains(e, "changes nothing"));
  }
  SUBCASE("execute with an unknown dialect") {
    std::string e = op_error("execute: {oracle: SELECT 1}");
    CAPTURE(e);
    CHECK(contains(e, at + "15"));
    CHECK(contains(e, "unknown key 'oracle' in execute"));
    CHECK(contains(e, "sqlite, postgresql, mysql, default"));
  }
  SUBCASE("drop_constraint with an unknown type") {
    std::string e = op_error("drop_constraint: {table: t, name: x, type: foreign}");
    CAPTURE(e);
    CHECK(contains(e, at + "48"));
    CHECK(contains(e, "unique, foreignkey, check, primary"));
  }
  SUBCASE("drop_constraint existing needs a type") {
    std::string e = op_error("drop_constraint: {table: t, name: x, existing: {columns: [a]}}");
    CAPTURE(e);
    CHECK(contains(e, at + "52"));
    CHECK(contains(e, "needs 'type'"));
  }
  SUBCASE("create_check_constraint needs a name") {
    std::string e = op_error("create_check_constraint: {table: t, expression: a > 0}");
    CAPTURE(e);
    CHECK(contains(e, at + "30"));
    CHECK(contains(e, "needs a 'name'"));
  }
  SUBCASE("bulk_insert row that is not a map") {
    std::string e = op_error("bulk_insert: {table: t, rows: [[1, 2]]}");
    CAPTURE(e);
    CHECK(contains(e, at + "36"));
    CHECK(contains(e, "each row of bulk_insert must be a map"));
  }
  SUBCASE("bulk_insert integer too large") {
    std::string e = op_error("bulk_insert: {table: t, rows: [{id: 99999999999999999999}]}");
    CAPTURE(e);
    CHECK(contains(e, at + "41"));
    CHECK(contains(e, "does not fit in 64 bits"));
  }
  SUBCASE("create_table with a duplicate column") {
    std::string e = op_error(
        "create_table: {table: t, columns: [{name: a, type: text}, {name: a, type: text}]}");
    CAPTURE(e);
    CHECK(contains(e, at + "63"));
    CHECK(contains(e, "duplicate column 'a' in table 't'"));
  }
  SUBCASE("create_index naming the convention needs columns") {
    std::string e = op_error("create_index: {table: t}");
    CAPTURE(e);
    CHECK(contains(e, at + "19"));
    CHECK(contains(e, "create_index needs 'columns'"));
  }
}

TEST_CASE("script: every op shape of SPEC §4 parses") {
  Op o = parse_one(
      "alter_column: {table: users, column: name, type: varchar(200), nullable: false,\n"
      "                   existing_type: varchar(100), existing_nullable: true}");
  const auto& a = std::get<AlterColumn>(o.body);
  CHECK(a.type == Type::parse("varchar(200)"));
  CHECK(a.nullable == false);
  CHECK(a.existing_type == Type::parse("varchar(100)"));
  CHECK(a.existing_nullable == true);
  CHECK_FALSE(a.server_default);

  o = parse_one("alter_column: {table: t, column: c, default: null, comment: hi}");
  const auto& a2 = std::get<AlterColumn>(o.body);
  REQUIRE(a2.server_default);
  CHECK_FALSE(a2.server_default->has_value());  // null drops the default
  CHECK(a2.comment == std::optional<std::string>{"hi"});

  o = parse_one(R"(create_table:
      table: tags
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: label, type: varchar(50), nullable: false}
      indexes: [{name: ix_tags_label, columns: [label], unique: true}])");
  const auto& ct = std::get<CreateTable>(o.body);
  CHECK(ct.table.name == "tags");
  CHECK(ct.table.primary_key == PrimaryKey{"pk_tags", {"id"}});
  CHECK(ct.table.indexes[0] == Index{"ix_tags_label", {"label"}, true});

  o = parse_one("drop_table: {table: tags}");
  CHECK_FALSE(std::get<DropTable>(o.body).existing);
  o = parse_one("rename_table: {table: tags, new_name: labels}");
  CHECK(std::get<RenameTable>(o.body).new_name == "labels");
}

TEST_CASE("script: create_table and the model read the same table shape") {
  NamingConvention naming;
  naming.uq = "u_{table}_{column_0}";
  Op o = parse_one(R"(create_table:
      table: posts
      schema: blog
      comment: Posts
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: slug, type: varchar(80), unique: true}
        - {name: user_id, type: integer, references: users.id, on_delete: cascade}
      checks: [{expression: id > 0}])");
  const Table& t = std::get<CreateTable>(o.body).table;
  CHECK(t.schema == "blog");
  CHECK(t.comment == "Posts");
  CHECK(t.uniques[0].name == "uq_posts_slug");
  CHECK(t.foreign_keys[0].name == "fk_posts_user_id_users");
  CHECK(t.checks[0].name == "ck_posts_1");
  Revision r = load(
      with_op("create_table: {table: p, columns: [{name: s, type: text, unique: true}]}"), naming);
  CHECK(std::get<CreateTable>(r.upgrade[0].body).table.uniques[0].name == "u_p_s");
}

TEST_CASE("script: add_column's inline unique and references become constraints") {
  Op o = parse_one(
      "add_column: {table: posts, column: {name: owner_id, type: integer, unique: true, "
      "references: users.id, on_delete: set null}}");
  const auto& a = std::get<AddColumn>(o.body);
  REQUIRE(a.uniques.size() == 1);
  CHECK(a.uniques[0] == UniqueConstraint{"uq_posts_owner_id", {"owner_id"}});
  REQUIRE(a.foreign_keys.size() == 1);
  CHECK(a.foreign_keys[0].ref_table == "users");
  CHECK(a.foreign_keys[0].on_delete == "set null");
}

TEST_CASE("script: bulk_insert values keep their YAML type") {
  Op o = parse_one(
      "bulk_insert: {table: users, rows: [{id: 1, name: \"Ada\", zip: \"01234\", score: 1.5, "
      "active: true, note: ~, tag: yes, big: -42, exp: 1e3, word: 'false', inf: -.inf, "
      "typed: !!str 7}]}");
  const auto& rows = std::get<BulkInsert>(o.body).rows;
  REQUIRE(rows.size() == 1);
  const auto& row = rows[0];
  REQUIRE(row.size() == 12);
  CHECK(row[0] == std::pair<std::string, Value>{"id", std::int64_t{1}});
  CHECK(row[1].second == Value{std::string("Ada")});
  CHECK(row[2].second == Value{std::string("01234")});  // quoted: stays text
  CHECK(row[3].second == Value{1.5});
  CHECK(row[4].second == Value{true});
  CHECK(is_null(row[5].second));
  CHECK(row[6].second == Value{std::string("yes")});  // YAML 1.2: only true/false are booleans
  CHECK(row[7].second == Value{std::int64_t{-42}});
  CHECK(row[8].second == Value{1000.0});
  CHECK(row[9].second == Value{std::string("false")});
  CHECK(std::get<double>(row[10].second) == -INFINITY);
  CHECK(row[11].second == Value{std::string("7")});
}

TEST_CASE("script: execute as a string or per dialect") {
  Op o = parse_one("execute: SELECT 1");
  CHECK(std::get<Execute>(o.body).sql ==
        std::map<std::string, std::string>{{"default", "SELECT 1"}});
  o = parse_one("execute: {sqlite: A, postgresql: B}");
  const auto& e = std::get<Execute>(o.body);
  CHECK(*e.for_dialect("sqlite") == "A");
  CHECK(e.for_dialect("mysql") == nullptr);
}

TEST_CASE("script: drop ops carry what they drop") {
  Op o = parse_one(
      "drop_column: {table: users, column: email, existing: {type: varchar(255), nullable: "
      "false, default: \"''\"}}");
  const auto& dc = std::get<DropColumn>(o.body);
  REQUIRE(dc.existing);
  CHECK(dc.existing->name == "email");
  CHECK_FALSE(dc.existing->nullable);
  CHECK(dc.existing->server_default == "''");

  o = parse_one(
      "drop_index: {table: users, name: ix_e, existing: {columns: [email], unique: true}}");
  CHECK(std::get<DropIndex>(o.body).existing == Index{"ix_e", {"email"}, true});

  o = parse_one(
      "drop_constraint: {table: posts, name: fk_p, type: foreignkey, existing: {columns: [uid], "
      "references: {table: users, columns: [id]}, on_delete: cascade}}");
  const auto& dk = std::get<DropConstraint>(o.body);
  CHECK(dk.kind == ConstraintKind::foreign_key);
  const auto& fk = std::get<ForeignKey>(dk.existing);
  CHECK(fk.name == "fk_p");
  CHECK(fk.ref_table == "users");
  CHECK(fk.on_delete == "cascade");

  o = parse_one(R"(drop_table:
      table: tags
      existing:
        columns:
          - {name: id, type: integer, primary_key: true})");
  const auto& dt = std::get<DropTable>(o.body);
  REQUIRE(dt.existing);
  CHECK(dt.existing->name == "tags");
  CHECK(dt.existing->primary_key == PrimaryKey{"pk_tags", {"id"}});
  CHECK(same_op(reverse(o), Op{CreateTable{*dt.existing}, {}}));
}

TEST_CASE("script: exclusion constraint ops parse, reverse into each other, and refuse SQL") {
  Op o = parse_one(
      "create_exclusion_constraint: {table: rooms, name: ex_booking, elements: [{column: room, "
      "with: =}, {expression: \"tsrange(starts, ends)\", with: \"&&\"}], where: \"NOT "
      "cancelled\", deferrable: true, include: [guest]}");
  const auto& c = std::get<CreateExclusionConstraint>(o.body);
  CHECK(c.ref.table == "rooms");
  const ExclusionConstraint& x = c.constraint;
  CHECK(x.name == "ex_booking");
  CHECK(x.using_ == "gist");  // the default method
  REQUIRE(x.elements.size() == 2);
  CHECK(x.elements[0].key == IndexKey("room"));
  CHECK(x.elements[0].op == "=");
  CHECK(x.elements[1].key == IndexKey::of_expression("tsrange(starts, ends)"));
  CHECK(x.elements[1].op == "&&");
  CHECK(x.where == "NOT cancelled");
  CHECK(x.deferrable == "immediate");
  CHECK(x.include == std::vector<std::string>{"guest"});

  // The drop carries the constraint, so the downgrade makes it again.
  Op back = reverse(o);
  const auto& d = std::get<DropExclusionConstraint>(back.body);
  CHECK(d.name == "ex_booking");
  REQUIRE(d.existing);
  CHECK(*d.existing == x);
  std::string text = "revision: r\nupgrade:\n" + render_ops({back}, 2) + "\n";
  CAPTURE(text);
  Revision r = load(text);
  REQUIRE(r.upgrade.size() == 1);
  CHECK(same_op(r.upgrade[0], back));
  CHECK(same_op(reverse(r.upgrade[0]), o));
  CHECK(contains(render_op(back, 0), "existing: {elements: [{column: room, with: =}"));

  Op bare = parse_one("drop_exclusion_constraint: {table: rooms, name: ex_booking}");
  CHECK(contains(input_error([&] { reverse(bare); }), "does not carry the constraint it drops"));

  const std::string at = std::string(kFile) + ":3:";
  SUBCASE("a `with` that is not an operator is refused where it is written") {
    std::string e = op_error(
        "create_exclusion_constraint: {table: t, name: x, elements: [{column: a, with: \"= "
        "0); DROP TABLE t; --\"}]}");
    CAPTURE(e);
    CHECK(contains(e, at + "83"));
    CHECK(contains(e, "is no operator"));
  }
  SUBCASE("a comment is no operator either") {
    CHECK(contains(op_error("create_exclusion_constraint: {table: t, name: x, elements: "
                            "[{column: a, with: \"&&--\"}]}"),
                   "would start a comment"));
  }
  SUBCASE("an element needs its operator") {
    std::string e =
        op_error("create_exclusion_constraint: {table: t, name: x, elements: [{column: a}]}");
    CAPTURE(e);
    CHECK(contains(e, at + "65"));
    CHECK(contains(e, "needs 'with'"));
  }
  SUBCASE("a name is required") {
    std::string e =
        op_error("create_exclusion_constraint: {table: t, elements: [{column: a, with: =}]}");
    CHECK(contains(e, "create_exclusion_constraint needs a 'name'"));
  }
  SUBCASE("an element is a column or an expression, not a bare name") {
    CHECK(contains(op_error("create_exclusion_constraint: {table: t, name: x, elements: [a]}"),
                   "must be a map"));
  }
}

TEST_CASE("script: yaml::str quotes exactly what YAML would misread") {
  const char* plain[] = {"users",       "varchar(255)",     "CURRENT_TIMESTAMP",
                         "name || 'x'", "double precision", "a:b",
                         "x-1",         "email@example",    "back\\slash"};
  for (const char* s : plain) CHECK(yaml::str(s) == s);
  const char* tricky[] = {
      "",      "123", "1e10",  "0x1F",   "-1",     ".5",     "true",         "False", "yes",  "off",
      "null",  "~",   "a: b",  "a #b",   "#x",     "- x",    "[a]",          "{a}",   "a,b",  "'q'",
      "\"q\"", "x:",  " lead", "trail ", "tab\tx", "new\nl", "*ref",         "&anc",  "!tag", "%p",
      "@a",    "`b",  "|x",    ">x",     "?x",     ".inf",   "numeric(10,2)"};
  for (std::string s : tricky) {
    CAPTURE(s);
    std::string rendered = yaml::str(s);
    yaml::Node n = yaml::parse("{k: " + rendered + ", l: [" + rendered + "]}", "t.yaml");
    auto entries = n.pairs();
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].second.tag() == "!");  // quoted, so never resolved to another type
    CHECK(entries[0].second.scalar() == s);
    REQUIRE(entries[1].second.size() == 1);
    CHECK(entries[1].second.items()[0].scalar() == s);
  }
  CHECK(yaml::quoted("3f2a9c1b7d4e") == "\"3f2a9c1b7d4e\"");
}

TEST_CASE("script: render_ops writes SPEC §4 style") {
  std::vector<Op> ops = {
      Op{AddColumn{{"", "users"}, col("email", "varchar(255)"), {}, {}}, {}},
      Op{CreateIndex{{"", "users"}, Index{"ix_users_email", {"email"}, true}}, {}},
      Op{DropColumn{{"", "users"}, "email", {}}, {}},
  };
  CHECK(render_ops(ops, 2) ==
        "  - add_column:\n"
        "      table: users\n"
        "      column: {name: email, type: varchar(255), nullable: true}\n"
        "  - create_index: {table: users, name: ix_users_email, columns: [email], unique: true}\n"
        "  # drops data\n"
        "  - drop_column: {table: users, column: email}");
  CHECK(render_ops({}, 2).empty());
}

TEST_CASE("script: every op kind renders and parses back equal") {
  Table tags;
  tags.schema = "app";
  tags.name = "tags";
  tags.comment = "labels: for posts";
  Column id = col("id", "bigint", false);
  id.autoincrement = true;
  id.identity_always = true;
  id.identity_options.start = 100;
  id.identity_options.cycle = true;
  Column label = col("label", "varchar(50)", false);
  label.server_default = "'none'";
  label.comment = "shown # to users";
  Column price = col("price", "numeric(10,2)");
  price.server_default = "0";
  Column kind = col("kind", "enum('a','b')");
  tags.columns = {id, label, price, kind, col("owner_id", "integer"), col("flag", "boolean")};
  tags.primary_key = PrimaryKey{"tags_pkey", {"id"}};
  tags.indexes = {Index{"ix_tags_label", {"label"}, true}, Index{"ix_two", {"label", "price"}}};
  tags.uniques = {UniqueConstraint{"uq_tags_kind", {"kind"}}};
  tags.foreign_keys = {
      ForeignKey{"fk_owner", {"owner_id"}, "auth", "users", {"id"}, "set null", "cascade"}};
  tags.checks = {CheckConstraint{"ck_price", "price >= 0"},
                 CheckConstraint{"ck_kind", "kind IN ('a', 'b')"}};
  ExclusionConstraint no_overlap{"ex_tags_label", "gist", {}, "flag", "deferred", {"price"}};
  no_overlap.elements.push_back({IndexKey("owner_id"), "="});
  no_overlap.elements.push_back({IndexKey::of_expression("int4range(id, id + 1)"), "&&"});
  no_overlap.elements.back().key.opclass = "range_ops";
  tags.exclusions = {no_overlap};
  ExclusionConstraint hashed{"ex_hashed", "hash", {{IndexKey("label"), "public.==="}}, "", "", {}};

  Table plain;
  plain.name = "true";  // a table named like a boolean must stay a string
  plain.columns = {col("123", "text", false)};
  plain.primary_key = PrimaryKey{"pk_true", {"123"}};

  AlterColumn alter;
  alter.ref = {"", "users"};
  alter.column = "name";
  alter.new_name = "full name";
  alter.type = Type::parse("varchar(200)");
  alter.nullable = false;
  alter.server_default = std::optional<std::string>{};
  alter.comment = std::optional<std::string>{"yes"};
  alter.existing_type = Type::parse("double precision");
  alter.existing_nullable = true;
  alter.existing_server_default = std::optional<std::string>{"NULL"};
  alter.existing_comment = std::optional<std::string>{};
  alter.autoincrement = true;
  alter.existing_autoincrement = false;
  alter.identity_options = SequenceOptions{};
  alter.identity_options->increment = -2;
  alter.existing_identity_options = SequenceOptions{};  // the defaults, written {}

  Execute one;
  one.sql["default"] = "UPDATE users SET email = name || '@example.com'";
  Execute per;
  per.sql["postgresql"] = "CREATE INDEX CONCURRENTLY ix ON t (a);\nANALYZE t;";
  per.sql["sqlite"] = "SELECT \"quoted\", 'single', 1: 2";

  // Objects: one-line and multi-line definitions (a literal block), every
  // sequence option, a materialized view's indexes, a trigger's table.
  SchemaObject view;
  view.name = "v";
  view.definition = "SELECT id, name FROM users WHERE name <> ''";
  SchemaObject long_view = view;
  long_view.definition =
      "SELECT id,\n       name || ': ' || \"quoted\" AS label\n  FROM users\n\n  WHERE id > 0 -- "
      "kept";
  SchemaObject matview;
  matview.kind = ObjectKind::materialized_view;
  matview.schema = "reports";
  matview.name = "totals";
  matview.definition = "SELECT count(*) AS n FROM users";
  matview.indexes.push_back(Index{"ix_totals_n", {IndexKey("n")}, true, ""});
  SchemaObject seq;
  seq.kind = ObjectKind::sequence;
  seq.name = "ticket_no";
  seq.sequence = {"bigint", 100, 5, 1, 1000000, 10, true, "tickets.no"};
  SchemaObject unowned = seq;
  unowned.sequence.owned_by.clear();
  unowned.sequence.max_value.reset();
  SchemaObject trigger;
  trigger.kind = ObjectKind::trigger;
  trigger.schema = "audit";
  trigger.name = "stamp";
  trigger.table = "users";
  trigger.definition = "CREATE TRIGGER stamp AFTER UPDATE ON audit.users\nBEGIN\n  SELECT 1;\nEND";

  BulkInsert bulk{{"", "users"},
                  {{{"id", std::int64_t{1}},
                    {"name", std::string("Ada")},
                    {"zip", std::string("01234")},
                    {"score", 2.0},
                    {"ratio", 0.125},
                    {"huge", 1e300},
                    {"active", true},
                    {"note", std::monostate{}},
                    {"yes", std::string("no")}},
                   {{"id", std::int64_t{-7}}, {"name", std::string("")}}}};

  Column email = col("email", "varchar(255)");
  email.server_default = "''";

  std::vector<Op> ops = {
      {CreateTable{tags}, {}},
      {CreateTable{plain}, {}},
      {DropTable{{"app", "tags"}, tags}, {}},
      {DropTable{{"", "old"}, {}}, {}},
      {RenameTable{{"app", "tags"}, "labels"}, {}},
      {AddColumn{{"", "users"},
                 email,
                 {UniqueConstraint{"uq_custom", {"email"}}},
                 {ForeignKey{"fk_custom", {"email"}, "", "emails", {"address"}, "", ""}}},
       {}},
      {DropColumn{{"", "users"}, "email", email}, {}},
      {DropColumn{{"", "users"}, "nick", {}}, {}},
      {AddColumn{{"", "users"}, email, {}, {}, {"id", false}}, {}},
      {AddColumn{{"", "users"}, email, {}, {}, {"", true}}, {}},
      {DropColumn{{"", "users"}, "email", email, {"name", false}}, {}},
      {DropColumn{{"", "users"}, "email", email, {"", true}}, {}},
      {alter, {}},
      {CreateIndex{{"s", "users"}, Index{"ix_users_email", {"email", "name"}, false}}, {}},
      {DropIndex{{"", "users"}, "ix_users_email", Index{"ix_users_email", {"email"}, true}}, {}},
      {DropIndex{{"", "users"}, "ix_other", {}}, {}},
      {CreateUniqueConstraint{{"", "users"}, {"uq_users_email", {"email"}}}, {}},
      {CreateForeignKey{{"", "posts"}, tags.foreign_keys[0]}, {}},
      {CreateCheckConstraint{{"", "users"}, {"ck_age", "age >= 0 AND age < 200"}}, {}},
      {CreatePrimaryKey{{"", "users"}, {"pk_users", {"id", "tenant"}}}, {}},
      {DropConstraint{
           {"", "users"}, "uq_a", ConstraintKind::unique, UniqueConstraint{"uq_a", {"a"}}},
       {}},
      {DropConstraint{{"", "posts"}, "fk_owner", ConstraintKind::foreign_key, tags.foreign_keys[0]},
       {}},
      {DropConstraint{
           {"", "users"}, "ck_age", ConstraintKind::check, CheckConstraint{"ck_age", "age >= 0"}},
       {}},
      {DropConstraint{
           {"", "users"}, "pk_users", ConstraintKind::primary_key, PrimaryKey{"pk_users", {"id"}}},
       {}},
      {DropConstraint{{"", "users"}, "anything", ConstraintKind::unknown, {}}, {}},
      {CreateExclusionConstraint{{"app", "tags"}, no_overlap}, {}},
      {CreateExclusionConstraint{{"", "users"}, hashed}, {}},
      {DropExclusionConstraint{{"app", "tags"}, "ex_tags_label", no_overlap}, {}},
      {DropExclusionConstraint{{"", "users"}, "ex_gone", {}}, {}},
      {one, {}},
      {per, {}},
      {bulk, {}},
      {BulkInsert{{"", "empty"}, {}}, {}},
      {CreateObject{view}, {}},
      {CreateObject{long_view}, {}},
      {CreateObject{matview}, {}},
      {CreateObject{seq}, {}},
      {CreateObject{trigger}, {}},
      {DropObject{ObjectKind::view, "", "v", "", long_view}, {}},
      {DropObject{ObjectKind::trigger, "audit", "stamp", "users", trigger}, {}},
      {DropObject{ObjectKind::function, "", "f", "", std::nullopt}, {}},
      {ReplaceObject{view, long_view}, {}},
      {ReplaceObject{seq, unowned}, {}},
  };
  for (int indent : {0, 2, 4}) {
    std::string text =
        "revision: \"0001\"\nupgrade:\n" + render_ops(ops, indent) + "\ndowngrade: []\n";
    CAPTURE(text);
    Revision r = load(text);
    REQUIRE(r.upgrade.size() == ops.size());
    for (size_t i = 0; i < ops.size(); ++i) {
      CAPTURE(ops[i].kind());
      CAPTURE(render_op(ops[i], indent));
      CHECK(same_op(r.upgrade[i], ops[i]));
    }
  }
  std::string text = render_ops(ops, 2);
  CHECK(contains(text, "  # drops data\n  - drop_table:\n"));
}

TEST_CASE("script: render_value writes numbers that read back as numbers") {
  CHECK(render_value(Value{2.0}) == "2.0");
  CHECK(render_value(Value{std::int64_t{2}}) == "2");
  CHECK(render_value(Value{std::string("2")}) == "\"2\"");
  CHECK(render_value(Value{}) == "null");
  CHECK(render_value(Value{-INFINITY}) == "-.inf");
  yaml::Node n = yaml::parse(render_value(Value{NAN}), "t.yaml");
  CHECK(std::isnan(std::get<double>(read_value(n, "f", "v"))));
}

TEST_CASE("script: load_revisions reads every *.yaml of each folder") {
  test::TempDir dir;
  dir.write("versions/b_second.yaml", "revision: b\ndown_revision: a\n");
  dir.write("versions/a_first.yaml", "revision: a\n");
  dir.write("versions/.swap.yaml", "not: [valid");
  dir.write("versions/README.md", "# notes");
  dir.write("versions/sub/c.yaml", "revision: c\n");  // not recursive
  dir.write("other/z.yaml", "revision: z\n");
  auto revs = load_revisions({dir.path() / "versions", dir.path() / "other"}, {});
  REQUIRE(revs.size() == 3);
  CHECK(revs[0].id == "a");
  CHECK(revs[1].id == "b");
  CHECK(revs[2].id == "z");
  CHECK(contains(revs[1].path, "b_second.yaml"));

  std::string e = input_error([&] { load_revisions({dir.path() / "missing"}, {}); });
  CAPTURE(e);
  CHECK(contains(e, "missing"));
  CHECK(contains(e, "migrate init"));

  dir.write("bad/x.yaml", "revision: x\nupgrade:\n  - drop_tabel: {table: t}\n");
  e = input_error([&] { load_revisions({dir.path() / "bad"}, {}); });
  CAPTURE(e);
  CHECK(contains(e, (dir.path() / "bad" / "x.yaml").string() + ":3:5"));

  e = input_error([&] { load_revision(dir.path() / "nope.yaml", {}); });
  CAPTURE(e);
  CHECK(contains(e, "revision file not found"));
}

TEST_CASE("script: many revisions (read on two threads) keep their order and the first error") {
  test::TempDir dir;
  std::vector<std::string> bytes;
  for (int i = 0; i < 150; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "r%03d", i);
    std::string text = std::string("revision: ") + name + "\nupgrade:\n  - execute: \"SELECT " +
                       std::to_string(i) + "\"\n";
    dir.write(std::string("versions/") + name + ".yaml", text);
    bytes.push_back(text);
  }
  std::vector<std::string> texts;
  auto revs = load_revisions({dir.path() / "versions"}, {}, &texts);
  REQUIRE(revs.size() == 150);
  REQUIRE(texts.size() == 150);
  for (int i = 0; i < 150; ++i) {
    CAPTURE(i);
    CHECK(revs[i].id == bytes[i].substr(10, 4));
    CHECK(texts[i] == bytes[i]);
    REQUIRE(revs[i].upgrade.size() == 1);
  }
  // Mistakes in two files, one on each thread: the first in name order is reported.
  dir.write("versions/r041.yaml", "revision: r041\nupgrade:\n  - drop_tabel: {table: t}\n");
  dir.write("versions/r100.yaml", "revision: r100\nupgrade: [\n");
  std::string e = input_error([&] { load_revisions({dir.path() / "versions"}, {}); });
  CAPTURE(e);
  CHECK(contains(e, (dir.path() / "versions" / "r041.yaml").string() + ":3:5"));
  dir.write("versions/r041.yaml", bytes[41]);
  e = input_error([&] { load_revisions({dir.path() / "versions"}, {}); });
  CHECK(contains(e, (dir.path() / "versions" / "r100.yaml").string()));
}

TEST_CASE("script: fill_template") {
  std::map<std::string, std::string> vars = {
      {"revision", "\"abc\""}, {"message", "hi ${revision}"}, {"x.owner", "me"}, {"empty", ""}};
  CHECK(fill_template("revision: ${revision}\n", vars) == "revision: \"abc\"\n");
  // Substituted text is not scanned again.
  CHECK(fill_template("m: ${message}", vars) == "m: hi ${revision}");
  CHECK(fill_template("${x.owner}/${unknown}/${empty}.", vars) == "me/${unknown}/.");
  CHECK(fill_template("unterminated ${revision", vars) == "unterminated ${revision");
  CHECK(fill_template("$revision {revision} $${revision}", vars) ==
        "$revision {revision} $\"abc\"");
  CHECK(fill_template("", vars).empty());
}

TEST_CASE("script: alter_column's identity options, all of them or {} for the defaults") {
  Op a = parse_one(
      "alter_column: {table: t, column: id, identity_options: {start: 100, increment: 5, "
      "cycle: true}, existing_identity_options: {}}");
  const auto& alter = std::get<AlterColumn>(a.body);
  REQUIRE(alter.identity_options.has_value());
  CHECK(alter.identity_options->start == 100);
  CHECK(alter.identity_options->increment == 5);
  CHECK(alter.identity_options->cycle);
  CHECK_FALSE(alter.identity_options->max_value.has_value());
  CHECK(alter.existing_identity_options == std::optional<SequenceOptions>(SequenceOptions{}));
  const std::string text = render_ops({a}, 2);
  CHECK(contains(text, "identity_options: {start: 100, increment: 5, cycle: true}"));
  CHECK(contains(text, "existing_identity_options: {}"));
  CHECK(contains(difference_line(a),
                 "identity options (default) -> (start 100, increment 5, cycle)"));
  CHECK(contains(a.describe(), "identity options"));
  // Reversed, the options go back to the defaults.
  const auto back = std::get<AlterColumn>(reverse(a).body);
  CHECK(back.identity_options == std::optional<SequenceOptions>(SequenceOptions{}));
  CHECK(back.existing_identity_options == alter.identity_options);
  // Without what they were, it cannot be reversed.
  Op one_way = parse_one("alter_column: {table: t, column: id, identity_options: {start: 1}}");
  CHECK(contains(input_error([&] { reverse(one_way); }), "existing_identity_options"));
  // Only the numbering options: the type is the column's, the owner the column.
  const std::string e =
      op_error("alter_column: {table: t, column: id, identity_options: {as: int}}");
  CHECK(contains(e, "versions/3f2a.yaml:3:"));
  CHECK(contains(e, "unknown key 'as' in 'identity_options' of alter_column"));
  CHECK(contains(op_error("alter_column: {table: t, column: id, identity_options: 5}"),
                 "'identity_options' of alter_column must be a map"));
  CHECK(contains(op_error("alter_column: {table: t, column: id, existing_identity_options: "
                          "{increment: 0}}"),
                 "cannot be 0"));
  // Stating only what it was changes nothing.
  CHECK(contains(op_error("alter_column: {table: t, column: id, existing_identity_options: {}}"),
                 "changes nothing"));
}

TEST_CASE("script: alter_column's autoincrement, and a column without a type") {
  Op a = parse_one(
      "alter_column: {table: t, column: id, autoincrement: true, existing_autoincrement: false}");
  const auto& alter = std::get<AlterColumn>(a.body);
  CHECK(alter.autoincrement == std::optional<bool>(true));
  CHECK(alter.existing_autoincrement == std::optional<bool>(false));
  // Reversed, it takes the autoincrement away again.
  const auto back = std::get<AlterColumn>(reverse(a).body);
  CHECK(back.autoincrement == std::optional<bool>(false));
  CHECK(back.existing_autoincrement == std::optional<bool>(true));
  CHECK(contains(render_ops({a}, 2), "autoincrement: true"));
  // Without what it was, it cannot be reversed.
  Op one_way = parse_one("alter_column: {table: t, column: id, autoincrement: true}");
  CHECK(contains(input_error([&] { reverse(one_way); }), "existing_autoincrement"));
  // type: "" is a column declared without a type (SQLite's); a missing type is still an error.
  Op typeless = parse_one("add_column: {table: t, column: {name: x, type: \"\"}}");
  CHECK(std::get<AddColumn>(typeless.body).column.type.name.empty());
  CHECK(contains(render_ops({typeless}, 2), "type: \"\""));
  CHECK(contains(op_error("add_column: {table: t, column: {name: x, type: }}"), "has no 'type'"));
}

TEST_CASE("script: add_column's place among the columns, and drop_column's") {
  auto add = std::get<AddColumn>(parse_one("add_column: {table: users, column: {name: email, "
                                           "type: text}, after: name}")
                                     .body);
  CHECK(add.position.after == "name");
  CHECK_FALSE(add.position.first);
  auto first = std::get<AddColumn>(
      parse_one("add_column: {table: users, column: {name: email, type: text}, first: true}").body);
  CHECK(first.position.first);
  auto drop = std::get<DropColumn>(
      parse_one("drop_column: {table: users, column: email, existing: {type: text}, "
                "existing_after: name}")
          .body);
  CHECK(drop.existing_position.after == "name");
  CHECK(op_error("add_column: {table: users, column: {name: e, type: text}, after: a, first: "
                 "true}")
            .find("say two places") != std::string::npos);
  // The downgrade of a drop puts the column back where it stood.
  Op back = reverse(Op{drop, {}});
  CHECK(std::get<AddColumn>(back.body).position.after == "name");
}
