#include "core/model/exclusion_yaml.hpp"

#include "core/base/text.hpp"
#include "core/model/table_yaml.hpp"
#include "core/schema/exclusion.hpp"

namespace migrate {
namespace {

using yaml::MapReader;

ExclusionElement read_element(const yaml::Node& item, const MapReader& m) {
  const std::string what = "element of " + m.what();
  if (!item.is_map())
    throw InputError(yaml::mark(item, m.file()),
                     "each " + what +
                         " must be a map: {column: NAME, with: OPERATOR} or {expression: SQL, "
                         "with: OPERATOR}, got " +
                         yaml::kind_name(item));
  MapReader e(item, m.file(), what, {"column", "expression", "with", "opclass", "order", "nulls"});
  if (!e.has("column") && !e.has("expression"))
    throw InputError(e.mark(), what + " needs 'column' or 'expression'");
  ExclusionElement out;
  out.key = read_key_fields(e, m);
  if (!e.has_value("with"))
    throw InputError(e.has("with") ? e.mark_of("with") : e.mark(),
                     what +
                         " needs 'with': the operator two rows must not both satisfy, e.g. "
                         "with: \"&&\" (quoted: & starts a YAML anchor)");
  out.op = e.required("with");
  if (auto p = exclusion_operator_problem(out.op))
    throw InputError(e.mark_of("with"), "'with' of " + what + " '" + out.op + "' " + *p);
  return out;
}

}  // namespace

const std::vector<std::string>& exclusion_keys() {
  static const std::vector<std::string> k = {"name",       "using",     "elements", "where",
                                             "deferrable", "initially", "include"};
  return k;
}

ExclusionConstraint read_exclusion(const MapReader& m, bool named) {
  ExclusionConstraint x;
  if (named) {
    // PostgreSQL's own names (table_column_excl) depend on what else the
    // table holds; a name of the model's own compares by name, as others do.
    if (!m.has_value("name")) throw InputError(m.mark(), m.what() + " needs a 'name'");
    x.name = m.required("name");
  }
  if (m.has("using")) x.using_ = text::lower_collapsed(read_plain_name(m, "using", false));
  if (!m.has_value("elements"))
    throw InputError(m.has("elements") ? m.mark_of("elements") : m.mark(),
                     m.what() + " needs 'elements': a list of {column: NAME, with: OPERATOR}");
  const yaml::Node& list = m.node("elements");
  yaml::expect_list(list, m.file(), "'elements' of " + m.what(), false);
  for (const auto& item : list.items()) x.elements.push_back(read_element(item, m));
  if (x.elements.empty())
    throw InputError(m.mark_of("elements"), "'elements' of " + m.what() + " is empty");
  if (m.has_value("where")) {
    x.where = m.required("where");
    if (text::trim(x.where).empty())
      throw InputError(m.mark_of("where"),
                       "'where' of " + m.what() + " is empty; leave the key out for every row");
  }
  x.deferrable = read_deferrable(m);
  if (m.has_value("include")) x.include = m.names("include");
  return x;
}

yaml::Fields exclusion_fields(const ExclusionConstraint& x, bool named) {
  yaml::Fields f;
  if (named) f.emplace_back("name", yaml::str(x.name));
  if (x.using_ != "gist") f.emplace_back("using", yaml::str(x.using_));
  std::vector<std::string> elements;
  for (const auto& e : x.elements) {
    const IndexKey& k = e.key;
    yaml::Fields ef;
    ef.emplace_back(k.expression ? "expression" : "column", yaml::str(k.text));
    ef.emplace_back("with", yaml::str(e.op));
    if (!k.opclass.empty()) ef.emplace_back("opclass", yaml::str(k.opclass));
    if (k.descending) ef.emplace_back("order", "desc");
    if (!k.nulls.empty()) ef.emplace_back("nulls", k.nulls);
    elements.push_back(yaml::flow_map(ef));
  }
  f.emplace_back("elements", "[" + text::join(elements) + "]");
  if (!x.where.empty()) f.emplace_back("where", yaml::str(x.where));
  put_deferrable(f, x.deferrable);
  if (!x.include.empty()) f.emplace_back("include", yaml::flow_list(x.include));
  return f;
}

std::string render_exclusion(const ExclusionConstraint& x) {
  return yaml::flow_map(exclusion_fields(x, true));
}

}  // namespace migrate
