#include "core/compare/compare.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/base/text.hpp"
#include "core/compare/compare_objects.hpp"
#include "core/compare/compare_table.hpp"
#include "core/ops/op_order.hpp"
#include "core/sql/sql_canonical.hpp"

namespace migrate {
namespace {

bool matches_any(const std::vector<std::string>& patterns, const Table& t) {
  const std::string qualified = t.qualified_name();
  for (const auto& p : patterns)
    if (fnmatch(p.c_str(), t.name.c_str(), 0) == 0 || fnmatch(p.c_str(), qualified.c_str(), 0) == 0)
      return true;
  return false;
}

Op make_op(OpBody body) {
  return Op{std::move(body), {}};
}

bool has_unnamed(const Table& t) {
  auto unnamed = [](const auto& items) {
    return std::any_of(items.begin(), items.end(), [](const auto& x) { return x.name.empty(); });
  };
  return (t.primary_key && t.primary_key->name.empty()) || unnamed(t.uniques) ||
         unnamed(t.foreign_keys) || unnamed(t.checks) || unnamed(t.indexes);
}

// One table of one side: as given, and with every constraint named (what ops
// carry: a drop needs a name), a copy made only when something is unnamed.
// The form the dialect stores (what is compared) is made per pair of tables
// in compare_schemas and dropped after: at 5,000 tables, holding it for every
// table on both sides was half the peak memory of an autogenerate.
struct Side {
  const Table* source;
  std::optional<Table> named;
  const Table& table() const { return named ? *named : *source; }
};

std::vector<Side> prepare(const Schema& schema, const CompareSettings& s) {
  std::vector<Side> out;
  out.reserve(schema.tables.size());
  for (const auto& t : schema.tables) {
    if (!table_included(t, s)) continue;
    Side side{&t, std::nullopt};
    if (has_unnamed(t)) {
      side.named = t;
      name_unnamed(*side.named, s.naming);
    }
    out.push_back(std::move(side));
  }
  return out;
}

using Key = std::pair<std::string, std::string>;  // schema, name

Key key_of(const Table& t) {
  return {t.schema, t.name};
}

// The key as the dialect stores it (SQLite folds case), from the names alone.
Key stored_key(const Table& t, const DiffRules& dialect) {
  Table shell;
  shell.schema = t.schema;
  shell.name = t.name;
  return key_of(dialect.normalize(shell));
}

// A table option the model leaves out is whatever the database has (never a
// difference); a collation goes with its character set. Whether it filled any.
bool fill_options(Table& model, const Table& live) {
  bool filled = false;
  auto fill = [&](std::optional<std::string>& m, const std::optional<std::string>& l) {
    if (!m && l) {
      m = l;
      filled = true;
    }
  };
  fill(model.mysql_engine, live.mysql_engine);
  fill(model.mysql_row_format, live.mysql_row_format);
  if (!model.mysql_charset && !model.mysql_collate) {
    fill(model.mysql_charset, live.mysql_charset);
    fill(model.mysql_collate, live.mysql_collate);
  } else if (!model.mysql_collate && live.mysql_charset &&
             text::lower_collapsed(*model.mysql_charset) ==
                 text::lower_collapsed(*live.mysql_charset)) {
    fill(model.mysql_collate, live.mysql_collate);
  }
  return filled;
}

std::string fk_action(const std::string& action) {
  std::string a = text::lower_collapsed(action);
  return a == "no action" ? std::string() : a;
}

// Types come before the tables that use them and go after them; a type
// whose values change is altered first, so new values can be used at once.
void compare_enums(const Schema& model, const Schema& live, std::vector<Op>& first,
                   std::vector<Op>& last) {
  for (const auto& e : model.enums) {
    const Enum* had = live.enum_type(e.name, e.schema);
    if (!had)
      first.push_back(make_op(CreateEnum{e}));
    else if (had->values != e.values)
      first.push_back(make_op(AlterEnum{e.schema, e.name, e.values, had->values}));
  }
  for (const auto& e : live.enums)
    if (!model.enum_type(e.name, e.schema))
      last.push_back(make_op(DropEnum{e.schema, e.name, e.values}));
}

// A column whose enum changes and whose default changes with it: its old
// default may name a value that goes and its new one a value that comes, so
// neither the type nor the default can change first. The default goes before
// the type changes and the new one comes after (the downgrade runs the same
// steps back).
void split_enum_defaults(const Schema& model, const Schema& live,
                         std::vector<std::pair<size_t, TableDiff>>& diffs,
                         const std::vector<Side>& m, std::vector<Op>& out) {
  auto altered_enum = [&](const Table& t, const std::string& column) {
    const Column* c = t.column(column);
    if (!c) return false;
    std::string type = c->type.str();
    if (type.size() > 2 && type.ends_with("[]")) type.resize(type.size() - 2);
    for (const auto& e : model.enums) {
      if (type != e.name && type != e.qualified_name()) continue;
      const Enum* had = live.enum_type(e.name, e.schema);
      return had && had->values != e.values;
    }
    return false;
  };
  for (auto& [i, d] : diffs)
    for (auto& op : d.columns) {
      auto* a = std::get_if<AlterColumn>(&op.body);
      if (!a || !a->server_default || !a->existing_server_default || !*a->existing_server_default ||
          !altered_enum(m[i].table(), a->column))
        continue;
      AlterColumn drop;
      drop.ref = a->ref;
      drop.column = a->column;
      drop.server_default = std::optional<std::string>();
      drop.existing_server_default = a->existing_server_default;
      drop.existing_type = a->existing_type;
      drop.existing_nullable = a->existing_nullable;
      out.push_back(make_op(std::move(drop)));
      a->existing_server_default = std::optional<std::string>();
    }
}

}  // namespace

Table DiffRules::normalize(const Table& t) const {
  return normalize_common(t);
}

bool table_included(const Table& t, const CompareSettings& s) {
  for (const std::string* own : {&s.version_table, &s.history_table})
    if (t.name == *own || t.qualified_name() == *own) return false;
  if (!s.include_tables.empty() && !matches_any(s.include_tables, t)) return false;
  return !matches_any(s.exclude_tables, t);
}

Schema filter_tables(const Schema& schema, const CompareSettings& s) {
  Schema out;
  out.enums = schema.enums;
  for (const auto& o : schema.objects)
    if (object_included(o, s)) out.objects.push_back(o);
  for (const auto& t : schema.tables)
    if (table_included(t, s)) out.tables.push_back(t);
  return out;
}

Table normalize_common(const Table& in, const CanonicalSqlOptions& sql) {
  Table t = in;
  for (auto& c : t.columns) {
    if (c.server_default) c.server_default = canonical_sql(*c.server_default, sql);
    if (c.generated) c.generated->expression = canonical_sql(c.generated->expression, sql);
  }
  for (auto& ix : t.indexes) {
    for (auto& key : ix.keys)
      if (key.expression) key.text = canonical_sql(key.text, sql);
    if (!ix.where.empty()) ix.where = canonical_sql(ix.where, sql);
  }
  for (auto& fk : t.foreign_keys) {
    fk.on_delete = fk_action(fk.on_delete);
    fk.on_update = fk_action(fk.on_update);
  }
  for (auto& ck : t.checks) ck.expression = canonical_sql(ck.expression, sql);
  for (auto& x : t.exclusions) {
    for (auto& e : x.elements)
      if (e.key.expression) e.key.text = canonical_sql(e.key.text, sql);
    if (!x.where.empty()) x.where = canonical_sql(x.where, sql);
  }
  return t;
}

void name_unnamed(Table& t, const NamingConvention& naming) {
  std::set<std::string> used;
  if (t.primary_key) used.insert(t.primary_key->name);
  for (const auto& x : t.uniques) used.insert(x.name);
  for (const auto& x : t.foreign_keys) used.insert(x.name);
  for (const auto& x : t.checks) used.insert(x.name);
  for (const auto& x : t.indexes) used.insert(x.name);
  for (const auto& x : t.exclusions) used.insert(x.name);
  auto fresh = [&](const std::string& base) {
    std::string name = base;
    for (int n = 2; used.count(name); ++n) name = base + "_" + std::to_string(n);
    used.insert(name);
    return name;
  };
  if (t.primary_key && t.primary_key->name.empty())
    t.primary_key->name = fresh(NamingConvention::apply(naming.pk, t.name, t.primary_key->columns));
  for (auto& u : t.uniques)
    if (u.name.empty()) u.name = fresh(NamingConvention::apply(naming.uq, t.name, u.columns));
  for (auto& fk : t.foreign_keys)
    if (fk.name.empty())
      fk.name = fresh(
          NamingConvention::apply(naming.fk, t.name, fk.columns, fk.ref_table, fk.ref_columns));
  for (size_t i = 0; i < t.checks.size(); ++i)
    if (t.checks[i].name.empty())
      t.checks[i].name =
          fresh(NamingConvention::apply(naming.ck, t.name, {}, "", {}, std::to_string(i + 1)));
  for (auto& ix : t.indexes)
    if (ix.name.empty())
      ix.name = fresh(NamingConvention::apply(naming.ix, t.name, key_columns(ix)));
}

namespace {

// The model with `schema: public` (the database's default schema) read as no
// schema, the way inspect writes names; nullopt when it names it nowhere.
std::optional<Schema> without_default_schema(const Schema& model, const std::string& current) {
  if (current.empty()) return std::nullopt;
  bool named = false;
  for (const auto& t : model.tables) {
    named = named || t.schema == current;
    for (const auto& fk : t.foreign_keys) named = named || fk.ref_schema == current;
  }
  for (const auto& e : model.enums) named = named || e.schema == current;
  for (const auto& o : model.objects) named = named || o.schema == current;
  if (!named) return std::nullopt;
  Schema out = model;
  auto bare = [&](std::string& schema) {
    if (schema == current) schema.clear();
  };
  for (auto& t : out.tables) {
    bare(t.schema);
    for (auto& fk : t.foreign_keys) bare(fk.ref_schema);
  }
  for (auto& e : out.enums) bare(e.schema);
  for (auto& o : out.objects) bare(o.schema);
  return out;
}

}  // namespace

std::vector<Op> compare_schemas(const Schema& model_as_written, const Schema& live,
                                const DiffRules& dialect, const CompareSettings& s) {
  const std::optional<Schema> respelled =
      without_default_schema(model_as_written, live.default_schema);
  const Schema& model = respelled ? *respelled : model_as_written;
  std::vector<Side> m = prepare(model, s);
  std::vector<Side> l = prepare(live, s);
  std::map<Key, size_t> live_by_key;
  for (size_t j = 0; j < l.size(); ++j) live_by_key.emplace(stored_key(*l[j].source, dialect), j);

  std::vector<size_t> added;                        // model tables the database lacks
  std::vector<std::pair<size_t, TableDiff>> diffs;  // model index, differences
  std::map<Key, bool> keys_change;                  // existing tables whose keys change
  std::vector<bool> kept(l.size(), false);
  for (size_t i = 0; i < m.size(); ++i) {
    auto it = live_by_key.find(stored_key(*m[i].source, dialect));
    if (it == live_by_key.end()) {
      added.push_back(i);
      continue;
    }
    kept[it->second] = true;
    const Side& live_side = l[it->second];
    if (s.warn) {
      if (live_side.source->name != m[i].source->name)
        s.warn("table " + m[i].source->qualified_name() + " of the model is " +
               live_side.source->qualified_name() + " in the database; " + dialect.name() +
               " matches names without regard to case, so this is no difference (rename the "
               "table by hand to change its case)");
    }
    const Table live_norm = dialect.normalize(*live_side.source);
    // Column character sets read against the table's: an unstated one is
    // the live table's, so the model side is normalised with it.
    Table filled = *m[i].source;
    if (dialect.keeps_table_options()) fill_options(filled, live_side.table());
    const Table model_norm = dialect.normalize(filled);
    TableDiff d = diff_table({m[i].table(), model_norm, live_side.table(), live_norm}, dialect, s);
    keys_change[key_of(m[i].table())] = d.keys_change;
    if (!d.empty()) diffs.emplace_back(i, std::move(d));
  }
  std::vector<size_t> removed;
  for (size_t j = 0; j < l.size(); ++j)
    if (!kept[j]) removed.push_back(j);

  std::set<std::pair<std::string, std::string>> changed_tables;
  for (size_t j : removed) changed_tables.insert(key_of(*l[j].source));
  for (const auto& [i, d] : diffs)
    if (!d.columns.empty()) changed_tables.insert(key_of(*m[i].source));
  // An enum whose values change retypes its columns (PostgreSQL, when values
  // go, and always on the way back): their tables change too.
  if (dialect.has_enum_types())
    for (const auto& e : model.enums) {
      const Enum* had = live.enum_type(e.name, e.schema);
      if (!had || had->values == e.values) continue;
      for (const auto& t : model.tables)
        for (const auto& c : t.columns)
          if (c.type.str() == e.name || c.type.str() == e.qualified_name())
            changed_tables.insert(key_of(t));
    }
  ObjectOps objects = compare_objects(model, live, dialect, s, changed_tables);

  std::vector<Op> out = std::move(objects.first);
  std::vector<Op> late_foreign_keys;
  std::vector<Op> dropped_enums;
  if (dialect.has_enum_types()) {
    split_enum_defaults(model, live, diffs, m, out);
    compare_enums(model, live, out, dropped_enums);
  }
  for (auto& o : objects.types) out.push_back(std::move(o));

  // 1. New tables, parents first. A key waits until after every table exists
  // when it closes a cycle, or points at a table whose keys change below.
  {
    std::vector<const Table*> tables;
    for (size_t i : added) tables.push_back(&m[i].table());
    CreateOrder order = order_by_dependencies(tables);
    std::set<std::pair<size_t, size_t>> deferred(order.deferred.begin(), order.deferred.end());
    for (size_t i = 0; i < tables.size(); ++i)
      for (size_t k = 0; k < tables[i]->foreign_keys.size(); ++k) {
        const ForeignKey& fk = tables[i]->foreign_keys[k];
        Key parent{fk.ref_schema.empty() ? tables[i]->schema : fk.ref_schema, fk.ref_table};
        auto it = keys_change.find(parent);
        if (it != keys_change.end() && it->second) deferred.emplace(i, k);
      }
    for (size_t i : order.order) {
      Table t = *tables[i];
      t.foreign_keys.clear();
      for (size_t k = 0; k < tables[i]->foreign_keys.size(); ++k) {
        const ForeignKey& fk = tables[i]->foreign_keys[k];
        if (deferred.count({i, k}))
          late_foreign_keys.push_back(make_op(CreateForeignKey{{t.schema, t.name}, fk}));
        else
          t.foreign_keys.push_back(fk);
      }
      out.push_back(make_op(CreateTable{std::move(t)}));
    }
  }

  // 2. Foreign keys that go, before what they point at can change or go.
  for (auto& [i, d] : diffs)
    for (auto& o : d.drop_foreign_keys) out.push_back(std::move(o));

  // 3. Tables the model no longer has, children first; keys between them that
  // form a cycle are dropped before either table.
  {
    std::vector<const Table*> tables;
    for (size_t j : removed) tables.push_back(&l[j].table());
    CreateOrder order = order_by_dependencies(tables);
    std::set<std::pair<size_t, size_t>> deferred(order.deferred.begin(), order.deferred.end());
    for (auto [i, k] : order.deferred) {
      out.push_back(make_op(DropConstraint{{tables[i]->schema, tables[i]->name},
                                           tables[i]->foreign_keys[k].name,
                                           ConstraintKind::foreign_key,
                                           tables[i]->foreign_keys[k]}));
    }
    for (auto it = order.order.rbegin(); it != order.order.rend(); ++it) {
      const Table& t = *tables[*it];
      Table existing = t;
      existing.foreign_keys.clear();
      for (size_t k = 0; k < t.foreign_keys.size(); ++k)
        if (!deferred.count({*it, k})) existing.foreign_keys.push_back(t.foreign_keys[k]);
      out.push_back(make_op(DropTable{{t.schema, t.name}, std::move(existing)}));
    }
  }

  // 4. Each remaining table: indexes and constraints that go, columns, then
  // indexes and constraints that come.
  for (auto& [i, d] : diffs) {
    for (auto& o : d.drop_other) out.push_back(std::move(o));
    for (auto& o : d.columns) out.push_back(std::move(o));
    for (auto& o : d.create_other) out.push_back(std::move(o));
  }

  // 5. Foreign keys that come, once every table, column and key they need exists.
  for (auto& [i, d] : diffs)
    for (auto& o : d.create_foreign_keys) out.push_back(std::move(o));
  for (auto& o : late_foreign_keys) out.push_back(std::move(o));

  // 6. Views, triggers, functions, ... that come or change; then enum types
  // no table uses any more.
  for (auto& o : objects.last) out.push_back(std::move(o));
  for (auto& o : dropped_enums) out.push_back(std::move(o));
  return out;
}

}  // namespace migrate
