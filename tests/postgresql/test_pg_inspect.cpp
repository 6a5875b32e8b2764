// The PostgreSQL dialect's inspect reads back what its compile created.
#include <doctest/doctest.h>

#include "core/compare/compare.hpp"
#include "core/model/model.hpp"
#include "core/ops/ops.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/postgresql/types.hpp"
#include "pg_support.hpp"

using namespace migrate;

namespace {

const char* kModel = R"Y(tables:
  users:
    comment: People
    columns:
      - {name: id, type: integer, primary_key: true, autoincrement: true}
      - {name: name, type: varchar(100), nullable: false, comment: "display name"}
      - {name: email, type: string(255), unique: true}
      - {name: active, type: boolean, nullable: false, default: "true"}
      - {name: score, type: "numeric(12,4)", default: 0}
      - {name: ratio, type: float}
      - {name: big, type: double}
      - {name: created_at, type: timestamptz, default: CURRENT_TIMESTAMP}
      - {name: day, type: date}
      - {name: at, type: time}
      - {name: ts, type: timestamp}
      - {name: ts3, type: timestamp(3)}
      - {name: tz6, type: timestamptz(6)}
      - {name: at2, type: time(2)}
      - {name: code, type: char(3), default: "'abc'"}
      - {name: neg, type: integer, default: -1}
      - {name: body, type: text}
      - {name: data, type: json}
      - {name: meta, type: jsonb, default: "'{}'::jsonb"}
      - {name: uid, type: uuid}
      - {name: raw, type: blob}
      - {name: tags, type: "text[]"}
      - {name: small, type: smallint}
      - {name: huge, type: bigint}
    indexes:
      - {name: ix_users_name, columns: [name]}
      - {name: ix_users_lower_email, columns: [{expression: "lower((email)::text)"}], unique: true}
    checks:
      - {name: ck_users_score, expression: "score >= 0"}
  posts:
    columns:
      - {name: id, type: bigint, primary_key: true, autoincrement: true}
      - {name: user_id, type: integer, nullable: false, references: users.id, on_delete: cascade, on_update: set null}
)Y";

}  // namespace

TEST_CASE("postgresql inspect: every portable type, default, key and comment reads back") {
  pgtest::Database db;
  PostgresDialect d;
  auto conn = d.connect(parse_url(db.url()));
  Schema model = load_model_text(kModel, "schema.yaml", NamingConvention{});
  Schema empty;
  conn->begin();
  for (const auto& t : model.tables)
    for (const auto& st : d.compile(Op{CreateTable{t}, {}}, empty)) conn->execute(st);
  conn->commit();

  Schema live = d.inspect(*conn);
  REQUIRE(live.tables.size() == 2);
  const Table* users = live.table("users");
  REQUIRE(users);
  const Table& want = *model.table("users");
  REQUIRE(users->columns.size() == want.columns.size());
  for (size_t i = 0; i < want.columns.size(); ++i) {
    const Column& w = want.columns[i];
    const Column& g = users->columns[i];
    CAPTURE(w.name);
    CHECK(g.name == w.name);
    CHECK(g.type.str() == postgresql::stored_type(w.type).str());
    CHECK(g.nullable == w.nullable);
    CHECK(g.autoincrement == w.autoincrement);
    CHECK(g.comment == w.comment);
    std::optional<std::string> want_default;
    if (w.server_default) want_default = postgresql::normalize_default(*w.server_default);
    CHECK(g.server_default == want_default);
  }
  CHECK(users->comment == std::optional<std::string>("People"));
  REQUIRE(users->primary_key);
  CHECK(users->primary_key->name == "pk_users");
  CHECK(users->primary_key->columns == std::vector<std::string>{"id"});
  REQUIRE(users->uniques.size() == 1);
  CHECK(users->uniques[0].name == "uq_users_email");
  REQUIRE(users->indexes.size() == 2);
  CHECK(users->indexes[0].name == "ix_users_lower_email");
  CHECK(users->indexes[0].unique);
  CHECK(users->indexes[0].keys ==
        std::vector<migrate::IndexKey>{migrate::IndexKey::of_expression("lower(email::text)")});
  CHECK(users->indexes[1].keys == std::vector<migrate::IndexKey>{"name"});
  REQUIRE(users->checks.size() == 1);
  CHECK(users->checks[0].name == "ck_users_score");
  CHECK(users->checks[0].expression == "(score >= (0)::numeric)");

  const Table* posts = live.table("posts");
  REQUIRE(posts);
  REQUIRE(posts->foreign_keys.size() == 1);
  const ForeignKey& fk = posts->foreign_keys[0];
  CHECK(fk.name == "fk_posts_user_id_users");
  CHECK(fk.ref_table == "users");
  CHECK(fk.ref_columns == std::vector<std::string>{"id"});
  CHECK(fk.on_delete == "cascade");
  CHECK(fk.on_update == "set null");
  CHECK(posts->columns[0].autoincrement);
  CHECK(posts->columns[0].type.str() == "bigint");
}

TEST_CASE("postgresql inspect: serial columns, other schemas, fixed query count") {
  pgtest::Database db;
  db.exec(
      "CREATE TABLE s (id serial PRIMARY KEY, n int4 DEFAULT '-5'::integer, v varchar DEFAULT "
      "'x'::character varying, t timestamp DEFAULT now());"
      "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int PRIMARY KEY, s_id int "
      "REFERENCES s (id));");
  PostgresDialect d;
  auto conn = d.connect(parse_url(db.url()));
  Schema live = d.inspect(*conn);
  const Table* s = live.table("s");
  REQUIRE(s);
  // A serial is its own type, told from an identity column (autoincrement).
  CHECK(s->columns[0].type.str() == "serial");
  CHECK_FALSE(s->columns[0].autoincrement);
  CHECK_FALSE(s->columns[0].server_default);
  CHECK(s->columns[1].server_default == std::optional<std::string>("-5"));
  CHECK(s->columns[1].type.str() == "integer");
  CHECK(s->columns[2].type.str() == "string");
  CHECK(s->columns[2].server_default == std::optional<std::string>("'x'"));
  // As the catalog spells it (compare takes now() and CURRENT_TIMESTAMP alike).
  CHECK(s->columns[3].server_default == std::optional<std::string>("now()"));
  const Table* inv = live.table("invoices", "billing");
  REQUIRE(inv);
  REQUIRE(inv->foreign_keys.size() == 1);
  CHECK(inv->foreign_keys[0].ref_schema.empty());
  CHECK(inv->foreign_keys[0].ref_table == "s");
  CHECK(d.has_table(*conn, "s"));
  CHECK_FALSE(d.has_table(*conn, "invoices"));
}

TEST_CASE("postgresql inspect: exclusion constraints, as the model writes them, not as indexes") {
  pgtest::Database db;
  db.exec(
      "CREATE EXTENSION btree_gist;"
      "CREATE SCHEMA ops;"
      // An operator of another schema than pg_catalog and the current one.
      "CREATE OPERATOR ops.=== (LEFTARG = int4, RIGHTARG = int4, FUNCTION = int4eq, "
      "COMMUTATOR = OPERATOR(ops.===));"
      "CREATE OPERATOR CLASS ops.int4_same FOR TYPE int4 USING hash AS OPERATOR 1 ops.===, "
      "FUNCTION 1 hashint4(int4);"
      "CREATE TABLE b (id int PRIMARY KEY, room int NOT NULL, net cidr, starts timestamp, "
      "ends timestamp, gone bool NOT NULL DEFAULT false, "
      "CONSTRAINT ex_room EXCLUDE USING gist (room WITH =, tsrange(starts, ends) WITH &&) "
      "INCLUDE (id) WHERE (NOT gone) DEFERRABLE INITIALLY DEFERRED, "
      "CONSTRAINT ex_net EXCLUDE USING gist (net inet_ops WITH &&), "
      "CONSTRAINT ex_hash EXCLUDE USING hash (id ops.int4_same WITH ops.===));"
      "CREATE INDEX ix_b_room ON b (room);");
  PostgresDialect d;
  auto conn = d.connect(parse_url(db.url()));
  Schema live = d.inspect(*conn);
  const Table* b = live.table("b");
  REQUIRE(b);
  // The constraints' indexes are theirs: only the plain one is an index.
  REQUIRE(b->indexes.size() == 1);
  CHECK(b->indexes[0].name == "ix_b_room");
  REQUIRE(b->exclusions.size() == 3);
  const ExclusionConstraint& hash = b->exclusions[0];  // by name
  CHECK(hash.name == "ex_hash");
  CHECK(hash.using_ == "hash");
  REQUIRE(hash.elements.size() == 1);
  CHECK(hash.elements[0].op == "ops.===");
  CHECK(hash.elements[0].key.opclass == "ops.int4_same");
  const ExclusionConstraint& net = b->exclusions[1];
  CHECK(net.name == "ex_net");
  REQUIRE(net.elements.size() == 1);
  CHECK(net.elements[0].key.opclass == "inet_ops");  // not cidr's default for gist
  CHECK(net.deferrable.empty());
  const ExclusionConstraint& room = b->exclusions[2];
  CHECK(room.name == "ex_room");
  CHECK(room.using_ == "gist");
  REQUIRE(room.elements.size() == 2);
  CHECK(room.elements[0].key == IndexKey("room"));  // btree_gist's is the default opclass
  CHECK(room.elements[0].op == "=");
  CHECK(room.elements[1].key.expression);
  CHECK(room.elements[1].key.text == "tsrange(starts, ends)");
  CHECK(room.elements[1].op == "&&");
  CHECK(room.where == "NOT gone");
  CHECK(room.include == std::vector<std::string>{"id"});
  CHECK(room.deferrable == "deferred");
  // Modelled now: not named as what the model cannot say.
  for (const auto& n : d.not_modelled(*conn)) {
    CAPTURE(n.name);
    CHECK(n.name.find("ex_") == std::string::npos);
  }
  // The model's spelling of the same is no difference from the catalog's.
  Schema model = live;
  ExclusionConstraint& written = model.table("b")->exclusions[2];
  written.elements[1].key.text = "TSRANGE(starts,ends)";
  written.where = "NOT gone";
  CHECK(compare_schemas(model, live, d, {}).empty());
  written.where = "gone";
  CHECK(compare_schemas(model, live, d, {}).size() == 2);  // dropped and made again
  auto sql = d.compile(Op{CreateExclusionConstraint{{"", "b"}, hash}, {}}, live);
  REQUIRE(sql.size() == 1);
  CHECK(sql[0].sql ==
        "ALTER TABLE \"b\" ADD CONSTRAINT \"ex_hash\" EXCLUDE USING \"hash\" (\"id\" "
        "\"ops\".\"int4_same\" WITH OPERATOR(\"ops\".===))");
  db.exec("ALTER TABLE b DROP CONSTRAINT ex_hash;");
  conn->execute(sql[0]);
  CHECK(d.inspect(*conn).table("b")->exclusions == b->exclusions);
}
