#pragma once
// The table shape of SPEC §3 in both directions. The model loader, create_table,
// drop_table's `existing` and add_column all read it here, and render_ops
// writes it here, so a table means the same thing wherever it is written.
#include "core/yaml/yaml_node.hpp"

#include <optional>
#include <string>
#include <vector>

#include "core/schema/naming.hpp"
#include "core/schema/schema.hpp"
#include "core/yaml/yaml_read.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {

enum class TableSyntax {
  model,         // named by its key under `tables:`
  create_table,  // named by its own `table:` key
  existing,      // drop_table's `existing:`, named by the op (no `table:`, no `schema:`)
};

struct ParsedTable {
  Table table;
  // Parallel to table.foreign_keys: where each was written, for the model's
  // check that referenced tables exist (which needs every table loaded first).
  std::vector<SourceMark> fk_marks;
};

// `name`/`name_mark` are used by the model and existing syntaxes.
ParsedTable parse_table(const yaml::Node& node, const std::string& file, TableSyntax syntax,
                        const NamingConvention& naming, const std::string& name = "",
                        const SourceMark& name_mark = {});

enum class ColumnSyntax {
  table,       // in a table's `columns:` list
  add_column,  // add_column's `column:`: no primary_key
  existing,    // drop_column's `existing:`: the column alone, `name` optional
};

struct ParsedColumn {
  Column column;
  bool primary_key = false;
  bool nullable_given = false;
  // `unique: true` and `references:` written on the column.
  std::optional<UniqueConstraint> unique;
  std::optional<ForeignKey> foreign_key;
  SourceMark foreign_key_mark;
};

ParsedColumn parse_column(const yaml::Node& node, const std::string& file, const std::string& table,
                          ColumnSyntax syntax, const NamingConvention& naming);

// The keys of one index or constraint; ops that create one accept these plus
// `table` and `schema`, and read them with the functions below.
const std::vector<std::string>& index_keys();        // name columns unique
const std::vector<std::string>& unique_keys();       // name columns
const std::vector<std::string>& foreign_key_keys();  // name columns references on_delete on_update
const std::vector<std::string>& check_keys();        // name expression
const std::vector<std::string>& primary_key_keys();  // name columns

// An absent or empty `name` comes from `naming`. `ordinal` is the check's
// 1-based place in its table, for the {constraint} token.
Index read_index(const yaml::MapReader& m, const std::string& table,
                 const NamingConvention& naming);
UniqueConstraint read_unique(const yaml::MapReader& m, const std::string& table,
                             const NamingConvention& naming);
ForeignKey read_foreign_key(const yaml::MapReader& m, const std::string& table,
                            const NamingConvention& naming);
CheckConstraint read_check(const yaml::MapReader& m, const std::string& table,
                           const NamingConvention& naming, int ordinal);
PrimaryKey read_primary_key(const yaml::MapReader& m, const std::string& table,
                            const NamingConvention& naming);

// The key an index entry's map describes (`column` or `expression`, with
// `length`, `order`, `nulls`, `opclass`), `k` being that map and `m` its
// index's; for other lists of keys (an exclusion constraint's elements).
IndexKey read_key_fields(const yaml::MapReader& k, const yaml::MapReader& m);
// The value of `key`: letters, digits and _ (and with `dotted`, schema.name).
std::string read_plain_name(const yaml::MapReader& m, const std::string& key, bool dotted);

// `deferrable` and `initially` of a unique constraint or foreign key.
Deferrable read_deferrable(const yaml::MapReader& m);
// Adds `deferrable: true` (and `initially: deferred`) to `f` for a deferrable one.
void put_deferrable(yaml::Fields& f, const Deferrable& d);

// sqlite_strict, sqlite_with_rowid: the SQLite table options, true or false.
const std::vector<std::string>& sqlite_option_keys();

// A MySQL table option (mysql_engine, mysql_charset, mysql_collate) as
// written; nullopt when absent. An engine, character set or collation is a
// plain name: anything else is an InputError at the key's value.
std::optional<std::string> read_mysql_option(const yaml::MapReader& m, const std::string& key);
// The three keys, in the order they are written.
const std::vector<std::string>& mysql_option_keys();

// Flow maps ({name: ..., ...}) that the readers above read back unchanged.
// Names are always written, so the result does not depend on the naming convention.
std::string render_column(const Column& c);
std::string render_index(const Index& ix);
// An index's keys, for the flow map above and for ops that splice them in.
yaml::Fields index_fields(const Index& ix, bool named);
std::string render_unique(const UniqueConstraint& uq);
std::string render_foreign_key(const ForeignKey& fk);
std::string render_check(const CheckConstraint& ck);
std::string render_primary_key(const PrimaryKey& pk);

// The table's shape keys (columns, primary_key, indexes, ...), one "key: ..."
// block per line prefixed by `indent` spaces, each line ending in '\n'. Not
// its name or schema: the caller writes those the way its syntax wants.
std::string render_table_body(const Table& t, int indent);

}  // namespace migrate
