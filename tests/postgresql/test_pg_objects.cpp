// Views, materialized views, sequences, triggers, functions and procedures
// on PostgreSQL, through the CLI (issue #18): made by a revision, check finds
// nothing, a mere respelling is no difference (the model is compared as the
// server stores it, PostgresDialect::stored_objects), a real change is a
// replace op, and downgrade gives the catalog's text back.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../integration/harness.hpp"
#include "pg_support.hpp"

using itest::contains;
using itest::Project;
using V = std::vector<std::string>;

namespace {

const char* kTables = R"y(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: name, type: varchar(50)}
      - {name: age, type: integer}
)y";

struct KindCase {
  const char* kind;     // the op's suffix: view, function, ...
  std::string model;    // the sections beside the tables
  std::string respelt;  // the same object, written otherwise
  std::string changed;  // something else
  std::string catalog;  // a query of its stored text
  std::string op;       // what check prints for the change
};

std::vector<KindCase> kind_cases() {
  const std::string touch =
      "functions:\n  touch:\n    definition: CREATE FUNCTION touch() RETURNS trigger LANGUAGE "
      "plpgsql AS 'BEGIN NEW.age := coalesce(NEW.age, 0); RETURN NEW; END'\n";
  return {
      {"view", "views:\n  adults:\n    definition: SELECT id, name FROM users WHERE age >= 18\n",
       "views:\n  adults:\n    definition: |-\n      select users.id, users.\"name\"\n"
       "      from public.users\n      where (age >= 18)\n",
       "views:\n  adults:\n    definition: SELECT id, name FROM users WHERE age >= 21\n",
       "SELECT pg_get_viewdef('adults'::regclass, true)", "replace_view adults"},
      {"materialized_view",
       "materialized_views:\n  counts:\n    definition: SELECT count(*) AS n FROM users\n"
       "    indexes: [{name: counts_n, columns: [n], unique: true}]\n",
       "materialized_views:\n  counts:\n    definition: select COUNT(*) as \"n\" from "
       "public.users\n    indexes: [{name: counts_n, columns: [n], unique: true}]\n",
       "materialized_views:\n  counts:\n    definition: SELECT count(id) AS n FROM users\n"
       "    indexes: [{name: counts_n, columns: [n], unique: true}]\n",
       "SELECT pg_get_viewdef('counts'::regclass, true) || (SELECT string_agg(indexdef, ';') "
       "FROM pg_indexes WHERE tablename = 'counts')",
       "replace_materialized_view counts"},
      {"sequence", "sequences:\n  tickets:\n    start: 100\n    increment: 5\n",
       "sequences:\n  tickets:\n    as: bigint\n    start: 100\n    increment: 5\n"
       "    min_value: 1\n    cache: 1\n",
       "sequences:\n  tickets:\n    start: 100\n    increment: 10\n",
       "SELECT format_type(seqtypid, NULL) || seqstart || '/' || seqincrement || '/' || seqmin "
       "|| '/' || seqmax || '/' || seqcache || seqcycle FROM pg_sequence WHERE seqrelid = "
       "'tickets'::regclass",
       "alter_sequence tickets"},
      {"function",
       "functions:\n  add_one:\n    definition: CREATE FUNCTION add_one(a integer) RETURNS "
       "integer LANGUAGE sql AS 'SELECT a + 1'\n",
       "functions:\n  add_one:\n    definition: |-\n      create or replace function "
       "public.add_one(a int4)\n        returns int4 language sql\n        as $$SELECT a + 1$$\n",
       "functions:\n  add_one:\n    definition: CREATE FUNCTION add_one(a integer) RETURNS "
       "integer LANGUAGE sql AS 'SELECT a + 2'\n",
       "SELECT pg_get_functiondef('add_one'::regproc)", "replace_function add_one"},
      {"procedure",
       "procedures:\n  grow:\n    definition: CREATE PROCEDURE grow() LANGUAGE sql AS "
       "'UPDATE users SET age = age + 1'\n",
       "procedures:\n  grow:\n    definition: create procedure public.grow() language sql as "
       "$body$UPDATE users SET age = age + 1$body$\n",
       "procedures:\n  grow:\n    definition: CREATE PROCEDURE grow() LANGUAGE sql AS "
       "'UPDATE users SET age = age + 2'\n",
       "SELECT pg_get_functiondef('grow'::regproc)", "replace_procedure grow"},
      {"trigger",
       touch + "triggers:\n  - name: fill_age\n    table: users\n    definition: CREATE TRIGGER "
               "fill_age BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch()\n",
       touch + "triggers:\n  - name: fill_age\n    table: users\n    definition: create trigger "
               "fill_age before insert on public.users for each row execute procedure touch()\n",
       touch + "triggers:\n  - name: fill_age\n    table: users\n    definition: CREATE TRIGGER "
               "fill_age BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION "
               "touch()\n",
       "SELECT pg_get_triggerdef(oid, true) FROM pg_trigger WHERE tgname = 'fill_age'",
       "replace_trigger users.fill_age"},
      {"domain", "domains:\n  posint: {type: integer, default: \"1\", checks: [\"VALUE > 0\"]}\n",
       "domains:\n  posint:\n    type: int4\n    default: \"'1'::integer\"\n    checks: [{name: "
       "posint_check, expression: \"(value > 0)\"}]\n",
       "domains:\n  posint: {type: integer, default: \"1\", nullable: false, checks: [\"VALUE > "
       "1\"]}\n",
       "SELECT typdefault || typnotnull || (SELECT string_agg(pg_get_constraintdef(c.oid), ';') "
       "FROM pg_constraint c WHERE c.contypid = t.oid) FROM pg_type t WHERE typname = 'posint'",
       "alter_domain posint"},
  };
}

// Objects of the public schema that are not migrate's own.
V user_objects(const pgtest::Database& db) {
  return db.query(
      "SELECT c.relkind::text || ' ' || c.relname FROM pg_class c WHERE c.relnamespace = "
      "'public'::regnamespace AND c.relname NOT LIKE 'migrate\\_%' "
      "UNION ALL SELECT 'proc ' || proname FROM pg_proc WHERE pronamespace = "
      "'public'::regnamespace UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT "
      "tgisinternal ORDER BY 1");
}

// Where the revision text has `op` of `name`, in block or flow style.
size_t op_at(const std::string& text, const std::string& op, const std::string& name) {
  size_t block = text.find(op + ":\n      name: " + name + "\n");
  return block != std::string::npos ? block : text.find(op + ": {name: " + name + ",");
}

}  // namespace

TEST_CASE("postgresql objects: each kind is made, respelt without a difference, replaced, undone") {
  for (const auto& c : kind_cases()) {
    INFO("kind: " << c.kind);
    pgtest::Database db;
    Project p;
    p.init_url(db.url());
    p.write("schema.yaml", std::string(kTables) + c.model);
    auto r1 = p.run({"revision", "--autogenerate", "-m", "first", "--rev-id", "r1"});
    REQUIRE_MESSAGE(r1.code == 0, r1.err);
    CHECK(contains(p.read("migrations/versions/r1_first.yaml"), std::string("create_") + c.kind));
    auto up = p.run({"upgrade", "head"});
    REQUIRE_MESSAGE(up.code == 0, up.err);
    auto same = p.run({"check"});
    CHECK_MESSAGE(same.code == 0, (same.out + same.err));
    const V stored = db.query(c.catalog);

    // Only the spelling differs: nothing to do.
    p.write("schema.yaml", std::string(kTables) + c.respelt);
    auto respelt = p.run({"check"});
    CHECK_MESSAGE(respelt.code == 0, (respelt.out + respelt.err));

    // A real change is replaced in place (a sequence: altered).
    p.write("schema.yaml", std::string(kTables) + c.changed);
    auto changed = p.run({"check"});
    CHECK(changed.code == 1);
    CHECK_MESSAGE(changed.out == c.op + "\n", changed.out);
    // Comparing made the model's object only in a transaction it rolled back.
    CHECK(db.query(c.catalog) == stored);
    auto r2 = p.run({"revision", "--autogenerate", "-m", "change", "--rev-id", "r2"});
    REQUIRE_MESSAGE(r2.code == 0, r2.err);
    auto up2 = p.run({"upgrade", "head"});
    REQUIRE_MESSAGE(up2.code == 0, up2.err);
    auto after = p.run({"check"});
    CHECK_MESSAGE(after.code == 0, (after.out + after.err));
    CHECK(db.query(c.catalog) != stored);

    // Downgrade gives back what the first revision made, then nothing.
    auto down = p.run({"downgrade", "-1"});
    REQUIRE_MESSAGE(down.code == 0, down.err);
    CHECK(db.query(c.catalog) == stored);
    auto base = p.run({"downgrade", "base"});
    REQUIRE_MESSAGE(base.code == 0, base.err);
    CHECK(user_objects(db) == V{});
  }
}

TEST_CASE("postgresql objects: a view over a column whose type changes is made again around it") {
  pgtest::Database db;
  Project p;
  p.init_url(db.url());
  const std::string view =
      "views:\n  names:\n    definition: SELECT id, upper(name) AS shout FROM users\n"
      "  shouts:\n    definition: SELECT shout FROM names\n";
  p.write("schema.yaml", std::string(kTables) + view);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "first", "--rev-id", "r1"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);

  std::string tables = kTables;
  tables.replace(tables.find("varchar(50)"), 11, "text");
  p.write("schema.yaml", tables + view);
  auto rev = p.run({"revision", "--autogenerate", "-m", "wider", "--rev-id", "r2"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  const std::string text = p.read("migrations/versions/r2_wider.yaml");
  const std::string up = text.substr(0, text.find("downgrade:"));
  // Both views go (the one reading the other first) and come back after.
  const auto drop_shouts = op_at(up, "drop_view", "shouts");
  const auto drop_names = op_at(up, "drop_view", "names");
  const auto alter = up.find("alter_column");
  const auto create_names = op_at(up, "create_view", "names");
  const auto create_shouts = op_at(up, "create_view", "shouts");
  INFO(text);
  REQUIRE(drop_shouts != std::string::npos);
  REQUIRE(drop_names != std::string::npos);
  REQUIRE(alter != std::string::npos);
  REQUIRE(create_names != std::string::npos);
  REQUIRE(create_shouts != std::string::npos);
  CHECK(drop_shouts < drop_names);
  CHECK(drop_names < alter);
  CHECK(alter < create_names);
  CHECK(create_names < create_shouts);
  auto upgraded = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(upgraded.code == 0, upgraded.err);
  CHECK(db.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'users' "
                 "AND column_name = 'name'") == V{"text"});
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, (check.out + check.err));
  auto down = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(user_objects(db) == V{});
}

TEST_CASE("postgresql objects: a sequence owned by a column, and a view the server refuses") {
  pgtest::Database db;
  Project p;
  p.init_url(db.url());
  const std::string seq = "sequences:\n  ages:\n    as: integer\n    owned_by: users.age\n";
  p.write("schema.yaml", std::string(kTables) + seq);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "first", "--rev-id", "r1"}).code == 0);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(db.query("SELECT d.refobjid::regclass::text FROM pg_depend d WHERE d.objid = "
                 "'ages'::regclass AND d.deptype = 'a'") == V{"users"});
  auto same = p.run({"check"});
  CHECK_MESSAGE(same.code == 0, (same.out + same.err));
  auto inspected = p.run({"inspect"});
  CHECK(contains(inspected.out, "sequences:\n  ages:\n    as: integer\n    owned_by: users.age"));

  // One the server cannot make keeps the model's text: a difference, not a failure.
  p.write("schema.yaml", std::string(kTables) + seq +
                             "views:\n  broken:\n    definition: SELECT nothing FROM nowhere\n");
  auto check = p.run({"check"});
  CHECK(check.code == 1);
  CHECK_MESSAGE(check.out == "create_view broken\n", (check.out + check.err));
  auto down = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(user_objects(db) == V{});
}

TEST_CASE("postgresql objects: in another schema, and over a table of another schema") {
  pgtest::Database db;
  Project p;
  p.init_url(db.url());
  p.revision("r0", "", "  - execute: CREATE SCHEMA reports\n",
             "  - execute: DROP SCHEMA reports\n");
  REQUIRE(p.run({"hash"}).code == 0);
  const std::string model = std::string(kTables) +
                            "  stats:\n    schema: reports\n    columns:\n"
                            "      - {name: id, type: integer, primary_key: true}\n"
                            "views:\n  adults:\n    schema: reports\n"
                            "    definition: SELECT id FROM users WHERE age > 17\n"
                            "  stat_ids:\n    definition: SELECT id FROM reports.stats\n"
                            "sequences:\n  tickets:\n    schema: reports\n    start: 10\n";
  p.write("schema.yaml", model);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  auto rev = p.run({"revision", "--autogenerate", "-m", "objects", "--rev-id", "r1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  auto same = p.run({"check"});
  CHECK_MESSAGE(same.code == 0, (same.out + same.err));
  auto inspected = p.run({"inspect"});
  CHECK(contains(inspected.out, "sequences:\n  tickets:\n    schema: reports\n    start: 10\n"));
  CHECK(contains(inspected.out, "  adults:\n    schema: reports\n"));
  CHECK(contains(inspected.out, "FROM reports.stats"));

  std::string changed = model;
  changed.replace(changed.find("age > 17"), 8, "age >= 18");
  p.write("schema.yaml", changed);
  auto check = p.run({"check"});
  CHECK(check.code == 1);
  CHECK(check.out == "replace_view reports.adults\n");
  auto down = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(db.query("SELECT nspname FROM pg_namespace WHERE nspname = 'reports'") == V{});
}

TEST_CASE("postgresql objects: an extension moves schema and back, and updates its version") {
  pgtest::Database db;
  db.exec("CREATE SCHEMA ext");
  Project p;
  p.init_url(db.url());
  const auto where = [&] {
    return db.query(
        "SELECT e.extname || ' ' || n.nspname || ' ' || e.extversion FROM pg_extension e JOIN "
        "pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1");
  };
  p.write("schema.yaml",
          std::string(kTables) + "extensions:\n  citext:\n  hstore: {version: \"1.7\"}\n");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "first", "--rev-id", "r1"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(where() == V{"citext public 1.6", "hstore public 1.7"});

  // Moved: ALTER EXTENSION ... SET SCHEMA, and back to the connection's schema.
  p.write("schema.yaml",
          std::string(kTables) +
              "extensions:\n  citext: {schema: ext}\n  hstore: {version: \"1.7\"}\n");
  auto moved = p.run({"check"});
  CHECK(moved.code == 1);
  CHECK_MESSAGE(moved.out == "alter_extension ext.citext\n", moved.out);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "move", "--rev-id", "r2"}).code == 0);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(where() == V{"citext ext 1.6", "hstore public 1.7"});
  CHECK(p.run({"check"}).code == 0);
  auto down = p.run({"downgrade", "-1"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(where() == V{"citext public 1.6", "hstore public 1.7"});
  REQUIRE(p.run({"upgrade", "head"}).code == 0);

  // A new version: UPDATE TO. hstore ships no way back from 1.8, so the
  // downgrade fails, is rolled back and leaves the database where it was.
  p.write("schema.yaml",
          std::string(kTables) +
              "extensions:\n  citext: {schema: ext}\n  hstore: {version: \"1.8\"}\n");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "update", "--rev-id", "r3"}).code == 0);
  CHECK(contains(p.read("migrations/versions/r3_update.yaml"), "alter_extension"));
  auto up3 = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up3.code == 0, up3.err);
  CHECK(where() == V{"citext ext 1.6", "hstore public 1.8"});
  CHECK(p.run({"check"}).code == 0);
  // Without a stated version, whichever is installed is no difference.
  p.write("schema.yaml",
          std::string(kTables) + "extensions:\n  citext: {schema: ext}\n  hstore:\n");
  CHECK(p.run({"check"}).code == 0);
  auto back = p.run({"downgrade", "-1"});
  CHECK(back.code == 3);
  CHECK_MESSAGE(contains(back.err, "hstore"), back.err);
  CHECK(where() == V{"citext ext 1.6", "hstore public 1.8"});
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"r3"});
}

TEST_CASE("postgresql objects: a domain a column uses cannot change its base type in place") {
  pgtest::Database db;
  Project p;
  p.init_url(db.url());
  const std::string table =
      "tables:\n  items:\n    columns:\n      - {name: id, type: integer, primary_key: true}\n"
      "      - {name: n, type: counter}\n";
  p.write("schema.yaml", table + "domains:\n  counter: {type: integer}\n");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "first", "--rev-id", "r1"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  db.exec("INSERT INTO items VALUES (1, 5)");
  p.write("schema.yaml", table + "domains:\n  counter: {type: bigint}\n");
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "wider", "--rev-id", "r2"}).code == 0);
  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 3);
  CHECK_MESSAGE(contains(up.err, "counter"), up.err);
  // Rolled back: the domain, the column and its row are as they were.
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"r1"});
  CHECK(db.query("SELECT format_type(typbasetype, typtypmod) FROM pg_type WHERE typname = "
                 "'counter'") == V{"integer"});
  CHECK(db.query("SELECT n FROM items") == V{"5"});
}
