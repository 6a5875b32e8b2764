#include "core/ops/op_order.hpp"

#include <functional>
#include <map>
#include <queue>
#include <string>

namespace migrate {

bool references(const Table& from, const ForeignKey& fk, const Table& to) {
  const std::string& schema = fk.ref_schema.empty() ? from.schema : fk.ref_schema;
  return fk.ref_table == to.name && schema == to.schema;
}

CreateOrder order_by_dependencies(const std::vector<const Table*>& tables) {
  const size_t n = tables.size();
  std::map<std::pair<std::string, std::string>, size_t> by_name;
  for (size_t i = 0; i < n; ++i) by_name[{tables[i]->schema, tables[i]->name}] = i;

  // parent_of[i][k]: the table foreign key k of table i points at (npos: outside the set).
  constexpr size_t npos = static_cast<size_t>(-1);
  std::vector<std::vector<size_t>> parent_of(n);
  std::vector<std::vector<size_t>> children(n);  // one entry per key, so counts match
  std::vector<size_t> waiting(n, 0);             // keys to parents not yet placed
  for (size_t i = 0; i < n; ++i) {
    for (const auto& fk : tables[i]->foreign_keys) {
      const std::string& schema = fk.ref_schema.empty() ? tables[i]->schema : fk.ref_schema;
      auto it = by_name.find({schema, fk.ref_table});
      size_t p = it == by_name.end() || it->second == i ? npos : it->second;
      parent_of[i].push_back(p);
      if (p != npos) {
        children[p].push_back(i);
        ++waiting[i];
      }
    }
  }

  CreateOrder out;
  std::vector<bool> placed(n, false);
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < n; ++i)
    if (waiting[i] == 0) ready.push(i);
  size_t first_unplaced = 0;
  while (out.order.size() < n) {
    if (ready.empty()) {
      // Every table left waits on another: a cycle. Break it at the first
      // table, whose keys to tables not yet created are added afterwards.
      while (placed[first_unplaced]) ++first_unplaced;
      size_t i = first_unplaced;
      for (size_t k = 0; k < parent_of[i].size(); ++k) {
        size_t p = parent_of[i][k];
        if (p != npos && !placed[p]) {
          out.deferred.emplace_back(i, k);
          // Its edge no longer counts for the child either.
          auto& siblings = children[p];
          for (auto it = siblings.begin(); it != siblings.end(); ++it)
            if (*it == i) {
              siblings.erase(it);
              break;
            }
        }
      }
      waiting[i] = 0;
      ready.push(i);
    }
    size_t i = ready.top();
    ready.pop();
    if (placed[i]) continue;
    placed[i] = true;
    out.order.push_back(i);
    for (size_t c : children[i])
      if (!placed[c] && --waiting[c] == 0) ready.push(c);
  }
  return out;
}

}  // namespace migrate
