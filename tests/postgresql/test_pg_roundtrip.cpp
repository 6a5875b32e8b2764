// The autogenerate round trip against PostgreSQL, through the CLI: random
// models and changes from tests/integration/model_generator, and a model of
// PostgreSQL's own types. After upgrade, check finds nothing (no false
// positives); downgrade -1 gives back the catalog and the rows.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "../integration/harness.hpp"
#include "../integration/model_generator.hpp"
#include "pg_support.hpp"

using itest::Project;
using V = std::vector<std::string>;

namespace {

std::string dq(const std::string& name) {
  return "\"" + name + "\"";
}

// PostgreSQL's json has no equality or btree operator class, so it can be in
// no key or index: such columns become text, the same way in a model and in
// its changed copy.
void pg_compatible(migrate::Schema& s) {
  for (auto& t : s.tables) {
    std::set<std::string> keyed;
    if (t.primary_key) keyed.insert(t.primary_key->columns.begin(), t.primary_key->columns.end());
    for (const auto& ix : t.indexes)
      for (const auto& k : ix.keys) keyed.insert(k.text);
    for (const auto& u : t.uniques) keyed.insert(u.columns.begin(), u.columns.end());
    for (const auto& fk : t.foreign_keys) keyed.insert(fk.columns.begin(), fk.columns.end());
    for (auto& c : t.columns)
      if (keyed.count(c.name) && c.type.name == "json") c.type = migrate::Type::parse("text");
  }
  // A foreign key's columns take the type of what they reference (a
  // serial's integer: the sequence stays the parent's).
  for (auto& t : s.tables)
    for (const auto& fk : t.foreign_keys)
      if (const migrate::Table* parent = s.table(fk.ref_table, fk.ref_schema))
        for (size_t i = 0; i < fk.columns.size() && i < fk.ref_columns.size(); ++i)
          if (auto* c = t.column(fk.columns[i]))
            if (const auto* pc = parent->column(fk.ref_columns[i])) {
              c->type = pc->type;
              if (c->type.name == "serial") c->type = migrate::Type::parse("integer");
              if (c->type.name == "bigserial") c->type = migrate::Type::parse("bigint");
            }
}

// Each table's rows, in the columns both models have, as text.
V rows_of(const pgtest::Database& db, const migrate::Schema& a, const migrate::Schema& b) {
  V out;
  for (const auto& t : a.tables) {
    const migrate::Table* other = b.table(t.name);
    if (!other) continue;
    std::string cols;
    for (const auto& c : t.columns)
      if (other->column(c.name))
        cols +=
            (cols.empty() ? "" : ", ") + std::string("quote_nullable(") + dq(c.name) + "::text)";
    if (cols.empty()) continue;
    for (const auto& r : db.query("SELECT " + cols + " FROM " + dq(t.name)))
      out.push_back(t.name + ": " + r);
  }
  return out;
}

// The generator's views and triggers as the catalog deparses them, sorted.
V objects_of(const pgtest::Database& db) {
  return db.query(
      "SELECT * FROM (SELECT c.relname || ': ' || pg_get_viewdef(c.oid, true) FROM pg_class c "
      "WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace UNION ALL SELECT "
      "pg_get_triggerdef(t.oid, true) FROM pg_trigger t WHERE NOT t.tgisinternal UNION ALL "
      "SELECT t.typname || ': ' || format_type(t.typbasetype, t.typtypmod) || ' ' || "
      "t.typnotnull || ' ' || coalesce(t.typdefault, '-') || ' ' || coalesce((SELECT "
      "string_agg(c.conname || ' ' || pg_get_constraintdef(c.oid), '; ' ORDER BY c.conname) "
      "FROM pg_constraint c WHERE c.contypid = t.oid), '-') FROM pg_type t WHERE t.typtype = "
      "'d' AND t.typnamespace = 'public'::regnamespace) x ORDER BY 1");
}

}  // namespace

TEST_CASE("postgresql round trip: random models, random changes, downgrade gives everything back") {
  const char* env = std::getenv("MIGRATE_ROUNDTRIP_SEEDS");
  const unsigned kModels = env && *env ? static_cast<unsigned>(std::stoul(env)) : 30;
  int changes = 0;
  int identity_changes = 0;  // identity options changed in place
  // How many models held each of PostgreSQL's own column forms (issue #24).
  std::map<std::string, int> forms;
  for (unsigned seed = 1; seed <= kModels; ++seed) {
    itest::ModelGenerator gen(
        seed, {.expression_defaults = true,
               .bit_columns = true,
               .postgresql_types = true,
               .views = true,
               // A trigger function PostgreSQL has built in, so
               // the model needs no function of its own.
               .trigger_template = "CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR "
                                   "EACH ROW EXECUTE FUNCTION "
                                   "suppress_redundant_updates_trigger()",
               .generated_columns = true,
               .stored_generated_only = true,
               .domains = true,
               .partitions = "postgresql",
               .identity_options = true});
    migrate::Schema model = gen.model();
    pg_compatible(model);
    {
      const std::string yaml = itest::model_yaml(model);
      for (const char* form : {"type: serial", "type: bigserial", "type: bit(8)", "varbit", "[][]",
                               "character varying(20)", "AT TIME ZONE", "abs(-5)", "lower('X')",
                               "views:", "triggers:", "stored: true", "domains:", "identity: {"})
        if (yaml.find(form) != std::string::npos) ++forms[form];
    }
    pgtest::Database db;
    Project p;
    p.init_url(db.url());
    p.write("schema.yaml", itest::model_yaml(model));
    INFO("seed " << seed << "\n" << p.read("schema.yaml"));

    auto base = p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "r1"});
    REQUIRE_MESSAGE(base.code == 0, base.err);
    auto up = p.run({"upgrade", "head"});
    REQUIRE_MESSAGE(up.code == 0, (up.err + p.read("migrations/versions/r1_base.yaml")));
    auto same = p.run({"check"});
    REQUIRE_MESSAGE(same.code == 0, (same.out + same.err));

    // Foreign keys off for the inserts: the generator's cycles have no order.
    // The generator's blob sample is the SQL-standard x'01', which PostgreSQL spells '\x01'.
    std::string inserts = itest::insert_rows_sql(model);
    for (size_t at = inserts.find("x'01'"); at != std::string::npos; at = inserts.find("x'01'", at))
      inserts.replace(at, 5, "'\\x01'::bytea");
    db.exec("SET session_replication_role = replica;\n" + inserts);
    const auto catalog_before = db.full_catalog();
    const auto objects_before = objects_of(db);

    migrate::Schema changed = model;
    auto what = gen.change(changed);
    pg_compatible(changed);
    changes += static_cast<int>(what.size());
    for (const auto& w : what) identity_changes += w.rfind("identity options of", 0) == 0;
    std::string said;
    for (const auto& w : what) said += w + "; ";
    INFO("changes: " << said);
    p.write("schema.yaml", itest::model_yaml(changed));
    const auto rows_before = rows_of(db, model, changed);
    REQUIRE(!rows_before.empty());

    auto rev = p.run({"revision", "--autogenerate", "-m", "change", "--rev-id", "r2"});
    REQUIRE_MESSAGE(rev.code == 0, rev.err);
    INFO(p.read("migrations/versions/r2_change.yaml"));
    auto up2 = p.run({"upgrade", "head"});
    REQUIRE_MESSAGE(up2.code == 0, up2.err);
    auto check = p.run({"check"});
    REQUIRE_MESSAGE(check.code == 0, (check.out + check.err));

    auto down = p.run({"downgrade", "-1"});
    REQUIRE_MESSAGE(down.code == 0, down.err);
    CHECK(db.full_catalog() == catalog_before);
    CHECK(objects_of(db) == objects_before);
    CHECK(rows_of(db, model, changed) == rows_before);
    p.write("schema.yaml", itest::model_yaml(model));
    std::filesystem::remove(p.path("migrations/versions/r2_change.yaml"));
    REQUIRE(p.run({"hash"}).code == 0);  // versions.sum: the removal is intended
    auto back = p.run({"check"});
    CHECK_MESSAGE(back.code == 0, (back.out + back.err));
  }
  CHECK(changes >= static_cast<int>(kModels));
  CHECK_MESSAGE(identity_changes > 0, "no change of the round trip alters identity options");
  for (const char* form : {"type: serial", "type: bigserial", "type: bit(8)", "varbit", "[][]",
                           "character varying(20)", "AT TIME ZONE", "abs(-5)", "lower('X')",
                           "views:", "triggers:", "stored: true", "domains:", "identity: {"})
    CHECK_MESSAGE(forms[form] > 0, "no model of the round trip holds " << std::string(form));
}

TEST_CASE("postgresql round trip: PostgreSQL's own types and defaults give no false positives") {
  pgtest::Database db;
  Project p;
  p.init_url(db.url());
  p.write("schema.yaml", R"Y(enums:
  tier: [free, paid]
tables:
  accounts:
    comment: Billing accounts
    columns:
      - {name: id, type: bigint, primary_key: true, autoincrement: true}
      - {name: uid, type: uuid, nullable: false, default: gen_random_uuid()}
      - {name: profile, type: jsonb, nullable: false, default: "'{}'::jsonb"}
      - {name: tags, type: "text[]", default: "'{}'"}
      - {name: balance, type: "numeric(12,4)", nullable: false, default: 0}
      - {name: opened, type: timestamptz, nullable: false, default: now()}
      - {name: status, type: varchar(20), nullable: false, default: "'active'", comment: "lifecycle"}
      - {name: visits, type: integer, default: -1}
      - {name: ratio, type: double, default: 0.5}
      - {name: flag, type: boolean, default: "false"}
      - {name: tier, type: tier, nullable: false, default: "'free'"}
    indexes:
      - {name: ix_accounts_status, columns: [status]}
      - {name: ix_accounts_paid, columns: [opened], where: "tier = 'paid' AND NOT flag"}
      - {name: ix_accounts_lower_status, columns: [{expression: "lower(status)"}]}
    unique_constraints:
      - {name: uq_accounts_uid, columns: [uid]}
    checks:
      - {name: ck_accounts_balance, expression: "balance >= 0 AND visits >= -1"}
  entries:
    columns:
      - {name: id, type: bigint, primary_key: true, autoincrement: true}
      - {name: account_id, type: bigint, nullable: false, references: accounts.id, on_delete: cascade}
      - {name: amount, type: "numeric(12,4)", nullable: false}
)Y");
  auto base = p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "r1"});
  REQUIRE_MESSAGE(base.code == 0, base.err);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, (check.out + check.err));
  auto again = p.run({"revision", "--autogenerate", "-m", "nothing", "--rev-id", "r2"});
  REQUIRE(again.code == 0);
  CHECK(again.err.find("No changes") != std::string::npos);
  CHECK(
      db.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'accounts' AND "
               "column_name = 'id'") == V{"bigint"});
  CHECK(db.query(
            "SELECT is_identity FROM information_schema.columns WHERE table_name = 'accounts' AND "
            "column_name = 'id'") == V{"YES"});

  REQUIRE(p.run({"upgrade", "head"}).code == 0);  // the empty revision r2

  // inspect prints a model that check accepts as it is.
  auto inspected = p.run({"inspect"});
  REQUIRE_MESSAGE(inspected.code == 0, inspected.err);
  p.write("schema.yaml", inspected.out);
  auto check2 = p.run({"check"});
  CHECK_MESSAGE(check2.code == 0, (check2.out + check2.err + inspected.out));
}

TEST_CASE("postgresql: a table comment is autogenerated, applied and given back") {
  pgtest::Database db;
  Project p;
  p.init_url(db.url());
  const std::string before =
      "tables:\n  notes:\n    comment: Old words\n    columns:\n"
      "      - {name: id, type: integer, primary_key: true}\n";
  p.write("schema.yaml", before);
  REQUIRE(p.run({"revision", "--autogenerate", "-m", "base", "--rev-id", "r1"}).code == 0);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  p.write("schema.yaml",
          "tables:\n  notes:\n    comment: New words\n    columns:\n"
          "      - {name: id, type: integer, primary_key: true}\n");
  auto check = p.run({"check"});
  CHECK(check.code == 1);
  CHECK(check.out.find("alter_table_comment notes") != std::string::npos);
  auto rev = p.run({"revision", "--autogenerate", "-m", "reword", "--rev-id", "r2"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  CHECK(p.read("migrations/versions/r2_reword.yaml").find("alter_table_comment") !=
        std::string::npos);
  REQUIRE(p.run({"upgrade", "head"}).code == 0);
  CHECK(db.query("SELECT obj_description('notes'::regclass, 'pg_class')") == V{"New words"});
  CHECK(p.run({"check"}).code == 0);
  REQUIRE(p.run({"downgrade", "-1"}).code == 0);
  CHECK(db.query("SELECT obj_description('notes'::regclass, 'pg_class')") == V{"Old words"});
}
