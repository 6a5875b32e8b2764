#pragma once
// An exclusion constraint (PostgreSQL's EXCLUDE) in YAML, both ways: the
// model's `exclusions:` entries, create_exclusion_constraint's keys and
// drop_exclusion_constraint's `existing:` all read it here.
#include <string>
#include <vector>

#include "core/schema/schema.hpp"
#include "core/yaml/yaml_read.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {

// name using elements where deferrable initially include
const std::vector<std::string>& exclusion_keys();

// `name` is required unless `named` is false (an `existing:`, named by its op).
// Each element is {column: NAME | expression: SQL, with: OPERATOR} and may
// add opclass, order and nulls as an index key does.
ExclusionConstraint read_exclusion(const yaml::MapReader& m, bool named = true);

yaml::Fields exclusion_fields(const ExclusionConstraint& x, bool named);
std::string render_exclusion(const ExclusionConstraint& x);  // a flow map

}  // namespace migrate
