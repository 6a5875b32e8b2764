#include "dialects/postgresql/exclusion_ddl.hpp"

#include "core/base/text.hpp"
#include "core/dialect/ddl_text.hpp"
#include "core/schema/exclusion.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/postgresql/compile.hpp"

namespace migrate::postgresql {
namespace {

std::string qi(std::string_view ident) {
  return sql_double_quote(ident);
}

// A bare operator as written; one of another schema as OPERATOR("s".op),
// the only form in which the grammar takes it qualified.
std::string operator_sql(const ExclusionConstraint& x, const ExclusionElement& e,
                         const SourceMark& mark) {
  if (auto p = exclusion_operator_problem(e.op))
    throw InputError(mark, "exclusion constraint \"" + x.name + "\": the operator '" + e.op +
                               "' of element " + e.key.str() + " " + *p);
  auto dot = e.op.rfind('.');
  if (dot == std::string::npos) return e.op;
  return "OPERATOR(" + qi(e.op.substr(0, dot)) + "." + e.op.substr(dot + 1) + ")";
}

}  // namespace

std::string exclusion_sql(const ExclusionConstraint& x, const SourceMark& mark) {
  if (x.elements.empty())
    throw InputError(mark, "exclusion constraint \"" + x.name + "\" has no elements");
  std::vector<std::string> elements;
  for (const auto& e : x.elements)
    elements.push_back(key_sql(e.key) + " WITH " + operator_sql(x, e, mark));
  std::string s = ddl::constraint(x.name, qi) + "EXCLUDE USING " + qi(x.using_) + " (" +
                  text::join(elements) + ")";
  if (!x.include.empty()) s += " INCLUDE (" + ddl::column_list(x.include, qi) + ")";
  if (!x.where.empty()) s += " WHERE (" + x.where + ")";
  return s + ddl::deferrable(x.deferrable);
}

}  // namespace migrate::postgresql
