// The PostgreSQL dialect's inspect reads back what its compile created.
#include <doctest/doctest.h>

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
