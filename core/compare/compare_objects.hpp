#pragma once
// Views, sequences, triggers, functions and procedures: the model's against
// the database's, as ops placed around the table ops of compare_schemas.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/compare/compare.hpp"

namespace migrate {

struct ObjectOps {
  // Before any table op: objects that go (and those that must go while a
  // table or object they read changes), dependents first; new sequences,
  // which column defaults may use.
  std::vector<Op> first;
  // After every table op: objects that come or change, each after what it
  // reads; sequences' OWNED BY, once the tables exist; domains and
  // extensions the model lacks.
  std::vector<Op> last;
  // After enum types are made, before the tables: domains that come or
  // change (extensions that come are the first of `first`).
  std::vector<Op> types;
};

// `changed_tables`: (schema, name) of tables dropped, or whose columns
// change, in this comparison: a view over one is made again after.
ObjectOps compare_objects(const Schema& model, const Schema& live, const DiffRules& dialect,
                          const CompareSettings& s,
                          const std::set<std::pair<std::string, std::string>>& changed_tables);

// Whether autogenerate looks at `o`: the include/exclude patterns match its
// name or "schema.name" (a trigger: its table's too).
bool object_included(const SchemaObject& o, const CompareSettings& s);

// The names `o`'s definition mentions that are tables or objects of `names`
// (compared without case): its dependencies where the catalog gives none.
std::vector<std::string> mentioned_names(const SchemaObject& o,
                                         const std::set<std::string>& lower_names);

}  // namespace migrate
