#pragma once
// The dialect-neutral schema: one model shared by the YAML model loader,
// revision files (create_table) and database introspection.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/error.hpp"
#include "core/schema/partition.hpp"
#include "core/schema/type.hpp"

namespace migrate {

// A column the database computes from others (GENERATED ALWAYS AS (expression)).
// Virtual: computed when read; stored: written with the row.
struct Generated {
  std::string expression;  // SQL, as written
  bool stored = false;
  friend bool operator==(const Generated&, const Generated&) = default;
};

// A sequence's options (PostgreSQL's CREATE SEQUENCE). nullopt: not stated,
// the database's default, which inspect leaves out as well.
struct SequenceOptions {
  std::optional<std::string> type;  // AS smallint | integer | bigint
  std::optional<long long> start;
  std::optional<long long> increment;
  std::optional<long long> min_value;
  std::optional<long long> max_value;
  std::optional<long long> cache;
  bool cycle = false;
  std::string owned_by;  // "table.column" (or "schema.table.column"); "": none
  friend bool operator==(const SequenceOptions&, const SequenceOptions&) = default;
};

struct Column {
  std::string name;
  Type type;
  bool nullable = true;
  std::optional<std::string> server_default;  // an SQL expression, as written
  bool autoincrement = false;
  // An autoincrement column that refuses values given by INSERT (PostgreSQL's
  // GENERATED ALWAYS AS IDENTITY; false: BY DEFAULT). Others ignore it.
  bool identity_always = false;
  std::optional<std::string> comment;
  std::optional<Generated> generated;
  // The collation its text compares by (PostgreSQL COLLATE "C", SQLite
  // NOCASE); nullopt: the type's or the database's default.
  std::optional<std::string> collation;
  SourceMark mark;
  // The options of an identity's own sequence (PostgreSQL's GENERATED ... AS
  // IDENTITY (START WITH 100 ...)); only the numbering ones, never `type`
  // (the column's) or `owned_by` (the column). All unstated: the defaults, so
  // there is one spelling of "no options" to compare.
  SequenceOptions identity_options{};

  friend bool operator==(const Column& a, const Column& b) {
    return a.name == b.name && a.type == b.type && a.nullable == b.nullable &&
           a.server_default == b.server_default && a.autoincrement == b.autoincrement &&
           a.comment == b.comment && a.generated == b.generated && a.collation == b.collation &&
           a.identity_always == b.identity_always && a.identity_options == b.identity_options;
  }
};

struct PrimaryKey {
  std::string name;  // may be empty: SQLite does not keep PK names
  std::vector<std::string> columns;
  friend bool operator==(const PrimaryKey&, const PrimaryKey&) = default;
};

// One key of an index: a column, always quoted by the dialect, or an SQL
// expression, which only an explicit `{expression: ...}` entry makes: a
// name is never spliced into SQL as text.
struct IndexKey {
  std::string text;  // the column's name, or the expression
  bool expression = false;
  int length = 0;  // MySQL's prefix length of a column key; 0: the whole column
  bool descending = false;
  std::string nulls{};    // "first" or "last"; "": the database's default for the order
  std::string opclass{};  // PostgreSQL's operator class; "": the type's default

  IndexKey() = default;
  IndexKey(std::string column) : text(std::move(column)) {}  // NOLINT: a column key
  IndexKey(const char* column) : text(column) {}             // NOLINT: a column key
  static IndexKey of_expression(std::string sql) {
    IndexKey k(std::move(sql));
    k.expression = true;
    return k;
  }
  static IndexKey of_prefix(std::string column, int length) {
    IndexKey k(std::move(column));
    k.length = length;
    return k;
  }
  bool is_column() const { return !expression; }
  // "email", "name(10)", "(lower(email))": for messages and lists.
  std::string str() const;
  friend bool operator==(const IndexKey&, const IndexKey&) = default;
};

struct Index {
  std::string name;
  std::vector<IndexKey> keys;
  bool unique = false;
  // A partial index's predicate as SQL ("deleted_at IS NULL"); empty: every row.
  std::string where{};
  // The access method: PostgreSQL's gin, gist, brin, hash, spgist; MySQL's
  // fulltext, spatial, hash. "": the database's default (btree).
  std::string method{};
  std::vector<std::string> include{};  // PostgreSQL's INCLUDE: columns stored, not keyed
  bool nulls_not_distinct = false;     // PostgreSQL 15's UNIQUE NULLS NOT DISTINCT
  bool visible = true;                 // false: MySQL 8 INVISIBLE, MariaDB IGNORED
  friend bool operator==(const Index&, const Index&) = default;
};

// A constraint checked at the end of the transaction (SQL's DEFERRABLE):
// "" not deferrable; "immediate" or "deferred", what it is INITIALLY.
using Deferrable = std::string;

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  Deferrable deferrable{};
  bool nulls_not_distinct = false;  // PostgreSQL 15's UNIQUE NULLS NOT DISTINCT
  friend bool operator==(const UniqueConstraint&, const UniqueConstraint&) = default;
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_schema;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete;  // lower case: "cascade", "set null", ...; empty = no action
  std::string on_update;
  SourceMark mark{};  // where a model declares it (`references:`), for later checks
  Deferrable deferrable{};
  friend bool operator==(const ForeignKey& a, const ForeignKey& b) {
    return a.name == b.name && a.columns == b.columns && a.ref_schema == b.ref_schema &&
           a.ref_table == b.ref_table && a.ref_columns == b.ref_columns &&
           a.on_delete == b.on_delete && a.on_update == b.on_update && a.deferrable == b.deferrable;
  }
};

struct CheckConstraint {
  std::string name;
  std::string expression;
  friend bool operator==(const CheckConstraint&, const CheckConstraint&) = default;
};

// One element of an exclusion constraint: a key (a column or an expression,
// with its operator class and order, as an index key) and the operator that
// no two rows may both satisfy on it.
struct ExclusionElement {
  IndexKey key;
  std::string op;  // "&&", "=", or "schema.op" for one outside the search path
  friend bool operator==(const ExclusionElement&, const ExclusionElement&) = default;
};

// PostgreSQL's EXCLUDE constraint: no two rows (that meet `where`) have
// every element's operator true between them. Its index is the constraint's,
// never a model index.
struct ExclusionConstraint {
  std::string name;
  std::string using_ = "gist";  // the access method, lower case: gist, spgist, btree, hash
  std::vector<ExclusionElement> elements;
  std::string where{};  // SQL; empty: every row
  Deferrable deferrable{};
  std::vector<std::string> include{};  // columns stored in its index, not compared
  friend bool operator==(const ExclusionConstraint&, const ExclusionConstraint&) = default;
};

struct Table {
  std::string schema;  // empty: the connection's default
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<Index> indexes;
  std::vector<UniqueConstraint> uniques;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  std::optional<std::string> comment;
  // MySQL's table options, named as SQLAlchemy's dialect keywords. nullopt:
  // not stated, whatever the server gives, never a difference. Other
  // dialects ignore them.
  std::optional<std::string> mysql_engine;   // InnoDB, MyISAM, ...
  std::optional<std::string> mysql_charset;  // the default character set of its text columns
  std::optional<std::string> mysql_collate;
  std::optional<std::string> mysql_row_format;  // DYNAMIC, COMPACT, COMPRESSED, ...
  // SQLite's STRICT and WITHOUT ROWID (SQLAlchemy's sqlite_strict and
  // sqlite_with_rowid). Other dialects ignore them.
  bool sqlite_strict = false;
  bool sqlite_with_rowid = true;
  SourceMark mark;
  // Declarative partitioning (core/schema/partition.hpp); nullopt: a plain table.
  std::optional<PartitionBy> partition_by{};
  std::vector<Partition> partitions{};
  // PostgreSQL's EXCLUDE constraints; other dialects refuse a table with any.
  std::vector<ExclusionConstraint> exclusions{};

  const Column* column(const std::string& n) const;
  Column* column(const std::string& n);
  bool in_primary_key(const std::string& column_name) const;
  std::string qualified_name() const;  // "schema.name" or "name"
};

// The column names of an index's column keys, in order.
std::vector<std::string> key_columns(const Index& ix);

// A named enumerated type (PostgreSQL's CREATE TYPE ... AS ENUM); columns
// use it by writing its name as their type.
struct Enum {
  std::string schema;  // empty: the connection's default
  std::string name;
  std::vector<std::string> values;  // in sort order
  SourceMark mark;

  std::string qualified_name() const;  // "schema.name" or "name"
  friend bool operator==(const Enum& a, const Enum& b) {
    return a.schema == b.schema && a.name == b.name && a.values == b.values;
  }
};

// What a database holds beside tables, as SQL text it keeps: see
// core/schema/schema_object.hpp for the kinds and what `definition` is.
enum class ObjectKind {
  view,
  materialized_view,
  sequence,
  trigger,
  function,
  procedure,
  domain,
  extension
};

// A PostgreSQL domain (CREATE DOMAIN): a base type with a default, NOT NULL
// and checks, which columns use by writing its name as their type.
struct DomainOptions {
  std::string type;                           // the base type
  std::optional<std::string> server_default;  // an SQL expression
  bool nullable = true;
  std::optional<std::string> collation;
  std::vector<CheckConstraint> checks;  // on VALUE, each named
  friend bool operator==(const DomainOptions&, const DomainOptions&) = default;
};

struct SchemaObject {
  ObjectKind kind = ObjectKind::view;
  std::string schema;  // empty: the connection's default
  std::string name;
  std::string table;  // a trigger: the table it fires on (in `schema`)
  // A view or materialized view: its query (SELECT ...). A trigger,
  // function or procedure: the whole CREATE statement, as the user writes it
  // (inspect: as the database gives it back). A sequence, domain or
  // extension: empty.
  std::string definition;
  SequenceOptions sequence;    // a sequence only
  std::vector<Index> indexes;  // a materialized view only
  // What it reads ("table", "schema.view"), from the catalog's dependency
  // tables where it has them: autogenerate drops it before they change and
  // makes it again after. Not part of the model; never compared.
  std::vector<std::string> depends_on{};
  SourceMark mark{};
  DomainOptions domain{};  // a domain only
  // An extension's version (CREATE EXTENSION ... VERSION); "": not stated,
  // whichever the server installs. Its `schema` is where its objects go.
  std::string version{};

  std::string qualified_name() const;  // "schema.name" or "name"
  // Equal in what the database keeps (not depends_on or mark).
  friend bool operator==(const SchemaObject& a, const SchemaObject& b) {
    return a.kind == b.kind && a.schema == b.schema && a.name == b.name && a.table == b.table &&
           a.definition == b.definition && a.sequence == b.sequence && a.indexes == b.indexes &&
           a.domain == b.domain && a.version == b.version;
  }
};

// How a database matches the names of a statement to what it holds.
// Migrate quotes every name, so only databases that ignore case in quoted
// names fold: SQLite (every name) and MySQL (columns and indexes).
struct NameRules {
  bool fold_tables = false;   // table names, ASCII case ignored
  bool fold_columns = false;  // column, index and constraint names
  bool any() const { return fold_tables || fold_columns; }
  bool same_table(const std::string& a, const std::string& b) const;
  bool same_column(const std::string& a, const std::string& b) const;
};

struct Schema {
  std::vector<Table> tables;
  std::vector<Enum> enums;
  // Views, sequences, triggers, functions, ...: in the order made, so that
  // each comes after what it reads.
  std::vector<SchemaObject> objects;
  // The schema an unqualified name means (PostgreSQL's current_schema()),
  // where inspect knows it: compare reads a model's `schema:` naming it as
  // no schema, which is how inspect writes it.
  std::string default_schema{};
  // Values alter_enum added to an enum that kept all of its others (PostgreSQL's
  // ADD VALUE) since this Schema was read, as (enum's qualified name, value):
  // the ops simulator keeps them, for PostgreSQL cannot read such a value in
  // the transaction that added it. Compare ignores them.
  std::vector<std::pair<std::string, std::string>> added_enum_values{};

  // The schemas its tables and their foreign keys name, sorted, without "".
  std::vector<std::string> schema_names() const;

  const Table* table(const std::string& name, const std::string& schema = "") const;
  Table* table(const std::string& name, const std::string& schema = "");
  const Enum* enum_type(const std::string& name, const std::string& schema = "") const;
  Enum* enum_type(const std::string& name, const std::string& schema = "");
  // A trigger is found by its table too (PostgreSQL names them per table).
  const SchemaObject* object(ObjectKind kind, const std::string& name,
                             const std::string& schema = "", const std::string& table = "") const;
};

}  // namespace migrate
