#include "core/lint/lint_ops.hpp"

#include <climits>

#include "core/base/text.hpp"
#include "core/schema/schema_object.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate {
namespace {

constexpr int kUnbounded = INT_MAX;

bool is_text(const std::string& n) {
  return n == "char" || n == "varchar" || n == "string" || n == "nvarchar" || n == "nchar" ||
         n == "character varying" || n == "character" || n.find("text") != std::string::npos;
}
int text_length(const Type& t) {
  if (t.name.find("text") != std::string::npos || t.args.empty()) return kUnbounded;
  try {
    return std::stoi(t.args[0]);
  } catch (const std::exception&) {
    return kUnbounded;
  }
}
// Integers by range; 0 for anything else.
int int_rank(const std::string& n) {
  if (n == "tinyint") return 1;
  if (n == "smallint" || n == "int2") return 2;
  if (n == "mediumint") return 3;
  if (n == "integer" || n == "int" || n == "int4" || n == "serial") return 4;
  if (n == "bigint" || n == "int8" || n == "bigserial") return 5;
  return 0;
}
int int_digits(int rank) {
  static const int digits[] = {0, 3, 5, 7, 10, 19};
  return digits[rank];
}
bool is_numeric(const std::string& n) {
  return n == "numeric" || n == "decimal";
}
int arg(const Type& t, size_t i, int fallback) {
  if (t.args.size() <= i) return fallback;
  try {
    return std::stoi(t.args[i]);
  } catch (const std::exception&) {
    return fallback;
  }
}
bool is_time(const std::string& n) {
  return n == "timestamp" || n == "timestamptz" || n == "datetime";
}
bool is_float(const std::string& n) {
  return n == "float" || n == "real" || n == "float4" || n == "double" || n == "float8" ||
         n == "double precision";
}
int family(const std::string& n) {
  if (is_text(n)) return 1;
  if (int_rank(n) || is_numeric(n) || is_float(n)) return 2;
  if (is_time(n) || n == "date" || n == "time") return 3;
  return 0;
}

// Whether some value of `from` may not fit `to`: the change fails on, or
// silently alters, existing rows.
// PostgreSQL's serial types are their integers to the table (the sequence
// changes with them, in the catalog only).
Type without_serial(const Type& t) {
  if (!t.args.empty() || !t.suffix.empty()) return t;
  if (t.name == "serial" || t.name == "serial4") return Type{"integer", {}, {}};
  if (t.name == "bigserial" || t.name == "serial8") return Type{"bigint", {}, {}};
  if (t.name == "smallserial" || t.name == "serial2") return Type{"smallint", {}, {}};
  return t;
}

bool narrowing(const Type& from, const Type& to) {
  if (from == to) return false;
  const std::string &a = from.name, &b = to.name;
  if (is_text(a) && is_text(b)) return text_length(to) < text_length(from);
  if (is_text(b)) return text_length(to) < 32;  // numbers and times as text fit in 32
  if (int_rank(a) && int_rank(b)) return int_rank(b) < int_rank(a);
  if (int_rank(a) && is_numeric(b))
    return !to.args.empty() && arg(to, 0, 1000) - arg(to, 1, 0) < int_digits(int_rank(a));
  if (is_numeric(a) && is_numeric(b)) {
    if (to.args.empty()) return false;
    if (from.args.empty()) return true;
    return arg(to, 1, 0) < arg(from, 1, 0) ||
           arg(to, 0, 0) - arg(to, 1, 0) < arg(from, 0, 0) - arg(from, 1, 0);
  }
  if (is_float(a) && is_float(b)) return (a == "double" || a == "float8") && b != a;
  if (is_time(a) && (b == "date" || b == "time")) return true;
  if (is_time(a) && is_time(b)) return arg(to, 0, 6) < arg(from, 0, 6);
  // Across families (text to a number, a number to a time...) the cast may fail.
  return family(a) && family(b) && family(a) != family(b);
}

// PostgreSQL changes these types in place (catalog only); others rewrite
// the table under an ACCESS EXCLUSIVE lock.
bool pg_rewrites(const Type& from, const Type& to) {
  if (from == to) return false;
  const std::string &a = from.name, &b = to.name;
  if ((a == "varchar" || a == "string") && (b == "varchar" || b == "string" || b == "text"))
    return text_length(to) < text_length(from);
  if (is_numeric(a) && is_numeric(b))
    return !to.args.empty() && (from.args.empty() || arg(to, 1, 0) != arg(from, 1, 0) ||
                                arg(to, 0, 0) < arg(from, 0, 0));
  return true;
}

// MySQL/MariaDB change a VARCHAR's length in place while its length prefix
// keeps its size (up to 255 bytes: 63 utf8mb4 characters); every other type
// change copies the table, blocking writes.
bool mysql_copies(const Type& from, const Type& to) {
  if (from == to) return false;
  bool varchar = (from.name == "varchar" || from.name == "string") &&
                 (to.name == "varchar" || to.name == "string");
  if (!varchar || text_length(to) < text_length(from)) return true;
  return (text_length(from) <= 63) != (text_length(to) <= 63);
}

bool volatile_default(const std::string& expr) {
  std::string e = text::lower_collapsed(expr);
  for (const char* f : {"random(", "gen_random_uuid(", "uuid_generate_v", "clock_timestamp(",
                        "timeofday(", "nextval("})
    if (e.find(f) != std::string::npos) return true;
  return false;
}

// The statements of raw SQL that destroy data: DROP, TRUNCATE, and DELETE
// without WHERE.
std::vector<std::string> destructive_statements(const std::string& sql) {
  std::vector<std::string> out;
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(sql);
  } catch (const std::invalid_argument&) {
    return out;
  }
  size_t start = 0;
  for (size_t i = 0; i <= toks.size(); ++i) {
    if (i < toks.size() && !toks[i].is_punct(';')) continue;
    if (start < i) {
      const SqlToken& first = toks[start];
      bool has_where = false;
      for (size_t j = start; j < i; ++j) has_where = has_where || toks[j].is_word("where");
      std::string text(sql.substr(first.begin, toks[i - 1].end - first.begin));
      if (first.is_word("drop") || first.is_word("truncate") ||
          (first.is_word("delete") && !has_where))
        out.push_back(text.size() > 60 ? text.substr(0, 60) + "..." : text);
    }
    start = i + 1;
  }
  return out;
}

class Rules {
 public:
  Rules(const Schema& before, const std::string& dialect, bool transactional,
        const std::vector<SchemaObject>& objects)
      : before_(before), dialect_(dialect), transactional_(transactional), objects_(objects) {}

  std::vector<OpFinding> out;

  void add(const char* code, std::string message) { out.push_back({code, std::move(message)}); }
  bool pg() const { return dialect_ == "postgresql"; }
  bool mysql() const { return dialect_ == "mysql"; }
  const Table* existing(const TableRef& r) const { return before_.table(r.table, r.schema); }
  std::optional<Type> type_before(const TableRef& r, const std::string& column) const {
    if (const Table* t = existing(r))
      if (const Column* c = t->column(column)) return c->type;
    return std::nullopt;
  }

  void operator()(const DropTable& o) {
    add("DS101", "drop_table " + o.ref.qualified() + " deletes the table and every row in it");
  }
  void operator()(const DropPartition& o) {
    add("DS104", "drop_partition " + o.ref.qualified() + "." + o.name +
                     " deletes the partition and every row in it");
  }
  void operator()(const AlterPartitioning& o) {
    if (mysql() && existing(o.ref))
      add("LK451", "alter_partitioning on " + o.ref.qualified() + " copies the table");
  }
  void operator()(const DropColumn& o) {
    add("DS102",
        "drop_column " + o.ref.qualified() + "." + o.column + " deletes the column's data");
  }
  void operator()(const Execute& o) {
    const std::string* sql = o.for_dialect(dialect_);
    if (!sql) {
      add("SF601",
          "execute has no SQL for " + dialect_ + " (and no `default:`): the upgrade fails");
      return;
    }
    for (const auto& st : destructive_statements(*sql))
      add("DS103", "execute destroys data: " + st);
  }
  void operator()(const AddColumn& o) {
    const Column& c = o.column;
    const std::string name = o.ref.qualified() + "." + c.name;
    if (existing(o.ref) && !c.nullable && !c.server_default && !c.autoincrement)
      add("DD201", "add_column " + name +
                       " is NOT NULL without a default: it fails when the table has rows");
    if (pg() && c.server_default && volatile_default(*c.server_default))
      add("LK405", "add_column " + name + " has a volatile default (" + *c.server_default +
                       "): PostgreSQL rewrites the whole table to fill it");
  }
  void operator()(const AlterColumn& o) {
    const std::string name = o.ref.qualified() + "." + o.column;
    if (o.new_name)
      add("BC302", "alter_column renames " + name + " to " + *o.new_name +
                       ": code still using the old name breaks");
    if (o.nullable && !*o.nullable && existing(o.ref)) {
      add("DD202", "alter_column makes " + name + " NOT NULL: it fails if a row holds NULL");
      if (pg())
        add("LK404",
            "SET NOT NULL on " + name + " scans the whole table under an ACCESS EXCLUSIVE lock");
    }
    if (!o.type) return;
    std::optional<Type> from = o.existing_type ? o.existing_type : type_before(o.ref, o.column);
    if (!from) return;
    const std::string change = name + " from " + from->str() + " to " + o.type->str();
    const Type a = without_serial(*from), b = without_serial(*o.type);
    if (narrowing(a, b))
      add("DD204", "alter_column narrows " + change + ": existing values may not fit");
    if (pg() && existing(o.ref) && pg_rewrites(a, b))
      add("LK402", "alter_column " + change + " rewrites the table under an ACCESS EXCLUSIVE lock");
    if (mysql() && existing(o.ref) && mysql_copies(*from, *o.type))
      add("LK451",
          "alter_column " + change + " copies the table (ALGORITHM=COPY), blocking writes");
  }
  void operator()(const CreateIndex& o) {
    if (!existing(o.ref)) return;
    if (o.index.unique)
      add("DD203", "unique index " + o.index.name + " on existing rows of " + o.ref.qualified() +
                       ": it fails if they hold duplicates");
    if (pg() && transactional_)
      add("LK401", "create_index " + o.index.name + " blocks writes to " + o.ref.qualified() +
                       " while it builds (no CONCURRENTLY inside a transaction)");
  }
  void operator()(const CreateUniqueConstraint& o) {
    if (!existing(o.ref)) return;
    add("DD203", "unique constraint " + o.constraint.name + " on existing rows of " +
                     o.ref.qualified() + ": it fails if they hold duplicates");
    if (pg())
      add("LK401", "unique constraint " + o.constraint.name +
                       " builds its index blocking writes to " + o.ref.qualified());
  }
  // Like a unique constraint, an exclusion constraint's index is built and
  // every pair of existing rows checked, and it cannot be added NOT VALID.
  void operator()(const CreateExclusionConstraint& o) {
    if (!existing(o.ref)) return;
    add("DD203", "exclusion constraint " + o.constraint.name + " on existing rows of " +
                     o.ref.qualified() + ": it fails if two of them conflict");
    if (pg())
      add("LK401", "exclusion constraint " + o.constraint.name +
                       " builds its index blocking writes to " + o.ref.qualified());
  }
  void operator()(const CreateForeignKey& o) {
    if (pg() && existing(o.ref))
      add("LK403", "create_foreign_key " + o.constraint.name + " checks every row of " +
                       o.ref.qualified() + " while holding a lock (not NOT VALID)");
  }
  void operator()(const CreateCheckConstraint& o) {
    if (pg() && existing(o.ref))
      add("LK403", "create_check_constraint " + o.constraint.name + " checks every row of " +
                       o.ref.qualified() + " under an ACCESS EXCLUSIVE lock (not NOT VALID)");
  }
  void operator()(const CreatePrimaryKey& o) {
    if (mysql() && existing(o.ref))
      add("LK451", "create_primary_key on " + o.ref.qualified() + " copies the table");
  }
  void operator()(const DropConstraint& o) {
    if (mysql() && o.kind == ConstraintKind::primary_key && existing(o.ref))
      add("LK451", "dropping the primary key of " + o.ref.qualified() + " copies the table");
  }
  void operator()(const RenameTable& o) {
    add("BC301", "rename_table " + o.ref.qualified() + " to " + o.new_name +
                     ": code still using the old name breaks");
  }
  void operator()(const AlterTableOptions& o) {
    if (mysql() && existing(o.ref) &&
        (o.mysql_engine || o.mysql_charset || o.mysql_collate || o.mysql_row_format))
      add("LK451", "alter_table_options on " + o.ref.qualified() + " copies the table");
  }
  // Objects whose definitions name this one break, or block the drop,
  // when it goes or changes shape.
  void users_of(ObjectKind kind, const std::string& name, const std::string& table,
                const char* verb) {
    std::vector<std::string> users;
    for (const auto& o : objects_) {
      if (o.kind == kind && o.name == name && o.table == table) continue;
      bool named = false;
      try {
        for (const auto& t : tokenize_sql(o.definition))
          if (t.is_name() && iequals(t.value, name)) named = true;
      } catch (const std::exception&) {
      }
      for (const auto& d : o.depends_on) named = named || iequals(d, name);
      if (named) users.push_back(describe_object(o));
    }
    if (!users.empty())
      add("BC303", std::string(verb) + " " + describe_object(kind, name, table) + ": " +
                       text::join(users) + " use" + (users.size() == 1 ? "s" : "") +
                       " it; drop and create them around this operation");
  }
  void operator()(const DropObject& o) { users_of(o.kind, o.name, o.table, "dropping"); }
  void operator()(const ReplaceObject& o) {
    users_of(o.object.kind, o.object.name, o.object.table, "replacing");
  }
  template <class T>
  void operator()(const T&) {}

 private:
  const Schema& before_;
  const std::string& dialect_;
  bool transactional_;
  const std::vector<SchemaObject>& objects_;
};

}  // namespace

std::vector<OpFinding> lint_op(const Op& op, const Schema& before, const std::string& dialect,
                               bool transactional, const std::vector<SchemaObject>& objects) {
  Rules rules(before, dialect, transactional, objects);
  std::visit(rules, op.body);
  return std::move(rules.out);
}

void follow_objects(std::vector<SchemaObject>& objects, const Op& op) {
  auto erase = [&](ObjectKind k, const std::string& schema, const std::string& name,
                   const std::string& table) {
    std::erase_if(objects, [&](const SchemaObject& o) {
      return o.kind == k && o.schema == schema && o.name == name &&
             (k != ObjectKind::trigger || o.table == table);
    });
  };
  if (const auto* c = std::get_if<CreateObject>(&op.body)) objects.push_back(c->object);
  if (const auto* d = std::get_if<DropObject>(&op.body))
    erase(d->kind, d->schema, d->name, d->table);
  if (const auto* r = std::get_if<ReplaceObject>(&op.body)) {
    erase(r->object.kind, r->object.schema, r->object.name, r->object.table);
    objects.push_back(r->object);
  }
}

}  // namespace migrate
