#include "core/ops/apply.hpp"

#include <algorithm>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/schema/exclusion.hpp"
#include "core/schema/schema_object.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate {
namespace {

std::string q(const std::string& s) {
  return "\"" + s + "\"";
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void rename_in(std::vector<std::string>& v, const std::string& from, const std::string& to) {
  for (auto& s : v)
    if (s == from) s = to;
}

template <class T, class Pred>
void erase_if(std::vector<T>& v, Pred pred) {
  v.erase(std::remove_if(v.begin(), v.end(), pred), v.end());
}

class Simulator {
 public:
  Simulator(Schema& schema, const SourceMark& mark) : s_(schema), mark_(mark) {}

  [[noreturn]] void fail(const std::string& message) const { throw InputError(mark_, message); }

  Table& table(const TableRef& ref) {
    Table* t = s_.table(ref.table, ref.schema);
    if (!t) fail("table " + q(ref.qualified()) + " does not exist");
    return *t;
  }

  Column& column(Table& t, const std::string& name) {
    Column* c = t.column(name);
    if (!c) fail("column " + q(name) + " does not exist in table " + q(t.qualified_name()));
    return *c;
  }

  void columns_exist(Table& t, const std::vector<std::string>& names, const std::string& what) {
    if (names.empty()) fail(what + " on table " + q(t.qualified_name()) + " names no columns");
    for (const auto& n : names) column(t, n);
  }

  // Only column keys have to be columns; an expression key is SQL.
  void index_columns_exist(Table& t, const Index& ix) {
    if (ix.keys.empty()) fail("index " + q(ix.name) + " names no columns");
    for (const auto& k : ix.keys)
      if (k.is_column()) column(t, k.text);
  }

  // Index names share one namespace per schema in SQLite and PostgreSQL.
  void index_name_free(const std::string& schema, const std::string& name) {
    for (const auto& t : s_.tables)
      if (t.schema == schema)
        for (const auto& ix : t.indexes)
          if (ix.name == name)
            fail("index " + q(name) + " already exists (on table " + q(t.qualified_name()) + ")");
  }

  bool constraint_named(const Table& t, const std::string& name) const {
    if (name.empty()) return false;
    if (t.primary_key && t.primary_key->name == name) return true;
    for (const auto& u : t.uniques)
      if (u.name == name) return true;
    for (const auto& f : t.foreign_keys)
      if (f.name == name) return true;
    for (const auto& c : t.checks)
      if (c.name == name) return true;
    for (const auto& x : t.exclusions)
      if (x.name == name) return true;
    return false;
  }

  void constraint_name_free(const Table& t, const std::string& name) {
    if (constraint_named(t, name))
      fail("constraint " + q(name) + " already exists on table " + q(t.qualified_name()));
  }

  void operator()(const CreateTable& op) {
    const Table& nt = op.table;
    if (s_.table(nt.name, nt.schema)) fail("table " + q(nt.qualified_name()) + " already exists");
    for (const auto& ix : nt.indexes) index_name_free(nt.schema, ix.name);
    s_.tables.push_back(nt);
  }

  void operator()(const DropTable& op) {
    Table& t = table(op.ref);
    // A table's triggers go with it.
    erase_if(s_.objects, [&](const SchemaObject& o) {
      return o.kind == ObjectKind::trigger && o.table == t.name && o.schema == t.schema;
    });
    erase_if(s_.tables, [&](const Table& x) { return &x == &t; });
  }

  void operator()(const RenameTable& op) {
    Table& t = table(op.ref);
    if (op.new_name.empty()) fail("rename_table of " + q(op.ref.qualified()) + " has no new_name");
    if (s_.table(op.new_name, op.ref.schema))
      fail("cannot rename table " + q(op.ref.qualified()) + ": table " + q(op.new_name) +
           " already exists");
    // Databases follow a rename into the foreign keys that point at the table.
    for (auto& other : s_.tables)
      for (auto& fk : other.foreign_keys)
        if (fk.ref_table == t.name && fk.ref_schema == t.schema) fk.ref_table = op.new_name;
    // The database rewrites its triggers' text; this copy of it is stale now.
    for (auto& tr : s_.objects)
      if (tr.kind == ObjectKind::trigger && tr.table == t.name && tr.schema == t.schema) {
        tr.table = op.new_name;
        tr.definition.clear();
      }
    t.name = op.new_name;
  }

  void operator()(const AddColumn& op) {
    Table& t = table(op.ref);
    if (t.column(op.column.name))
      fail("column " + q(op.column.name) + " already exists in table " + q(t.qualified_name()));
    auto at = t.columns.end();
    if (op.position.first) at = t.columns.begin();
    if (!op.position.after.empty()) {
      at = std::find_if(t.columns.begin(), t.columns.end(),
                        [&](const Column& c) { return c.name == op.position.after; });
      if (at == t.columns.end())
        fail("column " + q(op.column.name) + " is to follow column " + q(op.position.after) +
             ", which table " + q(t.qualified_name()) + " does not have");
      ++at;
    }
    t.columns.insert(at, op.column);
    for (const auto& u : op.uniques) {
      constraint_name_free(t, u.name);
      columns_exist(t, u.columns, "unique constraint " + q(u.name));
      t.uniques.push_back(u);
    }
    for (const auto& fk : op.foreign_keys) {
      constraint_name_free(t, fk.name);
      columns_exist(t, fk.columns, "foreign key " + q(fk.name));
      t.foreign_keys.push_back(fk);
    }
  }

  // Like PostgreSQL's DROP COLUMN: every index and constraint that involves
  // the column goes with it, whole.
  void operator()(const DropColumn& op) {
    Table& t = table(op.ref);
    column(t, op.column);
    const std::string& c = op.column;
    erase_if(t.columns, [&](const Column& x) { return x.name == c; });
    if (t.in_primary_key(c)) t.primary_key.reset();
    erase_if(t.indexes, [&](const Index& x) {
      for (const auto& k : x.keys)
        if (k.is_column() ? k.text == c : sql_mentions_column(k.text, c)) return true;
      return false;
    });
    erase_if(t.uniques, [&](const UniqueConstraint& x) { return contains(x.columns, c); });
    erase_if(t.foreign_keys, [&](const ForeignKey& x) { return contains(x.columns, c); });
    erase_if(t.checks,
             [&](const CheckConstraint& x) { return sql_mentions_column(x.expression, c); });
    erase_if(t.exclusions, [&](const ExclusionConstraint& x) {
      for (const auto& e : x.elements)
        if (e.key.is_column() ? e.key.text == c : sql_mentions_column(e.key.text, c)) return true;
      return contains(x.include, c) || (!x.where.empty() && sql_mentions_column(x.where, c));
    });
  }

  void operator()(const AlterColumn& op) {
    Table& t = table(op.ref);
    Column& col = column(t, op.column);
    if (op.type) col.type = *op.type;
    if (op.nullable) col.nullable = *op.nullable;
    if (op.server_default) col.server_default = *op.server_default;
    if (op.comment) col.comment = *op.comment;
    if (op.autoincrement) col.autoincrement = *op.autoincrement;
    if (op.collation) col.collation = *op.collation;
    if (op.identity_always) col.identity_always = *op.identity_always;
    if (op.identity_options) col.identity_options = *op.identity_options;
    // The sequence goes with the identity (PostgreSQL's DROP IDENTITY).
    if (!col.autoincrement) col.identity_options = {};
    if (op.new_name && *op.new_name != op.column) rename_column(t, op.column, *op.new_name);
  }

  // A rename reaches everything that names the column, as ALTER TABLE ...
  // RENAME COLUMN does in SQLite, PostgreSQL and MySQL.
  void rename_column(Table& t, const std::string& from, const std::string& to) {
    if (to.empty()) fail("alter_column of " + q(from) + " has an empty new_name");
    if (t.column(to))
      fail("cannot rename column " + q(from) + ": column " + q(to) + " already exists in table " +
           q(t.qualified_name()));
    t.column(from)->name = to;
    // The database rewrites the table's triggers; this copy of them is stale.
    for (auto& tr : s_.objects)
      if (tr.kind == ObjectKind::trigger && tr.table == t.name && tr.schema == t.schema)
        tr.definition.clear();
    if (t.primary_key) rename_in(t.primary_key->columns, from, to);
    for (auto& ix : t.indexes) {
      for (auto& k : ix.keys) {
        if (k.is_column() && k.text == from)
          k.text = to;
        else if (k.expression)
          k.text = sql_rename_column(k.text, from, to);
      }
    }
    for (auto& u : t.uniques) rename_in(u.columns, from, to);
    for (auto& fk : t.foreign_keys) rename_in(fk.columns, from, to);
    for (auto& ck : t.checks)
      if (sql_mentions_column(ck.expression, from))
        ck.expression = sql_rename_column(ck.expression, from, to);
    for (auto& x : t.exclusions) {
      for (auto& e : x.elements) {
        if (e.key.is_column() && e.key.text == from)
          e.key.text = to;
        else if (e.key.expression)
          e.key.text = sql_rename_column(e.key.text, from, to);
      }
      rename_in(x.include, from, to);
      if (sql_mentions_column(x.where, from)) x.where = sql_rename_column(x.where, from, to);
    }
    for (auto& other : s_.tables)
      for (auto& fk : other.foreign_keys)
        if (fk.ref_table == t.name && fk.ref_schema == t.schema)
          rename_in(fk.ref_columns, from, to);
  }

  void operator()(const CreateIndex& op) {
    Table& t = table(op.ref);
    if (op.index.name.empty()) fail("create_index on " + q(t.qualified_name()) + " has no name");
    index_name_free(t.schema, op.index.name);
    index_columns_exist(t, op.index);
    t.indexes.push_back(op.index);
  }

  void operator()(const DropIndex& op) {
    Table& t = table(op.ref);
    auto it = std::find_if(t.indexes.begin(), t.indexes.end(),
                           [&](const Index& x) { return x.name == op.name; });
    if (it == t.indexes.end())
      fail("index " + q(op.name) + " does not exist on table " + q(t.qualified_name()));
    t.indexes.erase(it);
  }

  void operator()(const CreateUniqueConstraint& op) {
    Table& t = table(op.ref);
    constraint_name_free(t, op.constraint.name);
    columns_exist(t, op.constraint.columns, "unique constraint " + q(op.constraint.name));
    t.uniques.push_back(op.constraint);
  }

  void operator()(const CreateForeignKey& op) {
    Table& t = table(op.ref);
    constraint_name_free(t, op.constraint.name);
    columns_exist(t, op.constraint.columns, "foreign key " + q(op.constraint.name));
    if (op.constraint.ref_table.empty())
      fail("foreign key " + q(op.constraint.name) + " names no referenced table");
    t.foreign_keys.push_back(op.constraint);
  }

  void operator()(const CreateCheckConstraint& op) {
    Table& t = table(op.ref);
    constraint_name_free(t, op.constraint.name);
    if (op.constraint.expression.empty())
      fail("check constraint " + q(op.constraint.name) + " has no expression");
    t.checks.push_back(op.constraint);
  }

  void operator()(const CreatePrimaryKey& op) {
    Table& t = table(op.ref);
    if (t.primary_key)
      fail("table " + q(t.qualified_name()) + " already has a primary key" +
           (t.primary_key->name.empty() ? std::string() : " (" + q(t.primary_key->name) + ")"));
    constraint_name_free(t, op.constraint.name);
    columns_exist(t, op.constraint.columns, "primary key " + q(op.constraint.name));
    // Every database makes primary-key columns NOT NULL.
    for (const auto& c : op.constraint.columns) t.column(c)->nullable = false;
    t.primary_key = op.constraint;
  }

  void operator()(const DropConstraint& op) {
    Table& t = table(op.ref);
    if (op.name.empty()) fail("drop_constraint on " + q(t.qualified_name()) + " has no name");
    auto kind_is = [&](ConstraintKind k) {
      return op.kind == ConstraintKind::unknown || op.kind == k;
    };
    auto drop_named = [&](auto& v) {
      auto it = std::find_if(v.begin(), v.end(), [&](const auto& x) { return x.name == op.name; });
      if (it == v.end()) return false;
      v.erase(it);
      return true;
    };
    if (kind_is(ConstraintKind::unique) && drop_named(t.uniques)) return;
    if (kind_is(ConstraintKind::foreign_key) && drop_named(t.foreign_keys)) return;
    if (kind_is(ConstraintKind::check) && drop_named(t.checks)) return;
    if (kind_is(ConstraintKind::primary_key) && t.primary_key && t.primary_key->name == op.name) {
      t.primary_key.reset();
      return;
    }
    if (drop_unnamed(t, op)) return;
    std::string kind = op.kind == ConstraintKind::unknown ? "" : to_kind_word(op.kind) + " ";
    fail(kind + "constraint " + q(op.name) + " does not exist on table " + q(t.qualified_name()));
  }

  // A database may keep a constraint without a name (SQLite mostly does);
  // autogenerate then names it in the op by the naming convention and says
  // what it is in `existing`, which is how it is found here.
  static bool drop_unnamed(Table& t, const DropConstraint& op) {
    auto drop_first = [](auto& v, auto same) {
      auto it = std::find_if(v.begin(), v.end(),
                             [&](const auto& x) { return x.name.empty() && same(x); });
      if (it == v.end()) return false;
      v.erase(it);
      return true;
    };
    return std::visit(
        Overloaded{
            [](std::monostate) { return false; },
            [&](const UniqueConstraint& e) {
              return drop_first(t.uniques, [&](const auto& x) { return x.columns == e.columns; });
            },
            [&](const ForeignKey& e) {
              return drop_first(t.foreign_keys, [&](const ForeignKey& x) {
                return x.columns == e.columns && x.ref_table == e.ref_table &&
                       x.ref_columns == e.ref_columns;
              });
            },
            [&](const CheckConstraint& e) {
              return drop_first(t.checks,
                                [&](const auto& x) { return x.expression == e.expression; });
            },
            [&](const PrimaryKey& e) {
              if (!t.primary_key || !t.primary_key->name.empty() ||
                  t.primary_key->columns != e.columns)
                return false;
              t.primary_key.reset();
              return true;
            },
        },
        op.existing);
  }

  static std::string to_kind_word(ConstraintKind k) {
    switch (k) {
      case ConstraintKind::unique:
        return "unique";
      case ConstraintKind::foreign_key:
        return "foreign key";
      case ConstraintKind::check:
        return "check";
      case ConstraintKind::primary_key:
        return "primary key";
      case ConstraintKind::unknown:
        break;
    }
    return "";
  }

  void operator()(const CreateExclusionConstraint& op) {
    Table& t = table(op.ref);
    const ExclusionConstraint& x = op.constraint;
    if (x.name.empty()) fail("exclusion constraint on " + q(t.qualified_name()) + " has no name");
    constraint_name_free(t, x.name);
    if (x.elements.empty()) fail("exclusion constraint " + q(x.name) + " has no elements");
    for (const auto& c : exclusion_columns(x)) column(t, c);
    t.exclusions.push_back(x);
  }

  void operator()(const DropExclusionConstraint& op) {
    Table& t = table(op.ref);
    auto it = std::find_if(t.exclusions.begin(), t.exclusions.end(),
                           [&](const ExclusionConstraint& x) { return x.name == op.name; });
    if (it == t.exclusions.end())
      fail("exclusion constraint " + q(op.name) + " does not exist on table " +
           q(t.qualified_name()));
    t.exclusions.erase(it);
  }

  void operator()(const Execute&) {}
  void operator()(const BulkInsert&) {}
  void operator()(const AlterTableComment& op) { table(op.ref).comment = op.comment; }
  void operator()(const AlterTableOptions& op) {
    Table& t = table(op.ref);
    if (op.mysql_engine) t.mysql_engine = op.mysql_engine;
    if (op.mysql_row_format) t.mysql_row_format = op.mysql_row_format;
    if (op.sqlite_strict) t.sqlite_strict = *op.sqlite_strict;
    if (op.sqlite_with_rowid) t.sqlite_with_rowid = *op.sqlite_with_rowid;
    // A new character set brings its default collation, and a collation its
    // character set, which core does not know: unknown until inspected.
    if (op.mysql_charset || op.mysql_collate) {
      t.mysql_charset = op.mysql_charset;
      t.mysql_collate = op.mysql_collate;
    }
  }

  Enum& enum_type(const std::string& schema, const std::string& name) {
    Enum* e = s_.enum_type(name, schema);
    if (!e) fail("enum " + q(schema.empty() ? name : schema + "." + name) + " does not exist");
    return *e;
  }

  void operator()(const CreateEnum& op) {
    if (s_.enum_type(op.type.name, op.type.schema))
      fail("enum " + q(op.type.qualified_name()) + " already exists");
    s_.enums.push_back(op.type);
  }
  void operator()(const DropEnum& op) {
    const Enum* e = &enum_type(op.schema, op.name);
    s_.enums.erase(s_.enums.begin() + (e - s_.enums.data()));
  }
  void operator()(const AlterEnum& op) {
    Enum& e = enum_type(op.schema, op.name);
    // Every old value kept, in its order: the new ones are added in place.
    size_t kept = 0;
    for (const auto& v : op.values)
      if (kept < e.values.size() && v == e.values[kept]) ++kept;
    if (kept == e.values.size())
      for (const auto& v : op.values)
        if (std::find(e.values.begin(), e.values.end(), v) == e.values.end())
          s_.added_enum_values.emplace_back(e.qualified_name(), v);
    e.values = op.values;
  }

  std::vector<SchemaObject>::iterator find_object(ObjectKind kind, const std::string& schema,
                                                  const std::string& name,
                                                  const std::string& table) {
    auto it = std::find_if(s_.objects.begin(), s_.objects.end(), [&](const SchemaObject& o) {
      return o.kind == kind && (o.schema == schema || kind == ObjectKind::extension) &&
             o.name == name && (kind != ObjectKind::trigger || o.table == table);
    });
    if (it == s_.objects.end())
      fail(describe_object(kind, q(schema.empty() ? name : schema + "." + name),
                           table.empty() ? table : q(table)) +
           " does not exist");
    return it;
  }

  void operator()(const CreateObject& op) {
    const SchemaObject& o = op.object;
    if (o.name.empty()) fail(std::string(object_noun(o.kind)) + " has no name");
    // A trigger fires on a table, or (INSTEAD OF) on a view.
    if (o.kind == ObjectKind::trigger && !s_.object(ObjectKind::view, o.table, o.schema))
      table(TableRef{o.schema, o.table});
    if (s_.object(o.kind, o.name, o.schema, o.table))
      fail(describe_object(o.kind, q(o.qualified_name()), q(o.table)) + " already exists");
    s_.objects.push_back(o);
  }
  void operator()(const DropObject& op) {
    s_.objects.erase(find_object(op.kind, op.schema, op.name, op.table));
  }
  void operator()(const ReplaceObject& op) {
    const SchemaObject& o = op.object;
    *find_object(o.kind, o.schema, o.name, o.table) = o;
  }

  std::vector<Partition>::iterator partition(Table& t, const std::string& name) {
    auto it = std::find_if(t.partitions.begin(), t.partitions.end(),
                           [&](const Partition& p) { return p.name == name; });
    if (it == t.partitions.end())
      fail("table " + q(t.qualified_name()) + " has no partition " + q(name));
    return it;
  }
  void operator()(const AddPartition& op) {
    Table& t = table(op.ref);
    if (!t.partition_by) fail("table " + q(t.qualified_name()) + " is not partitioned");
    for (const auto& p : t.partitions)
      if (p.name == op.partition.name)
        fail("table " + q(t.qualified_name()) + " already has partition " + q(p.name));
    auto at = std::find_if(t.partitions.begin(), t.partitions.end(),
                           [&](const Partition& p) { return p.name == op.before; });
    t.partitions.insert(op.before.empty() ? t.partitions.end() : at, op.partition);
  }
  void operator()(const DropPartition& op) {
    Table& t = table(op.ref);
    t.partitions.erase(partition(t, op.name));
  }
  void operator()(const AlterPartitioning& op) {
    Table& t = table(op.ref);
    t.partition_by = op.partition_by;
    t.partitions = op.partition_by ? op.partitions : std::vector<Partition>{};
  }

 private:
  Schema& s_;
  const SourceMark& mark_;
};

// The names of an op as `schema` spells them, where `rules` match them.
class Resolver {
 public:
  Resolver(const Schema& s, const NameRules& rules) : s_(s), rules_(rules) {}

  // The table `ref` names, found exactly first, then as the rules match.
  const Table* find(const TableRef& ref) const {
    if (const Table* t = s_.table(ref.table, ref.schema)) return t;
    if (!rules_.fold_tables) return nullptr;
    for (const auto& t : s_.tables)
      if (t.schema == ref.schema && rules_.same_table(t.name, ref.table)) return &t;
    return nullptr;
  }

  const Table* table(TableRef& ref) const {
    const Table* t = find(ref);
    if (t) ref.table = t->name;
    return t;
  }

  void column(const Table* t, std::string& name) const {
    if (!t || !rules_.fold_columns || t->column(name)) return;
    for (const auto& c : t->columns)
      if (rules_.same_column(c.name, name)) {
        name = c.name;
        return;
      }
  }
  void columns(const Table* t, std::vector<std::string>& names) const {
    for (auto& n : names) column(t, n);
  }
  void keys(const Table* t, std::vector<IndexKey>& keys) const {
    for (auto& k : keys)
      if (k.is_column()) column(t, k.text);
  }

  // A foreign key's target: the table (when known) and its columns.
  void references(const std::string& own_schema, ForeignKey& fk) const {
    TableRef r{fk.ref_schema.empty() ? own_schema : fk.ref_schema, fk.ref_table};
    const Table* target = table(r);
    fk.ref_table = r.table;
    columns(target, fk.ref_columns);
  }

  void index_name(const Table* t, std::string& name) const {
    if (!t || !rules_.fold_columns) return;
    for (const auto& ix : t->indexes)
      if (ix.name == name) return;
    for (const auto& ix : t->indexes)
      if (rules_.same_column(ix.name, name)) {
        name = ix.name;
        return;
      }
  }

  void constraint_name(const Table* t, std::string& name) const {
    if (!t || !rules_.fold_columns) return;
    std::vector<const std::string*> names;
    if (t->primary_key) names.push_back(&t->primary_key->name);
    for (const auto& x : t->uniques) names.push_back(&x.name);
    for (const auto& x : t->foreign_keys) names.push_back(&x.name);
    for (const auto& x : t->checks) names.push_back(&x.name);
    for (const auto& x : t->exclusions) names.push_back(&x.name);
    for (const auto* n : names)
      if (*n == name) return;
    for (const auto* n : names)
      if (!n->empty() && rules_.same_column(*n, name)) {
        name = *n;
        return;
      }
  }

  void exclusion(const Table* t, ExclusionConstraint& x) const {
    for (auto& e : x.elements)
      if (e.key.is_column()) column(t, e.key.text);
    columns(t, x.include);
  }

  // A new table's own references to its columns, spelled as it declares them.
  void own(Table& t) const {
    const Table* self = &t;
    if (t.primary_key) columns(self, t.primary_key->columns);
    for (auto& ix : t.indexes) keys(self, ix.keys);
    for (auto& x : t.exclusions) exclusion(self, x);
    for (auto& u : t.uniques) columns(self, u.columns);
    for (auto& fk : t.foreign_keys) {
      columns(self, fk.columns);
      if (rules_.same_table(fk.ref_table, t.name) &&
          (fk.ref_schema.empty() || fk.ref_schema == t.schema)) {
        fk.ref_table = t.name;
        columns(self, fk.ref_columns);
      } else {
        references(t.schema, fk);
      }
    }
  }

  void operator()(CreateTable& o) const { own(o.table); }
  void operator()(DropTable& o) const { table(o.ref); }
  void operator()(RenameTable& o) const { table(o.ref); }
  void operator()(AddColumn& o) const {
    const Table* t = table(o.ref);
    Table with;  // the table with its new column, which the constraints may name
    if (t) with = *t;
    with.columns.push_back(o.column);
    for (auto& u : o.uniques) columns(&with, u.columns);
    for (auto& fk : o.foreign_keys) {
      columns(&with, fk.columns);
      references(o.ref.schema, fk);
    }
  }
  void operator()(DropColumn& o) const { column(table(o.ref), o.column); }
  void operator()(AlterColumn& o) const { column(table(o.ref), o.column); }
  void operator()(CreateIndex& o) const { keys(table(o.ref), o.index.keys); }
  void operator()(DropIndex& o) const { index_name(table(o.ref), o.name); }
  void operator()(CreateUniqueConstraint& o) const { columns(table(o.ref), o.constraint.columns); }
  void operator()(CreateForeignKey& o) const {
    columns(table(o.ref), o.constraint.columns);
    references(o.ref.schema, o.constraint);
  }
  void operator()(CreateCheckConstraint& o) const { table(o.ref); }
  void operator()(CreatePrimaryKey& o) const { columns(table(o.ref), o.constraint.columns); }
  void operator()(DropConstraint& o) const {
    const Table* t = table(o.ref);
    constraint_name(t, o.name);
    std::visit(Overloaded{
                   [](std::monostate) {},
                   [&](UniqueConstraint& e) { columns(t, e.columns); },
                   [&](ForeignKey& e) {
                     columns(t, e.columns);
                     references(o.ref.schema, e);
                   },
                   [](CheckConstraint&) {},
                   [&](PrimaryKey& e) { columns(t, e.columns); },
               },
               o.existing);
  }
  void operator()(CreateExclusionConstraint& o) const { exclusion(table(o.ref), o.constraint); }
  void operator()(DropExclusionConstraint& o) const {
    const Table* t = table(o.ref);
    constraint_name(t, o.name);
    if (o.existing) exclusion(t, *o.existing);
  }
  void operator()(Execute&) const {}
  void operator()(BulkInsert& o) const {
    const Table* t = table(o.ref);
    for (auto& row : o.rows)
      for (auto& cell : row) column(t, cell.first);
  }
  void operator()(AlterTableComment& o) const { table(o.ref); }
  void operator()(AlterTableOptions& o) const {
    const Table* t = table(o.ref);
    if (o.columns) columns(t, *o.columns);
  }
  void operator()(CreateEnum&) const {}
  void operator()(DropEnum&) const {}
  void operator()(AlterEnum&) const {}
  void object_table(SchemaObject& o) const {
    if (o.kind != ObjectKind::trigger) return;
    TableRef r{o.schema, o.table};
    table(r);
    o.table = r.table;
  }
  void operator()(CreateObject& o) const { object_table(o.object); }
  void operator()(ReplaceObject& o) const { object_table(o.object); }
  void operator()(DropObject& o) const {
    if (o.kind != ObjectKind::trigger) return;
    TableRef r{o.schema, o.table};
    table(r);
    o.table = r.table;
  }
  void operator()(AddPartition& o) const { table(o.ref); }
  void operator()(DropPartition& o) const { table(o.ref); }
  void operator()(AlterPartitioning& o) const {
    const Table* t = table(o.ref);
    if (o.partition_by) columns(t, o.partition_by->columns);
  }

 private:
  const Schema& s_;
  const NameRules& rules_;
};

}  // namespace

Op resolve_names(const Op& op, const Schema& schema, const NameRules& rules) {
  Op out = op;
  if (rules.any()) std::visit(Resolver(schema, rules), out.body);
  return out;
}

void apply_op(Schema& schema, const Op& op, const NameRules& rules) {
  if (rules.any()) {
    const Op resolved = resolve_names(op, schema, rules);
    Simulator sim(schema, resolved.mark);
    std::visit(sim, resolved.body);
    return;
  }
  Simulator sim(schema, op.mark);
  std::visit(sim, op.body);
}

}  // namespace migrate
