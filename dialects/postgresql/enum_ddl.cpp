#include "dialects/postgresql/enum_ddl.hpp"

#include <algorithm>

#include "core/base/text.hpp"
#include "core/dialect/ddl_text.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/postgresql/exclusion_ddl.hpp"
#include "dialects/postgresql/types.hpp"

namespace migrate::postgresql {
namespace {

std::string qname(const std::string& schema, const std::string& name) {
  return ddl::qualified(schema, name, sql_double_quote);
}

std::string value_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(string_literal(v));
  return text::join(out);
}

// Whether `after` keeps every value of `before`, in the same order: then
// the new values can be added in place.
bool only_adds(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  size_t at = 0;
  for (const auto& v : after)
    if (at < before.size() && v == before[at]) ++at;
  return at == before.size();
}

// How a column's type names the enum, as written in the model or read back.
bool uses_enum(const Type& type, const std::string& schema, const std::string& name, bool& array) {
  std::string t = text::lower_collapsed(type.str());
  array = t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0;
  if (array) t.resize(t.size() - 2);
  std::string plain = text::lower_collapsed(name);
  return t == plain || (!schema.empty() && t == text::lower_collapsed(schema) + "." + plain);
}

}  // namespace

std::vector<std::string> create_enum_sql(const CreateEnum& op) {
  return {"CREATE TYPE " + qname(op.type.schema, op.type.name) + " AS ENUM (" +
          value_list(op.type.values) + ")"};
}

std::vector<std::string> drop_enum_sql(const DropEnum& op) {
  return {"DROP TYPE " + qname(op.schema, op.name)};
}

std::vector<std::string> alter_enum_sql(const AlterEnum& op, const Schema& current) {
  const std::string type = qname(op.schema, op.name);
  std::vector<std::string> before;
  if (const Enum* e = current.enum_type(op.name, op.schema))
    before = e->values;
  else if (op.existing_values)
    before = *op.existing_values;

  std::vector<std::string> out;
  if (only_adds(before, op.values)) {
    for (size_t i = 0; i < op.values.size(); ++i) {
      const std::string& v = op.values[i];
      if (std::find(before.begin(), before.end(), v) != before.end()) continue;
      std::string where = i > 0            ? " AFTER " + string_literal(op.values[i - 1])
                          : before.empty() ? std::string()
                                           : " BEFORE " + string_literal(before[0]);
      out.push_back("ALTER TYPE " + type + " ADD VALUE " + string_literal(v) + where);
    }
    return out;
  }

  // A value goes or moves: a fresh type, each column converted by its text.
  const std::string aside_name = op.name + "__migrate_old";
  out.push_back("ALTER TYPE " + type + " RENAME TO " + sql_double_quote(aside_name));
  out.push_back("CREATE TYPE " + type + " AS ENUM (" + value_list(op.values) + ")");
  for (const auto& t : current.tables) {
    std::vector<std::string> converted;
    for (const auto& c : t.columns) {
      bool array = false;
      if (uses_enum(c.type, op.schema, op.name, array)) converted.push_back(c.name);
    }
    if (converted.empty()) continue;
    const std::string table = qname(t.schema, t.name);
    // Indexes, checks and exclusion constraints that compare a converted
    // column with a value of the old type would stop the conversion: they go
    // first and come back after.
    auto mentions = [&](const std::string& sql) {
      for (const auto& c : converted)
        if (sql_mentions_column(sql, c)) return true;
      return false;
    };
    std::vector<const Index*> indexes;
    for (const auto& ix : t.indexes) {
      bool uses = mentions(ix.where);
      for (const auto& key : ix.keys) uses = uses || (key.expression && mentions(key.text));
      if (!uses) continue;
      indexes.push_back(&ix);
      out.push_back("DROP INDEX " + qname(t.schema, ix.name));
    }
    std::vector<const CheckConstraint*> checks;
    for (const auto& ck : t.checks) {
      if (!mentions(ck.expression)) continue;
      checks.push_back(&ck);
      out.push_back("ALTER TABLE " + table + " DROP CONSTRAINT " + sql_double_quote(ck.name));
    }
    std::vector<const ExclusionConstraint*> exclusions;
    for (const auto& x : t.exclusions) {
      bool uses = mentions(x.where);
      for (const auto& e : x.elements) uses = uses || (e.key.expression && mentions(e.key.text));
      if (!uses) continue;
      exclusions.push_back(&x);
      out.push_back("ALTER TABLE " + table + " DROP CONSTRAINT " + sql_double_quote(x.name));
    }
    for (const auto& c : t.columns) {
      bool array = false;
      if (!uses_enum(c.type, op.schema, op.name, array)) continue;
      const std::string col = sql_double_quote(c.name);
      const std::string alter = "ALTER TABLE " + table + " ALTER COLUMN " + col;
      // A default is typed by the old enum and would not convert by itself.
      if (c.server_default) out.push_back(alter + " DROP DEFAULT");
      const std::string suffix = array ? "[]" : "";
      out.push_back(alter + " TYPE " + type + suffix + " USING " + col + "::text" + suffix +
                    "::" + type + suffix);
      if (c.server_default)
        out.push_back(alter + " SET DEFAULT " + default_sql(*c.server_default, c.type));
    }
    for (const auto* ck : checks) out.push_back("ALTER TABLE " + table + " ADD " + check_sql(*ck));
    for (const auto* ix : indexes) out.push_back(create_index_sql({t.schema, t.name}, *ix));
    for (const auto* x : exclusions)
      out.push_back("ALTER TABLE " + table + " ADD " + exclusion_sql(*x, SourceMark{}));
  }
  out.push_back("DROP TYPE " + qname(op.schema, aside_name));
  return out;
}

}  // namespace migrate::postgresql
