#include "core/model/table_yaml.hpp"

#include "core/base/text.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "core/model/exclusion_yaml.hpp"
#include "core/model/partition_yaml.hpp"
#include "core/model/sequence_yaml.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {
namespace {

using yaml::MapReader;

const std::vector<std::string> kColumnKeys = {
    "name",   "type",       "nullable",  "primary_key", "autoincrement", "default",   "comment",
    "unique", "references", "on_delete", "on_update",   "generated",     "collation", "identity"};
const std::vector<std::string> kAddColumnKeys = {
    "name",       "type",      "nullable",  "autoincrement", "default",   "comment", "unique",
    "references", "on_delete", "on_update", "generated",     "collation", "identity"};
const std::vector<std::string> kExistingColumnKeys = {"name",          "type",      "nullable",
                                                      "autoincrement", "default",   "comment",
                                                      "generated",     "collation", "identity"};

const char* const kActions[] = {"cascade", "restrict", "set null", "set default", "no action"};

// Stored lower case; "no action" is stored as "" because that is what the
// database does when no action is given, so the two compare equal.
std::string read_action(const MapReader& m, const std::string& key) {
  auto written = m.optional(key);
  if (!written) return "";
  std::string action = text::lower_collapsed(*written);
  if (std::find(std::begin(kActions), std::end(kActions), action) == std::end(kActions))
    throw InputError(m.mark_of(key), "'" + key + "' of " + m.what() + " must be one of: " +
                                         "cascade, restrict, set null, set default, no action; " +
                                         "got '" + *written + "'");
  return action == "no action" ? "" : action;
}

std::vector<std::string> required_names(const MapReader& m, const std::string& key) {
  if (!m.has_value(key))
    throw InputError(m.has(key) ? m.mark_of(key) : m.mark(),
                     m.what() + " needs '" + key + "': a list of column names");
  auto out = m.names(key);
  if (out.empty()) throw InputError(m.mark_of(key), "'" + key + "' of " + m.what() + " is empty");
  return out;
}

std::string name_or(const MapReader& m, const std::string& generated) {
  auto name = m.optional("name");
  return name && !name->empty() ? *name : generated;
}

// "table.column" or "schema.table.column", the column-level shorthand.
ForeignKey parse_reference(const std::string& text, const SourceMark& at) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  bool empty_part = std::any_of(parts.begin(), parts.end(), [](auto& p) { return p.empty(); });
  if ((parts.size() != 2 && parts.size() != 3) || empty_part)
    throw InputError(
        at, "references must be 'table.column' or 'schema.table.column', got '" + text + "'");
  ForeignKey fk;
  if (parts.size() == 3) fk.ref_schema = parts[0];
  fk.ref_table = parts[parts.size() - 2];
  fk.ref_columns = {parts.back()};
  return fk;
}

// `generated: {expression: SQL, stored: true|false}`. The database computes
// the value, so a default or a numbering of its own would contradict it.
Generated read_generated(const MapReader& m, bool primary_key) {
  const std::string what = "'generated' of " + m.what();
  if (!m.node("generated").is_map())
    throw InputError(m.mark_of("generated"),
                     what + " must be a map: {expression: SQL, stored: true|false}");
  MapReader g(m.node("generated"), m.file(), what, {"expression", "stored"});
  Generated out;
  out.expression = g.required("expression");
  if (text::trim(out.expression).empty())
    throw InputError(g.mark_of("expression"), "the expression of " + what + " is empty");
  out.stored = g.boolean("stored", false);
  for (const char* key : {"default", "autoincrement"})
    if (m.has(key))
      throw InputError(m.mark_of(key), m.what() + " is generated; it cannot also have '" +
                                           std::string(key) + "' (the expression gives its value)");
  if (primary_key)
    throw InputError(m.mark_of("generated"),
                     m.what() + " is generated; no database lets it be the primary key");
  return out;
}

// `identity: always` or `by_default`, of an autoincrement column; or a map
// that gives its sequence options too, `always: true` for ALWAYS.
void read_identity(const MapReader& m, Column& c) {
  const std::string what = "'identity' of " + m.what();
  const yaml::Node& node = m.node("identity");
  if (node.is_map()) {
    std::vector<std::string> keys = {"always"};
    for (const auto& k : sequence_option_keys()) keys.push_back(k);
    MapReader o(node, m.file(), "the identity of " + m.what(), keys);
    c.identity_always = o.boolean("always", false);
    read_sequence_options(o, c.identity_options);
  } else {
    const std::string v = text::lower_collapsed(m.required("identity"));
    if (v != "always" && v != "by_default")
      throw InputError(m.mark_of("identity"),
                       what + " must be always or by_default, or a map of the identity's " +
                           "sequence options {always: true|false, start, increment, min_value, " +
                           "max_value, cache, cycle}; got '" + v + "'");
    c.identity_always = v == "always";
  }
  if (!m.boolean("autoincrement", false))
    throw InputError(m.mark_of("identity"),
                     what + " needs 'autoincrement: true' (an identity column)");
}

std::string read_collation(const MapReader& m) {
  std::string name = m.required("collation");
  if (text::trim(name).empty())
    throw InputError(m.mark_of("collation"),
                     "'collation' of " + m.what() + " is empty; leave the key out for the default");
  return name;
}

std::string column_label(const yaml::Node& node) {
  if (node.is_map())
    for (const auto& [k, v] : node.pairs())
      if (k.is_scalar() && k.scalar() == "name" && v.is_scalar())
        return "column '" + v.scalar() + "'";
  return "column";
}

Type read_type(const MapReader& m) {
  // `type: ""`: a column declared without a type (SQLite's, affinity BLOB).
  std::string text = m.optional("type").value_or("");
  if (text.empty() && m.has_value("type")) return Type{};
  text = m.required("type");
  try {
    return Type::parse(text);
  } catch (const std::invalid_argument& e) {
    throw InputError(m.mark_of("type"), "malformed type '" + text + "': " + e.what());
  }
}

// Tracks the names of a table's indexes and constraints: two with one name
// would collide in the database, so it is an error here, where the file is known.
class NameRegistry {
 public:
  explicit NameRegistry(std::string table) : table_(std::move(table)) {}
  void add(const std::string& name, const std::string& what, const SourceMark& at) {
    if (name.empty()) return;
    auto [it, fresh] = seen_.emplace(name, std::make_pair(what, at));
    if (!fresh)
      throw InputError(at, what + " '" + name + "' in table '" + table_ + "' has the name of the " +
                               it->second.first + " at " + it->second.second.str() +
                               "; give one of them another name");
  }

 private:
  std::string table_;
  std::map<std::string, std::pair<std::string, SourceMark>> seen_;
};

// Where `name` is written in a list of column names (or the single name).
SourceMark name_mark(const yaml::Node& names, const std::string& name, const std::string& file) {
  if (names.is_sequence())
    for (const auto& item : names.items())
      if (item.is_scalar() && item.scalar() == name) return yaml::mark(item, file);
  return yaml::mark(names, file);
}

void check_columns_exist(const Table& t, const std::vector<std::string>& columns,
                         const std::string& what, const yaml::Node& names,
                         const std::string& file) {
  for (const auto& c : columns) {
    if (t.column(c)) continue;
    std::vector<std::string> have;
    for (const auto& col : t.columns) have.push_back(col.name);
    throw InputError(name_mark(names, c, file),
                     what + " names column '" + c + "', which table '" + t.qualified_name() +
                         "' does not have (columns: " + yaml::join(have) + ")" +
                         (c.find('(') != std::string::npos
                              ? "; an expression is written {expression: \"" + c + "\"}"
                              : std::string()));
  }
}

std::string quoted_name(const std::string& kind, const std::string& name) {
  return kind + " '" + name + "'";
}

}  // namespace

const std::vector<std::string>& mysql_option_keys() {
  static const std::vector<std::string> k = {"mysql_engine", "mysql_charset", "mysql_collate",
                                             "mysql_row_format"};
  return k;
}

std::optional<std::string> read_mysql_option(const MapReader& m, const std::string& key) {
  if (!m.has(key)) return std::nullopt;
  std::string value = m.required(key);
  const bool plain = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  if (!plain)
    throw InputError(m.mark_of(key), "'" + key + "' of " + m.what() +
                                         " must be a plain name (letters, digits, _), got '" +
                                         value + "'");
  return value;
}

const std::vector<std::string>& sqlite_option_keys() {
  static const std::vector<std::string> k = {"sqlite_strict", "sqlite_with_rowid"};
  return k;
}

const std::vector<std::string>& index_keys() {
  static const std::vector<std::string> k = {
      "name", "columns", "unique", "where", "method", "include", "nulls_not_distinct", "visible"};
  return k;
}
const std::vector<std::string>& unique_keys() {
  static const std::vector<std::string> k = {"name", "columns", "deferrable", "initially",
                                             "nulls_not_distinct"};
  return k;
}
const std::vector<std::string>& foreign_key_keys() {
  static const std::vector<std::string> k = {"name",      "columns",    "references", "on_delete",
                                             "on_update", "deferrable", "initially"};
  return k;
}

// `deferrable: true` with `initially: immediate` (the default) or `deferred`.
Deferrable read_deferrable(const MapReader& m) {
  const bool deferrable = m.boolean("deferrable", false);
  if (!m.has("initially")) return deferrable ? "immediate" : "";
  const std::string initially = text::lower_collapsed(m.required("initially"));
  if (initially != "immediate" && initially != "deferred")
    throw InputError(
        m.mark_of("initially"),
        "'initially' of " + m.what() + " must be immediate or deferred, got '" + initially + "'");
  if (!deferrable)
    throw InputError(m.mark_of("initially"),
                     "'initially' of " + m.what() + " needs 'deferrable: true'");
  return initially;
}

void put_deferrable(yaml::Fields& f, const Deferrable& d) {
  if (d.empty()) return;
  f.emplace_back("deferrable", "true");
  if (d == "deferred") f.emplace_back("initially", "deferred");
}
const std::vector<std::string>& check_keys() {
  static const std::vector<std::string> k = {"name", "expression"};
  return k;
}
const std::vector<std::string>& primary_key_keys() {
  static const std::vector<std::string> k = {"name", "columns"};
  return k;
}

// An access method or operator class: a word (an operator class may be
// schema.word), quoted by the dialect all the same.
std::string read_plain_name(const MapReader& m, const std::string& key, bool dotted) {
  std::string value = m.required(key);
  const bool plain = !value.empty() && std::all_of(value.begin(), value.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (dotted && c == '.');
  });
  if (!plain || value.front() == '.' || value.back() == '.')
    throw InputError(m.mark_of(key), "'" + key + "' of " + m.what() +
                                         " must be a plain name (letters, digits, _), got '" +
                                         value + "'");
  return value;
}

namespace {

IndexKey read_key_target(const MapReader& k, const MapReader& m) {
  if (k.has("expression")) {
    if (k.has("column") || k.has("length"))
      throw InputError(k.mark(), "a key of " + m.what() +
                                     " is either {expression: SQL} or {column: NAME, length: N}, "
                                     "not both");
    std::string sql = k.required("expression");
    if (text::trim(sql).empty())
      throw InputError(k.mark_of("expression"),
                       "the expression of a key of " + m.what() + " is empty");
    return IndexKey::of_expression(std::move(sql));
  }
  std::string column = k.required("column");
  if (!k.has_value("length")) return IndexKey(std::move(column));
  const std::string written = k.required("length");
  int length = 0;
  try {
    size_t used = 0;
    length = std::stoi(written, &used);
    if (used != written.size()) length = 0;
  } catch (const std::exception&) {
    length = 0;
  }
  if (length <= 0)
    throw InputError(k.mark_of("length"), "'length' of a key of " + m.what() +
                                              " must be a positive whole number, got '" + written +
                                              "'");
  return IndexKey::of_prefix(std::move(column), length);
}

}  // namespace

// An entry of an index's `columns`: a column's name, {column, length} (a
// MySQL prefix) or {expression: SQL}. Only the last is SQL; a name that looks
// like SQL ("lower(email)") is still a name, quoted by the dialect.
IndexKey read_index_key(const yaml::Node& item, const MapReader& m) {
  const std::string what = "each item of 'columns' of " + m.what();
  if (!item.is_map()) return IndexKey(yaml::scalar(item, m.file(), what));
  MapReader k(item, m.file(), "key of " + m.what(),
              {"column", "length", "expression", "order", "nulls", "opclass"});
  return read_key_fields(k, m);
}

IndexKey read_key_fields(const MapReader& k, const MapReader& m) {
  IndexKey key = read_key_target(k, m);
  if (auto order = k.optional("order")) {
    const std::string o = text::lower_collapsed(*order);
    if (o != "asc" && o != "desc")
      throw InputError(k.mark_of("order"), "'order' of a key of " + m.what() +
                                               " must be asc or desc, got '" + *order + "'");
    key.descending = o == "desc";
  }
  if (auto nulls = k.optional("nulls")) {
    key.nulls = text::lower_collapsed(*nulls);
    if (key.nulls != "first" && key.nulls != "last")
      throw InputError(k.mark_of("nulls"), "'nulls' of a key of " + m.what() +
                                               " must be first or last, got '" + *nulls + "'");
  }
  if (k.has("opclass")) key.opclass = read_plain_name(k, "opclass", true);
  return key;
}

std::vector<IndexKey> required_index_keys(const MapReader& m) {
  if (!m.has_value("columns"))
    throw InputError(m.has("columns") ? m.mark_of("columns") : m.mark(),
                     m.what() +
                         " needs 'columns': a list of column names or "
                         "{expression: SQL} entries");
  const yaml::Node& node = m.node("columns");
  std::vector<IndexKey> out;
  if (node.is_sequence()) {
    for (const auto& item : node.items()) out.push_back(read_index_key(item, m));
  } else if (node.is_scalar()) {
    out.push_back(read_index_key(node, m));
  } else {
    throw InputError(m.mark_of("columns"), "'columns' of " + m.what() +
                                               " must be a list of column names or "
                                               "{expression: SQL} entries, got " +
                                               yaml::kind_name(node));
  }
  if (out.empty()) throw InputError(m.mark_of("columns"), "'columns' of " + m.what() + " is empty");
  return out;
}

Index read_index(const MapReader& m, const std::string& table, const NamingConvention& naming) {
  Index ix;
  ix.keys = required_index_keys(m);
  ix.unique = m.boolean("unique", false);
  if (m.has_value("where")) ix.where = m.required("where");
  if (m.has("method")) ix.method = text::lower_collapsed(read_plain_name(m, "method", false));
  if (ix.method == "btree") ix.method.clear();
  if (m.has_value("include")) ix.include = m.names("include");
  ix.nulls_not_distinct = m.boolean("nulls_not_distinct", false);
  ix.visible = m.boolean("visible", true);
  ix.name = name_or(m, NamingConvention::apply(naming.ix, table, key_columns(ix)));
  return ix;
}

UniqueConstraint read_unique(const MapReader& m, const std::string& table,
                             const NamingConvention& naming) {
  UniqueConstraint uq;
  uq.columns = required_names(m, "columns");
  uq.name = name_or(m, NamingConvention::apply(naming.uq, table, uq.columns));
  uq.deferrable = read_deferrable(m);
  uq.nulls_not_distinct = m.boolean("nulls_not_distinct", false);
  return uq;
}

ForeignKey read_foreign_key(const MapReader& m, const std::string& table,
                            const NamingConvention& naming) {
  std::vector<std::string> columns = required_names(m, "columns");
  if (!m.has_value("references"))
    throw InputError(m.has("references") ? m.mark_of("references") : m.mark(),
                     m.what() + " needs 'references: {table: ..., columns: [...]}'");
  const yaml::Node& ref = m.node("references");
  ForeignKey fk;
  if (ref.is_scalar()) {
    fk = parse_reference(ref.scalar(), m.mark_of("references"));
  } else {
    MapReader r(ref, m.file(), "references of " + m.what(), {"table", "columns", "schema"});
    fk.ref_table = r.required("table");
    fk.ref_columns = required_names(r, "columns");
    fk.ref_schema = r.optional("schema").value_or("");
  }
  fk.columns = std::move(columns);
  if (fk.columns.size() != fk.ref_columns.size())
    throw InputError(m.mark_of("references"),
                     m.what() + " has " + std::to_string(fk.columns.size()) +
                         " column(s) but references " + std::to_string(fk.ref_columns.size()));
  fk.on_delete = read_action(m, "on_delete");
  fk.on_update = read_action(m, "on_update");
  fk.deferrable = read_deferrable(m);
  fk.name = name_or(
      m, NamingConvention::apply(naming.fk, table, fk.columns, fk.ref_table, fk.ref_columns));
  return fk;
}

CheckConstraint read_check(const MapReader& m, const std::string& table,
                           const NamingConvention& naming, int ordinal) {
  CheckConstraint ck;
  ck.expression = m.required("expression");
  ck.name =
      name_or(m, NamingConvention::apply(naming.ck, table, {}, "", {}, std::to_string(ordinal)));
  return ck;
}

PrimaryKey read_primary_key(const MapReader& m, const std::string& table,
                            const NamingConvention& naming) {
  PrimaryKey pk;
  pk.columns = required_names(m, "columns");
  pk.name = name_or(m, NamingConvention::apply(naming.pk, table, pk.columns));
  return pk;
}

ParsedColumn parse_column(const yaml::Node& node, const std::string& file, const std::string& table,
                          ColumnSyntax syntax, const NamingConvention& naming) {
  const auto& keys = syntax == ColumnSyntax::table        ? kColumnKeys
                     : syntax == ColumnSyntax::add_column ? kAddColumnKeys
                                                          : kExistingColumnKeys;
  MapReader m(node, file, column_label(node), keys);
  ParsedColumn out;
  Column& c = out.column;
  c.mark = m.mark();
  if (syntax == ColumnSyntax::existing) {
    c.name = m.optional("name").value_or("");
  } else {
    if (!m.has_value("name")) throw InputError(m.mark(), "column has no 'name'");
    c.name = m.required("name");
  }
  if (!m.has_value("type"))
    throw InputError(m.has("type") ? m.mark_of("type") : m.mark(), m.what() + " has no 'type'");
  c.type = read_type(m);
  out.primary_key = m.boolean("primary_key", false);
  auto nullable = m.optional_bool("nullable");
  out.nullable_given = nullable.has_value();
  c.nullable = nullable.value_or(!out.primary_key);
  c.autoincrement = m.boolean("autoincrement", false);
  if (m.has("identity")) read_identity(m, c);
  if (m.has_value("default")) {
    // Kept as written: `default: 0` and `default: "0"` are the same SQL expression.
    std::string text = yaml::scalar(m.node("default"), file, "'default' of " + m.what());
    if (text.empty())
      throw InputError(m.mark_of("default"),
                       "'default' of " + m.what() +
                           " is empty; write an SQL expression, e.g. \"''\" for an empty string");
    c.server_default = text;
  }
  c.comment = m.optional("comment");
  if (m.has_value("generated")) c.generated = read_generated(m, out.primary_key);
  if (m.has("collation")) c.collation = read_collation(m);
  if (m.boolean("unique", false))
    out.unique = UniqueConstraint{NamingConvention::apply(naming.uq, table, {c.name}), {c.name}};
  if (auto ref = m.optional("references")) {
    ForeignKey fk = parse_reference(*ref, m.mark_of("references"));
    fk.columns = {c.name};
    fk.on_delete = read_action(m, "on_delete");
    fk.on_update = read_action(m, "on_update");
    fk.name = NamingConvention::apply(naming.fk, table, fk.columns, fk.ref_table, fk.ref_columns);
    out.foreign_key = std::move(fk);
    out.foreign_key_mark = m.mark_of("references");
  } else {
    for (const char* key : {"on_delete", "on_update"})
      if (m.has(key))
        throw InputError(m.mark_of(key), "'" + std::string(key) + "' of " + m.what() +
                                             " needs 'references' (e.g. references: users.id)");
  }
  return out;
}

ParsedTable parse_table(const yaml::Node& node, const std::string& file, TableSyntax syntax,
                        const NamingConvention& naming, const std::string& name,
                        const SourceMark& name_mark) {
  std::vector<std::string> keys = {
      "columns", "primary_key", "indexes", "foreign_keys", "unique_constraints",
      "checks",  "exclusions",  "comment"};
  keys.insert(keys.end(), mysql_option_keys().begin(), mysql_option_keys().end());
  keys.insert(keys.end(), sqlite_option_keys().begin(), sqlite_option_keys().end());
  keys.insert(keys.end(), partition_table_keys().begin(), partition_table_keys().end());
  if (syntax != TableSyntax::existing) keys.push_back("schema");
  if (syntax == TableSyntax::create_table) keys.insert(keys.begin(), "table");
  std::string what = syntax == TableSyntax::model          ? "table '" + name + "'"
                     : syntax == TableSyntax::create_table ? std::string("create_table")
                                                           : "existing table '" + name + "'";
  MapReader m(node, file, what, keys);

  ParsedTable out;
  Table& t = out.table;
  t.name = syntax == TableSyntax::create_table ? m.required("table") : name;
  t.mark = name_mark.line > 0 ? name_mark : m.mark();
  t.schema = m.optional("schema").value_or("");
  t.comment = m.optional("comment");
  t.mysql_engine = read_mysql_option(m, "mysql_engine");
  t.mysql_charset = read_mysql_option(m, "mysql_charset");
  t.mysql_collate = read_mysql_option(m, "mysql_collate");
  t.mysql_row_format = read_mysql_option(m, "mysql_row_format");
  t.sqlite_strict = m.boolean("sqlite_strict", false);
  t.sqlite_with_rowid = m.boolean("sqlite_with_rowid", true);
  what = "table '" + t.qualified_name() + "'";

  if (!m.has_value("columns"))
    throw InputError(m.has("columns") ? m.mark_of("columns") : m.mark(),
                     what + " has no columns; give it 'columns:' with at least one column");
  const yaml::Node& columns = m.node("columns");
  yaml::expect_list(columns, file, "'columns' of " + what, false);

  NameRegistry names(t.qualified_name());
  std::vector<std::string> pk_columns;
  std::vector<bool> nullable_given;
  std::vector<UniqueConstraint> column_uniques;
  std::vector<std::pair<ForeignKey, SourceMark>> column_fks;
  // Exact: a grown vector's spare room, over 5,000 tables, was a fifth of autogenerate's peak.
  t.columns.reserve(columns.size());
  for (const auto& item : columns.items()) {
    ParsedColumn pc = parse_column(item, file, t.name, ColumnSyntax::table, naming);
    if (const Column* first = t.column(pc.column.name))
      throw InputError(pc.column.mark, "duplicate column '" + pc.column.name + "' in " + what +
                                           " (first declared at " + first->mark.str() + ")");
    if (pc.primary_key) pk_columns.push_back(pc.column.name);
    if (pc.unique) column_uniques.push_back(*pc.unique);
    if (pc.foreign_key) column_fks.emplace_back(*pc.foreign_key, pc.foreign_key_mark);
    nullable_given.push_back(pc.nullable_given);
    t.columns.push_back(std::move(pc.column));
  }

  if (m.has_value("primary_key")) {
    const yaml::Node& pkn = m.node("primary_key");
    std::string pk_what = "primary_key of " + what;
    std::vector<std::string> listed;
    std::string pk_name;
    yaml::Node listed_node = pkn;
    if (pkn.is_map()) {
      MapReader pm(pkn, file, pk_what, primary_key_keys());
      listed = pm.names("columns");
      pk_name = pm.optional("name").value_or("");
      if (pm.has("columns")) listed_node = pm.node("columns");
    } else {
      listed = yaml::names(pkn, file, pk_what);
    }
    SourceMark at = m.mark_of("primary_key");
    if (listed.empty() && pk_columns.empty()) throw InputError(at, pk_what + " names no columns");
    if (!listed.empty() && !pk_columns.empty() && listed != pk_columns)
      throw InputError(at, pk_what + " lists (" + yaml::join(listed) +
                               ") but the columns marked primary_key: true are (" +
                               yaml::join(pk_columns) + "); declare the key in one place");
    if (!listed.empty()) {
      check_columns_exist(t, listed, pk_what, listed_node, file);
      pk_columns = listed;
    }
    t.primary_key = PrimaryKey{pk_name, pk_columns};
  } else if (!pk_columns.empty()) {
    t.primary_key = PrimaryKey{"", pk_columns};
  }
  if (t.primary_key) {
    if (t.primary_key->name.empty())
      t.primary_key->name = NamingConvention::apply(naming.pk, t.name, t.primary_key->columns);
    for (size_t i = 0; i < t.columns.size(); ++i)
      if (!nullable_given[i] && t.in_primary_key(t.columns[i].name)) t.columns[i].nullable = false;
    names.add(t.primary_key->name, "primary key", m.mark_of("primary_key"));
  }

  // Each list item is read by the same reader the matching op uses.
  auto each = [&](const std::string& key, const auto& read) {
    if (!m.has(key)) return;
    const yaml::Node& list = m.node(key);
    yaml::expect_list(list, file, "'" + key + "' of " + what);
    if (list.is_null()) return;
    for (const auto& item : list.items()) read(item);
  };

  each("indexes", [&](const yaml::Node& item) {
    MapReader r(item, file, "index of " + what, index_keys());
    Index ix = read_index(r, t.name, naming);
    check_columns_exist(t, key_columns(ix), quoted_name("index", ix.name), r.node("columns"), file);
    if (!ix.include.empty())
      check_columns_exist(t, ix.include, quoted_name("index", ix.name), r.node("include"), file);
    names.add(ix.name, "index", r.mark());
    t.indexes.push_back(std::move(ix));
  });

  for (size_t i = 0; i < column_uniques.size(); ++i) {
    names.add(column_uniques[i].name, "unique constraint",
              t.column(column_uniques[i].columns[0])->mark);
    t.uniques.push_back(column_uniques[i]);
  }
  each("unique_constraints", [&](const yaml::Node& item) {
    MapReader r(item, file, "unique constraint of " + what, unique_keys());
    UniqueConstraint uq = read_unique(r, t.name, naming);
    check_columns_exist(t, uq.columns, quoted_name("unique constraint", uq.name), r.node("columns"),
                        file);
    names.add(uq.name, "unique constraint", r.mark());
    t.uniques.push_back(std::move(uq));
  });

  for (auto& [fk, at] : column_fks) {
    names.add(fk.name, "foreign key", at);
    fk.mark = at;
    t.foreign_keys.push_back(fk);
    out.fk_marks.push_back(at);
  }
  each("foreign_keys", [&](const yaml::Node& item) {
    MapReader r(item, file, "foreign key of " + what, foreign_key_keys());
    ForeignKey fk = read_foreign_key(r, t.name, naming);
    check_columns_exist(t, fk.columns, quoted_name("foreign key", fk.name), r.node("columns"),
                        file);
    names.add(fk.name, "foreign key", r.mark());
    fk.mark = r.mark_of("references");
    out.fk_marks.push_back(fk.mark);
    t.foreign_keys.push_back(std::move(fk));
  });

  each("checks", [&](const yaml::Node& item) {
    MapReader r(item, file, "check of " + what, check_keys());
    CheckConstraint ck = read_check(r, t.name, naming, static_cast<int>(t.checks.size()) + 1);
    names.add(ck.name, "check constraint", r.mark());
    t.checks.push_back(std::move(ck));
  });

  each("exclusions", [&](const yaml::Node& item) {
    MapReader r(item, file, "exclusion constraint of " + what, exclusion_keys());
    ExclusionConstraint x = read_exclusion(r);
    const std::string of = quoted_name("exclusion constraint", x.name);
    const auto& elements = r.node("elements").items();
    for (size_t i = 0; i < x.elements.size(); ++i)
      if (x.elements[i].key.is_column())
        check_columns_exist(t, {x.elements[i].key.text}, of, elements[i], file);
    if (!x.include.empty()) check_columns_exist(t, x.include, of, r.node("include"), file);
    names.add(x.name, "exclusion constraint", r.mark());
    t.exclusions.push_back(std::move(x));
  });
  read_partitioning(m, t);
  return out;
}

std::string render_column(const Column& c) {
  yaml::Fields f = {{"name", yaml::str(c.name)},
                    {"type", yaml::str(c.type.str())},
                    {"nullable", c.nullable ? "true" : "false"}};
  if (c.server_default) f.emplace_back("default", yaml::str(*c.server_default));
  if (c.autoincrement) f.emplace_back("autoincrement", "true");
  if (c.autoincrement && c.identity_options != SequenceOptions{}) {
    yaml::Fields identity;
    if (c.identity_always) identity.emplace_back("always", "true");
    put_sequence_options(identity, c.identity_options);
    f.emplace_back("identity", yaml::flow_map(identity));
  } else if (c.identity_always) {
    f.emplace_back("identity", "always");
  }
  if (c.comment) f.emplace_back("comment", yaml::str(*c.comment));
  if (c.collation) f.emplace_back("collation", yaml::str(*c.collation));
  if (c.generated)
    f.emplace_back("generated",
                   yaml::flow_map({{"expression", yaml::str(c.generated->expression)},
                                   {"stored", c.generated->stored ? "true" : "false"}}));
  return yaml::flow_map(f);
}

yaml::Fields index_fields(const Index& ix, bool named) {
  yaml::Fields f;
  if (named) f.emplace_back("name", yaml::str(ix.name));
  std::string keys = "[";
  for (size_t i = 0; i < ix.keys.size(); ++i) {
    const IndexKey& k = ix.keys[i];
    keys += i ? ", " : "";
    yaml::Fields key;
    if (k.expression)
      key.emplace_back("expression", yaml::str(k.text));
    else
      key.emplace_back("column", yaml::str(k.text));
    if (k.length) key.emplace_back("length", std::to_string(k.length));
    if (k.descending) key.emplace_back("order", "desc");
    if (!k.nulls.empty()) key.emplace_back("nulls", k.nulls);
    if (!k.opclass.empty()) key.emplace_back("opclass", yaml::str(k.opclass));
    keys += key.size() == 1 && !k.expression ? yaml::str(k.text) : yaml::flow_map(key);
  }
  f.emplace_back("columns", keys + "]");
  if (ix.unique) f.emplace_back("unique", "true");
  if (!ix.where.empty()) f.emplace_back("where", yaml::str(ix.where));
  if (!ix.method.empty()) f.emplace_back("method", yaml::str(ix.method));
  if (!ix.include.empty()) f.emplace_back("include", yaml::flow_list(ix.include));
  if (ix.nulls_not_distinct) f.emplace_back("nulls_not_distinct", "true");
  if (!ix.visible) f.emplace_back("visible", "false");
  return f;
}

std::string render_index(const Index& ix) {
  return yaml::flow_map(index_fields(ix, true));
}

std::string render_unique(const UniqueConstraint& uq) {
  yaml::Fields f = {{"name", yaml::str(uq.name)}, {"columns", yaml::flow_list(uq.columns)}};
  put_deferrable(f, uq.deferrable);
  if (uq.nulls_not_distinct) f.emplace_back("nulls_not_distinct", "true");
  return yaml::flow_map(f);
}

std::string render_foreign_key(const ForeignKey& fk) {
  yaml::Fields ref = {{"table", yaml::str(fk.ref_table)},
                      {"columns", yaml::flow_list(fk.ref_columns)}};
  if (!fk.ref_schema.empty()) ref.emplace_back("schema", yaml::str(fk.ref_schema));
  yaml::Fields f = {{"name", yaml::str(fk.name)},
                    {"columns", yaml::flow_list(fk.columns)},
                    {"references", yaml::flow_map(ref)}};
  if (!fk.on_delete.empty()) f.emplace_back("on_delete", yaml::str(fk.on_delete));
  if (!fk.on_update.empty()) f.emplace_back("on_update", yaml::str(fk.on_update));
  put_deferrable(f, fk.deferrable);
  return yaml::flow_map(f);
}

std::string render_check(const CheckConstraint& ck) {
  return yaml::flow_map({{"name", yaml::str(ck.name)}, {"expression", yaml::str(ck.expression)}});
}

std::string render_primary_key(const PrimaryKey& pk) {
  // An unnamed key (SQLite keeps no names) is written as a plain list and
  // named by the naming convention when read back.
  if (pk.name.empty()) return yaml::flow_list(pk.columns);
  return yaml::flow_map({{"name", yaml::str(pk.name)}, {"columns", yaml::flow_list(pk.columns)}});
}

std::string render_table_body(const Table& t, int indent) {
  std::string pad(static_cast<size_t>(indent), ' ');
  std::string out;
  auto list = [&](const std::string& key, const auto& items, const auto& render) {
    if (items.empty()) return;
    out += pad + key + ":\n";
    for (const auto& item : items) out += pad + "  - " + render(item) + "\n";
  };
  list("columns", t.columns, render_column);
  if (t.primary_key) out += pad + "primary_key: " + render_primary_key(*t.primary_key) + "\n";
  list("indexes", t.indexes, render_index);
  list("unique_constraints", t.uniques, render_unique);
  list("foreign_keys", t.foreign_keys, render_foreign_key);
  list("checks", t.checks, render_check);
  list("exclusions", t.exclusions, render_exclusion);
  if (t.comment) out += pad + "comment: " + yaml::str(*t.comment) + "\n";
  if (t.mysql_engine) out += pad + "mysql_engine: " + yaml::str(*t.mysql_engine) + "\n";
  if (t.mysql_charset) out += pad + "mysql_charset: " + yaml::str(*t.mysql_charset) + "\n";
  if (t.mysql_collate) out += pad + "mysql_collate: " + yaml::str(*t.mysql_collate) + "\n";
  if (t.mysql_row_format) out += pad + "mysql_row_format: " + yaml::str(*t.mysql_row_format) + "\n";
  if (t.sqlite_strict) out += pad + "sqlite_strict: true\n";
  if (!t.sqlite_with_rowid) out += pad + "sqlite_with_rowid: false\n";
  out += render_partitioning(t, pad);
  return out;
}

}  // namespace migrate
