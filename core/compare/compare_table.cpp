#include "core/compare/compare_table.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/compare/compare_partitions.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate {
namespace {

// Which item of the model matches which item of the database. Items match by
// name when both have one; an item the database left unnamed (SQLite keeps no
// name for most constraints) matches by what it does instead.
struct Pairs {
  std::vector<std::pair<size_t, size_t>> both;  // model index, live index
  std::vector<size_t> model_only;
  std::vector<size_t> live_only;
};

template <class T, class Same>
Pairs pair_up(const std::vector<T>& model, const std::vector<T>& live, Same same) {
  Pairs p;
  std::vector<bool> used(live.size(), false);
  std::vector<size_t> unmatched;
  std::map<std::string, size_t> live_by_name;
  for (size_t j = 0; j < live.size(); ++j)
    if (!live[j].name.empty()) live_by_name.emplace(live[j].name, j);
  for (size_t i = 0; i < model.size(); ++i) {
    auto it = model[i].name.empty() ? live_by_name.end() : live_by_name.find(model[i].name);
    if (it != live_by_name.end() && !used[it->second]) {
      used[it->second] = true;
      p.both.emplace_back(i, it->second);
    } else {
      unmatched.push_back(i);
    }
  }
  for (size_t i : unmatched) {
    bool found = false;
    for (size_t j = 0; j < live.size() && !found; ++j) {
      if (used[j] || !(model[i].name.empty() || live[j].name.empty())) continue;
      if (same(model[i], live[j])) {
        used[j] = true;
        p.both.emplace_back(i, j);
        found = true;
      }
    }
    if (!found) p.model_only.push_back(i);
  }
  for (size_t j = 0; j < live.size(); ++j)
    if (!used[j]) p.live_only.push_back(j);
  return p;
}

bool same_index(const Index& a, const Index& b) {
  return a.keys == b.keys && a.unique == b.unique && a.where == b.where && a.method == b.method &&
         a.include == b.include && a.nulls_not_distinct == b.nulls_not_distinct &&
         a.visible == b.visible;
}
bool same_unique(const UniqueConstraint& a, const UniqueConstraint& b) {
  return a.columns == b.columns && a.deferrable == b.deferrable &&
         a.nulls_not_distinct == b.nulls_not_distinct;
}
bool same_foreign_key(const ForeignKey& a, const ForeignKey& b) {
  return a.columns == b.columns && a.ref_schema == b.ref_schema && a.ref_table == b.ref_table &&
         a.ref_columns == b.ref_columns && a.on_delete == b.on_delete &&
         a.on_update == b.on_update && a.deferrable == b.deferrable;
}
bool same_check(const CheckConstraint& a, const CheckConstraint& b) {
  return a.expression == b.expression;
}
bool same_exclusion(const ExclusionConstraint& a, const ExclusionConstraint& b) {
  return a.using_ == b.using_ && a.elements == b.elements && a.where == b.where &&
         a.deferrable == b.deferrable && a.include == b.include;
}

class Differ {
 public:
  Differ(const TableSides& t, const DiffRules& dialect, const CompareSettings& s)
      : t_(t), dialect_(dialect), s_(s), ref_{t.model.schema, t.model.name} {}

  TableDiff run() {
    if (dialect_.has_partitions() && partitioning_remakes(t_, dialect_)) {
      // Nothing else need change: the table is made as the model says.
      out_.keys_change = true;
      out_.drop_other.push_back(op(DropTable{ref_, t_.live}));
      out_.create_other.push_back(op(CreateTable{t_.model}));
      return std::move(out_);
    }
    if (dialect_.keeps_comments() && t_.model_norm.comment != t_.live_norm.comment)
      out_.create_other.push_back(op(AlterTableComment{ref_, t_.model.comment, t_.live.comment}));
    if (dialect_.keeps_table_options()) table_options();
    if (dialect_.keeps_rowid_options()) rowid_options();
    find_remade();
    primary_key();
    indexes();
    constraints(
        t_.model_norm.uniques, t_.live_norm.uniques, same_unique,
        [&](size_t i) {
          out_.keys_change = true;
          out_.create_other.push_back(op(CreateUniqueConstraint{ref_, t_.model.uniques[i]}));
        },
        [&](size_t j) {
          out_.keys_change = true;
          out_.drop_other.push_back(op(DropConstraint{ref_, t_.live.uniques[j].name,
                                                      ConstraintKind::unique, t_.live.uniques[j]}));
        });
    constraints(
        t_.model_norm.foreign_keys, t_.live_norm.foreign_keys, same_foreign_key,
        [&](size_t i) {
          out_.create_foreign_keys.push_back(op(CreateForeignKey{ref_, t_.model.foreign_keys[i]}));
        },
        [&](size_t j) {
          out_.drop_foreign_keys.push_back(
              op(DropConstraint{ref_, t_.live.foreign_keys[j].name, ConstraintKind::foreign_key,
                                t_.live.foreign_keys[j]}));
        });
    if (dialect_.reports_checks())
      constraints(
          t_.model_norm.checks, t_.live_norm.checks, same_check,
          [&](size_t i) {
            out_.create_other.push_back(op(CreateCheckConstraint{ref_, t_.model.checks[i]}));
          },
          [&](size_t j) {
            out_.drop_other.push_back(op(DropConstraint{ref_, t_.live.checks[j].name,
                                                        ConstraintKind::check, t_.live.checks[j]}));
          });
    constraints(
        t_.model_norm.exclusions, t_.live_norm.exclusions, same_exclusion,
        [&](size_t i) {
          out_.create_other.push_back(op(CreateExclusionConstraint{ref_, t_.model.exclusions[i]}));
        },
        [&](size_t j) {
          out_.drop_other.push_back(
              op(DropExclusionConstraint{ref_, t_.live.exclusions[j].name, t_.live.exclusions[j]}));
        });
    columns();
    if (dialect_.has_partitions()) diff_partitions(t_, dialect_, out_);
    return std::move(out_);
  }

 private:
  const TableSides& t_;
  const DiffRules& dialect_;
  const CompareSettings& s_;
  TableRef ref_;
  TableDiff out_;
  // Columns dropped and added again (their generation changed): what uses
  // them goes with the drop and is made again after the add.
  std::set<std::string> remade_;

  void find_remade() {
    for (const auto& m : t_.model_norm.columns)
      if (const Column* l = t_.live_norm.column(m.name); l && l->generated != m.generated)
        remade_.insert(l->name);
  }
  bool remade(const std::string& column) const { return remade_.count(column) > 0; }
  bool remade(const std::vector<std::string>& columns) const {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const std::string& c) { return remade(c); });
  }
  bool remade_sql(const std::string& sql) const {
    return std::any_of(remade_.begin(), remade_.end(),
                       [&](const std::string& c) { return sql_mentions_column(sql, c); });
  }
  bool uses_remade(const Index& ix) const {
    for (const auto& k : ix.keys)
      if (k.is_column() ? remade(k.text) : remade_sql(k.text)) return true;
    return !ix.where.empty() && remade_sql(ix.where);
  }
  bool uses_remade(const UniqueConstraint& u) const { return remade(u.columns); }
  bool uses_remade(const ForeignKey& fk) const { return remade(fk.columns); }
  bool uses_remade(const CheckConstraint& ck) const { return remade_sql(ck.expression); }
  bool uses_remade(const ExclusionConstraint& x) const {
    for (const auto& e : x.elements)
      if (e.key.is_column() ? remade(e.key.text) : remade_sql(e.key.text)) return true;
    return remade(x.include) || (!x.where.empty() && remade_sql(x.where));
  }

  static Op op(OpBody body) { return Op{std::move(body), {}}; }

  // Only what the model states is compared (compare_schemas filled the rest
  // from the database). Before the columns: a column that follows the
  // table's character set is restated by the op.
  void table_options() {
    auto differs = [](const std::optional<std::string>& m, const std::optional<std::string>& l) {
      return m && m != l;
    };
    const Table &mn = t_.model_norm, &ln = t_.live_norm;
    const bool engine = differs(mn.mysql_engine, ln.mysql_engine);
    const bool charset =
        differs(mn.mysql_charset, ln.mysql_charset) || differs(mn.mysql_collate, ln.mysql_collate);
    const bool row_format = differs(mn.mysql_row_format, ln.mysql_row_format);
    if (!engine && !charset && !row_format) return;
    AlterTableOptions o;
    o.ref = ref_;
    if (row_format) {
      o.mysql_row_format = t_.model.mysql_row_format;
      o.existing_mysql_row_format = t_.live.mysql_row_format;
    }
    if (engine) {
      o.mysql_engine = t_.model.mysql_engine;
      o.existing_mysql_engine = t_.live.mysql_engine;
    }
    if (charset) {
      o.mysql_charset = t_.model.mysql_charset;
      o.mysql_collate = t_.model.mysql_collate;
      o.existing_mysql_charset = t_.live.mysql_charset;
      o.existing_mysql_collate = t_.live.mysql_collate;
      o.columns.emplace();
      for (const auto& c : t_.live.columns)
        if (dialect_.follows_table_charset(c)) o.columns->push_back(c.name);
    }
    out_.columns.insert(out_.columns.begin(), op(std::move(o)));
  }

  void rowid_options() {
    const Table &m = t_.model_norm, &l = t_.live_norm;
    if (m.sqlite_strict == l.sqlite_strict && m.sqlite_with_rowid == l.sqlite_with_rowid) return;
    AlterTableOptions o;
    o.ref = ref_;
    if (m.sqlite_strict != l.sqlite_strict) {
      o.sqlite_strict = m.sqlite_strict;
      o.existing_sqlite_strict = l.sqlite_strict;
    }
    if (m.sqlite_with_rowid != l.sqlite_with_rowid) {
      o.sqlite_with_rowid = m.sqlite_with_rowid;
      o.existing_sqlite_with_rowid = l.sqlite_with_rowid;
    }
    // Last: the rebuild it takes makes the table as the other ops left it.
    out_.create_other.push_back(op(std::move(o)));
  }

  void primary_key() {
    const auto& m = t_.model_norm.primary_key;
    const auto& l = t_.live_norm.primary_key;
    if (!m && !l) return;
    if (m && l && m->columns == l->columns &&
        (m->name.empty() || l->name.empty() || m->name == l->name))
      return;
    out_.keys_change = true;
    if (l)
      out_.drop_other.push_back(op(DropConstraint{
          ref_, t_.live.primary_key->name, ConstraintKind::primary_key, *t_.live.primary_key}));
    if (m) out_.create_other.push_back(op(CreatePrimaryKey{ref_, *t_.model.primary_key}));
  }

  void indexes() {
    Pairs p = pair_up(t_.model_norm.indexes, t_.live_norm.indexes, same_index);
    auto create = [&](size_t i) {
      out_.create_other.push_back(op(CreateIndex{ref_, t_.model.indexes[i]}));
    };
    auto drop = [&](size_t j) {
      out_.drop_other.push_back(op(DropIndex{ref_, t_.live.indexes[j].name, t_.live.indexes[j]}));
    };
    for (auto [i, j] : p.both)
      if (!same_index(t_.model_norm.indexes[i], t_.live_norm.indexes[j]) ||
          uses_remade(t_.live_norm.indexes[j])) {
        drop(j);
        create(i);
      }
    for (size_t j : p.live_only) drop(j);
    for (size_t i : p.model_only) create(i);
  }

  // A pair that matched by name but differs is dropped and created again:
  // no database alters a constraint in place.
  template <class T, class Same, class Create, class Drop>
  void constraints(const std::vector<T>& model, const std::vector<T>& live, Same same,
                   Create create, Drop drop) {
    Pairs p = pair_up(model, live, same);
    for (auto [i, j] : p.both)
      if (!same(model[i], live[j]) || (!remade_.empty() && uses_remade(live[j]))) {
        drop(j);
        create(i);
      }
    for (size_t j : p.live_only) drop(j);
    for (size_t i : p.model_only) create(i);
  }

  void columns() {
    std::map<std::string, size_t> live_by_name;
    for (size_t j = 0; j < t_.live_norm.columns.size(); ++j)
      live_by_name.emplace(t_.live_norm.columns[j].name, j);
    std::vector<bool> kept(t_.live_norm.columns.size(), false);
    std::vector<Op> adds, alters, drops;
    for (size_t i = 0; i < t_.model_norm.columns.size(); ++i) {
      auto it = live_by_name.find(t_.model_norm.columns[i].name);
      if (it == live_by_name.end()) {
        adds.push_back(op(AddColumn{ref_, t_.model.columns[i], {}, {}}));
        continue;
      }
      kept[it->second] = true;
      if (t_.model_norm.columns[i].generated != t_.live_norm.columns[it->second].generated) {
        // No database alters what a column is computed from (PostgreSQL
        // before 17 not at all); a computed value is made again, never lost.
        // In its place, both ways, where the database can put it there.
        const size_t j = it->second;
        ColumnPosition here;
        if (dialect_.places_columns() && j + 1 < t_.live.columns.size())
          here = j == 0 ? ColumnPosition{"", true}
                        : ColumnPosition{t_.live.columns[j - 1].name, false};
        alters.push_back(op(DropColumn{ref_, t_.live.columns[j].name, t_.live.columns[j], here}));
        alters.push_back(op(AddColumn{ref_, t_.model.columns[i], {}, {}, here}));
        continue;
      }
      const std::string& model_name = t_.model.columns[i].name;
      const std::string& live_name = t_.live.columns[it->second].name;
      if (s_.warn && model_name != live_name)
        s_.warn("column " + t_.model.qualified_name() + "." + model_name + " of the model is " +
                live_name + " in the database; " + dialect_.name() +
                " matches column names without regard to case, so this is no difference "
                "(rename the column by hand to change its case)");
      if (auto alter = alter_column(i, it->second)) alters.push_back(op(std::move(*alter)));
    }
    // Generated columns first: a column they are computed from cannot go before them.
    std::vector<size_t> dropped;
    for (bool generated : {true, false})
      for (size_t j = 0; j < t_.live.columns.size(); ++j)
        if (!kept[j] && t_.live.columns[j].generated.has_value() == generated) dropped.push_back(j);
    // Where the downgrade puts each column back: after the nearest column
    // before it that is there by then (it re-adds them in reverse order). A
    // column that was last is added last anyway (and SQLite needs no rebuild).
    std::vector<ColumnPosition> places(dropped.size());
    if (dialect_.places_columns()) {
      std::vector<bool> present = kept;
      for (size_t n = dropped.size(); n-- > 0;) {
        const size_t j = dropped[n];
        size_t k = j;
        while (k > 0 && !present[k - 1]) --k;
        bool last = true;
        for (size_t after = j + 1; after < present.size(); ++after) last = last && !present[after];
        if (!last)
          places[n] = k == 0 ? ColumnPosition{"", true}
                             : ColumnPosition{t_.live.columns[k - 1].name, false};
        present[j] = true;
      }
    }
    for (size_t n = 0; n < dropped.size(); ++n) {
      const Column& c = t_.live.columns[dropped[n]];
      drops.push_back(op(DropColumn{ref_, c.name, c, places[n]}));
    }
    for (auto* group : {&adds, &alters, &drops})
      for (auto& o : *group) out_.columns.push_back(std::move(o));
  }

  std::optional<AlterColumn> alter_column(size_t i, size_t j) const {
    const Column& mn = t_.model_norm.columns[i];
    const Column& ln = t_.live_norm.columns[j];
    const Column& m = t_.model.columns[i];
    const Column& l = t_.live.columns[j];
    const bool type = s_.compare.types && mn.type != ln.type;
    const bool nullable = mn.nullable != ln.nullable;
    const bool def = s_.compare.server_defaults && mn.server_default != ln.server_default;
    const bool comment = dialect_.keeps_comments() && mn.comment != ln.comment;
    // A dialect that says the collation in the type (MySQL) restates it with a new type.
    const bool collation = mn.collation != ln.collation || (type && m.collation != l.collation);
    // ALWAYS or BY DEFAULT, of a column that is or becomes an identity.
    const bool always = mn.autoincrement && mn.identity_always != ln.identity_always;
    // Its sequence's options, of a column that is or was an identity: an
    // identity dropped carries them for the downgrade to make it again.
    const bool options =
        (mn.autoincrement || ln.autoincrement) && mn.identity_options != ln.identity_options;
    bool autoincrement = mn.autoincrement != ln.autoincrement;
    if (autoincrement && !dialect_.alters_autoincrement()) {
      autoincrement = false;
      if (s_.warn)
        s_.warn("column " + t_.model.qualified_name() + "." + m.name + " has autoincrement " +
                (m.autoincrement ? "true" : "false") + " in the model but " +
                (l.autoincrement ? "true" : "false") + " in the database, which no operation " +
                "changes on " + dialect_.name() +
                ": write the change by hand (on SQLite, a new table and a copy of the rows)");
    }
    if (!type && !nullable && !def && !comment && !autoincrement && !collation && !always &&
        !options)
      return std::nullopt;
    AlterColumn a;
    a.ref = ref_;
    a.column = l.name;
    if (type) a.type = m.type;
    if (nullable) a.nullable = m.nullable;
    if (def) a.server_default = m.server_default;
    if (comment) a.comment = m.comment;
    if (always) {
      a.identity_always = m.identity_always;
      a.existing_identity_always = l.identity_always;
    }
    if (options) {
      a.identity_options = m.identity_options;
      a.existing_identity_options = l.identity_options;
    }
    if (collation) {
      a.collation = m.collation;
      a.existing_collation = l.collation;
    }
    if (autoincrement) {
      a.autoincrement = m.autoincrement;
      a.existing_autoincrement = l.autoincrement;
    }
    // What the column is now, for the downgrade and for dialects (MySQL's
    // MODIFY COLUMN) that restate the whole column.
    a.existing_type = l.type;
    a.existing_nullable = l.nullable;
    if (def || l.server_default) a.existing_server_default = l.server_default;
    if (comment || (dialect_.keeps_comments() && l.comment)) a.existing_comment = l.comment;
    return a;
  }
};

}  // namespace

bool TableDiff::empty() const {
  return drop_foreign_keys.empty() && drop_other.empty() && columns.empty() &&
         create_other.empty() && create_foreign_keys.empty();
}

TableDiff diff_table(const TableSides& t, const DiffRules& dialect, const CompareSettings& s) {
  return Differ(t, dialect, s).run();
}

}  // namespace migrate
