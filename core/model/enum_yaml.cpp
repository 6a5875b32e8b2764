#include "core/model/enum_yaml.hpp"

#include <set>

#include "core/yaml/yaml_read.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {

std::vector<std::string> read_enum_values(const yaml::Node& node, const std::string& file,
                                          const std::string& what) {
  std::vector<std::string> values = yaml::names(node, file, what);
  if (values.empty())
    throw InputError(yaml::mark(node, file), what + " is empty; list at least one value");
  std::set<std::string> seen;
  const std::vector<yaml::Node> items = node.items();
  for (size_t i = 0; i < values.size(); ++i) {
    SourceMark at = yaml::mark(node.is_sequence() ? items[i] : node, file);
    if (values[i].empty()) throw InputError(at, what + " has an empty value");
    if (!seen.insert(values[i]).second)
      throw InputError(at, what + " lists '" + values[i] + "' twice");
  }
  return values;
}

Enum read_enum_entry(const yaml::Node& key, const yaml::Node& value, const std::string& file) {
  Enum e;
  e.name = yaml::scalar(key, file, "an enum name");
  e.mark = yaml::mark(key, file);
  const std::string what = "values of enum '" + e.name + "'";
  if (value.is_map()) {
    yaml::MapReader m(value, file, "enum '" + e.name + "'", {"schema", "values"});
    e.schema = m.optional("schema").value_or("");
    if (!m.has_value("values"))
      throw InputError(m.mark(), "enum '" + e.name + "' needs 'values: [...]'");
    e.values = read_enum_values(m.node("values"), file, what);
  } else {
    e.values = read_enum_values(value, file, what);
  }
  return e;
}

std::string render_enums(const std::vector<Enum>& enums) {
  if (enums.empty()) return "";
  std::string out = "enums:\n";
  for (const auto& e : enums) {
    out += "  " + yaml::str(e.name) + ": ";
    if (e.schema.empty())
      out += yaml::flow_list(e.values);
    else
      out +=
          yaml::flow_map({{"schema", yaml::str(e.schema)}, {"values", yaml::flow_list(e.values)}});
    out += "\n";
  }
  return out;
}

}  // namespace migrate
