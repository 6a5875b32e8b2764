#include "dialects/postgresql/object_ddl.hpp"

#include "core/dialect/object_ddl.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/postgresql/domain_ddl.hpp"

namespace migrate::postgresql {
namespace {

std::string qi(std::string_view ident) {
  return sql_double_quote(ident);
}

std::string qname(const std::string& schema, const std::string& name) {
  return ddl::qualified(schema, name, qi);
}

// owned_by: "table.column" or "schema.table.column", each part quoted.
std::string owned_by(const std::string& target) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t dot = target.find('.', start);
    out += qi(target.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return out;
    out += ".";
    start = dot + 1;
  }
}

// The clauses CREATE SEQUENCE and ALTER SEQUENCE share. `full`: every
// option stated, unset ones as their defaults (ALTER must undo a change).
std::string sequence_clauses(const SequenceOptions& s, bool full) {
  std::string out;
  auto num = [&](const char* clause, const char* none, const std::optional<long long>& v) {
    if (v)
      out += std::string(" ") + clause + " " + std::to_string(*v);
    else if (full && none)
      out += std::string(" ") + none;
  };
  if (s.type)
    out += " AS " + *s.type;
  else if (full)
    out += " AS bigint";  // CREATE SEQUENCE's own
  num("INCREMENT BY", full ? "INCREMENT BY 1" : nullptr, s.increment);
  num("MINVALUE", "NO MINVALUE", s.min_value);
  num("MAXVALUE", "NO MAXVALUE", s.max_value);
  num("START WITH", nullptr, s.start);
  num("CACHE", full ? "CACHE 1" : nullptr, s.cache);
  if (s.cycle)
    out += " CYCLE";
  else if (full)
    out += " NO CYCLE";
  if (!s.owned_by.empty())
    out += " OWNED BY " + owned_by(s.owned_by);
  else if (full)
    out += " OWNED BY NONE";
  return out;
}

std::vector<std::string> index_sql(const SchemaObject& matview) {
  std::vector<std::string> out;
  for (const auto& ix : matview.indexes)
    out.push_back(create_index_sql(TableRef{matview.schema, matview.name}, ix));
  return out;
}

}  // namespace

std::vector<std::string> create_object_sql(const SchemaObject& o) {
  switch (o.kind) {
    case ObjectKind::view:
      return {ddl::create_view(o, qi)};
    case ObjectKind::materialized_view: {
      std::vector<std::string> out = {ddl::create_view(o, qi)};
      for (auto& sql : index_sql(o)) out.push_back(std::move(sql));
      return out;
    }
    case ObjectKind::sequence:
      return {"CREATE SEQUENCE " + qname(o.schema, o.name) + sequence_clauses(o.sequence, false)};
    case ObjectKind::domain:
      return create_domain_sql(o);
    case ObjectKind::extension:
      return create_extension_sql(o);
    default:
      return {o.definition};
  }
}

std::vector<std::string> drop_object_sql(const DropObject& o) {
  if (o.kind == ObjectKind::trigger)
    return {"DROP TRIGGER " + qi(o.name) + " ON " + qname(o.schema, o.table)};
  if (o.kind == ObjectKind::extension) return drop_extension_sql(o.name);
  return {ddl::drop_object(o.kind, o.schema, o.name, qi)};
}

std::vector<std::string> replace_object_sql(const ReplaceObject& o) {
  const SchemaObject& x = o.object;
  switch (x.kind) {
    case ObjectKind::sequence:
      return {"ALTER SEQUENCE " + qname(x.schema, x.name) + sequence_clauses(x.sequence, true)};
    case ObjectKind::function:
    case ObjectKind::procedure:
      return {ddl::or_replace(x.definition)};
    case ObjectKind::domain:
      return alter_domain_sql(x, o.existing ? &*o.existing : nullptr);
    case ObjectKind::extension:
      return alter_extension_sql(x, o.existing ? &*o.existing : nullptr);
    default: {
      std::vector<std::string> out =
          drop_object_sql(DropObject{x.kind, x.schema, x.name, x.table, {}});
      for (auto& sql : create_object_sql(x)) out.push_back(std::move(sql));
      return out;
    }
  }
}

}  // namespace migrate::postgresql
