#include <doctest/doctest.h>

#include <map>

#include "core/config/config.hpp"

using namespace migrate;

namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& k) -> std::optional<std::string> {
    auto it = vars.find(k);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_CASE("config: ${VAR} and ${VAR:-default} expansion") {
  auto env = fake_env({{"HOST", "db1"}, {"EMPTY", ""}});
  SourceMark at{"migrate.yaml", 3, 15};
  CHECK(expand_env("pg://${HOST}/x", env, at) == "pg://db1/x");
  CHECK(expand_env("${MISSING:-sqlite:///app.db}", env, at) == "sqlite:///app.db");
  CHECK(expand_env("${EMPTY:-fallback}", env, at) == "fallback");
  CHECK(expand_env("cost $$5 and $x", env, at) == "cost $5 and $x");
  CHECK_THROWS_WITH_AS(
      expand_env("${MISSING}", env, at),
      doctest::Contains("migrate.yaml:3:15: environment variable MISSING is not set"), InputError);
  CHECK_THROWS_WITH_AS(expand_env("${BAD NAME}", env, at), doctest::Contains("malformed variable"),
                       InputError);
  CHECK_THROWS_WITH_AS(expand_env("${HOST", env, at), doctest::Contains("unterminated"),
                       InputError);
}

TEST_CASE("config: an unset variable in database_url waits for a command that needs the URL") {
  auto env = fake_env({});
  Config c = parse_config("script_location: m\ndatabase_url: postgresql://${DB_USER}@h/app\n",
                          "/proj/migrate.yaml", env);
  CHECK(c.script_location == "m");
  CHECK_THROWS_WITH_AS(
      c.url(), doctest::Contains("migrate.yaml:2:15: environment variable DB_USER is not set"),
      InputError);
  CHECK(c.dialect_name() == "postgresql");  // offline work only needs the scheme

  Config whole = parse_config("database_url: ${APP_DB}\n", "/proj/migrate.yaml", env);
  CHECK_THROWS_WITH_AS(whole.url(), doctest::Contains("APP_DB is not set"), InputError);
  CHECK_THROWS_WITH_AS(whole.dialect_name(), doctest::Contains("the URL's scheme"), InputError);
  whole.database_url = "sqlite:///flag.db";  // --url replaces it
  CHECK(whole.url() == "sqlite:///flag.db");
  CHECK(whole.dialect_name() == "sqlite");

  // Elsewhere, and for malformed ${...}, the file is still refused at once.
  CHECK_THROWS_WITH_AS(parse_config("model: ${NOPE}\n", "/proj/migrate.yaml", env),
                       doctest::Contains("NOPE is not set"), InputError);
  CHECK_THROWS_WITH_AS(parse_config("database_url: ${BAD NAME}\n", "/proj/migrate.yaml", env),
                       doctest::Contains("malformed variable"), InputError);
}

TEST_CASE("config: every key is read, paths resolve against the file's folder") {
  auto env = fake_env({{"DATABASE_URL", "sqlite:///x.db"}});
  Config c = parse_config(R"(script_location: db/migrations
database_url: ${DATABASE_URL:-sqlite:///app.db}
model: models
version_table: alembic_version
file_template: "{year}_{rev}_{slug}"
transaction_per_migration: true
compare: {types: false, server_defaults: true}
include_tables: ["users*"]
exclude_tables: [spatial_ref_sys, "tmp_*"]
naming_convention: {ix: "idx_{table}_{column_0_N}"}
)",
                          "/proj/migrate.yaml", env);
  CHECK(c.database_url == "sqlite:///x.db");
  CHECK(c.versions_dir() == "/proj/db/migrations/versions");
  CHECK(c.model_path() == "/proj/models");
  CHECK(c.version_table == "alembic_version");
  CHECK(c.transaction_per_migration);
  CHECK_FALSE(c.compare.types);
  CHECK(c.exclude_tables.size() == 2);
  CHECK(c.include_tables[0] == "users*");
  CHECK(c.naming.ix == "idx_{table}_{column_0_N}");
  CHECK(c.naming.uq == "uq_{table}_{column_0}");  // untouched defaults stay
}

TEST_CASE("config: errors name file, line and column") {
  auto env = fake_env({});
  CHECK_THROWS_WITH_AS(parse_config("script_location: m\ndatabse_url: x\n", "m.yaml", env),
                       doctest::Contains("m.yaml:2:1: unknown key 'databse_url'"), InputError);
  CHECK_THROWS_WITH_AS(
      parse_config("transaction_per_migration: maybe\n", "m.yaml", env),
      doctest::Contains("m.yaml:1:28: `transaction_per_migration` must be true or false"),
      InputError);
  CHECK_THROWS_WITH_AS(parse_config("compare: {typos: true}\n", "m.yaml", env),
                       doctest::Contains("unknown key 'typos' in compare"), InputError);
  CHECK_THROWS_WITH_AS(parse_config("naming_convention: {ix: \"ix_{tabel}\"}\n", "m.yaml", env),
                       doctest::Contains("unknown token {tabel}"), InputError);
  CHECK_THROWS_WITH_AS(parse_config("model: [a\n", "m.yaml", env), doctest::Contains("m.yaml:"),
                       InputError);
  CHECK_THROWS_WITH_AS(load_config("/nonexistent/migrate.yaml", env),
                       doctest::Contains("migrate init"), InputError);
}

TEST_CASE("config: history_table and lint levels") {
  auto env = fake_env({});
  Config c = parse_config("history_table: deploy_log\nlint: {DS101: warning, LK401: off}\n",
                          "m.yaml", env);
  CHECK(c.history_table == "deploy_log");
  CHECK(c.lint_levels ==
        std::map<std::string, std::string>{{"DS101", "warning"}, {"LK401", "off"}});
  CHECK(parse_config("", "m.yaml", env).history_table == "migrate_history");
  CHECK_THROWS_WITH_AS(parse_config("history_table: migrate_version\n", "m.yaml", env),
                       doctest::Contains("history_table must be a table name other than"),
                       InputError);
  CHECK_THROWS_WITH_AS(parse_config("lint: {DS101: loud}\n", "m.yaml", env),
                       doctest::Contains("m.yaml:1:15: lint level 'loud'"), InputError);
  CHECK_THROWS_WITH_AS(parse_config("lint: {XX1: error}\n", "m.yaml", env),
                       doctest::Contains("unknown key 'XX1' in lint"), InputError);
}

TEST_CASE("config: sum is warn (the default) or strict") {
  auto env = fake_env({{"SUM", "strict"}});
  CHECK(parse_config("", "m.yaml", env).sum == SumMode::warn);
  CHECK(parse_config("sum: warn\n", "m.yaml", env).sum == SumMode::warn);
  CHECK(parse_config("sum: strict\n", "m.yaml", env).sum == SumMode::strict);
  CHECK(parse_config("sum: ${SUM}\n", "m.yaml", env).sum == SumMode::strict);
  CHECK_THROWS_WITH_AS(parse_config("model: s.yaml\nsum: Strict\n", "m.yaml", env),
                       "m.yaml:2:6: `sum` must be warn or strict, not 'Strict'", InputError);
  CHECK_THROWS_WITH_AS(parse_config("sum: [strict]\n", "m.yaml", env),
                       doctest::Contains("m.yaml:1:6: `sum` must be a single value"), InputError);
}
