#include "core/dialect/ddl_text.hpp"

#include "core/base/text.hpp"

namespace migrate::ddl {

std::string qualified(const std::string& schema, const std::string& name, Quote q) {
  return schema.empty() ? q(name) : q(schema) + "." + q(name);
}

std::string column_list(const std::vector<std::string>& columns, Quote q) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(q(c));
  return text::join(out);
}

std::string constraint(const std::string& name, Quote q) {
  return name.empty() ? "" : "CONSTRAINT " + q(name) + " ";
}

std::string foreign_key(const ForeignKey& fk, Quote q) {
  std::string s = constraint(fk.name, q) + "FOREIGN KEY (" + column_list(fk.columns, q) +
                  ") REFERENCES " + qualified(fk.ref_schema, fk.ref_table, q) + " (" +
                  column_list(fk.ref_columns, q) + ")";
  if (!fk.on_delete.empty()) s += " ON DELETE " + text::upper(fk.on_delete);
  if (!fk.on_update.empty()) s += " ON UPDATE " + text::upper(fk.on_update);
  return s + deferrable(fk.deferrable);
}

std::string deferrable(const Deferrable& d) {
  return d.empty() ? "" : " DEFERRABLE INITIALLY " + text::upper(d);
}

}  // namespace migrate::ddl
