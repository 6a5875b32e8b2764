#include <doctest/doctest.h>

#include "core/model/model.hpp"
#include "core/model/table_yaml.hpp"
#include "tests/unit/yaml_test_util.hpp"

using namespace migrate;
using migrate::test::contains;
using migrate::test::input_error;

namespace {

// SPEC §3's example, verbatim.
const char* const kSpecModel = R"(tables:
  users:
    comment: People who write posts
    columns:
      - {name: id, type: integer, primary_key: true, autoincrement: true}
      - {name: name, type: varchar(100), nullable: false}
      - {name: email, type: varchar(255), unique: true}
      - {name: is_active, type: boolean, nullable: false, default: "true"}
      - {name: created_at, type: timestamp, default: CURRENT_TIMESTAMP}
    indexes:
      - {name: ix_users_name, columns: [name]}            # unique: true for a unique index
  posts:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: title, type: varchar(200), nullable: false}
      - {name: user_id, type: integer, nullable: false, references: users.id, on_delete: cascade}
    foreign_keys: []
    unique_constraints: []
    checks: []
)";

Schema load(const std::string& text, const NamingConvention& naming = {}) {
  return load_model_text(text, "schema.yaml", naming);
}

std::string load_error(const std::string& text) {
  return input_error([&] { load(text); });
}

}  // namespace

TEST_CASE("model: SPEC example loads with the documented defaults") {
  Schema s = load(kSpecModel);
  REQUIRE(s.tables.size() == 2);
  const Table* users = s.table("users");
  REQUIRE(users);
  CHECK(s.tables[0].name == "users");  // declaration order is kept
  CHECK(users->comment == "People who write posts");
  REQUIRE(users->columns.size() == 5);
  const Column& id = users->columns[0];
  CHECK(id.type.name == "integer");
  CHECK_FALSE(id.nullable);  // a primary-key column defaults to NOT NULL
  CHECK(id.autoincrement);
  CHECK(users->column("email")->nullable);  // others default to nullable
  CHECK_FALSE(users->column("name")->nullable);
  CHECK(users->column("name")->type.args == std::vector<std::string>{"100"});
  CHECK(users->column("is_active")->server_default == "true");
  CHECK(users->column("created_at")->server_default == "CURRENT_TIMESTAMP");
  REQUIRE(users->primary_key);
  CHECK(users->primary_key->name == "pk_users");
  CHECK(users->primary_key->columns == std::vector<std::string>{"id"});
  REQUIRE(users->uniques.size() == 1);
  CHECK(users->uniques[0] == UniqueConstraint{"uq_users_email", {"email"}});
  REQUIRE(users->indexes.size() == 1);
  CHECK(users->indexes[0] == Index{"ix_users_name", {"name"}, false});

  const Table* posts = s.table("posts");
  REQUIRE(posts);
  REQUIRE(posts->foreign_keys.size() == 1);
  const ForeignKey& fk = posts->foreign_keys[0];
  CHECK(fk.name == "fk_posts_user_id_users");
  CHECK(fk.columns == std::vector<std::string>{"user_id"});
  CHECK(fk.ref_table == "users");
  CHECK(fk.ref_columns == std::vector<std::string>{"id"});
  CHECK(fk.on_delete == "cascade");
  CHECK(fk.on_update.empty());
}

TEST_CASE("model: source marks point at tables and columns") {
  Schema s = load(kSpecModel);
  const Table* users = s.table("users");
  CHECK(users->mark.str() == "schema.yaml:2:3");
  CHECK(users->columns[1].mark.str() == "schema.yaml:6:9");
  CHECK(s.table("posts")->mark.str() == "schema.yaml:12:3");
}

TEST_CASE("model: default keeps the scalar's text whatever YAML type it has") {
  Schema s = load(R"(tables:
  t:
    columns:
      - {name: a, type: integer, default: 0}
      - {name: b, type: boolean, default: true}
      - {name: c, type: float, default: 1.50}
      - {name: d, type: text, default: "'x'"}
      - {name: e, type: text, default: null}
      - name: f
        type: varchar(10)
        default: lower('ABC')
)");
  const Table& t = s.tables[0];
  CHECK(t.column("a")->server_default == "0");
  CHECK(t.column("b")->server_default == "true");
  CHECK(t.column("c")->server_default == "1.50");
  CHECK(t.column("d")->server_default == "'x'");
  CHECK_FALSE(t.column("e")->server_default);
  CHECK(t.column("f")->server_default == "lower('ABC')");
}

TEST_CASE("model: naming convention names what the model leaves unnamed") {
  NamingConvention naming;
  naming.ix = "idx_{table}_{column_0_N}";
  naming.uq = "uniq_{table}_{column_0}";
  naming.fk = "fk_{table}_{column_0}_{referred_table}_{referred_column_0}";
  naming.ck = "chk_{table}_{constraint}";
  naming.pk = "{table}_pkey";
  Schema s = load(R"(tables:
  a:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: x, type: integer, unique: true}
      - {name: y, type: integer}
      - {name: b_id, type: integer, references: b.id}
    indexes:
      - {columns: [x, y]}
      - {name: named_ix, columns: [y], unique: true}
    unique_constraints:
      - {columns: [y, x]}
    foreign_keys:
      - {columns: [y], references: {table: b, columns: [id]}, on_update: SET  NULL}
    checks:
      - {expression: x > 0}
      - {name: own_name, expression: y > 0}
      - {expression: x < y}
  b:
    columns:
      - {name: id, type: integer, primary_key: true}
)",
                  naming);
  const Table& a = *s.table("a");
  CHECK(a.primary_key->name == "a_pkey");
  REQUIRE(a.indexes.size() == 2);
  CHECK(a.indexes[0].name == "idx_a_x_y");
  CHECK(a.indexes[1] == Index{"named_ix", {"y"}, true});
  REQUIRE(a.uniques.size() == 2);
  CHECK(a.uniques[0].name == "uniq_a_x");  // from `unique: true`
  CHECK(a.uniques[1].name == "uniq_a_y");
  REQUIRE(a.foreign_keys.size() == 2);
  CHECK(a.foreign_keys[0].name == "fk_a_b_id_b_id");
  CHECK(a.foreign_keys[1].name == "fk_a_y_b_id");
  CHECK(a.foreign_keys[1].on_update == "set null");
  REQUIRE(a.checks.size() == 3);
  CHECK(a.checks[0] == CheckConstraint{"chk_a_1", "x > 0"});
  CHECK(a.checks[1].name == "own_name");
  CHECK(a.checks[2].name == "chk_a_3");  // the ordinal counts named checks too
}

TEST_CASE("model: default naming convention of SPEC §2") {
  Schema s = load(R"(tables:
  t:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: v, type: integer}
    indexes: [{columns: [v]}]
    checks: [{expression: v > 1}]
)");
  const Table& t = s.tables[0];
  CHECK(t.indexes[0].name == "ix_t_v");
  CHECK(t.checks[0].name == "ck_t_1");
  CHECK(t.primary_key->name == "pk_t");
}

TEST_CASE("model: table-level primary keys") {
  SUBCASE("list form, composite, columns become NOT NULL") {
    Schema s = load(R"(tables:
  m:
    columns:
      - {name: a, type: integer}
      - {name: b, type: integer}
      - {name: c, type: integer, nullable: true}
    primary_key: [b, a]
)");
    const Table& t = s.tables[0];
    CHECK(t.primary_key == PrimaryKey{"pk_m", {"b", "a"}});
    CHECK_FALSE(t.column("a")->nullable);
    CHECK_FALSE(t.column("b")->nullable);
    CHECK(t.column("c")->nullable);
  }
  SUBCASE("map form names the key") {
    Schema s = load(R"(tables:
  m:
    columns:
      - {name: a, type: integer}
    primary_key: {name: m_key, columns: [a]}
)");
    CHECK(s.tables[0].primary_key == PrimaryKey{"m_key", {"a"}});
  }
  SUBCASE("a name alone names the key declared on the columns") {
    Schema s = load(R"(tables:
  m:
    columns:
      - {name: a, type: integer, primary_key: true}
      - {name: b, type: integer, primary_key: true}
    primary_key: {name: m_key}
)");
    CHECK(s.tables[0].primary_key == PrimaryKey{"m_key", {"a", "b"}});
  }
  SUBCASE("both places disagreeing is an error") {
    std::string e = load_error(R"(tables:
  m:
    columns:
      - {name: a, type: integer, primary_key: true}
      - {name: b, type: integer}
    primary_key: [b]
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:6:18"));
    CHECK(contains(e, "declare the key in one place"));
  }
  SUBCASE("naming a missing column is an error") {
    std::string e = load_error(R"(tables:
  m:
    columns:
      - {name: a, type: integer}
    primary_key: [zz]
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:5:19"));
    CHECK(contains(e, "'zz'"));
  }
}

TEST_CASE("model: schema key, comments and the schema.table.column shorthand") {
  Schema s = load(R"(tables:
  accounts:
    schema: billing
    columns:
      - {name: id, type: bigint, primary_key: true, comment: the key}
  invoices:
    schema: billing
    columns:
      - {name: id, type: bigint, primary_key: true}
      - {name: account_id, type: bigint, references: billing.accounts.id, on_delete: SET NULL}
)");
  const Table* acc = s.table("accounts", "billing");
  REQUIRE(acc);
  CHECK(acc->qualified_name() == "billing.accounts");
  CHECK(acc->columns[0].comment == "the key");
  const ForeignKey& fk = s.table("invoices", "billing")->foreign_keys[0];
  CHECK(fk.ref_schema == "billing");
  CHECK(fk.ref_table == "accounts");
  CHECK(fk.on_delete == "set null");
}

TEST_CASE("model: on_delete 'no action' is stored as the database default") {
  Schema s = load(R"(tables:
  a:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: p, type: integer, references: a.id, on_delete: NO ACTION, on_update: restrict}
)");
  CHECK(s.tables[0].foreign_keys[0].on_delete.empty());
  CHECK(s.tables[0].foreign_keys[0].on_update == "restrict");
}

TEST_CASE("model: empty documents and empty tables maps are empty models") {
  CHECK(load("").tables.empty());
  CHECK(load("# nothing yet\n").tables.empty());
  CHECK(load("tables:\n").tables.empty());
  CHECK(load("tables: {}\n").tables.empty());
}

TEST_CASE("model: errors name the file, line, column and what is wrong") {
  SUBCASE("unknown key in a column lists the allowed keys") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: integer, nullabel: false}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:35"));
    CHECK(contains(e, "unknown key 'nullabel'"));
    CHECK(contains(e, "column 'id'"));
    CHECK(contains(e, "nullable"));  // the allowed keys are listed
  }
  SUBCASE("unknown key in a table") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: integer}
    indices: []
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:5:5"));
    CHECK(contains(e, "unknown key 'indices'"));
    CHECK(contains(e, "indexes"));
  }
  SUBCASE("unknown top-level key") {
    std::string e = load_error("tables: {}\npolicies: {}\n");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:2:1"));
    CHECK(contains(e, "unknown key 'policies'"));
    CHECK(contains(e, "tables"));
  }
  SUBCASE("duplicate column names both places") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: integer}
      - {name: id, type: bigint}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:5:9"));
    CHECK(contains(e, "duplicate column 'id'"));
    CHECK(contains(e, "schema.yaml:4:9"));
  }
  SUBCASE("column without a name") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {type: integer}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:9"));
    CHECK(contains(e, "no 'name'"));
  }
  SUBCASE("column without a type") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:9"));
    CHECK(contains(e, "column 'id' has no 'type'"));
  }
  SUBCASE("columns not a list") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      id: integer
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:7"));
    CHECK(contains(e, "'columns' of table 'users' must be a list"));
  }
  SUBCASE("table without columns") {
    std::string e = load_error("tables:\n  users:\n    comment: x\n");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:3:5"));
    CHECK(contains(e, "has no columns"));
  }
  SUBCASE("tables not a map") {
    std::string e = load_error("tables:\n  - users\n");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:2:3"));
    CHECK(contains(e, "'tables' must be a map"));
  }
  SUBCASE("malformed type") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: varchar(x)}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:26"));
    CHECK(contains(e, "malformed type 'varchar(x)': "));
    CHECK(contains(e, "integer"));  // the reason from Type::parse
  }
  SUBCASE("an unquoted comma in a flow-style type gets a hint") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: price, type: numeric(10,2)}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:40"));
    CHECK(contains(e, "unknown key '2)'"));
    CHECK(contains(e, "quote a type with a comma"));
  }
  SUBCASE("wrong YAML kind for a boolean") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: id, type: integer, nullable: maybe}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:45"));
    CHECK(contains(e, "'nullable' of column 'id' must be true or false"));
  }
  SUBCASE("index naming a column the table lacks") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: integer}
    indexes:
      - {name: ix_users_email, columns: [email]}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:6:42"));
    CHECK(contains(e, "index 'ix_users_email' names column 'email'"));
    CHECK(contains(e, "columns: id"));
  }
  SUBCASE("unique constraint naming a column the table lacks") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: integer}
    unique_constraints:
      - {columns: [id, nope]}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:6:24"));
    CHECK(contains(e, "column 'nope'"));
  }
  SUBCASE("foreign key naming a local column the table lacks") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: integer}
    foreign_keys:
      - {columns: [boss], references: {table: users, columns: [id]}}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:6:20"));
    CHECK(contains(e, "column 'boss'"));
  }
  SUBCASE("unknown table in references lists the known tables") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
  posts:
    columns:
      - {name: user_id, type: integer, references: userz.id}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:7:52"));
    CHECK(contains(e, "unknown table 'userz' in references (known tables: posts, users)"));
  }
  SUBCASE("unknown table in a table-level foreign key") {
    std::string e = load_error(R"(tables:
  posts:
    columns:
      - {name: user_id, type: integer}
    foreign_keys:
      - {columns: [user_id], references: {table: people, columns: [id]}}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:6:42"));
    CHECK(contains(e, "unknown table 'people'"));
  }
  SUBCASE("unknown referenced column") {
    std::string e = load_error(R"(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
  posts:
    columns:
      - {name: user_id, type: integer, references: users.uid}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:7:52"));
    CHECK(contains(e, "unknown column 'uid' in references"));
    CHECK(contains(e, "has columns id"));
  }
  SUBCASE("malformed references shorthand") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: x, type: integer, references: users}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:46"));
    CHECK(contains(e, "'table.column'"));
  }
  SUBCASE("column count mismatch in a foreign key") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: x, type: integer}
      - {name: y, type: integer}
    foreign_keys:
      - {columns: [x, y], references: {table: t, columns: [x]}}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:7:39"));
    CHECK(contains(e, "2 column(s) but references 1"));
  }
  SUBCASE("unknown on_delete action") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: x, type: integer, references: t.x, on_delete: explode}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:62"));
    CHECK(contains(e, "cascade, restrict, set null, set default, no action"));
    CHECK(contains(e, "'explode'"));
  }
  SUBCASE("on_delete without references") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: x, type: integer, on_delete: cascade}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:45"));
    CHECK(contains(e, "needs 'references'"));
  }
  SUBCASE("two constraints with one name") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: x, type: integer, unique: true}
    unique_constraints:
      - {columns: [x]}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:6:9"));
    CHECK(contains(e, "'uq_t_x'"));
    CHECK(contains(e, "schema.yaml:4:9"));
  }
  SUBCASE("a key written twice") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: x, type: integer, type: text}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:34"));
    CHECK(contains(e, "key 'type' appears twice"));
  }
  SUBCASE("a table declared twice in one file") {
    std::string e = load_error(R"(tables:
  t:
    columns: [{name: x, type: integer}]
  t:
    columns: [{name: y, type: integer}]
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:3"));
    CHECK(contains(e, "declared twice"));
    CHECK(contains(e, "schema.yaml:2:3"));
  }
  SUBCASE("YAML syntax error") {
    std::string e = load_error("tables:\n  t:\n    columns: [{name: x, type: integer}\n");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:1"));
    CHECK(contains(e, "invalid YAML"));
  }
  SUBCASE("empty default") {
    std::string e = load_error(R"(tables:
  t:
    columns:
      - {name: x, type: text, default: ""}
)");
    CAPTURE(e);
    CHECK(contains(e, "schema.yaml:4:40"));
    CHECK(contains(e, "'default' of column 'x' is empty"));
  }
}

TEST_CASE("model: load_model reads a file or a folder of files") {
  test::TempDir dir;
  SUBCASE("missing file") {
    std::string e = input_error([&] { load_model(dir.path() / "nope.yaml", {}); });
    CAPTURE(e);
    CHECK(contains(e, "model file not found: "));
    CHECK(contains(e, "nope.yaml"));
    CHECK(contains(e, "set `model:` in migrate.yaml"));
  }
  SUBCASE("one file") {
    auto p = dir.write("schema.yaml", kSpecModel);
    Schema s = load_model(p, {});
    CHECK(s.tables.size() == 2);
    CHECK(s.tables[0].mark.file == p.string());
  }
  SUBCASE("a folder merges its *.yaml files in name order") {
    dir.write("model/b_posts.yaml", R"(tables:
  posts:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: user_id, type: integer, references: users.id}
)");
    dir.write("model/a_users.yaml", R"(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
)");
    dir.write("model/notes.txt", "not yaml: [");
    dir.write("model/.hidden.yaml", "not yaml: [");
    Schema s = load_model(dir.path() / "model", {});
    REQUIRE(s.tables.size() == 2);
    CHECK(s.tables[0].name == "users");
    CHECK(s.tables[1].name == "posts");
    CHECK(contains(s.tables[1].mark.file, "b_posts.yaml"));
  }
  SUBCASE("a table declared in two files is an error naming both") {
    auto a = dir.write("model/a.yaml", "tables:\n  t:\n    columns: [{name: x, type: integer}]\n");
    auto b = dir.write("model/b.yaml",
                       "# second\ntables:\n  t:\n    columns: [{name: x, type: integer}]\n");
    std::string e = input_error([&] { load_model(dir.path() / "model", {}); });
    CAPTURE(e);
    CHECK(contains(e, a.string() + ":2:3"));
    CHECK(contains(e, b.string() + ":3:3"));
    CHECK(contains(e, "table 't' is declared twice"));
  }
  SUBCASE("errors in a folder's file name that file") {
    auto bad = dir.write("model/x.yaml", "tables:\n  t:\n    colums: []\n");
    std::string e = input_error([&] { load_model(dir.path() / "model", {}); });
    CAPTURE(e);
    CHECK(contains(e, bad.string() + ":3:5"));
  }
  SUBCASE("an empty folder is an error") {
    std::filesystem::create_directories(dir.path() / "empty");
    std::string e = input_error([&] { load_model(dir.path() / "empty", {}); });
    CAPTURE(e);
    CHECK(contains(e, "holds no *.yaml files"));
  }
}

TEST_CASE("model: enums, as a list or with a schema, and their errors") {
  Schema s = load_model_text(
      "enums:\n  mood: [happy, sad]\n  level: {schema: ops, values: [low, high]}\n"
      "tables:\n  t:\n    columns:\n      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: m, type: mood}\n",
      "schema.yaml", NamingConvention{});
  REQUIRE(s.enums.size() == 2);
  CHECK(s.enums[0] == Enum{"", "mood", {"happy", "sad"}, {}});
  CHECK(s.enums[1] == Enum{"ops", "level", {"low", "high"}, {}});
  CHECK(s.enums[0].mark.line == 2);
  CHECK(s.tables[0].columns[1].type.str() == "mood");

  auto err = [](const std::string& text) {
    return input_error([&] { load_model_text(text, "schema.yaml", NamingConvention{}); });
  };
  CHECK(contains(err("enums:\n  mood: [a, b, a]\n"), "schema.yaml:2:16"));
  CHECK(contains(err("enums:\n  mood: [a, b, a]\n"), "lists 'a' twice"));
  CHECK(contains(err("enums:\n  mood: []\n"), "is empty"));
  CHECK(contains(err("enums:\n  mood: {values: [a], colour: red}\n"), "colour"));
  CHECK(contains(err("enums: [a]\n"), "'enums' must be a map"));
}

TEST_CASE("model: an index may be partial") {
  Schema s = load_model_text(
      "tables:\n  t:\n    columns:\n      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: gone, type: boolean}\n"
      "    indexes:\n      - {name: ix_live, columns: [id], where: \"gone IS NOT TRUE\"}\n",
      "schema.yaml", NamingConvention{});
  CHECK(s.tables[0].indexes[0].where == "gone IS NOT TRUE");
}

TEST_CASE("model: a column without a type, and references found in any case") {
  Schema s = load_model_text(
      "tables:\n  Users:\n    columns:\n      - {name: ID, type: integer, primary_key: true}\n"
      "      - {name: anything, type: \"\"}\n"
      "  posts:\n    columns:\n      - {name: user_id, type: integer, references: users.id}\n",
      "schema.yaml", NamingConvention{});
  const Table* users = s.table("Users");
  REQUIRE(users);
  CHECK(users->columns[1].type.name.empty());
  CHECK(users->columns[1].type.str().empty());
  // Kept as written, with where it was written (databases that match names
  // exactly are held to them later, check_model_names).
  const ForeignKey& fk = s.table("posts")->foreign_keys.at(0);
  CHECK(fk.ref_table == "users");
  CHECK(fk.mark.line == 8);
  auto err = [](const std::string& text) {
    return input_error([&] { load_model_text(text, "schema.yaml", NamingConvention{}); });
  };
  // Two tables that differ only in case: no one answer.
  CHECK(contains(err("tables:\n  Users:\n    columns: [{name: id, type: integer}]\n"
                     "  USERS:\n    columns: [{name: id, type: integer}]\n"
                     "  posts:\n    columns: [{name: u, type: integer, references: users.id}]\n"),
                 "unknown table 'users'"));
  CHECK(contains(err("tables:\n  t:\n    columns: [{name: x, type: }]\n"), "has no 'type'"));
}

TEST_CASE("model: views, sequences, triggers and functions load, and their errors say where") {
  const std::string users = "tables:\n  users:\n    columns:\n      - {name: id, type: integer}\n";
  Schema s = load(users +
                  "views:\n  v: SELECT id FROM users\n"
                  "sequences:\n  n: {as: bigint, start: -5, increment: 2, cycle: true, owned_by: "
                  "users.id}\n  plain:\n"
                  "functions:\n  f: {schema: s, definition: \"  CREATE FUNCTION s.f() RETURNS int "
                  "AS 'SELECT 1' LANGUAGE sql  \"}\n");
  REQUIRE(s.objects.size() == 4);
  CHECK(s.objects[0].kind == ObjectKind::sequence);
  CHECK(s.objects[0].sequence.start == -5);
  CHECK(s.objects[0].sequence.increment == 2);
  CHECK(s.objects[0].sequence.cycle);
  CHECK(s.objects[0].sequence.owned_by == "users.id");
  CHECK_FALSE(s.objects[1].sequence.start.has_value());  // every option left to the database
  CHECK(s.objects[2].schema == "s");
  CHECK(s.objects[2].definition.front() == 'C');  // trimmed
  CHECK(s.objects[3].definition == "SELECT id FROM users");

  struct Case {
    std::string yaml, where, says;
  };
  const Case cases[] = {
      {users + "sequences:\n  n: {start: ten}\n", "schema.yaml:6", "must be a whole number"},
      {users + "sequences:\n  n: {increment: 0}\n", "schema.yaml:6", "cannot be 0"},
      // The shared reader (an identity's options too) refuses what CREATE SEQUENCE would.
      {users + "sequences:\n  n: {min_value: 5, max_value: 1}\n", "schema.yaml:6",
       "must be less than its 'max_value' (1)"},
      {users + "sequences:\n  n: {start: 99999999999999999999}\n", "schema.yaml:6",
       "must be a whole number"},
      {users + "views:\n  v: SELECT 1\n  v: SELECT 2\n", "schema.yaml:7", "twice"},
      {users + "views:\n  v: [a]\n", "schema.yaml:6", "must be a map"},
      {users + "views: [a]\n", "schema.yaml:5", "must be a map"},
      {users + "triggers:\n  t: {}\n", "schema.yaml:6", "a list"},
      {users + "views:\n  v: {definition: SELECT 1, colour: red}\n", "schema.yaml:6",
       "unknown key 'colour'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    const std::string e = load_error(c.yaml);
    CAPTURE(e);
    CHECK(contains(e, c.where));
    CHECK(contains(e, c.says));
  }
}

TEST_CASE("model: an identity's sequence options, as a map under `identity:`") {
  Schema s = load(
      "tables:\n"
      "  a:\n"
      "    columns:\n"
      "      - {name: id, type: integer, autoincrement: true, identity: {always: true, start: 100,"
      " increment: 5, min_value: 10, max_value: 1000, cache: 20, cycle: true}}\n"
      "  b:\n"
      "    columns:\n"
      "      - {name: id, type: bigint, autoincrement: true, identity: {increment: -1}}\n"
      "  c:\n"
      "    columns:\n"
      "      - {name: id, type: bigint, autoincrement: true, identity: always}\n");
  REQUIRE(s.tables.size() == 3);
  const Column& a = s.tables[0].columns[0];
  CHECK(a.identity_always);
  CHECK(a.identity_options.start == 100);
  CHECK(a.identity_options.increment == 5);
  CHECK(a.identity_options.min_value == 10);
  CHECK(a.identity_options.max_value == 1000);
  CHECK(a.identity_options.cache == 20);
  CHECK(a.identity_options.cycle);
  // Without `always`, BY DEFAULT, as without `identity`.
  const Column& b = s.tables[1].columns[0];
  CHECK_FALSE(b.identity_always);
  CHECK(b.identity_options.increment == -1);
  CHECK_FALSE(b.identity_options.start.has_value());
  // The scalar states no option.
  const Column& c = s.tables[2].columns[0];
  CHECK(c.identity_always);
  CHECK(c.identity_options == SequenceOptions{});

  // Written back (inspect, create_table), the map only when an option is set.
  CHECK(contains(render_column(a),
                 "identity: {always: true, start: 100, increment: 5, "
                 "min_value: 10, max_value: 1000, cache: 20, cycle: true}"));
  CHECK(contains(render_column(b), "identity: {increment: -1}"));
  CHECK(contains(render_column(c), "identity: always"));
  for (const Column* col : {&a, &b, &c}) {
    const std::string again = "tables:\n  t:\n    columns:\n      - " + render_column(*col) + "\n";
    CAPTURE(again);
    Schema back = load(again);
    CHECK(back.tables.at(0).columns.at(0) == *col);
  }
}

TEST_CASE("model: a bad identity option is an error at its place") {
  const std::string head = "tables:\n  t:\n    columns:\n      - {name: id, type: integer, ";
  struct Case {
    std::string column, where, says;
  };
  const Case cases[] = {
      {"autoincrement: true, identity: {start: ten}}", "schema.yaml:4:74",
       "'start' of the identity of column 'id' must be a whole number"},
      {"autoincrement: true, identity: {increment: 0}}", "schema.yaml:4:78", "cannot be 0"},
      {"autoincrement: true, identity: {restart: 5}}", "schema.yaml:4:67",
       "unknown key 'restart' in the identity of column 'id'"},
      {"autoincrement: true, identity: {min_value: 10, max_value: 10}}", "schema.yaml:4:78",
       "must be less than its 'max_value' (10)"},
      {"autoincrement: true, identity: {cache: 0}}", "schema.yaml:4:74", "at least 1"},
      {"autoincrement: true, identity: {always: maybe}}", "schema.yaml:4:75",
       "must be true or false"},
      {"autoincrement: true, identity: sometimes}", "schema.yaml:4:66",
       "must be always or by_default, or a map"},
      {"identity: {start: 5}}", "schema.yaml:4:45", "needs 'autoincrement: true'"},
      {"autoincrement: true, identity: [always]}", "schema.yaml:4:66",
       "'identity' of column 'id' must be a single value"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.column);
    const std::string e = load_error(head + c.column + "\n");
    CAPTURE(e);
    CHECK(contains(e, c.where));
    CHECK(contains(e, c.says));
  }
}

TEST_CASE("model: domains and extensions") {
  Schema s = load(
      "domains:\n"
      "  posint: integer\n"
      "  even_small: {type: integer, default: 2, nullable: false, collation: C,\n"
      "               checks: [\"VALUE % 2 = 0\", {name: even_small_check, expression: \"VALUE < "
      "100\"},\n"
      "                        \"VALUE > -100\"]}\n"
      "extensions:\n"
      "  citext:\n"
      "  hstore: {schema: ext, version: \"1.8\"}\n");
  REQUIRE(s.objects.size() == 4);
  const SchemaObject* posint = s.object(ObjectKind::domain, "posint");
  REQUIRE(posint);
  CHECK(posint->domain.type == "integer");
  CHECK(posint->domain.nullable);
  CHECK(posint->domain.checks.empty());
  const SchemaObject* even = s.object(ObjectKind::domain, "even_small");
  REQUIRE(even);
  CHECK(even->domain.server_default == "2");
  CHECK_FALSE(even->domain.nullable);
  CHECK(even->domain.collation == "C");
  // Unnamed checks take the names PostgreSQL would give, around the named one.
  REQUIRE(even->domain.checks.size() == 3);
  CHECK(even->domain.checks[0].name == "even_small_check1");
  CHECK(even->domain.checks[1].name == "even_small_check");
  CHECK(even->domain.checks[2].name == "even_small_check2");
  const SchemaObject* hstore = s.object(ObjectKind::extension, "hstore", "ext");
  REQUIRE(hstore);
  CHECK(hstore->version == "1.8");
  // An extension is found by its name, whatever schema it is in.
  CHECK(s.object(ObjectKind::extension, "citext", "elsewhere"));

  const std::string cases[][3] = {
      {"domains:\n  d: {checks: [\"VALUE > 0\"]}\n", "schema.yaml:2", "needs a value for 'type'"},
      {"domains:\n  d: {type: integer, checks: [\"\"]}\n", "schema.yaml:2", "is empty"},
      {"domains:\n  d: {type: integer, checks: [{name: a, expression: x > 0}, {name: a, "
       "expression: x < 9}]}\n",
       "schema.yaml:2", "two checks"},
      {"domains:\n  d: {type: integer, default: \"\"}\n", "schema.yaml:2", "is empty"},
      {"extensions:\n  e: {version: 1, colour: red}\n", "schema.yaml:2", "unknown key 'colour'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c[0]);
    const std::string e = load_error(c[0]);
    CAPTURE(e);
    CHECK(contains(e, c[1]));
    CHECK(contains(e, c[2]));
  }
}

TEST_CASE("model: exclusion constraints, and their errors say where") {
  const std::string head =
      "tables:\n  bookings:\n    columns:\n      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: room, type: integer}\n      - {name: during, type: tsrange}\n"
      "    exclusions:\n";
  Schema s =
      load(head +
           "      - name: ex_room\n        elements:\n          - {column: room, with: =}\n"
           "          - {column: during, with: \"&&\", opclass: range_ops}\n"
           "        where: room > 0\n        include: [id]\n"
           "        deferrable: true\n        initially: deferred\n"
           "      - {name: ex_hash, using: HASH, elements: [{expression: \"lower(room::text)\", "
           "with: =}]}\n");
  const Table& t = s.tables[0];
  REQUIRE(t.exclusions.size() == 2);
  const ExclusionConstraint& x = t.exclusions[0];
  CHECK(x.name == "ex_room");
  CHECK(x.using_ == "gist");
  REQUIRE(x.elements.size() == 2);
  CHECK(x.elements[0].key == IndexKey("room"));
  CHECK(x.elements[0].op == "=");
  CHECK(x.elements[1].key.text == "during");
  CHECK(x.elements[1].key.opclass == "range_ops");
  CHECK(x.elements[1].op == "&&");
  CHECK(x.where == "room > 0");
  CHECK(x.include == std::vector<std::string>{"id"});
  CHECK(x.deferrable == "deferred");
  CHECK(t.exclusions[1].using_ == "hash");  // lower case, as the catalog names it
  CHECK(t.exclusions[1].elements[0].key == IndexKey::of_expression("lower(room::text)"));

  // What inspect writes reads back the same.
  const std::string written = "tables:\n  bookings:\n" + render_table_body(t, 4);
  CAPTURE(written);
  CHECK(contains(written,
                 "    exclusions:\n      - {name: ex_room, elements: [{column: room, "
                 "with: =}, {column: during, with: \"&&\", opclass: range_ops}]"));
  const Table again = load(written).tables[0];
  CHECK(again.exclusions == t.exclusions);

  auto err = [&](const std::string& entry) { return load_error(head + entry); };
  std::string e = err("      - {name: ex, elements: [{column: nope, with: =}]}\n");
  CHECK(contains(e, "schema.yaml:8:31: exclusion constraint 'ex' names column 'nope'"));
  e = err("      - {name: ex, elements: [{column: room, with: \"=) OR (1\"}]}\n");
  CHECK(contains(e, "schema.yaml:8:52: 'with' of element of exclusion constraint"));
  CHECK(contains(e, "is no operator"));
  e = err("      - {name: ex, elements: [{column: room}]}\n");
  CHECK(contains(e, "schema.yaml:8:31"));
  CHECK(contains(e, "needs 'with'"));
  CHECK(contains(err("      - {elements: [{column: room, with: =}]}\n"), "needs a 'name'"));
  CHECK(contains(err("      - {name: ex, elements: []}\n"), "'elements' of exclusion"));
  CHECK(contains(err("      - {name: ex}\n"), "needs 'elements'"));
  CHECK(contains(err("      - {name: ex, using: \"gist; --\", elements: [{column: room, with: "
                     "=}]}\n"),
                 "must be a plain name"));
  CHECK(contains(err("      - {name: ex, elements: [{column: room, with: =, length: 3}]}\n"),
                 "unknown key 'length'"));
  CHECK(contains(err("      - {name: ex, elements: [{column: room, with: =}], include: [nope]}\n"),
                 "names column 'nope'"));
  e =
      err("      - {name: id_key, elements: [{column: room, with: =}]}\n"
          "      - {name: id_key, elements: [{column: id, with: =}]}\n");
  CHECK(contains(e, "schema.yaml:9:9: exclusion constraint 'id_key'"));
  CHECK(contains(e, "has the name of the exclusion constraint at schema.yaml:8:9"));
}
