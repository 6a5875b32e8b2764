#pragma once
// One operation of a revision file's upgrade/downgrade list, read and written
// (SPEC §4). render_op's output reads back through parse_op into an equal op.
#include "core/yaml/yaml_node.hpp"

#include <string>
#include <vector>

#include "core/ops/ops.hpp"
#include "core/schema/naming.hpp"

namespace migrate {

// The op names a revision file may use, in SPEC order.
const std::vector<std::string>& op_names();

// `item` is one list item: a one-key map `op_name: {...}` (execute also takes
// a string). Unnamed indexes and constraints are named by `naming`.
Op parse_op(const yaml::Node& item, const std::string& file, const NamingConvention& naming);

// The op as a list item "- op_name: ...", every line prefixed by `indent`
// spaces and ending in '\n'; destructive ops get a "# drops data" line first.
std::string render_op(const Op& op, int indent);

// A bulk_insert value as YAML: null, true/false, integers and floats plain,
// strings quoted whenever they would otherwise read back as another type.
std::string render_value(const Value& v);
// The reverse: a plain scalar resolves to null, bool, int64 or double like
// YAML 1.2's core schema; a quoted or tagged scalar stays a string.
Value read_value(const yaml::Node& node, const std::string& file, const std::string& what);

}  // namespace migrate
