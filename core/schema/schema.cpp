#include "core/schema/schema.hpp"

#include <algorithm>

namespace migrate {

const Column* Table::column(const std::string& n) const {
  for (const auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

Column* Table::column(const std::string& n) {
  for (auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

bool Table::in_primary_key(const std::string& column_name) const {
  return primary_key && std::find(primary_key->columns.begin(), primary_key->columns.end(),
                                  column_name) != primary_key->columns.end();
}

std::string IndexKey::str() const {
  if (expression) return "(" + text + ")";
  if (length) return text + "(" + std::to_string(length) + ")";
  return text;
}

std::vector<std::string> key_columns(const Index& ix) {
  std::vector<std::string> out;
  for (const auto& k : ix.keys)
    if (k.is_column()) out.push_back(k.text);
  return out;
}

std::string Table::qualified_name() const {
  return schema.empty() ? name : schema + "." + name;
}

const Table* Schema::table(const std::string& name, const std::string& schema) const {
  for (const auto& t : tables)
    if (t.name == name && t.schema == schema) return &t;
  return nullptr;
}

Table* Schema::table(const std::string& name, const std::string& schema) {
  for (auto& t : tables)
    if (t.name == name && t.schema == schema) return &t;
  return nullptr;
}

namespace {
bool ascii_iequals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}
}  // namespace

bool NameRules::same_table(const std::string& a, const std::string& b) const {
  return fold_tables ? ascii_iequals(a, b) : a == b;
}

bool NameRules::same_column(const std::string& a, const std::string& b) const {
  return fold_columns ? ascii_iequals(a, b) : a == b;
}

std::string Enum::qualified_name() const {
  return schema.empty() ? name : schema + "." + name;
}

const Enum* Schema::enum_type(const std::string& name, const std::string& schema) const {
  for (const auto& e : enums)
    if (e.name == name && e.schema == schema) return &e;
  return nullptr;
}

Enum* Schema::enum_type(const std::string& name, const std::string& schema) {
  for (auto& e : enums)
    if (e.name == name && e.schema == schema) return &e;
  return nullptr;
}

const SchemaObject* Schema::object(ObjectKind kind, const std::string& name,
                                   const std::string& schema, const std::string& table) const {
  for (const auto& o : objects)
    if (o.kind == kind && o.name == name && (o.schema == schema || kind == ObjectKind::extension) &&
        (kind != ObjectKind::trigger || o.table == table))
      return &o;
  return nullptr;
}

std::vector<std::string> Schema::schema_names() const {
  std::vector<std::string> out;
  auto add = [&](const std::string& name) {
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  for (const auto& t : tables) {
    add(t.schema);
    for (const auto& fk : t.foreign_keys) add(fk.ref_schema);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace migrate
