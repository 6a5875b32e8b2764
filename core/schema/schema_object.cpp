#include "core/schema/schema_object.hpp"

#include <cctype>
#include <map>
#include <set>

namespace migrate {

const char* object_key(ObjectKind k) {
  switch (k) {
    case ObjectKind::view:
      return "view";
    case ObjectKind::materialized_view:
      return "materialized_view";
    case ObjectKind::sequence:
      return "sequence";
    case ObjectKind::trigger:
      return "trigger";
    case ObjectKind::function:
      return "function";
    case ObjectKind::procedure:
      return "procedure";
    case ObjectKind::domain:
      return "domain";
    case ObjectKind::extension:
      return "extension";
  }
  return "object";
}

const char* object_section(ObjectKind k) {
  switch (k) {
    case ObjectKind::view:
      return "views";
    case ObjectKind::materialized_view:
      return "materialized_views";
    case ObjectKind::sequence:
      return "sequences";
    case ObjectKind::trigger:
      return "triggers";
    case ObjectKind::function:
      return "functions";
    case ObjectKind::procedure:
      return "procedures";
    case ObjectKind::domain:
      return "domains";
    case ObjectKind::extension:
      return "extensions";
  }
  return "objects";
}

const char* object_noun(ObjectKind k) {
  return k == ObjectKind::materialized_view ? "materialized view" : object_key(k);
}

std::optional<ObjectKind> object_kind_of_key(std::string_view key) {
  for (ObjectKind k : all_object_kinds)
    if (key == object_key(k)) return k;
  return std::nullopt;
}

bool altered_in_place(ObjectKind k) {
  return k == ObjectKind::sequence || k == ObjectKind::domain || k == ObjectKind::extension;
}

bool definition_is_statement(ObjectKind k) {
  return k == ObjectKind::trigger || k == ObjectKind::function || k == ObjectKind::procedure;
}

std::string SchemaObject::qualified_name() const {
  return schema.empty() ? name : schema + "." + name;
}

std::string describe_object(ObjectKind k, const std::string& qualified_name,
                            const std::string& table) {
  std::string out = std::string(object_noun(k)) + " " + qualified_name;
  if (k == ObjectKind::trigger && !table.empty()) out += " on " + table;
  return out;
}

std::string describe_object(const SchemaObject& o) {
  return describe_object(o.kind, o.qualified_name(), o.table);
}

bool same_identity(const SchemaObject& a, const SchemaObject& b) {
  return a.kind == b.kind && (a.schema == b.schema || a.kind == ObjectKind::extension) &&
         a.name == b.name && (a.kind != ObjectKind::trigger || a.table == b.table);
}

namespace {
std::string folded(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

std::vector<size_t> creation_order(const std::vector<const SchemaObject*>& objects) {
  // Qualified and bare names, without case: a definition may spell a name
  // otherwise than the database reports it (Detail for detail).
  std::map<std::string, std::vector<size_t>> by_name;
  for (size_t i = 0; i < objects.size(); ++i) {
    by_name[folded(objects[i]->qualified_name())].push_back(i);
    if (!objects[i]->schema.empty()) by_name[folded(objects[i]->name)].push_back(i);
  }
  std::vector<size_t> out;
  std::vector<int> state(objects.size(), 0);  // 0 new, 1 visiting, 2 done
  auto visit = [&](auto&& self, size_t i) -> void {
    if (state[i]) return;  // done, or a cycle: keep the given order
    state[i] = 1;
    // Functions come before the triggers that call them even when the
    // catalog records no dependency (SQLite has none; MySQL none for triggers).
    if (objects[i]->kind == ObjectKind::trigger)
      for (size_t j = 0; j < objects.size(); ++j)
        if (objects[j]->kind == ObjectKind::function) self(self, j);
    for (const auto& dep : objects[i]->depends_on) {
      auto it = by_name.find(folded(dep));
      if (it == by_name.end()) continue;
      for (size_t j : it->second)
        if (j != i) self(self, j);
    }
    state[i] = 2;
    out.push_back(i);
  };
  for (size_t i = 0; i < objects.size(); ++i) visit(visit, i);
  return out;
}

}  // namespace migrate
