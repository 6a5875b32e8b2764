#pragma once
// Random models for the autogenerate round trip: every portable type, the
// defaults people write (CURRENT_TIMESTAMP, 0, 'x', true, expressions),
// nullable and not, indexes, unique and check constraints, composite and
// cyclic foreign keys, comments; and random changes to such a model that a
// database with rows in it can take (and give back on downgrade).
// Deterministic: a seed always gives the same model. Dialect-neutral, so each
// dialect's round trip can reuse it.
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/schema/schema.hpp"

namespace itest {

// What only some dialects take. Off, the generator draws exactly the same
// models as before these existed, so each dialect's seeds stay comparable.
struct GeneratorFeatures {
  bool fractional_seconds = false;   // timestamp(n), timestamptz(n), time(n)
  bool mysql_table_options = false;  // mysql_engine/charset/collate, column character sets
  bool expression_defaults = false;  // abs(-5), (2 * 3), lower('X'): parentheses where needed
  bool bit_columns = false;          // bit(8) with B'...' and X'..' defaults (PostgreSQL, MySQL)
  // PostgreSQL's own: serial and bigserial keys, varbit, multi-dimensional and
  // spelled-out arrays, DEFAULT (now() AT TIME ZONE 'utc').
  bool postgresql_types = false;
  // Views over tables' key columns and views over those (drawn from a
  // random stream of their own, so the tables stay those of the same seed),
  // kept valid through every change, and changed themselves now and then.
  bool views = false;
  // Non-empty: triggers on some tables, this text with {name} and {table}
  // replaced by quoted names (SQLite: "CREATE TRIGGER {name} AFTER INSERT ON
  // {table} BEGIN SELECT 1; END").
  std::string trigger_template;
  char quote = '"';  // how definitions quote names (MySQL: '`')
  // Generated columns computed from an integer column (issue #19), added,
  // changed and dropped; only stored ones where the database has no others.
  bool generated_columns = false;
  bool stored_generated_only = false;
  // PostgreSQL domains (issue #19), made, altered (default, NOT NULL,
  // checks, base type) and dropped; no column uses them, so rows never
  // stand in the way.
  bool domains = false;
  // "postgresql" or "mysql": range-partitioned tables (issue #19), their
  // bounds in that database's syntax, made with a few partitions, which
  // changes add at the end and drop from the end (never the first, where the
  // sample rows go), with a column added now and then; dropped, too.
  std::string partitions{};
  // PostgreSQL identity columns' own sequence options (issue #19), drawn for
  // new identity columns and changed in place now and then.
  bool identity_options = false;
};

class ModelGenerator {
 public:
  explicit ModelGenerator(unsigned seed, GeneratorFeatures features = {})
      : rng_(seed),
        objects_rng_(seed * 7919u + 1u),
        generated_rng_(seed * 104729u + 7u),
        domain_rng_(seed * 15485863u + 3u),
        partition_rng_(seed * 49979687u + 11u),
        identity_rng_(seed * 32452843u + 5u),
        features_(features) {}

  migrate::Schema model();
  // Changes `s` in one to three ways; returns what it did, for failure messages.
  std::vector<std::string> change(migrate::Schema& s);

 private:
  std::mt19937 rng_;
  std::mt19937 objects_rng_;
  // Generated columns draw from a stream of their own: the rest of a seed's
  // models and changes stay what they were without them.
  std::mt19937 generated_rng_;
  int gen_below(int n) { return static_cast<int>(generated_rng_() % static_cast<unsigned>(n)); }
  bool gen_chance(int percent) { return gen_below(100) < percent; }
  std::mt19937 domain_rng_;
  int dom_below(int n) { return static_cast<int>(domain_rng_() % static_cast<unsigned>(n)); }
  std::vector<migrate::SchemaObject> domains_;
  migrate::SchemaObject random_domain();
  void retype_domain(migrate::SchemaObject& d);
  void change_domains(std::vector<std::string>& done);
  std::mt19937 partition_rng_;
  int part_below(int n) { return static_cast<int>(partition_rng_() % static_cast<unsigned>(n)); }
  std::vector<migrate::Table> partitioned_;
  migrate::Table random_partitioned();
  migrate::Partition range_partition(const std::string& table, int n) const;
  void change_partitioned(std::vector<std::string>& done);
  std::mt19937 identity_rng_;
  int id_below(int n) { return static_cast<int>(identity_rng_() % static_cast<unsigned>(n)); }
  migrate::SequenceOptions random_identity_options();
  void change_identities(migrate::Schema& s, std::vector<std::string>& done);
  GeneratorFeatures features_;
  struct View {
    std::string name;
    std::string table;  // over a table's columns...
    std::vector<std::string> columns;
    std::string over;       // ... or over another view
    bool filtered = false;  // a changed definition: WHERE 1 = 1
  };
  std::vector<View> views_;
  std::vector<std::pair<std::string, std::string>> triggers_;  // name, table
  void draw_objects(const migrate::Schema& s, int percent);
  void change_objects(const migrate::Schema& s, std::vector<std::string>& done);
  // s.objects from views_ and triggers_, after dropping those whose table,
  // columns or view the change took away.
  void sync_objects(migrate::Schema& s);
  std::string q(const std::string& name) const;
  int objects_below(int n) { return static_cast<int>(objects_rng_() % static_cast<unsigned>(n)); }
  int serial_ = 0;  // keeps generated names unique
  // Columns the current change added without a value in existing rows: they
  // cannot become NOT NULL or carry a CHECK in the same change.
  std::set<std::pair<std::string, std::string>> fresh_;
  // Columns whose default the current change set: the database does not have
  // it yet, so a drop in the same change could not come back NOT NULL.
  std::set<std::pair<std::string, std::string>> redefaulted_;
  // Columns whose nullability this change flipped: the database still has the old one.
  std::set<std::pair<std::string, std::string>> renulled_;
  // Columns the current change added: a NOT NULL one needs the default it came with.
  std::set<std::pair<std::string, std::string>> added_;

  int below(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(below(static_cast<int>(v.size())))];
  }

  migrate::Type random_type();
  std::optional<std::string> random_default(const migrate::Type& t);
  migrate::Column random_column(const std::string& name);
  migrate::Table random_table(const std::string& name, const migrate::Schema& s);
  void add_foreign_key(migrate::Table& child, const migrate::Table& parent, bool nullable);
  std::string fresh_name(const std::string& prefix, const migrate::Table& t);
  bool change_once(migrate::Schema& s, std::string& what);
  bool change_mysql_options(migrate::Schema& s, migrate::Table& t, migrate::Column* c,
                            std::string& what);
  // A generated column on an integer column of `t`, if it has one.
  std::optional<migrate::Column> random_generated(const migrate::Table& t);
  bool change_generated(migrate::Table& t, std::string& what);
};

// The model as schema.yaml (SPEC §3), through the writer `inspect` uses.
std::string model_yaml(const migrate::Schema& s);

// One row per table: INSERT statements whose values satisfy every key,
// unique and check constraint the generator makes (foreign keys point at the
// parent's single row). Run with foreign keys off: cycles have no order.
std::string insert_rows_sql(const migrate::Schema& s);

// A value of type `t` as an SQL literal, the same for every column of the
// type, so that a foreign key column always holds its parent's key.
std::string sample_value(const migrate::Type& t);

}  // namespace itest
