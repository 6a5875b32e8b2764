#pragma once
// What compare asks of a database: the spelling it stores things in, and what
// its catalog can report at all. Dialect (core/dialect/dialect.hpp) derives
// from it, so the comparison engine sees a dialect only through this, and
// stays pure: no connection, no SQL generation, no configuration.
#include <string>

#include "core/schema/schema.hpp"

namespace migrate {

class DiffRules {
 public:
  virtual ~DiffRules() = default;
  // "sqlite", "postgresql", "mysql": for compare's warnings.
  virtual std::string name() const = 0;

  // `t` spelled the way this database's inspect would report it. compare
  // calls it on BOTH sides (each model table and each inspected table) and
  // compares the results, so spellings the database stores alike agree: on
  // SQLite string(50) and varchar(50), TRUE and 1, (0) and 0. It may rewrite
  // values (names, types, defaults, nullability, check and index
  // expressions, FK actions) but must keep every column, index and
  // constraint, in order: compare maps each difference back to the model's
  // own item, which the ops carry. It must be idempotent. What the catalog
  // cannot report at all is filtered out by inspect, not here. The default
  // applies normalize_common() (core/compare/compare.hpp): canonical SQL
  // spelling of defaults, checks and expression index keys, lower-case FK
  // actions.
  virtual Table normalize(const Table& t) const;
  // Whether inspect reports table and column comments, and CHECK
  // constraints; compare ignores what it cannot see.
  virtual bool keeps_comments() const { return true; }
  // Whether the database has named enum types (Schema::enums); where it has
  // none, compare leaves the model's `enums:` alone.
  virtual bool has_enum_types() const { return false; }
  virtual bool reports_checks() const { return true; }
  // Whether alter_column can change autoincrement here; where it cannot,
  // compare warns about a difference instead of writing an op.
  virtual bool alters_autoincrement() const { return false; }
  // Whether inspect reports Table::mysql_* (engine, character set,
  // collation); elsewhere compare ignores them.
  virtual bool keeps_table_options() const { return false; }
  // Whether inspect reports Table::sqlite_* (STRICT, WITHOUT ROWID).
  virtual bool keeps_rowid_options() const { return false; }
  // Whether add_column can put a column among the others (ColumnPosition),
  // so that a downgrade gives a dropped column back its place. PostgreSQL
  // only appends.
  virtual bool places_columns() const { return false; }
  // Whether the database has objects of kind `k` (Schema::objects); where
  // it has none, compare leaves the model's section alone.
  virtual bool has_object_kind(ObjectKind k) const {
    (void)k;
    return false;
  }
  // `o` spelled the way this database's inspect reports it, on both sides
  // like normalize. The default: definitions in canonical_sql() spelling.
  virtual SchemaObject normalize_object(const SchemaObject& o) const;
  // Whether the database has partitioned tables (Table::partition_by), and
  // whether it re-partitions one in place, keeping its rows (MySQL's ALTER
  // TABLE ... PARTITION BY); where not, compare drops and makes the table again.
  virtual bool has_partitions() const { return false; }
  virtual bool repartitions_in_place() const { return false; }
  // Whether the order of partitions is the database's (MySQL keeps them in
  // order; PostgreSQL's are tables, matched by name).
  virtual bool orders_partitions() const { return false; }
  // Whether the database has exclusion constraints (Table::exclusions,
  // PostgreSQL's EXCLUDE); where not, a model or op with one is refused.
  virtual bool has_exclusion_constraints() const { return false; }
  // Whether the column takes its character set from its table's default.
  virtual bool follows_table_charset(const Column& c) const {
    (void)c;
    return false;
  }
};

}  // namespace migrate
