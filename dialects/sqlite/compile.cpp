#include "dialects/sqlite/compile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/base/error.hpp"
#include "core/dialect/ddl_text.hpp"
#include "core/ops/apply.hpp"
#include "core/schema/schema_object.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/sqlite/connection.hpp"
#include "dialects/sqlite/inspect.hpp"
#include "dialects/sqlite/types.hpp"

namespace migrate {
namespace sqlite {
namespace {

std::string qi(std::string_view ident) {
  return sql_double_quote(ident);
}

std::string qname(const std::string& schema, const std::string& name) {
  return schema.empty() ? qi(name) : qi(schema) + "." + qi(name);
}

std::string qtable(const Table& t) {
  return qname(t.schema, t.name);
}

std::string column_list(const std::vector<std::string>& cols) {
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? ", " : "") + qi(cols[i]);
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string constraint_prefix(const std::string& name) {
  return name.empty() ? "" : "CONSTRAINT " + qi(name) + " ";
}

bool lone_pk_column(const Table& t, const Column& c) {
  return t.primary_key && t.primary_key->columns.size() == 1 && t.primary_key->columns[0] == c.name;
}

std::string fk_action(const std::string& action, const char* when, const SourceMark& mark) {
  std::string a = lower(action);
  if (a.empty()) return "";
  if (a != "cascade" && a != "set null" && a != "set default" && a != "restrict" &&
      a != "no action")
    throw InputError(mark, "unknown foreign key action \"" + action +
                               "\" (use cascade, set null, set default, restrict or no action)");
  return std::string(" ON ") + when + " " + upper(a);
}

// REFERENCES "parent" ("col") ON DELETE ... (SQLite keys cannot cross databases).
std::string references_sql(const ForeignKey& fk, const SourceMark& mark) {
  std::string s = "REFERENCES " + qi(fk.ref_table);
  if (!fk.ref_columns.empty()) s += " (" + column_list(fk.ref_columns) + ")";
  s += fk_action(fk.on_delete, "DELETE", mark);
  s += fk_action(fk.on_update, "UPDATE", mark);
  return s + ddl::deferrable(fk.deferrable);
}

// AUTOINCREMENT numbers past the largest rowid ever used, and nothing else.
void no_identity_options(const Table& t, const Column& c, const SourceMark& mark) {
  if (c.identity_options != SequenceOptions{})
    throw InputError(mark, "column \"" + c.name + "\" of table \"" + t.name +
                               "\" has identity options (start, increment, min_value, "
                               "max_value, cache, cycle), which only PostgreSQL has: SQLite's "
                               "AUTOINCREMENT takes none; leave them out for this database");
}

std::string column_sql(const Table& t, const Column& c, const SourceMark& mark) {
  no_identity_options(t, c, mark);
  std::string s = qi(c.name);
  if (c.autoincrement) {
    // SQLite accepts AUTOINCREMENT only on "INTEGER PRIMARY KEY", written inline.
    if (!lone_pk_column(t, c) || !has_integer_affinity(c.type))
      throw InputError(mark, "column \"" + c.name + "\" of table \"" + t.name +
                                 "\": SQLite allows autoincrement only on a table's single "
                                 "integer primary-key column");
    s +=
        " INTEGER NOT NULL " + constraint_prefix(t.primary_key->name) + "PRIMARY KEY AUTOINCREMENT";
  } else {
    std::string type = type_sql(c.type);
    if (!type.empty()) s += " " + type;
    // A lone INTEGER primary key is the rowid and can never be NULL; saying
    // so keeps what inspect reads back equal to the model.
    if (!c.nullable || (lone_pk_column(t, c) && type == "INTEGER")) s += " NOT NULL";
  }
  if (c.server_default) s += " DEFAULT " + default_sql(*c.server_default);
  if (c.collation) s += " COLLATE " + qi(*c.collation);
  if (c.generated)
    s += " GENERATED ALWAYS AS (" + c.generated->expression + ")" +
         (c.generated->stored ? " STORED" : " VIRTUAL");
  return s;
}

bool has_autoincrement(const Table& t) {
  return std::any_of(t.columns.begin(), t.columns.end(),
                     [](const Column& c) { return c.autoincrement; });
}

const Table& need_table(const Schema& s, const TableRef& ref, const SourceMark& mark) {
  const Table* t = s.table(ref.table, ref.schema);
  if (!t) throw InputError(mark, "table \"" + ref.qualified() + "\" does not exist");
  return *t;
}

// The table after `op`, played on a schema holding only that table: the
// simulator's checks (missing columns, duplicate names) are the op's checks.
Table simulate(const Table& t, const Op& op) {
  Schema one;
  one.tables.push_back(t);
  apply_op(one, op);
  return one.tables.front();
}

// Tables whose rows SQLite would change if `t` were dropped while foreign
// keys are enforced.
std::vector<std::string> cascading_children(const Schema& current, const Table& t) {
  std::vector<std::string> out;
  for (const auto& other : current.tables) {
    if (other.name == t.name && other.schema == t.schema) continue;
    for (const auto& fk : other.foreign_keys) {
      std::string a = lower(fk.on_delete);
      if (iequals(fk.ref_table, t.name) &&
          (a == "cascade" || a == "set null" || a == "set default"))
        out.push_back(other.name);
    }
  }
  return out;
}

// The rebuild of SQLite's "generalized ALTER TABLE procedure": create the
// new shape under a temporary name, copy the rows, drop the old table,
// rename the new one into place, recreate the indexes. `from` is the table
// as it stands (only its column names matter: the columns to copy); `to` is
// the table wanted.
//
// Dropping a table while foreign keys are enforced first deletes all its
// rows, which fires ON DELETE CASCADE / SET NULL in the child tables. PRAGMA
// defer_foreign_keys does not help (it defers checks, not actions), and
// PRAGMA foreign_keys = OFF is a no-op inside a transaction, so the caller's
// transaction must have been opened with enforcement off:
// SqliteConnection::begin() does that and checks every key before COMMIT.
std::vector<Statement> rebuild(const Schema& current, const Table& from, const Table& to,
                               const SourceMark& mark) {
  const std::string tmp = "_migrate_tmp_" + to.name;
  std::vector<Statement> out;
  // Takes effect when run outside a transaction (a non-transactional
  // revision); inside one it is a no-op and the guard below decides.
  out.push_back({"PRAGMA foreign_keys = OFF", {}});
  // Guards: SQLite has no RAISE outside triggers, so a JSON path error
  // carries the message, raised only when the SELECT finds a row.
  auto children = cascading_children(current, from);
  if (!children.empty())
    out.push_back(
        {"SELECT json_extract('{}', ?) FROM pragma_foreign_keys WHERE foreign_keys",
         {"rebuilding table " + from.name + " with foreign_keys=ON would delete or null rows of " +
          children.front() + " through ON DELETE; run PRAGMA foreign_keys=OFF before BEGIN"}});
  // DROP TABLE takes the table's triggers along: those whose statement the
  // schema holds (inspected, SQLite keeps it as written) are made again
  // after the rename. Any other (offline, where the schema is replayed from
  // the revisions, or after a rename in the same run) stops the rebuild.
  std::vector<const SchemaObject*> triggers;
  std::string known;
  std::vector<Value> guard{"rebuilding table " + from.name + " would drop its trigger ",
                           "; drop the trigger before this operation and create it again after "
                           "it (execute)",
                           from.name};
  for (const auto& tr : current.objects)
    if (tr.kind == ObjectKind::trigger && iequals(tr.table, from.name) &&
        tr.schema == from.schema && !tr.definition.empty()) {
      triggers.push_back(&tr);
      known += std::string(known.empty() ? "" : ", ") + "?";
      guard.push_back(tr.name);
    }
  out.push_back(
      {"SELECT json_extract('{}', ? || name || ?) FROM sqlite_schema "
       "WHERE type = 'trigger' AND tbl_name = ? COLLATE NOCASE" +
           (known.empty() ? "" : " AND name NOT IN (" + known + ")"),
       std::move(guard)});
  out.push_back({create_table_sql(to, tmp, mark), {}});
  std::vector<std::string> kept;
  // A generated column is computed by the new table, never copied into it.
  for (const auto& c : to.columns)
    if (const Column* was = from.column(c.name); was && !was->generated && !c.generated)
      kept.push_back(c.name);
  if (!kept.empty())
    out.push_back({"INSERT INTO " + qname(to.schema, tmp) + " (" + column_list(kept) + ") SELECT " +
                       column_list(kept) + " FROM " + qtable(from),
                   {}});
  if (has_autoincrement(to)) {
    // Keep AUTOINCREMENT's high-water mark: ids of deleted rows stay unused.
    out.push_back({"DELETE FROM sqlite_sequence WHERE name = ?", {tmp}});
    out.push_back(
        {"INSERT INTO sqlite_sequence (name, seq) SELECT ?, seq FROM sqlite_sequence "
         "WHERE name = ?",
         {tmp, from.name}});
  }
  out.push_back({"DROP TABLE " + qtable(from), {}});
  // Legacy mode renames without re-checking views and triggers that name the
  // dropped table (they would fail "no such table" until the rename is done).
  out.push_back({"PRAGMA legacy_alter_table = ON", {}});
  out.push_back({"ALTER TABLE " + qname(to.schema, tmp) + " RENAME TO " + qi(to.name), {}});
  out.push_back({"PRAGMA legacy_alter_table = OFF", {}});
  for (const auto& ix : to.indexes) out.push_back({create_index_sql(to, ix), {}});
  for (const SchemaObject* tr : triggers) out.push_back({tr->definition, {}});
  out.push_back({"PRAGMA foreign_keys = ON", {}});
  return out;
}

// What an index of the model asks that SQLite's CREATE INDEX cannot say.
void check_index(const Index& ix, const SourceMark& mark) {
  const std::string what = "index \"" + ix.name + "\"";
  std::string other;
  if (!ix.method.empty()) other = "method: " + ix.method;
  if (!ix.include.empty()) other = "include";
  if (ix.nulls_not_distinct) other = "nulls_not_distinct";
  if (!ix.visible) other = "visible: false";
  for (const auto& k : ix.keys) {
    if (!k.opclass.empty()) other = "an operator class (" + k.opclass + ")";
    if (!k.nulls.empty())
      other = "nulls: " + k.nulls + " (SQLite's NULLs come first ascending, last descending)";
  }
  if (!other.empty())
    throw InputError(mark, what + " has " + other + ", which SQLite's indexes do not have");
}

struct Compiler {
  const Schema& current;
  const SourceMark& mark;
  const Op& op;

  std::vector<Statement> operator()(const CreateTable& o) const {
    const Table& t = o.table;
    if (current.table(t.name, t.schema))
      throw InputError(mark, "table \"" + t.qualified_name() + "\" already exists");
    if (t.partition_by)
      throw InputError(mark, "table \"" + t.qualified_name() +
                                 "\" has partition_by, but sqlite has no partitioned tables");
    std::vector<Statement> out{{create_table_sql(t, t.name, mark), {}}};
    for (const auto& ix : t.indexes) {
      check_index(ix, mark);
      out.push_back({create_index_sql(t, ix), {}});
    }
    return out;
  }

  std::vector<Statement> operator()(const DropTable& o) const {
    const Table& t = need_table(current, o.ref, mark);
    return {{"DROP TABLE " + qtable(t), {}}};
  }

  std::vector<Statement> operator()(const RenameTable& o) const {
    const Table& t = need_table(current, o.ref, mark);
    if (current.table(o.new_name, t.schema))
      throw InputError(mark, "cannot rename table \"" + t.name + "\": table \"" + o.new_name +
                                 "\" already exists");
    // Outside legacy mode SQLite also rewrites the foreign keys that name it.
    return {{"ALTER TABLE " + qtable(t) + " RENAME TO " + qi(o.new_name), {}}};
  }

  std::vector<Statement> operator()(const AddColumn& o) const {
    const Table& t = need_table(current, o.ref, mark);
    Table after = simulate(t, op);
    const Column& c = o.column;
    // What ALTER TABLE ADD COLUMN accepts: no PRIMARY KEY or UNIQUE, a
    // constant default, NOT NULL only with a non-null one, and REFERENCES
    // only on a column whose default is NULL.
    const bool null_default = !c.server_default || lower(*c.server_default) == "null";
    // ADD COLUMN cannot make a STORED generated column: the rows would need writing.
    bool simple = o.uniques.empty() && !c.autoincrement && !(c.generated && c.generated->stored) &&
                  (!c.server_default || is_constant_literal(*c.server_default)) &&
                  (c.nullable || !null_default) && o.foreign_keys.size() <= 1;
    const ForeignKey* fk = o.foreign_keys.empty() ? nullptr : &o.foreign_keys.front();
    if (fk && (fk->columns != std::vector<std::string>{c.name} || !null_default)) simple = false;
    // ADD COLUMN appends; a place among the others is a new table.
    if (after.columns.back().name != c.name) simple = false;
    if (!simple) return rebuild(current, t, after, mark);
    std::string sql = "ALTER TABLE " + qtable(t) + " ADD COLUMN " + column_sql(after, c, mark);
    if (fk) sql += " " + constraint_prefix(fk->name) + references_sql(*fk, mark);
    return {{sql, {}}};
  }

  std::vector<Statement> operator()(const DropColumn& o) const {
    const Table& t = need_table(current, o.ref, mark);
    Table after = simulate(t, op);
    if (after.columns.empty())
      throw InputError(mark, "cannot drop column \"" + o.column +
                                 "\": it is the only column of "
                                 "table \"" +
                                 t.name + "\" (drop the table instead)");
    // SQLite's DROP COLUMN refuses a column any key, index or check uses;
    // the simulator dropped exactly those, so any difference means rebuild.
    bool used = after.indexes.size() != t.indexes.size() ||
                after.uniques.size() != t.uniques.size() ||
                after.foreign_keys.size() != t.foreign_keys.size() ||
                after.checks.size() != t.checks.size() ||
                after.primary_key.has_value() != t.primary_key.has_value();
    if (used) return rebuild(current, t, after, mark);
    return {{"ALTER TABLE " + qtable(t) + " DROP COLUMN " + qi(o.column), {}}};
  }

  std::vector<Statement> operator()(const AlterColumn& o) const {
    const Table& t = need_table(current, o.ref, mark);
    Table after = simulate(t, op);
    const Column& before = *t.column(o.column);
    const bool rename = o.new_name && *o.new_name != o.column;
    const Column& now = *after.column(rename ? *o.new_name : o.column);
    no_identity_options(after, now, mark);
    const bool changed =
        stored_type(before.type) != stored_type(now.type) || before.nullable != now.nullable ||
        before.server_default != now.server_default || before.collation != now.collation;
    std::vector<Statement> out;
    if (rename) {
      // RENAME COLUMN first: SQLite carries it into indexes, checks and the
      // foreign keys of other tables, which a rebuild of this table cannot.
      out.push_back(
          {"ALTER TABLE " + qtable(t) + " RENAME COLUMN " + qi(o.column) + " TO " + qi(*o.new_name),
           {}});
    }
    if (changed) {
      Table renamed = t;
      if (rename) renamed.column(o.column)->name = *o.new_name;
      for (auto& st : rebuild(current, renamed, after, mark)) out.push_back(std::move(st));
    }
    // A comment-only change has nothing to do: SQLite keeps no comments.
    return out;
  }

  std::vector<Statement> operator()(const CreateIndex& o) const {
    const Table& t = need_table(current, o.ref, mark);
    for (const auto& other : current.tables)
      for (const auto& ix : other.indexes)
        if (ix.name == o.index.name && other.schema == t.schema)
          throw InputError(mark, "index \"" + o.index.name + "\" already exists (on table \"" +
                                     other.name + "\")");
    check_index(o.index, mark);
    Table after = simulate(t, op);
    return {{create_index_sql(after, o.index), {}}};
  }

  std::vector<Statement> operator()(const DropIndex& o) const {
    const Table& t = need_table(current, o.ref, mark);
    simulate(t, op);
    return {{"DROP INDEX " + qname(t.schema, o.name), {}}};
  }

  std::vector<Statement> constraint_change() const {
    const Table& t = need_table(current, op.target(), mark);
    return rebuild(current, t, simulate(t, op), mark);
  }
  std::vector<Statement> operator()(const CreateUniqueConstraint&) const {
    return constraint_change();
  }
  std::vector<Statement> operator()(const CreateForeignKey&) const { return constraint_change(); }
  std::vector<Statement> operator()(const CreateCheckConstraint&) const {
    return constraint_change();
  }
  std::vector<Statement> operator()(const CreatePrimaryKey&) const { return constraint_change(); }
  std::vector<Statement> operator()(const DropConstraint&) const { return constraint_change(); }

  // SQLite keeps no comments.
  std::vector<Statement> operator()(const AlterTableComment&) const { return {}; }
  // SQLite keeps any type name as written: a column typed by an enum stores
  // its values as text, so the type itself needs no statement.
  std::vector<Statement> operator()(const CreateEnum&) const { return {}; }
  std::vector<Statement> operator()(const DropEnum&) const { return {}; }
  std::vector<Statement> operator()(const AlterEnum&) const { return {}; }
  // Engine and character set are MySQL's.
  // Engine and character set are MySQL's; STRICT and WITHOUT ROWID only a
  // new table can have.
  std::vector<Statement> operator()(const AlterTableOptions& o) const {
    if (!o.sqlite_strict && !o.sqlite_with_rowid) return {};
    const Table& t = need_table(current, o.ref, mark);
    return rebuild(current, t, simulate(t, op), mark);
  }

  // SQLite has no partitioned tables (preflight refuses partition_by on a model).
  [[noreturn]] void no_partitions() const {
    throw InputError(mark, op.kind() + " on table \"" + op.target().qualified() +
                               "\": sqlite has no partitioned tables");
  }
  std::vector<Statement> operator()(const AddPartition&) const { no_partitions(); }
  [[noreturn]] void no_exclusions(const std::string& name) const {
    throw InputError(mark, op.kind() + " \"" + name + "\" on table \"" + op.target().qualified() +
                               "\": exclusion constraints are PostgreSQL's; SQLite has none");
  }
  std::vector<Statement> operator()(const CreateExclusionConstraint& o) const {
    no_exclusions(o.constraint.name);
  }
  std::vector<Statement> operator()(const DropExclusionConstraint& o) const {
    no_exclusions(o.name);
  }
  std::vector<Statement> operator()(const DropPartition&) const { no_partitions(); }
  std::vector<Statement> operator()(const AlterPartitioning&) const { no_partitions(); }

  // Views and triggers; SQLite has no other kind.
  void supported(ObjectKind k) const {
    if (k != ObjectKind::view && k != ObjectKind::trigger)
      throw InputError(mark, std::string("sqlite has no ") + object_noun(k) +
                                 "s; keep this operation to the dialects that do (execute with "
                                 "per-dialect SQL, or a model without it for sqlite)");
  }
  std::vector<Statement> create(const SchemaObject& o) const {
    supported(o.kind);
    if (o.kind == ObjectKind::view)
      return {{"CREATE VIEW " + qname(o.schema, o.name) + " AS " + o.definition, {}}};
    // The statement as written: one statement to SQLite, though its body
    // holds ';' between BEGIN and END.
    return {{o.definition, {}}};
  }
  Statement drop(ObjectKind k, const std::string& schema, const std::string& name) const {
    supported(k);
    return {
        std::string(k == ObjectKind::view ? "DROP VIEW " : "DROP TRIGGER ") + qname(schema, name),
        {}};
  }
  std::vector<Statement> operator()(const CreateObject& o) const { return create(o.object); }
  std::vector<Statement> operator()(const DropObject& o) const {
    return {drop(o.kind, o.schema, o.name)};
  }
  // SQLite has no CREATE OR REPLACE: the old one goes first.
  std::vector<Statement> operator()(const ReplaceObject& o) const {
    std::vector<Statement> out = {drop(o.object.kind, o.object.schema, o.object.name)};
    for (auto& st : create(o.object)) out.push_back(std::move(st));
    return out;
  }

  std::vector<Statement> operator()(const Execute& o) const {
    const std::string* sql = o.for_dialect("sqlite");
    if (!sql)
      throw InputError(mark, "execute has no SQL for sqlite: add a `sqlite:` or `default:` entry");
    return {{*sql, {}, true}};
  }

  std::vector<Statement> operator()(const BulkInsert& o) const {
    const Table& t = need_table(current, o.ref, mark);
    std::vector<Statement> out;
    for (const auto& row : o.rows) {
      if (row.empty()) {
        out.push_back({"INSERT INTO " + qtable(t) + " DEFAULT VALUES", {}});
        continue;
      }
      std::string cols, marks;
      Statement st;
      for (const auto& [name, value] : row) {
        if (!t.column(name))
          throw InputError(mark, "bulk_insert: column \"" + name + "\" does not exist in table \"" +
                                     t.name + "\"");
        cols += (cols.empty() ? "" : ", ") + qi(name);
        marks += marks.empty() ? "?" : ", ?";
        st.params.push_back(value);
      }
      st.sql = "INSERT INTO " + qtable(t) + " (" + cols + ") VALUES (" + marks + ")";
      out.push_back(std::move(st));
    }
    return out;
  }
};

}  // namespace

std::string create_table_sql(const Table& t, const std::string& name, const SourceMark& mark) {
  std::vector<std::string> parts;
  bool pk_inline = false;
  for (const auto& c : t.columns) {
    parts.push_back(column_sql(t, c, mark));
    if (c.autoincrement) pk_inline = true;
  }
  if (t.primary_key && !pk_inline && !t.primary_key->columns.empty())
    parts.push_back(constraint_prefix(t.primary_key->name) + "PRIMARY KEY (" +
                    column_list(t.primary_key->columns) + ")");
  for (const auto& u : t.uniques) {
    if (!u.deferrable.empty())
      throw InputError(mark, "unique constraint \"" + u.name +
                                 "\" is deferrable; in SQLite only a foreign key can be");
    if (u.nulls_not_distinct)
      throw InputError(mark, "unique constraint \"" + u.name +
                                 "\" has nulls_not_distinct, which SQLite does not have; leave "
                                 "it out for this database");
    parts.push_back(constraint_prefix(u.name) + "UNIQUE (" + column_list(u.columns) + ")");
  }
  for (const auto& fk : t.foreign_keys)
    parts.push_back(constraint_prefix(fk.name) + "FOREIGN KEY (" + column_list(fk.columns) + ") " +
                    references_sql(fk, mark));
  for (const auto& ck : t.checks)
    parts.push_back(constraint_prefix(ck.name) + "CHECK (" + ck.expression + ")");
  if (!t.exclusions.empty())
    throw InputError(mark, "exclusion constraint \"" + t.exclusions[0].name + "\" of table \"" +
                               t.name +
                               "\": exclusion constraints are PostgreSQL's; SQLite has none (leave "
                               "`exclusions` out for this database)");
  std::string sql = "CREATE TABLE " + qname(t.schema, name) + " (";
  for (size_t i = 0; i < parts.size(); ++i) sql += (i ? ",\n  " : "\n  ") + parts[i];
  sql += "\n)";
  if (!t.sqlite_with_rowid) {
    if (!t.primary_key || t.primary_key->columns.empty())
      throw InputError(mark, "table \"" + t.name +
                                 "\" has sqlite_with_rowid: false, which SQLite allows only on a "
                                 "table with a primary key; give it one");
    sql += " WITHOUT ROWID";
  }
  if (t.sqlite_strict) sql += std::string(t.sqlite_with_rowid ? "" : ",") + " STRICT";
  return sql;
}

std::string create_index_sql(const Table& t, const Index& ix) {
  std::string cols;
  for (const auto& k : ix.keys) {
    if (!cols.empty()) cols += ", ";
    cols += k.expression ? "(" + k.text + ")" : qi(k.text);
    if (k.descending) cols += " DESC";
  }
  return std::string("CREATE ") + (ix.unique ? "UNIQUE " : "") + "INDEX " +
         qname(t.schema, ix.name) + " ON " + qi(t.name) + " (" + cols + ")" +
         (ix.where.empty() ? std::string() : " WHERE " + ix.where);
}

}  // namespace sqlite

std::string SqliteDialect::quote_ident(std::string_view ident) const {
  return sql_double_quote(ident);
}

std::string SqliteDialect::literal(const Value& v) const {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "1" : "0";
  if (const std::int64_t* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const double* d = std::get_if<double>(&v)) {
    if (std::isnan(*d)) return "NULL";
    if (std::isinf(*d)) return *d > 0 ? "9e999" : "-9e999";
    std::string s = fmt::format("{}", *d);
    // Without a point or exponent SQLite would read the literal as an integer.
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    return s;
  }
  const std::string& s = std::get<std::string>(v);
  // The sqlite3 shell turns CR LF into LF as it reads a script: text with
  // control characters other than LF and tab goes as hex bytes.
  bool plain = true;
  for (unsigned char c : s) plain = plain && (c >= 0x20 || c == '\n' || c == '\t') && c != 0x7f;
  if (!plain) {
    std::string hex;
    for (unsigned char c : s) hex += fmt::format("{:02X}", c);
    return "CAST(X'" + hex + "' AS TEXT)";
  }
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

SqlSyntax SqliteDialect::sql_syntax() const {
  SqlSyntax s;
  s.backtick_identifiers = true;
  s.bracket_identifiers = true;
  return s;
}

std::unique_ptr<Connection> SqliteDialect::connect(const Url& url) const {
  return std::make_unique<SqliteConnection>(url.database);
}

Schema SqliteDialect::inspect(Connection& conn) const {
  return sqlite::inspect(conn);
}

bool SqliteDialect::has_table(Connection& conn, const std::string& name) const {
  return sqlite::has_table(conn, name);
}

std::vector<Statement> SqliteDialect::compile(const Op& op, const Schema& current) const {
  // USERS is the table users to SQLite: the op is compiled with the names
  // as the schema spells them.
  const Op resolved = resolve_names(op, current, name_rules());
  return std::visit(sqlite::Compiler{current, resolved.mark, resolved}, resolved.body);
}

}  // namespace migrate
