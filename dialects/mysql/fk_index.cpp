#include "dialects/mysql/fk_index.hpp"

#include "core/sql/sql_lexer.hpp"

namespace migrate::mysql {
namespace {

bool starts_with(const std::vector<std::string>& keys, const std::vector<std::string>& columns) {
  if (columns.empty() || keys.size() < columns.size()) return false;
  for (size_t i = 0; i < columns.size(); ++i)
    if (!iequals(keys[i], columns[i])) return false;  // a prefix key "name(10)" never matches
  return true;
}

bool server_named(const Table& t, const std::string& fk_name) {
  const std::string prefix = t.name + "_ibfk_";
  if (fk_name.size() <= prefix.size() || fk_name.compare(0, prefix.size(), prefix) != 0)
    return false;
  for (size_t i = prefix.size(); i < fk_name.size(); ++i)
    if (fk_name[i] < '0' || fk_name[i] > '9') return false;
  return true;
}

// The leading keys that are whole columns: what InnoDB can use for a foreign
// key (a prefix or an expression key cannot serve one).
std::vector<std::string> whole_columns(const Index& ix) {
  std::vector<std::string> out;
  for (const auto& k : ix.keys) {
    if (k.expression || k.length) break;
    out.push_back(k.text);
  }
  return out;
}

}  // namespace

bool has_index_for(const Table& t, const std::vector<std::string>& columns,
                   const std::string& except) {
  if (t.primary_key && starts_with(t.primary_key->columns, columns)) return true;
  for (const auto& u : t.uniques)
    if (u.name != except && starts_with(u.columns, columns)) return true;
  for (const auto& ix : t.indexes)
    if (ix.name != except && starts_with(whole_columns(ix), columns)) return true;
  return false;
}

std::string implicit_index_name(const Table& t, const ForeignKey& fk) {
  if (server_named(t, fk.name) && !fk.columns.empty()) return fk.columns[0];
  return fk.name;
}

bool is_implicit_fk_index(const Table& t, const Index& ix) {
  if (ix.unique) return false;
  for (const auto& fk : t.foreign_keys) {
    const auto keys = whole_columns(ix);
    if (ix.keys.size() != fk.columns.size() || !starts_with(keys, fk.columns)) continue;
    if (iequals(ix.name, fk.name) || iequals(ix.name, implicit_index_name(t, fk))) return true;
  }
  return false;
}

std::vector<const ForeignKey*> keys_needing(const Table& t, const std::string& index_name) {
  std::vector<const ForeignKey*> out;
  const Index* ix = nullptr;
  for (const auto& i : t.indexes)
    if (i.name == index_name) ix = &i;
  const UniqueConstraint* uq = nullptr;
  for (const auto& u : t.uniques)
    if (u.name == index_name) uq = &u;
  if (!ix && !uq) return out;
  const std::vector<std::string> keys = ix ? whole_columns(*ix) : uq->columns;
  for (const auto& fk : t.foreign_keys)
    if (starts_with(keys, fk.columns) && !has_index_for(t, fk.columns, index_name))
      out.push_back(&fk);
  return out;
}

}  // namespace migrate::mysql
