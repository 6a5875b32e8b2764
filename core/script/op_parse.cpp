#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "core/model/enum_yaml.hpp"
#include "core/model/exclusion_yaml.hpp"
#include "core/model/object_yaml.hpp"
#include "core/model/partition_yaml.hpp"
#include "core/model/sequence_yaml.hpp"
#include "core/model/table_yaml.hpp"
#include "core/schema/schema_object.hpp"
#include "core/script/op_yaml.hpp"
#include "core/yaml/yaml_read.hpp"

namespace migrate {
namespace {

using yaml::MapReader;

struct Context {
  std::string file;
  const NamingConvention& naming;
};

std::vector<std::string> with_table(const std::vector<std::string>& keys) {
  std::vector<std::string> out = {"table", "schema"};
  out.insert(out.end(), keys.begin(), keys.end());
  return out;
}

TableRef read_ref(const MapReader& m) {
  return TableRef{m.optional("schema").value_or(""), m.required("table")};
}

Type read_type(const MapReader& m, const std::string& key) {
  // `type: ""`: a column declared without a type (SQLite's, affinity BLOB).
  std::string text = m.optional(key).value_or("");
  if (text.empty() && m.has_value(key)) return Type{};
  text = m.required(key);
  try {
    return Type::parse(text);
  } catch (const std::invalid_argument& e) {
    throw InputError(m.mark_of(key), "malformed type '" + text + "': " + e.what());
  }
}

// For alter_column's default/comment: absent = unchanged, null = none.
std::optional<std::optional<std::string>> read_nullable_text(const MapReader& m,
                                                             const std::string& key) {
  if (!m.has(key)) return std::nullopt;
  auto text = m.optional(key);
  if (text && text->empty() && key.find("default") != std::string::npos)
    throw InputError(m.mark_of(key), "'" + key + "' of " + m.what() +
                                         " is empty; write an SQL expression, or null for none");
  return text;
}

OpBody parse_create_table(const yaml::Node& body, const Context& cx) {
  return CreateTable{parse_table(body, cx.file, TableSyntax::create_table, cx.naming).table};
}

OpBody parse_drop_table(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "drop_table", {"table", "schema", "existing"});
  DropTable op{read_ref(m), std::nullopt};
  if (m.has_value("existing")) {
    Table t = parse_table(m.node("existing"), cx.file, TableSyntax::existing, cx.naming,
                          op.ref.table, m.mark_of("existing"))
                  .table;
    t.schema = op.ref.schema;
    op.existing = std::move(t);
  }
  return op;
}

OpBody parse_rename_table(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "rename_table", {"table", "schema", "new_name"});
  return RenameTable{read_ref(m), m.required("new_name")};
}

// `after: column` or `first: true`; neither: at the end.
ColumnPosition read_position(const MapReader& m, const std::string& after,
                             const std::string& first) {
  ColumnPosition p;
  if (m.has(after)) p.after = m.required(after);
  p.first = m.boolean(first, false);
  if (p.first && !p.after.empty())
    throw InputError(m.mark_of(first), "'" + first + "' and '" + after + "' of " + m.what() +
                                           " say two places: keep one");
  return p;
}

OpBody parse_add_column(const yaml::Node& body, const Context& cx) {
  MapReader m(
      body, cx.file, "add_column",
      {"table", "schema", "column", "unique_constraints", "foreign_keys", "after", "first"});
  AddColumn op;
  op.ref = read_ref(m);
  op.position = read_position(m, "after", "first");
  if (!m.has_value("column"))
    throw InputError(m.has("column") ? m.mark_of("column") : m.mark(),
                     "add_column needs 'column: {name: ..., type: ...}'");
  ParsedColumn pc =
      parse_column(m.node("column"), cx.file, op.ref.table, ColumnSyntax::add_column, cx.naming);
  op.column = std::move(pc.column);
  if (pc.unique) op.uniques.push_back(*pc.unique);
  if (pc.foreign_key) op.foreign_keys.push_back(*pc.foreign_key);
  // The long forms carry their own names, so autogenerate's output reads back
  // the same under any naming convention.
  auto each = [&](const std::string& key, const auto& read) {
    if (!m.has(key)) return;
    const yaml::Node& list = m.node(key);
    yaml::expect_list(list, cx.file, "'" + key + "' of add_column");
    if (list.is_null()) return;
    for (const auto& item : list.items()) read(item);
  };
  each("unique_constraints", [&](const yaml::Node& item) {
    MapReader r(item, cx.file, "unique constraint of add_column", unique_keys());
    op.uniques.push_back(read_unique(r, op.ref.table, cx.naming));
  });
  each("foreign_keys", [&](const yaml::Node& item) {
    MapReader r(item, cx.file, "foreign key of add_column", foreign_key_keys());
    op.foreign_keys.push_back(read_foreign_key(r, op.ref.table, cx.naming));
  });
  return op;
}

OpBody parse_drop_column(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "drop_column",
              {"table", "schema", "column", "existing", "existing_after", "existing_first"});
  DropColumn op{read_ref(m), m.required("column"), std::nullopt};
  op.existing_position = read_position(m, "existing_after", "existing_first");
  if (m.has_value("existing")) {
    ParsedColumn pc =
        parse_column(m.node("existing"), cx.file, op.ref.table, ColumnSyntax::existing, cx.naming);
    if (!pc.column.name.empty() && pc.column.name != op.column)
      throw InputError(m.mark_of("existing"), "drop_column drops '" + op.column +
                                                  "' but its existing column is named '" +
                                                  pc.column.name + "'");
    pc.column.name = op.column;
    op.existing = std::move(pc.column);
  }
  return op;
}

OpBody parse_alter_column(const yaml::Node& body, const Context& cx) {
  MapReader m(
      body, cx.file, "alter_column",
      with_table({"column", "type", "nullable", "default", "new_name", "comment", "autoincrement",
                  "collation", "identity", "identity_options", "existing_type", "existing_nullable",
                  "existing_default", "existing_comment", "existing_autoincrement",
                  "existing_collation", "existing_identity", "existing_identity_options"}));
  AlterColumn op;
  op.ref = read_ref(m);
  op.column = m.required("column");
  if (m.has_value("type")) op.type = read_type(m, "type");
  op.nullable = m.optional_bool("nullable");
  op.server_default = read_nullable_text(m, "default");
  if (m.has("new_name")) op.new_name = m.required("new_name");
  op.comment = read_nullable_text(m, "comment");
  op.autoincrement = m.optional_bool("autoincrement");
  op.collation = read_nullable_text(m, "collation");
  if (m.has_value("existing_type")) op.existing_type = read_type(m, "existing_type");
  op.existing_nullable = m.optional_bool("existing_nullable");
  op.existing_server_default = read_nullable_text(m, "existing_default");
  op.existing_comment = read_nullable_text(m, "existing_comment");
  op.existing_autoincrement = m.optional_bool("existing_autoincrement");
  op.existing_collation = read_nullable_text(m, "existing_collation");
  for (auto [key, field] : {std::pair{"identity", &op.identity_always},
                            std::pair{"existing_identity", &op.existing_identity_always}}) {
    if (!m.has(key)) continue;
    const std::string v = text::lower_collapsed(m.required(key));
    if (v != "always" && v != "by_default")
      throw InputError(m.mark_of(key), std::string("'") + key +
                                           "' of alter_column must be always or by_default, got '" +
                                           v + "'");
    *field = v == "always";
  }
  // All of them, `{}` the defaults: what is left out is not "as it was".
  for (auto [key, field] :
       {std::pair{"identity_options", &op.identity_options},
        std::pair{"existing_identity_options", &op.existing_identity_options}}) {
    if (!m.has(key)) continue;
    MapReader o(m.node(key), cx.file, std::string("'") + key + "' of alter_column",
                sequence_option_keys());
    read_sequence_options(o, field->emplace());
  }
  if (!op.type && !op.nullable && !op.server_default && !op.new_name && !op.comment &&
      !op.autoincrement && !op.collation && !op.identity_always && !op.identity_options)
    throw InputError(m.mark(), "alter_column of " + op.ref.qualified() + "." + op.column +
                                   " changes nothing; give type, nullable, default, new_name, "
                                   "comment, autoincrement, identity, identity_options or "
                                   "collation");
  return op;
}

OpBody parse_create_index(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "create_index", with_table(index_keys()));
  TableRef ref = read_ref(m);
  return CreateIndex{ref, read_index(m, ref.table, cx.naming)};
}

OpBody parse_drop_index(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "drop_index", {"table", "schema", "name", "existing"});
  DropIndex op{read_ref(m), m.required("name"), std::nullopt};
  if (m.has_value("existing")) {
    MapReader e(
        m.node("existing"), cx.file, "existing index of drop_index",
        {"columns", "unique", "where", "method", "include", "nulls_not_distinct", "visible"});
    Index ix = read_index(e, op.ref.table, cx.naming);
    ix.name = op.name;
    op.existing = std::move(ix);
  }
  return op;
}

OpBody parse_create_unique(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "create_unique_constraint", with_table(unique_keys()));
  TableRef ref = read_ref(m);
  return CreateUniqueConstraint{ref, read_unique(m, ref.table, cx.naming)};
}

OpBody parse_create_foreign_key(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "create_foreign_key", with_table(foreign_key_keys()));
  TableRef ref = read_ref(m);
  return CreateForeignKey{ref, read_foreign_key(m, ref.table, cx.naming)};
}

OpBody parse_create_check(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "create_check_constraint", with_table(check_keys()));
  TableRef ref = read_ref(m);
  // A check's conventional name numbers it within its table, which one op cannot know.
  if (!m.has_value("name")) throw InputError(m.mark(), "create_check_constraint needs a 'name'");
  return CreateCheckConstraint{ref, read_check(m, ref.table, cx.naming, 1)};
}

OpBody parse_create_primary_key(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "create_primary_key", with_table(primary_key_keys()));
  TableRef ref = read_ref(m);
  return CreatePrimaryKey{ref, read_primary_key(m, ref.table, cx.naming)};
}

std::vector<std::string> without_name(const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  for (const auto& k : keys)
    if (k != "name") out.push_back(k);
  return out;
}

OpBody parse_drop_constraint(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "drop_constraint", {"table", "schema", "name", "type", "existing"});
  DropConstraint op;
  op.ref = read_ref(m);
  op.name = m.required("name");
  if (auto type = m.optional("type")) {
    const ConstraintKind kinds[] = {ConstraintKind::unique, ConstraintKind::foreign_key,
                                    ConstraintKind::check, ConstraintKind::primary_key};
    for (auto k : kinds)
      if (*type == to_string(k)) op.kind = k;
    if (op.kind == ConstraintKind::unknown)
      throw InputError(m.mark_of("type"),
                       "'type' of drop_constraint must be one of: unique, "
                       "foreignkey, check, primary; got '" +
                           *type + "'");
  }
  if (!m.has_value("existing")) return op;
  const yaml::Node& e = m.node("existing");
  std::string what = "existing constraint of drop_constraint";
  switch (op.kind) {
    case ConstraintKind::unique: {
      MapReader r(e, cx.file, what, without_name(unique_keys()));
      op.existing = read_unique(r, op.ref.table, cx.naming);
      std::get<UniqueConstraint>(op.existing).name = op.name;
      break;
    }
    case ConstraintKind::foreign_key: {
      MapReader r(e, cx.file, what, without_name(foreign_key_keys()));
      op.existing = read_foreign_key(r, op.ref.table, cx.naming);
      std::get<ForeignKey>(op.existing).name = op.name;
      break;
    }
    case ConstraintKind::check: {
      MapReader r(e, cx.file, what, without_name(check_keys()));
      op.existing = read_check(r, op.ref.table, cx.naming, 1);
      std::get<CheckConstraint>(op.existing).name = op.name;
      break;
    }
    case ConstraintKind::primary_key: {
      MapReader r(e, cx.file, what, without_name(primary_key_keys()));
      op.existing = read_primary_key(r, op.ref.table, cx.naming);
      std::get<PrimaryKey>(op.existing).name = op.name;
      break;
    }
    case ConstraintKind::unknown:
      throw InputError(m.mark_of("existing"),
                       "drop_constraint needs 'type' (unique, foreignkey, check or primary) to "
                       "read its 'existing' constraint");
  }
  return op;
}

OpBody parse_execute(const yaml::Node& body, const Context& cx) {
  Execute op;
  if (body.is_scalar()) {
    op.sql["default"] = body.scalar();
  } else {
    MapReader m(body, cx.file, "execute", {"sqlite", "postgresql", "mysql", "default"});
    for (const auto& e : m.entries()) op.sql[e.key] = m.required(e.key);
  }
  if (op.sql.empty() || (op.sql.size() == 1 && op.sql.begin()->second.empty()))
    throw InputError(yaml::mark(body, cx.file), "execute has no SQL");
  return op;
}

OpBody parse_bulk_insert(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "bulk_insert", {"table", "schema", "rows"});
  BulkInsert op;
  op.ref = read_ref(m);
  if (!m.has("rows")) throw InputError(m.mark(), "bulk_insert needs 'rows: [{column: value}]'");
  const yaml::Node& rows = m.node("rows");
  yaml::expect_list(rows, cx.file, "'rows' of bulk_insert");
  if (rows.is_null()) return op;
  for (const auto& row : rows.items()) {
    SourceMark at = yaml::mark(row, cx.file);
    if (!row.is_map())
      throw InputError(at, "each row of bulk_insert must be a map of column to value, got " +
                               yaml::kind_name(row));
    std::vector<std::pair<std::string, Value>> values;
    for (const auto& [k, v] : row.pairs()) {
      std::string column = yaml::scalar(k, cx.file, "a column name in bulk_insert");
      for (const auto& [seen, v] : values)
        if (seen == column)
          throw InputError(yaml::mark(k, cx.file),
                           "column '" + column + "' appears twice in one row of bulk_insert");
      values.emplace_back(column,
                          read_value(v, cx.file, "value of '" + column + "' in bulk_insert"));
    }
    op.rows.push_back(std::move(values));
  }
  return op;
}

OpBody parse_alter_table_comment(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "alter_table_comment",
              {"table", "schema", "comment", "existing_comment"});
  AlterTableComment op;
  op.ref = read_ref(m);
  if (!m.has("comment"))
    throw InputError(m.mark(), "alter_table_comment needs 'comment' (null removes the comment)");
  op.comment = *read_nullable_text(m, "comment");
  op.existing_comment = read_nullable_text(m, "existing_comment");
  return op;
}

// Enum ops name their type with `name:`; `schema:` is optional as for tables.
struct EnumRef {
  std::string schema;
  std::string name;
};
EnumRef read_enum_ref(const MapReader& m) {
  return {m.optional("schema").value_or(""), m.required("name")};
}
std::optional<std::vector<std::string>> optional_values(const MapReader& m, const std::string& key,
                                                        const std::string& what) {
  if (!m.has_value(key)) return std::nullopt;
  return read_enum_values(m.node(key), m.file(), "'" + key + "' of " + what);
}
std::vector<std::string> required_values(const MapReader& m, const std::string& key,
                                         const std::string& what) {
  if (!m.has_value(key))
    throw InputError(m.mark(), what + " needs '" + key + "': the list of the enum's values");
  return *optional_values(m, key, what);
}

OpBody parse_create_enum(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "create_enum", {"name", "schema", "values"});
  EnumRef r = read_enum_ref(m);
  return CreateEnum{Enum{r.schema, r.name, required_values(m, "values", "create_enum"), m.mark()}};
}

OpBody parse_drop_enum(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "drop_enum", {"name", "schema", "existing_values"});
  EnumRef r = read_enum_ref(m);
  return DropEnum{r.schema, r.name, optional_values(m, "existing_values", "drop_enum")};
}

OpBody parse_alter_enum(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "alter_enum", {"name", "schema", "values", "existing_values"});
  EnumRef r = read_enum_ref(m);
  return AlterEnum{r.schema, r.name, required_values(m, "values", "alter_enum"),
                   optional_values(m, "existing_values", "alter_enum")};
}

OpBody parse_alter_table_options(const yaml::Node& body, const Context& cx) {
  std::vector<std::string> keys = {"table", "schema", "columns"};
  for (const auto* list : {&mysql_option_keys(), &sqlite_option_keys()})
    for (const auto& k : *list) {
      keys.push_back(k);
      keys.push_back("existing_" + k);
    }
  MapReader m(body, cx.file, "alter_table_options", keys);
  AlterTableOptions op;
  op.ref = read_ref(m);
  op.mysql_engine = read_mysql_option(m, "mysql_engine");
  op.mysql_charset = read_mysql_option(m, "mysql_charset");
  op.mysql_collate = read_mysql_option(m, "mysql_collate");
  op.existing_mysql_engine = read_mysql_option(m, "existing_mysql_engine");
  op.existing_mysql_charset = read_mysql_option(m, "existing_mysql_charset");
  op.existing_mysql_collate = read_mysql_option(m, "existing_mysql_collate");
  op.mysql_row_format = read_mysql_option(m, "mysql_row_format");
  op.existing_mysql_row_format = read_mysql_option(m, "existing_mysql_row_format");
  op.sqlite_strict = m.optional_bool("sqlite_strict");
  op.sqlite_with_rowid = m.optional_bool("sqlite_with_rowid");
  op.existing_sqlite_strict = m.optional_bool("existing_sqlite_strict");
  op.existing_sqlite_with_rowid = m.optional_bool("existing_sqlite_with_rowid");
  if (m.has("columns")) op.columns = m.names("columns");
  if (!op.mysql_engine && !op.mysql_charset && !op.mysql_collate && !op.mysql_row_format &&
      !op.sqlite_strict && !op.sqlite_with_rowid)
    throw InputError(m.mark(),
                     "alter_table_options changes nothing: give mysql_engine, mysql_charset, "
                     "mysql_collate, mysql_row_format, sqlite_strict or sqlite_with_rowid");
  return op;
}

// The object ops: `name:`, `schema:` and a trigger's `table:` say which
// object; the kind's own keys (core/model/object_yaml.hpp) what it is; a
// drop or replace holds what was there as `existing: {...}`.
std::vector<std::string> object_identity_keys(ObjectKind k) {
  std::vector<std::string> keys = {"name", "schema"};
  if (k == ObjectKind::trigger) keys.push_back("table");
  return keys;
}

SchemaObject read_object_identity(const MapReader& m, ObjectKind k) {
  SchemaObject o;
  o.kind = k;
  o.name = m.required("name");
  o.schema = m.optional("schema").value_or("");
  if (k == ObjectKind::trigger) o.table = m.required("table");
  o.mark = m.mark();
  return o;
}

std::optional<SchemaObject> read_existing_object(const MapReader& m, const SchemaObject& of,
                                                 const Context& cx) {
  if (!m.has_value("existing")) return std::nullopt;
  // An extension's schema is where it is, not which one it is: `existing`
  // says where it was.
  std::vector<std::string> keys = object_body_keys(of.kind);
  if (of.kind == ObjectKind::extension) keys.push_back("schema");
  MapReader e(m.node("existing"), cx.file, "'existing' of " + m.what(), keys);
  SchemaObject o = of;
  if (of.kind == ObjectKind::extension) o.schema = e.optional("schema").value_or("");
  o.definition.clear();
  o.sequence = {};
  o.indexes.clear();
  o.domain = {};
  o.version.clear();
  read_object_body(e, o, cx.naming, true);
  return o;
}

std::string object_op_name(const char* verb, ObjectKind k) {
  if (altered_in_place(k) && std::string(verb) == "replace")
    return std::string("alter_") + object_key(k);
  return std::string(verb) + "_" + object_key(k);
}

template <ObjectKind K>
OpBody parse_create_object(const yaml::Node& body, const Context& cx) {
  auto keys = object_identity_keys(K);
  for (const auto& k : object_body_keys(K)) keys.push_back(k);
  MapReader m(body, cx.file, object_op_name("create", K), keys);
  SchemaObject o = read_object_identity(m, K);
  read_object_body(m, o, cx.naming, true);
  return CreateObject{std::move(o)};
}

template <ObjectKind K>
OpBody parse_drop_object(const yaml::Node& body, const Context& cx) {
  auto keys = object_identity_keys(K);
  keys.push_back("existing");
  MapReader m(body, cx.file, object_op_name("drop", K), keys);
  SchemaObject o = read_object_identity(m, K);
  return DropObject{K, o.schema, o.name, o.table, read_existing_object(m, o, cx)};
}

template <ObjectKind K>
OpBody parse_replace_object(const yaml::Node& body, const Context& cx) {
  auto keys = object_identity_keys(K);
  for (const auto& k : object_body_keys(K)) keys.push_back(k);
  keys.push_back("existing");
  MapReader m(body, cx.file, object_op_name("replace", K), keys);
  SchemaObject o = read_object_identity(m, K);
  read_object_body(m, o, cx.naming, true);
  auto existing = read_existing_object(m, o, cx);
  return ReplaceObject{std::move(o), std::move(existing)};
}

// The partition ops: `table:` (and `schema:`) name the partitioned table.
OpBody parse_add_partition(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "add_partition", {"table", "schema", "partition", "before"});
  AddPartition op;
  op.ref = read_ref(m);
  if (!m.has_value("partition"))
    throw InputError(m.mark(), "add_partition needs 'partition: {name: ..., values: ...}'");
  op.partition = read_partition(m.node("partition"), cx.file, "add_partition");
  op.before = m.optional("before").value_or("");
  return op;
}

OpBody parse_drop_partition(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "drop_partition", {"table", "schema", "name", "existing", "before"});
  DropPartition op;
  op.ref = read_ref(m);
  op.name = m.required("name");
  if (m.has_value("existing")) {
    MapReader e(m.node("existing"), cx.file, "'existing' of drop_partition", {"values", "default"});
    op.existing = Partition{op.name, e.optional("values").value_or(""), e.boolean("default", false),
                            e.mark()};
  }
  op.before = m.optional("before").value_or("");
  return op;
}

OpBody parse_alter_partitioning(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "alter_partitioning",
              {"table", "schema", "partition_by", "partitions", "existing_partition_by",
               "existing_partitions"});
  AlterPartitioning op;
  op.ref = read_ref(m);
  const std::string what = "alter_partitioning";
  // `partition_by: null` removes the partitioning; absent is a mistake.
  if (!m.has("partition_by"))
    throw InputError(m.mark(), "alter_partitioning needs 'partition_by' (null: remove it)");
  if (m.has_value("partition_by"))
    op.partition_by = read_partition_by(m.node("partition_by"), cx.file, what);
  if (m.has_value("partitions"))
    op.partitions = read_partitions(m.node("partitions"), cx.file, what);
  if (m.has("existing_partition_by")) {
    op.existing_partition_by.emplace();
    if (m.has_value("existing_partition_by"))
      *op.existing_partition_by = read_partition_by(m.node("existing_partition_by"), cx.file, what);
  }
  if (m.has_value("existing_partitions"))
    op.existing_partitions = read_partitions(m.node("existing_partitions"), cx.file, what);
  return op;
}

OpBody parse_create_exclusion(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "create_exclusion_constraint", with_table(exclusion_keys()));
  return CreateExclusionConstraint{read_ref(m), read_exclusion(m)};
}

OpBody parse_drop_exclusion(const yaml::Node& body, const Context& cx) {
  MapReader m(body, cx.file, "drop_exclusion_constraint", {"table", "schema", "name", "existing"});
  DropExclusionConstraint op{read_ref(m), m.required("name")};
  if (m.has_value("existing")) {
    MapReader e(m.node("existing"), cx.file, "existing constraint of drop_exclusion_constraint",
                without_name(exclusion_keys()));
    op.existing = read_exclusion(e, false);
    op.existing->name = op.name;
  }
  return op;
}

using Parser = OpBody (*)(const yaml::Node&, const Context&);

// In OpBody's alternative order, which is SPEC §4's order.
const std::pair<const char*, Parser> kParsers[] = {
    {"create_table", parse_create_table},
    {"drop_table", parse_drop_table},
    {"rename_table", parse_rename_table},
    {"add_column", parse_add_column},
    {"drop_column", parse_drop_column},
    {"alter_column", parse_alter_column},
    {"create_index", parse_create_index},
    {"drop_index", parse_drop_index},
    {"create_unique_constraint", parse_create_unique},
    {"create_foreign_key", parse_create_foreign_key},
    {"create_check_constraint", parse_create_check},
    {"create_primary_key", parse_create_primary_key},
    {"drop_constraint", parse_drop_constraint},
    {"execute", parse_execute},
    {"bulk_insert", parse_bulk_insert},
    {"alter_table_comment", parse_alter_table_comment},
    {"create_enum", parse_create_enum},
    {"drop_enum", parse_drop_enum},
    {"alter_enum", parse_alter_enum},
    {"alter_table_options", parse_alter_table_options},
    {"create_view", parse_create_object<ObjectKind::view>},
    {"drop_view", parse_drop_object<ObjectKind::view>},
    {"replace_view", parse_replace_object<ObjectKind::view>},
    {"create_materialized_view", parse_create_object<ObjectKind::materialized_view>},
    {"drop_materialized_view", parse_drop_object<ObjectKind::materialized_view>},
    {"replace_materialized_view", parse_replace_object<ObjectKind::materialized_view>},
    {"create_sequence", parse_create_object<ObjectKind::sequence>},
    {"drop_sequence", parse_drop_object<ObjectKind::sequence>},
    {"alter_sequence", parse_replace_object<ObjectKind::sequence>},
    {"create_trigger", parse_create_object<ObjectKind::trigger>},
    {"drop_trigger", parse_drop_object<ObjectKind::trigger>},
    {"replace_trigger", parse_replace_object<ObjectKind::trigger>},
    {"create_function", parse_create_object<ObjectKind::function>},
    {"drop_function", parse_drop_object<ObjectKind::function>},
    {"replace_function", parse_replace_object<ObjectKind::function>},
    {"create_procedure", parse_create_object<ObjectKind::procedure>},
    {"drop_procedure", parse_drop_object<ObjectKind::procedure>},
    {"replace_procedure", parse_replace_object<ObjectKind::procedure>},
    {"add_partition", parse_add_partition},
    {"drop_partition", parse_drop_partition},
    {"alter_partitioning", parse_alter_partitioning},
    {"create_domain", parse_create_object<ObjectKind::domain>},
    {"drop_domain", parse_drop_object<ObjectKind::domain>},
    {"alter_domain", parse_replace_object<ObjectKind::domain>},
    {"create_extension", parse_create_object<ObjectKind::extension>},
    {"drop_extension", parse_drop_object<ObjectKind::extension>},
    {"alter_extension", parse_replace_object<ObjectKind::extension>},
    {"create_exclusion_constraint", parse_create_exclusion},
    {"drop_exclusion_constraint", parse_drop_exclusion},
};

bool is_true_word(const std::string& s) {
  return s == "true" || s == "True" || s == "TRUE";
}
bool is_false_word(const std::string& s) {
  return s == "false" || s == "False" || s == "FALSE";
}

// YAML 1.2 core schema number forms, written out by hand: std::regex is slow
// and trips GCC 12's -Wmaybe-uninitialized under the sanitizer build.
size_t skip_digits(const std::string& s, size_t i) {
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i;
}

size_t skip_sign(const std::string& s) {
  return !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
}

bool is_int(const std::string& s) {
  size_t start = skip_sign(s);
  size_t end = skip_digits(s, start);
  return end > start && end == s.size();
}

// [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_float(const std::string& s) {
  size_t i = skip_sign(s);
  size_t int_end = skip_digits(s, i);
  bool digits = int_end > i;
  i = int_end;
  if (i < s.size() && s[i] == '.') {
    size_t frac_end = skip_digits(s, i + 1);
    digits = digits || frac_end > i + 1;
    i = frac_end;
  }
  if (!digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_end = skip_digits(s, i);
    if (exp_end == i) return false;
    i = exp_end;
  }
  return i == s.size();
}

bool is_inf(const std::string& s) {
  std::string rest = s.substr(skip_sign(s));
  return rest == ".inf" || rest == ".Inf" || rest == ".INF";
}

bool is_nan(const std::string& s) {
  return s == ".nan" || s == ".NaN" || s == ".NAN";
}

}  // namespace

const std::vector<std::string>& op_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, parser] : kParsers) out.push_back(name);
    return out;
  }();
  return names;
}

Value read_value(const yaml::Node& node, const std::string& file, const std::string& what) {
  if (node.is_null()) return std::monostate{};
  if (!node.is_scalar())
    throw InputError(yaml::mark(node, file),
                     what + " must be a single value, got " + yaml::kind_name(node));
  const std::string& s = node.scalar();
  // "?" is a plain scalar; "!" (quoted) or an explicit tag keeps the text a string.
  if (node.tag() != "?") return s;
  if (is_true_word(s)) return true;
  if (is_false_word(s)) return false;
  if (is_int(s)) {
    std::int64_t v = 0;
    const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
    auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
      throw InputError(yaml::mark(node, file),
                       what + " " + s + " does not fit in 64 bits; quote it to insert it as text");
    return v;
  }
  if (is_float(s)) return std::strtod(s.c_str(), nullptr);
  if (is_inf(s))
    return s[0] == '-' ? -std::numeric_limits<double>::infinity()
                       : std::numeric_limits<double>::infinity();
  if (is_nan(s)) return std::numeric_limits<double>::quiet_NaN();
  return s;
}

Op parse_op(const yaml::Node& item, const std::string& file, const NamingConvention& naming) {
  SourceMark at = yaml::mark(item, file);
  if (!item.is_map())
    throw InputError(
        at, "an operation must be a map like `- add_column: {...}`, got " + yaml::kind_name(item));
  // The operation's name, and beside it at most `lint:` (migrate lint's
  // per-operation suppressions, which change nothing that runs).
  std::string lint;
  yaml::Node name_node, body;
  int names = 0;
  std::vector<std::string> keys;
  for (const auto& [k, v] : item.pairs()) {
    std::string key = k.is_scalar() ? k.scalar() : "?";
    keys.push_back(key);
    if (key == "lint") {
      lint = yaml::scalar(v, file, "'lint' of an operation");
    } else if (names++ == 0) {
      name_node = k;
      body = v;
    }
  }
  if (names != 1)
    throw InputError(at,
                     "an operation is a map with one key, its name (and optionally `lint:`); "
                     "this one has keys " +
                         yaml::join(keys) + " (indent the operation's fields under its name)");
  std::string name = yaml::scalar(name_node, file, "an operation name");
  for (const auto& [known, parser] : kParsers) {
    if (name != known) continue;
    if (body.is_null()) throw InputError(yaml::mark(name_node, file), name + " has no fields");
    Op op{parser(body, Context{file, naming}), at};
    op.lint = std::move(lint);
    return op;
  }
  throw InputError(yaml::mark(name_node, file),
                   "unknown operation '" + name + "'; known operations: " + yaml::join(op_names()));
}

}  // namespace migrate
