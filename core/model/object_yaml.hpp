#pragma once
// Views, materialized views, sequences, triggers, functions and procedures in
// YAML: the model's sections (`views:`, `triggers:`, ...) and the fields of
// the create_/drop_/replace_ ops, read and written the same way by both.
#include "core/yaml/yaml_node.hpp"

#include <string>
#include <vector>

#include "core/schema/naming.hpp"
#include "core/schema/schema.hpp"
#include "core/yaml/yaml_read.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {

// The keys that say what an object of `k` is, beside its name, schema and
// (a trigger) table: definition; a sequence's options; a materialized
// view's indexes.
const std::vector<std::string>& object_body_keys(ObjectKind k);

// Reads those keys of `m` into `o` (whose kind is set). `required`: a
// definition must be given (a sequence has none).
void read_object_body(const yaml::MapReader& m, SchemaObject& o, const NamingConvention& naming,
                      bool required);

// Those keys as fields, rendered for keys written `indent` spaces in (a
// multi-line definition becomes a literal block below them).
yaml::Fields object_body_fields(const SchemaObject& o, int indent);

// One entry of a model section: `name: {definition: ...}` under `views:`
// and the other map sections (a bare string is the definition), or one
// `{name:, table:, definition:}` item of the `triggers:` list.
SchemaObject read_object_entry(ObjectKind k, const yaml::Node& key, const yaml::Node& value,
                               const std::string& file, const NamingConvention& naming);
SchemaObject read_trigger_item(const yaml::Node& item, const std::string& file,
                               const NamingConvention& naming);

// The sections, as `inspect` prints them, in all_object_kinds order; ""
// when there are none.
std::string render_objects(const std::vector<SchemaObject>& objects);

}  // namespace migrate
