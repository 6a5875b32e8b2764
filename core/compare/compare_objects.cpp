#include "core/compare/compare_objects.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/base/text.hpp"
#include "core/schema/schema_object.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate {
namespace {

using Identity = std::tuple<int, std::string, std::string, std::string>;

Identity identity_of(const SchemaObject& o) {
  // An extension is one per database: its schema is where it puts its objects.
  return {static_cast<int>(o.kind), o.kind == ObjectKind::extension ? std::string() : o.schema,
          o.name, o.kind == ObjectKind::trigger ? o.table : std::string()};
}

bool matches(const std::vector<std::string>& patterns, const std::string& name,
             const std::string& qualified) {
  for (const auto& p : patterns)
    if (fnmatch(p.c_str(), name.c_str(), 0) == 0 || fnmatch(p.c_str(), qualified.c_str(), 0) == 0)
      return true;
  return false;
}

std::string lower(const std::string& s) {
  std::string out = s;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Side {
  std::vector<const SchemaObject*> given;  // as the model or database has it
  std::vector<SchemaObject> norm;          // as compared, depends_on filled
};

// `stored`: the objects as the database would store them, or empty.
Side prepare(const Schema& schema, const DiffRules& dialect, const CompareSettings& s,
             const std::set<std::string>& names, const std::vector<SchemaObject>& stored) {
  Side side;
  const bool use_stored = stored.size() == schema.objects.size();
  for (size_t k = 0; k < schema.objects.size(); ++k) {
    const SchemaObject& o = schema.objects[k];
    if (!dialect.has_object_kind(o.kind) || !object_included(o, s)) continue;
    side.given.push_back(&o);
    const SchemaObject& compared = use_stored ? stored[k] : o;
    SchemaObject n = dialect.normalize_object(compared);
    if (n.depends_on.empty()) n.depends_on = mentioned_names(compared, names);
    if (o.kind == ObjectKind::trigger) n.depends_on.push_back(o.table);
    if (o.kind == ObjectKind::domain) n.depends_on.push_back(o.domain.type);  // another domain
    side.norm.push_back(std::move(n));
  }
  return side;
}

bool reads_any(const SchemaObject& o, const std::set<std::string>& lower_names) {
  for (const auto& d : o.depends_on)
    if (lower_names.count(lower(d))) return true;
  return false;
}

void add_names(std::set<std::string>& out, const std::string& schema, const std::string& name) {
  out.insert(lower(name));
  if (!schema.empty()) out.insert(lower(schema + "." + name));
}

// The same options without OWNED BY: what create_sequence makes before the
// tables exist.
SchemaObject unowned(SchemaObject o) {
  o.sequence.owned_by.clear();
  return o;
}

}  // namespace

SchemaObject DiffRules::normalize_object(const SchemaObject& o) const {
  SchemaObject n = o;
  if (!n.definition.empty()) n.definition = canonical_sql(n.definition);
  // A materialized view's indexes have no order.
  std::sort(n.indexes.begin(), n.indexes.end(),
            [](const Index& a, const Index& b) { return a.name < b.name; });
  for (auto& ix : n.indexes) {
    for (auto& key : ix.keys)
      if (key.expression) key.text = canonical_sql(key.text);
    if (!ix.where.empty()) ix.where = canonical_sql(ix.where);
  }
  DomainOptions& d = n.domain;
  if (d.server_default) d.server_default = canonical_sql(*d.server_default);
  for (auto& ck : d.checks) ck.expression = canonical_sql(ck.expression);
  std::sort(d.checks.begin(), d.checks.end(),
            [](const CheckConstraint& a, const CheckConstraint& b) { return a.name < b.name; });
  return n;
}

bool object_included(const SchemaObject& o, const CompareSettings& s) {
  // A trigger belongs to its table: the patterns name tables, not triggers.
  if (o.kind == ObjectKind::trigger) {
    Table shell;
    shell.schema = o.schema;
    shell.name = o.table;
    return table_included(shell, s);
  }
  const std::string qualified = o.qualified_name();
  if (!s.include_tables.empty() && !matches(s.include_tables, o.name, qualified)) return false;
  return !matches(s.exclude_tables, o.name, qualified);
}

std::vector<std::string> mentioned_names(const SchemaObject& o,
                                         const std::set<std::string>& lower_names) {
  std::vector<std::string> out;
  std::vector<SqlToken> tokens;
  try {
    tokens = tokenize_sql(o.definition);
  } catch (const std::exception&) {
    return out;  // an unterminated quote: the database will say so
  }
  // A function's body is a string ('...' or $$...$$): its names count too.
  if (o.kind == ObjectKind::function || o.kind == ObjectKind::procedure) {
    std::vector<SqlToken> inner;
    for (const auto& t : tokens)
      if (t.kind == SqlTokenKind::string) try {
          for (auto& x : tokenize_sql(t.value)) inner.push_back(std::move(x));
        } catch (const std::exception&) {
        }
    for (auto& x : inner) tokens.push_back(std::move(x));
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].is_name()) continue;
    std::string name = tokens[i].value;
    // schema.name
    if (i + 2 < tokens.size() && tokens[i + 1].is_punct('.') && tokens[i + 2].is_name()) {
      std::string qualified = name + "." + tokens[i + 2].value;
      if (lower_names.count(lower(qualified))) {
        out.push_back(qualified);
        i += 2;
        continue;
      }
    }
    if (lower(name) == lower(o.name)) continue;
    if (lower_names.count(lower(name)) && std::find(out.begin(), out.end(), name) == out.end())
      out.push_back(name);
  }
  return out;
}

ObjectOps compare_objects(const Schema& model, const Schema& live, const DiffRules& dialect,
                          const CompareSettings& s,
                          const std::set<std::pair<std::string, std::string>>& changed_tables) {
  ObjectOps out;
  if (s.warn)
    for (ObjectKind k : all_object_kinds) {
      if (dialect.has_object_kind(k)) continue;
      size_t n = std::count_if(model.objects.begin(), model.objects.end(),
                               [&](const SchemaObject& o) { return o.kind == k; });
      if (n)
        s.warn("the model's " + std::string(object_section(k)) + " (" + std::to_string(n) +
               ") are not compared: " + dialect.name() + " has no " + object_noun(k) + "s");
    }
  std::set<std::string> names;
  for (const Schema* schema : {&model, &live}) {
    for (const auto& t : schema->tables) add_names(names, t.schema, t.name);
    for (const auto& o : schema->objects) add_names(names, o.schema, o.name);
  }
  Side m = prepare(model, dialect, s, names, s.stored_objects);
  Side l = prepare(live, dialect, s, names, {});

  std::map<Identity, size_t> live_at;
  for (size_t j = 0; j < l.norm.size(); ++j) live_at.emplace(identity_of(l.norm[j]), j);
  std::vector<int> match(m.norm.size(), -1);  // model -> live
  std::vector<bool> kept(l.norm.size(), false);
  for (size_t i = 0; i < m.norm.size(); ++i) {
    auto it = live_at.find(identity_of(m.norm[i]));
    if (it == live_at.end()) continue;
    match[i] = static_cast<int>(it->second);
    kept[it->second] = true;
    // An extension's version, unless the model states one, is whichever is installed.
    if (m.norm[i].kind == ObjectKind::extension && m.norm[i].version.empty())
      m.norm[i].version = l.norm[it->second].version;
  }

  std::set<std::string> changed;  // lower-case names of changed tables
  for (const auto& [schema, name] : changed_tables) add_names(changed, schema, name);
  std::set<std::string> existing_tables, new_tables;  // lower case
  for (const auto& t : live.tables) add_names(existing_tables, t.schema, t.name);
  for (const auto& t : model.tables)
    if (!existing_tables.count(lower(t.qualified_name()))) add_names(new_tables, t.schema, t.name);
  auto is_routine = [](const SchemaObject& o) {
    return o.kind == ObjectKind::function || o.kind == ObjectKind::procedure;
  };
  // Types the tables use: made before them and dropped after them.
  auto is_type = [](const SchemaObject& o) {
    return o.kind == ObjectKind::domain || o.kind == ObjectKind::extension;
  };

  // Live objects that go before the table ops: those the model lacks
  // (sequences aside: a column default may use one until its table changes),
  // and views whose tables or objects change under them, with whatever
  // reads them in turn.
  std::vector<bool> drop_first(l.norm.size(), false);
  std::vector<bool> differs(l.norm.size(), false);
  for (size_t i = 0; i < m.norm.size(); ++i)
    if (match[i] >= 0 && !(m.norm[i] == l.norm[match[i]])) differs[match[i]] = true;
  for (size_t j = 0; j < l.norm.size(); ++j) {
    const SchemaObject& o = l.norm[j];
    bool is_view = o.kind == ObjectKind::view || o.kind == ObjectKind::materialized_view;
    // An owned sequence goes with its table, so it goes first; another, and
    // a function, may be some column's default or check until the table ops
    // are done, so they go last.
    const bool used_by_columns = (o.kind == ObjectKind::sequence && o.sequence.owned_by.empty()) ||
                                 is_routine(o) || is_type(o);
    if (!kept[j] && !used_by_columns) drop_first[j] = true;
    if (is_view && reads_any(o, changed)) drop_first[j] = true;
    // A changed trigger on a changed table goes first too: its old body may
    // name a column the table ops drop (SQLite checks, on DROP COLUMN).
    if (o.kind == ObjectKind::trigger && differs[j] && reads_any(o, changed)) drop_first[j] = true;
  }
  for (bool grew = true; grew;) {
    grew = false;
    std::set<std::string> going;
    for (size_t j = 0; j < l.norm.size(); ++j) {
      const SchemaObject& o = l.norm[j];
      bool is_view = o.kind == ObjectKind::view || o.kind == ObjectKind::materialized_view;
      if (drop_first[j] || (is_view && differs[j])) add_names(going, o.schema, o.name);
    }
    for (size_t j = 0; j < l.norm.size(); ++j)
      if (!drop_first[j] && l.norm[j].kind != ObjectKind::sequence && !is_type(l.norm[j]) &&
          reads_any(l.norm[j], going)) {
        drop_first[j] = true;
        grew = true;
      }
  }

  auto existing = [&](size_t j) { return *l.given[j]; };
  auto drop_op = [&](size_t j) {
    const SchemaObject& o = *l.given[j];
    return Op{DropObject{o.kind, o.schema, o.name, o.table, existing(j)}, {}};
  };

  // Drops, dependents first.
  {
    std::vector<const SchemaObject*> order_of;
    for (auto& n : l.norm) order_of.push_back(&n);
    std::vector<size_t> order = creation_order(order_of);
    for (auto it = order.rbegin(); it != order.rend(); ++it)
      if (drop_first[*it]) out.first.push_back(drop_op(*it));
  }

  // Creates and replaces, each after what it reads.
  std::vector<Op> owned;
  std::vector<Op> extensions;  // before everything else
  {
    std::vector<const SchemaObject*> order_of;
    for (auto& n : m.norm) order_of.push_back(&n);
    for (size_t i : creation_order(order_of)) {
      const SchemaObject& want = *m.given[i];
      const int j = match[i];
      if (want.kind == ObjectKind::sequence) {
        if (j < 0) {
          out.first.push_back(Op{CreateObject{unowned(want)}, {}});
          if (!want.sequence.owned_by.empty())
            owned.push_back(Op{ReplaceObject{want, unowned(want)}, {}});
        } else if (differs[j]) {
          owned.push_back(Op{ReplaceObject{want, existing(j)}, {}});
        }
        continue;
      }
      if (is_type(want)) {
        std::vector<Op>& to = want.kind == ObjectKind::extension ? extensions : out.types;
        if (j < 0)
          to.push_back(Op{CreateObject{want}, {}});
        else if (differs[j])
          to.push_back(Op{ReplaceObject{want, existing(j)}, {}});
        continue;
      }
      // A new function comes before the tables, whose defaults and checks
      // may call it, unless it reads one of the new tables.
      if (j < 0 && is_routine(want) && !reads_any(m.norm[i], new_tables))
        out.first.push_back(Op{CreateObject{want}, {}});
      else if (j < 0 || drop_first[j])
        out.last.push_back(Op{CreateObject{want}, {}});
      else if (differs[j])
        out.last.push_back(Op{ReplaceObject{want, existing(j)}, {}});
    }
  }
  for (auto& o : owned) out.last.push_back(std::move(o));
  // Sequences and functions the model lacks, once no table uses them,
  // dependents first.
  {
    std::vector<const SchemaObject*> order_of;
    for (auto& n : l.norm) order_of.push_back(&n);
    std::vector<size_t> order = creation_order(order_of);
    std::vector<Op> extensions_going;  // last of all: the others may use what they bring
    for (auto it = order.rbegin(); it != order.rend(); ++it)
      if (!kept[*it] && !drop_first[*it])
        (l.norm[*it].kind == ObjectKind::extension ? extensions_going : out.last)
            .push_back(drop_op(*it));
    for (auto& o : extensions_going) out.last.push_back(std::move(o));
  }
  out.first.insert(out.first.begin(), std::make_move_iterator(extensions.begin()),
                   std::make_move_iterator(extensions.end()));
  return out;
}

}  // namespace migrate
