#pragma once
// Enumerated types in YAML: the model's `enums:` section and the values
// lists of the create_enum / drop_enum / alter_enum ops.
#include "core/yaml/yaml_node.hpp"

#include <string>
#include <vector>

#include "core/schema/schema.hpp"

namespace migrate {

// One `name: [a, b]` (or `name: {schema: s, values: [a, b]}`) entry of `enums:`.
Enum read_enum_entry(const yaml::Node& key, const yaml::Node& value, const std::string& file);

// A non-empty list of distinct, non-empty labels; `what` names it in errors.
std::vector<std::string> read_enum_values(const yaml::Node& node, const std::string& file,
                                          const std::string& what);

// The `enums:` section, as `inspect` prints it; "" when there are none.
std::string render_enums(const std::vector<Enum>& enums);

}  // namespace migrate
