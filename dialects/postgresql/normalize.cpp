// What compare sees of a table on PostgreSQL: types as the catalog names
// them, defaults and CHECK / index expressions without the casts and
// parentheses PostgreSQL adds when it stores them (dialects/postgresql/
// expression.hpp), primary keys by columns.
#include <cctype>

#include "core/base/text.hpp"
#include "core/compare/compare.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/postgresql/expression.hpp"
#include "dialects/postgresql/identity.hpp"
#include "dialects/postgresql/types.hpp"

namespace migrate {
namespace {

// '2020-01-01 00:00:00+00' -> '2020-01-01 00:00:00'; anything else unchanged.
std::string without_utc_offset(const std::string& literal) {
  if (literal.size() < 5 || literal.front() != '\'' || literal.back() != '\'') return literal;
  std::string body = literal.substr(1, literal.size() - 2);
  auto sign = body.find_last_of("+-");
  if (sign == std::string::npos || sign < 10 || body.find(':') == std::string::npos) return literal;
  for (size_t i = sign + 1; i < body.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(body[i])) && body[i] != ':') return literal;
  return "'" + body.substr(0, sign) + "'";
}

}  // namespace

Table PostgresDialect::normalize(const Table& t) const {
  Table out = t;
  for (auto& c : out.columns) {
    c.type = postgresql::stored_type(c.type);
    if (c.collation == "default") c.collation.reset();  // the type's own
    // An option stated at its default is the same sequence as one left out.
    c.identity_options = c.autoincrement
                             ? postgresql::without_defaults(c.identity_options, c.type.name)
                             : SequenceOptions{};
    if (c.generated)
      c.generated->expression = postgresql::comparable_expression(c.generated->expression);
    if (!c.server_default) continue;
    std::string d =
        postgresql::comparable_expression(postgresql::normalize_default(*c.server_default, c.type));
    // A timestamptz literal comes back with the session's offset ('... 00:00:00+00'):
    // the instant the model wrote, so the offset is dropped on both sides.
    if (c.type.name == "timestamptz") d = without_utc_offset(d);
    c.server_default = d;
  }
  // Constraint names PostgreSQL picks itself (users_pkey) are no change of
  // the key; a primary key is compared by its columns.
  if (out.primary_key) out.primary_key->name.clear();
  for (auto& ck : out.checks) ck.expression = postgresql::comparable_expression(ck.expression);
  for (auto& ix : out.indexes) {
    for (auto& key : ix.keys) {
      if (key.expression) key.text = postgresql::comparable_expression(key.text);
      // ASC NULLS LAST and DESC NULLS FIRST are what no NULLS says.
      if (key.nulls == (key.descending ? "first" : "last")) key.nulls.clear();
    }
    if (!ix.where.empty()) ix.where = postgresql::comparable_expression(ix.where);
  }
  for (auto& x : out.exclusions) {
    x.using_ = text::lower_collapsed(x.using_);
    for (auto& e : x.elements) {
      IndexKey& key = e.key;
      if (key.expression) key.text = postgresql::comparable_expression(key.text);
      if (key.nulls == (key.descending ? "first" : "last")) key.nulls.clear();
      // Inspect names an operator of pg_catalog bare, as the search path finds it.
      const std::string catalog = "pg_catalog.";
      if (e.op.rfind(catalog, 0) == 0) e.op = e.op.substr(catalog.size());
      if (key.opclass.rfind(catalog, 0) == 0) key.opclass = key.opclass.substr(catalog.size());
    }
    if (!x.where.empty()) x.where = postgresql::comparable_expression(x.where);
  }
  // A key expression and the bounds as pg_get_expr prints them, in one spelling.
  if (out.partition_by && !out.partition_by->expression.empty())
    out.partition_by->expression = postgresql::comparable_expression(out.partition_by->expression);
  for (auto& p : out.partitions)
    if (!p.values.empty()) p.values = postgresql::comparable_expression(p.values);
  return normalize_common(out);
}

// A domain's type, default and checks as a column's are.
SchemaObject PostgresDialect::normalize_object(const SchemaObject& o) const {
  if (o.kind != ObjectKind::domain) return DiffRules::normalize_object(o);
  SchemaObject n = o;
  DomainOptions& d = n.domain;
  const Type type = postgresql::stored_type(Type::parse(d.type));
  d.type = type.str();
  if (d.collation == "default") d.collation.reset();
  if (d.server_default)
    d.server_default =
        postgresql::comparable_expression(postgresql::normalize_default(*d.server_default, type));
  for (auto& ck : d.checks) ck.expression = postgresql::comparable_expression(ck.expression);
  return DiffRules::normalize_object(n);
}

}  // namespace migrate
