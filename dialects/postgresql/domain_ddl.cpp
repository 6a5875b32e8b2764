#include "dialects/postgresql/domain_ddl.hpp"

#include "core/dialect/ddl_text.hpp"
#include "core/sql/sql_canonical.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/postgresql/expression.hpp"
#include "dialects/postgresql/types.hpp"

namespace migrate::postgresql {
namespace {

std::string qi(std::string_view ident) {
  return sql_double_quote(ident);
}

std::string qname(const SchemaObject& o) {
  return ddl::qualified(o.schema, o.name, qi);
}

std::string check_clause(const CheckConstraint& ck) {
  return "CONSTRAINT " + qi(ck.name) + " CHECK (" + ck.expression + ")";
}

// Compared as compare does (dialects/postgresql/expression.hpp), so the
// catalog's casts and parentheses are no change.
bool same_expression(const std::string& a, const std::string& b) {
  return canonical_sql(comparable_expression(a)) == canonical_sql(comparable_expression(b));
}

bool same_sql(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return same_expression(*a, *b);
}

const CheckConstraint* named(const std::vector<CheckConstraint>& checks, const std::string& name) {
  for (const auto& ck : checks)
    if (ck.name == name) return &ck;
  return nullptr;
}

// A DO block whose $tag$ the body (names in it are the user's) cannot end.
std::string do_block(const std::string& body) {
  std::string tag = "$migrate$";
  for (int n = 1; body.find(tag) != std::string::npos; ++n)
    tag = "$migrate" + std::to_string(n) + "$";
  return "DO " + tag + body + tag;
}

}  // namespace

std::vector<std::string> create_domain_sql(const SchemaObject& o) {
  const DomainOptions& d = o.domain;
  const Type type = Type::parse(d.type);
  std::string sql = "CREATE DOMAIN " + qname(o) + " AS " + type_sql(type);
  if (d.collation) sql += " COLLATE " + qi(*d.collation);
  if (d.server_default) sql += " DEFAULT " + default_sql(*d.server_default, type);
  if (!d.nullable) sql += " NOT NULL";
  for (const auto& ck : d.checks) sql += " " + check_clause(ck);
  return {sql};
}

std::vector<std::string> alter_domain_sql(const SchemaObject& o, const SchemaObject* existing) {
  const DomainOptions& d = o.domain;
  const std::string alter = "ALTER DOMAIN " + qname(o);
  if (existing &&
      (stored_type(Type::parse(existing->domain.type)) != stored_type(Type::parse(d.type)) ||
       existing->domain.collation != d.collation)) {
    std::vector<std::string> out = {"DROP DOMAIN " + qname(o)};
    for (auto& sql : create_domain_sql(o)) out.push_back(std::move(sql));
    return out;
  }
  std::vector<std::string> out;
  const DomainOptions* was = existing ? &existing->domain : nullptr;
  if (!was || !same_sql(was->server_default, d.server_default))
    out.push_back(alter + (d.server_default ? " SET DEFAULT " + default_sql(*d.server_default,
                                                                            Type::parse(d.type))
                                            : std::string(" DROP DEFAULT")));
  if (!was || was->nullable != d.nullable)
    out.push_back(alter + (d.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
  // Checks that go or change first, then those that come.
  if (was) {
    for (const auto& ck : was->checks) {
      const CheckConstraint* now = named(d.checks, ck.name);
      if (!now || !same_expression(now->expression, ck.expression))
        out.push_back(alter + " DROP CONSTRAINT " + qi(ck.name));
    }
  }
  for (const auto& ck : d.checks) {
    const CheckConstraint* before = was ? named(was->checks, ck.name) : nullptr;
    if (before && same_expression(before->expression, ck.expression)) continue;
    if (!was) out.push_back(alter + " DROP CONSTRAINT IF EXISTS " + qi(ck.name));
    out.push_back(alter + " ADD " + check_clause(ck));
  }
  return out;
}

std::vector<std::string> create_extension_sql(const SchemaObject& o) {
  std::string sql = "CREATE EXTENSION " + qi(o.name);
  if (!o.schema.empty()) sql += " WITH SCHEMA " + qi(o.schema);
  if (!o.version.empty()) sql += " VERSION " + sql_single_quote(o.version);
  return {sql};
}

std::vector<std::string> drop_extension_sql(const std::string& name) {
  return {"DROP EXTENSION " + qi(name)};
}

std::vector<std::string> alter_extension_sql(const SchemaObject& o, const SchemaObject* existing) {
  std::vector<std::string> out;
  if (existing && existing->schema != o.schema && !o.schema.empty()) {
    out.push_back("ALTER EXTENSION " + qi(o.name) + " SET SCHEMA " + qi(o.schema));
  } else if (!existing || existing->schema != o.schema) {
    // The model's "" is the connection's schema, which only the server
    // knows; without `existing`, neither is where it is now (SET SCHEMA to
    // its own schema is an error).
    const std::string target =
        o.schema.empty() ? std::string("current_schema()") : sql_single_quote(o.schema);
    out.push_back(
        do_block("BEGIN IF (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                 "ON n.oid = e.extnamespace WHERE e.extname = " +
                 sql_single_quote(o.name) + ") <> " + target +
                 " THEN EXECUTE format('ALTER EXTENSION %I SET SCHEMA %I', " +
                 sql_single_quote(o.name) + ", " + target + "); END IF; END"));
  }
  if (!o.version.empty() && (!existing || existing->version != o.version))
    out.push_back("ALTER EXTENSION " + qi(o.name) + " UPDATE TO " + sql_single_quote(o.version));
  return out;
}

}  // namespace migrate::postgresql
