#pragma once
// The kinds of SchemaObject (core/schema/schema.hpp), by the names the model,
// the ops and messages give them: `views:` in schema.yaml, `create_view` in a
// revision, "view" in a sentence.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema/schema.hpp"

namespace migrate {

// In the order a model's sections are written (what others use first).
inline constexpr ObjectKind all_object_kinds[] = {
    ObjectKind::extension, ObjectKind::domain, ObjectKind::sequence,          ObjectKind::function,
    ObjectKind::procedure, ObjectKind::view,   ObjectKind::materialized_view, ObjectKind::trigger};

// "view", "materialized_view": what the ops add to create_/drop_/replace_.
const char* object_key(ObjectKind k);
// "views", "materialized_views": the model's section.
const char* object_section(ObjectKind k);
// "view", "materialized view": for sentences.
const char* object_noun(ObjectKind k);
std::optional<ObjectKind> object_kind_of_key(std::string_view key);

// Whether a change is made in place with ALTER (alter_sequence, alter_domain,
// alter_extension) rather than by making it again (replace_view).
bool altered_in_place(ObjectKind k);

// Whether its definition is a whole CREATE statement (trigger, function,
// procedure) rather than a query (views) or nothing (sequences).
bool definition_is_statement(ObjectKind k);

// "view reports", "trigger last_updated on actor": for messages.
std::string describe_object(ObjectKind k, const std::string& qualified_name,
                            const std::string& table);
std::string describe_object(const SchemaObject& o);

// The same object (kind, schema, name and, for a trigger, table; an
// extension by its name alone: its schema is where it puts its objects).
bool same_identity(const SchemaObject& a, const SchemaObject& b);

// Where dependencies allow: each object after what it names in depends_on
// among `objects` (a cycle keeps the given order). Indexes into `objects`.
std::vector<size_t> creation_order(const std::vector<const SchemaObject*>& objects);

}  // namespace migrate
