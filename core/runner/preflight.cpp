#include "core/runner/preflight.hpp"

#include <cstdio>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/ops/apply.hpp"
#include "core/schema/exclusion.hpp"
#include "core/schema/schema_object.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate {
namespace {

// A name or text as a message can show it: quoted, control bytes escaped,
// long ones cut, since the text may be anything a hostile file holds.
std::string shown(std::string_view s) {
  std::string out = "\"";
  size_t n = 0;
  for (unsigned char c : s) {
    if (++n > 80) {
      out += "...";
      break;
    }
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

class Checker {
 public:
  Checker(const Dialect& d, const SourceMark& at, bool offline)
      : d_(d), at_(at), offline_(offline), syntax_(d.sql_syntax()) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(at_, message + "; nothing was run");
  }

  void name(const std::string& n, NameKind kind, const std::string& what) const {
    if (n.empty()) return;  // unnamed: the server names it
    if (auto p = d_.name_problem(n, kind)) fail(what + " " + shown(n) + " " + *p);
  }

  void sql(const std::string& text, const std::string& what, bool comma = true) const {
    if (auto p = sql_fragment_problem(text, syntax_, FragmentRules{comma}))
      fail(what + " " + shown(text) + " " + *p);
  }

  void literal(const std::string& text, LiteralKind kind, const std::string& what) const {
    if (auto p = d_.literal_problem(text, kind, offline_))
      fail(what + " " + shown(text) + " " + *p);
  }

  void ref(const TableRef& r) const {
    name(r.schema, NameKind::schema, "schema");
    name(r.table, NameKind::table, "table");
  }

  void type(const Type& t, const std::string& of) const { sql(t.str(), "type of " + of, false); }

  void column(const Column& c) const {
    name(c.name, NameKind::column, "column");
    const std::string of = "column " + shown(c.name);
    type(c.type, of);
    if (c.server_default) sql(*c.server_default, "default of " + of, false);
    if (c.generated) sql(c.generated->expression, "generated expression of " + of, false);
    if (c.collation) name(*c.collation, NameKind::type, "collation of " + of);
    if (c.comment) literal(*c.comment, LiteralKind::column_comment, "comment of " + of);
  }

  void columns(const std::vector<std::string>& names, const std::string& what) const {
    for (const auto& n : names) name(n, NameKind::column, what);
  }

  void index(const Index& ix) const {
    name(ix.name, NameKind::index, "index");
    const std::string of = "index " + shown(ix.name);
    for (const auto& k : ix.keys) {
      if (k.expression)
        sql(k.text, "expression key of " + of);
      else
        name(k.text, NameKind::column, "column of " + of);
    }
    if (!ix.where.empty()) sql(ix.where, "'where' of " + of);
    columns(ix.include, "included column of " + of);
  }

  void foreign_key(const ForeignKey& fk) const {
    name(fk.name, NameKind::constraint, "foreign key");
    columns(fk.columns, "column of foreign key " + shown(fk.name));
    name(fk.ref_schema, NameKind::schema,
         "schema of the table foreign key " + shown(fk.name) + " references");
    name(fk.ref_table, NameKind::table, "table foreign key " + shown(fk.name) + " references");
    columns(fk.ref_columns, "referenced column of foreign key " + shown(fk.name));
  }

  void check(const CheckConstraint& ck) const {
    name(ck.name, NameKind::constraint, "check constraint");
    sql(ck.expression, "expression of check constraint " + shown(ck.name));
  }

  void unique(const UniqueConstraint& u) const {
    name(u.name, NameKind::constraint, "unique constraint");
    columns(u.columns, "column of unique constraint " + shown(u.name));
  }

  void exclusion_name(const std::string& n) const {
    if (!d_.has_exclusion_constraints())
      fail("exclusion constraint " + shown(n) + ": " + d_.name() +
           " has no exclusion constraints (PostgreSQL's EXCLUDE); keep `exclusions` to a "
           "PostgreSQL model");
    name(n, NameKind::constraint, "exclusion constraint");
  }

  void exclusion(const ExclusionConstraint& x) const {
    exclusion_name(x.name);
    const std::string of = "exclusion constraint " + shown(x.name);
    for (const auto& e : x.elements) {
      if (e.key.expression)
        sql(e.key.text, "expression element of " + of);
      else
        name(e.key.text, NameKind::column, "column of " + of);
      if (auto p = exclusion_operator_problem(e.op))
        fail("operator " + shown(e.op) + " of " + of + " " + *p);
    }
    if (!x.where.empty()) sql(x.where, "'where' of " + of);
    columns(x.include, "included column of " + of);
  }

  void primary_key(const PrimaryKey& pk) const {
    name(pk.name, NameKind::constraint, "primary key");
    columns(pk.columns, "column of primary key " + shown(pk.name));
  }

  void table(const Table& t) const {
    ref({t.schema, t.name});
    for (const auto& c : t.columns) column(c);
    if (t.primary_key) primary_key(*t.primary_key);
    for (const auto& ix : t.indexes) index(ix);
    for (const auto& u : t.uniques) unique(u);
    for (const auto& fk : t.foreign_keys) foreign_key(fk);
    for (const auto& ck : t.checks) check(ck);
    for (const auto& x : t.exclusions) exclusion(x);
    if (t.comment)
      literal(*t.comment, LiteralKind::table_comment, "comment of table " + shown(t.name));
    for (const auto* option :
         {&t.mysql_engine, &t.mysql_charset, &t.mysql_collate, &t.mysql_row_format})
      if (*option) name(**option, NameKind::type, "table option");
    if (t.partition_by) partition_by(*t.partition_by, t.qualified_name());
    for (const auto& p : t.partitions) partition(p);
  }

  // The key's expression and each bound are spliced into the statement.
  void partition_by(const PartitionBy& p, const std::string& table) const {
    if (!d_.has_partitions())
      fail("table " + shown(table) + " has partition_by, but " + d_.name() +
           " has no partitioned tables; keep partition_by to a PostgreSQL or MySQL model");
    columns(p.columns, "partition key column");
    if (!p.expression.empty()) sql(p.expression, "partition key of table " + shown(table));
  }
  void partition(const Partition& p) const {
    if (!d_.has_partitions())
      fail("partition " + shown(p.name) + ": " + d_.name() + " has no partitioned tables");
    name(p.name, NameKind::table, "partition");
    if (!p.values.empty()) sql(p.values, "values of partition " + shown(p.name));
  }

  void enum_values(const std::vector<std::string>& values, const std::string& of) const {
    for (const auto& v : values) literal(v, LiteralKind::enum_value, "value of enum " + shown(of));
  }

  void operator()(const CreateTable& o) const { table(o.table); }
  void operator()(const DropTable& o) const { ref(o.ref); }
  void operator()(const RenameTable& o) const {
    ref(o.ref);
    name(o.new_name, NameKind::table, "new table name");
  }
  void operator()(const AddColumn& o) const {
    ref(o.ref);
    column(o.column);
    for (const auto& u : o.uniques) unique(u);
    for (const auto& fk : o.foreign_keys) foreign_key(fk);
  }
  void operator()(const DropColumn& o) const {
    ref(o.ref);
    name(o.column, NameKind::column, "column");
  }
  void operator()(const AlterColumn& o) const {
    ref(o.ref);
    name(o.column, NameKind::column, "column");
    const std::string of = "column " + shown(o.column);
    if (o.new_name) name(*o.new_name, NameKind::column, "new column name");
    if (o.type) type(*o.type, of);
    if (o.server_default && *o.server_default) sql(**o.server_default, "default of " + of, false);
    if (o.comment && *o.comment)
      literal(**o.comment, LiteralKind::column_comment, "comment of " + of);
  }
  void operator()(const CreateIndex& o) const {
    ref(o.ref);
    index(o.index);
  }
  void operator()(const DropIndex& o) const {
    ref(o.ref);
    name(o.name, NameKind::index, "index");
  }
  void operator()(const CreateUniqueConstraint& o) const {
    ref(o.ref);
    unique(o.constraint);
  }
  void operator()(const CreateForeignKey& o) const {
    ref(o.ref);
    foreign_key(o.constraint);
  }
  void operator()(const CreateCheckConstraint& o) const {
    ref(o.ref);
    check(o.constraint);
  }
  void operator()(const CreatePrimaryKey& o) const {
    ref(o.ref);
    primary_key(o.constraint);
  }
  void operator()(const DropConstraint& o) const {
    ref(o.ref);
    name(o.name, NameKind::constraint, "constraint");
  }
  void operator()(const CreateExclusionConstraint& o) const {
    ref(o.ref);
    exclusion(o.constraint);
  }
  void operator()(const DropExclusionConstraint& o) const {
    ref(o.ref);
    exclusion_name(o.name);
  }
  void operator()(const Execute&) const {}  // the user's own SQL, run as written
  void operator()(const BulkInsert& o) const {
    ref(o.ref);
    for (const auto& row : o.rows)
      for (const auto& [column, value] : row) {
        name(column, NameKind::column, "column");
        if (const auto* s = std::get_if<std::string>(&value))
          literal(*s, LiteralKind::value, "value for column " + shown(column));
      }
  }
  void operator()(const AlterTableComment& o) const {
    ref(o.ref);
    if (o.comment) literal(*o.comment, LiteralKind::table_comment, "table comment");
  }
  void operator()(const CreateEnum& o) const {
    name(o.type.schema, NameKind::schema, "schema");
    name(o.type.name, NameKind::type, "enum");
    enum_values(o.type.values, o.type.name);
  }
  void operator()(const DropEnum& o) const {
    name(o.schema, NameKind::schema, "schema");
    name(o.name, NameKind::type, "enum");
  }
  void operator()(const AlterEnum& o) const {
    name(o.schema, NameKind::schema, "schema");
    name(o.name, NameKind::type, "enum");
    enum_values(o.values, o.name);
  }
  void object(ObjectKind kind, const std::string& schema, const std::string& n,
              const std::string& table) const {
    name(schema, NameKind::schema, "schema");
    name(n, kind == ObjectKind::trigger ? NameKind::constraint : NameKind::table,
         object_noun(kind));
    if (kind == ObjectKind::trigger) name(table, NameKind::table, "table");
  }
  // The name a CREATE TRIGGER / FUNCTION / PROCEDURE statement gives (what
  // follows the keyword and IF NOT EXISTS) and a trigger's table (what
  // follows its first ON), each without its schema; "" when not found.
  struct Made {
    std::string name, table;
  };
  static std::string name_at(const std::vector<SqlToken>& tokens, size_t& i) {
    std::string name;
    for (; i < tokens.size() && tokens[i].is_name(); i += 2) {
      name = tokens[i].value;
      if (i + 1 >= tokens.size() || !tokens[i + 1].is_punct('.')) break;
    }
    return name;
  }
  static Made made_by(const SchemaObject& o) {
    std::vector<SqlToken> tokens;
    try {
      tokens = tokenize_sql(o.definition, SqlLexOptions{false});
    } catch (const std::exception&) {
      return {};
    }
    const char* keyword = o.kind == ObjectKind::trigger    ? "trigger"
                          : o.kind == ObjectKind::function ? "function"
                                                           : "procedure";
    size_t i = 0;
    while (i < tokens.size() && !tokens[i].is_word(keyword)) ++i;
    if (++i < tokens.size() && tokens[i].is_word("if")) i += 3;
    Made out;
    out.name = name_at(tokens, i);
    if (o.kind != ObjectKind::trigger) return out;
    while (i < tokens.size() && !tokens[i].is_word("on")) ++i;
    ++i;
    out.table = name_at(tokens, i);
    return out;
  }
  void definition(const SchemaObject& o) const {
    object(o.kind, o.schema, o.name, o.table);
    if (o.kind == ObjectKind::domain) {
      const std::string of = "domain " + shown(o.name);
      const DomainOptions& d = o.domain;
      type(Type::parse(d.type), of);
      if (d.server_default) sql(*d.server_default, "default of " + of, false);
      if (d.collation) name(*d.collation, NameKind::type, "collation of " + of);
      for (const auto& ck : d.checks) check(ck);
    }
    if (o.kind == ObjectKind::extension && !o.version.empty())
      literal(o.version, LiteralKind::value, "version of extension " + shown(o.name));
    if (definition_is_statement(o.kind) && !o.definition.empty()) {
      // Dropped and replaced by its name (and a trigger by its table): the
      // statement must make that one.
      const Made made = made_by(o);
      const std::string noun = object_noun(o.kind);
      if (made.name.empty())
        fail("the definition of " + noun + " " + shown(o.name) + " is no CREATE " +
             text::upper(noun) + " statement");
      if (!iequals(made.name, o.name))
        fail("the definition of " + noun + " " + shown(o.name) + " creates " + shown(made.name) +
             "; name it " + shown(o.name) + " there, or rename the entry");
      if (o.kind == ObjectKind::trigger && !iequals(made.table, o.table))
        fail("the definition of trigger " + shown(o.name) + " fires on " + shown(made.table) +
             ", not on its entry's table " + shown(o.table));
    }
    // A view's query is spliced after CREATE VIEW ... AS: it must be one
    // query. The other kinds' definitions are whole statements, run as written.
    if (!definition_is_statement(o.kind) && !o.definition.empty())
      sql(o.definition, std::string("the query of ") + object_noun(o.kind) + " " + shown(o.name));
  }
  void operator()(const CreateObject& o) const { definition(o.object); }
  void operator()(const DropObject& o) const { object(o.kind, o.schema, o.name, o.table); }
  void operator()(const ReplaceObject& o) const { definition(o.object); }
  void operator()(const AddPartition& o) const {
    ref(o.ref);
    partition(o.partition);
  }
  void operator()(const DropPartition& o) const {
    ref(o.ref);
    partition(Partition{o.name});
  }
  void operator()(const AlterPartitioning& o) const {
    ref(o.ref);
    if (o.partition_by) partition_by(*o.partition_by, o.ref.qualified());
    for (const auto& p : o.partitions) partition(p);
  }
  void operator()(const AlterTableOptions& o) const {
    ref(o.ref);
    for (const auto* option :
         {&o.mysql_engine, &o.mysql_charset, &o.mysql_collate, &o.mysql_row_format})
      if (*option) name(**option, NameKind::type, "table option");
    if (o.columns) columns(*o.columns, "column");
  }

 private:
  const Dialect& d_;
  SourceMark at_;
  bool offline_;
  SqlSyntax syntax_;
};

const Column* column_named(const Table& t, const std::string& name) {
  // Case-blind: SQLite and MySQL match names so; on PostgreSQL a near miss
  // is left to the server, which refuses it.
  for (const auto& c : t.columns)
    if (iequals(c.name, name)) return &c;
  return nullptr;
}

// An index entry is a column's name, never SQL: one the table does not have
// is a mistake (often an expression written bare) to report at its line.
void check_index_columns(const Op& op, const Schema& schema) {
  const auto* ci = std::get_if<CreateIndex>(&op.body);
  if (!ci) return;
  const Table* t = schema.table(ci->ref.table, ci->ref.schema);
  if (!t) return;
  for (const auto& k : ci->index.keys) {
    if (k.expression || column_named(*t, k.text)) continue;
    std::vector<std::string> have;
    for (const auto& c : t->columns) have.push_back(c.name);
    throw InputError(op.mark,
                     "index " + shown(ci->index.name) + " names column " + shown(k.text) +
                         ", which table " + shown(t->qualified_name()) +
                         " does not have (columns: " + text::join(have) + ")" +
                         (k.text.find('(') != std::string::npos
                              ? "; an expression is written {expression: " + shown(k.text) + "}"
                              : std::string()) +
                         "; nothing was run");
  }
}

}  // namespace

void preflight(const std::vector<Step>& steps, const Schema& start, const Dialect& dialect,
               bool offline) {
  Schema schema = start;
  bool known = true;  // whether `schema` still follows the ops (raw SQL may change anything)
  for (const Step& step : steps) {
    const Revision& rev = *step.revision;
    for (const Op& op : step.direction == Direction::up ? rev.upgrade : rev.downgrade) {
      std::visit(Checker(dialect, op.mark, offline), op.body);
      if (!known) continue;
      check_index_columns(resolve_names(op, schema, dialect.name_rules()), schema);
      if (std::holds_alternative<Execute>(op.body)) {
        known = false;
        continue;
      }
      try {
        apply_op(schema, op, dialect.name_rules());
      } catch (const InputError&) {
        known = false;  // an op on something inspect did not report; the run decides
      }
    }
  }
}

// The model's loader lets a foreign key find its table and columns without
// regard to case (SQLite's way); a database that matches names exactly
// holds it to the name as declared.
static void check_references(const Schema& model, const Dialect& dialect) {
  const NameRules rules = dialect.name_rules();
  for (const auto& t : model.tables)
    for (const auto& fk : t.foreign_keys) {
      const Table* target = nullptr;
      for (const std::string& schema :
           {fk.ref_schema, fk.ref_schema.empty() ? t.schema : fk.ref_schema}) {
        if ((target = model.table(fk.ref_table, schema))) break;
        for (const auto& other : model.tables)
          if (other.schema == schema && rules.same_table(other.name, fk.ref_table)) target = &other;
        if (target) break;
      }
      const SourceMark& at = fk.mark.file.empty() ? t.mark : fk.mark;
      const std::string ref =
          fk.ref_schema.empty() ? fk.ref_table : fk.ref_schema + "." + fk.ref_table;
      if (!target) {
        std::string spelled;
        for (const auto& other : model.tables)
          if (NameRules{true, true}.same_table(other.name, fk.ref_table))
            spelled = other.qualified_name();
        throw InputError(at, "foreign key " + shown(fk.name) + " references table " + shown(ref) +
                                 (spelled.empty() ? std::string(", which the model does not have")
                                                  : ", which the model spells " + shown(spelled)) +
                                 ": " + dialect.name() +
                                 " matches table names exactly (migrate quotes them); write the "
                                 "name as the table declares it");
      }
      for (const auto& col : fk.ref_columns) {
        bool found = target->column(col) != nullptr;
        for (const auto& c : target->columns) found = found || rules.same_column(c.name, col);
        if (!found)
          throw InputError(at, "foreign key " + shown(fk.name) + " references column " +
                                   shown(col) + " of table " + shown(ref) + ", which " +
                                   dialect.name() +
                                   " would not find: write the name as the table declares it");
      }
    }
}

void check_model_names(const Schema& model, const Dialect& dialect) {
  check_references(model, dialect);
  for (const auto& t : model.tables) Checker(dialect, t.mark, false).table(t);
  for (const auto& e : model.enums) Checker(dialect, e.mark, false)(CreateEnum{e});
  for (const auto& o : model.objects) Checker(dialect, o.mark, false).definition(o);
}

void check_name(const Dialect& dialect, const std::string& name, NameKind kind,
                const std::string& what, const SourceMark& at) {
  auto p = dialect.name_problem(name, kind);
  if (!p) return;
  const std::string message = what + " " + shown(name) + " " + *p + "; nothing was run";
  if (at.file.empty()) throw InputError(message);
  throw InputError(at, message);
}

}  // namespace migrate
