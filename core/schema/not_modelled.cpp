#include "core/schema/not_modelled.hpp"

#include <map>

namespace migrate {
namespace {

std::string plural(const std::string& kind) {
  if (kind.size() > 1 && kind.back() == 'y' &&
      std::string("aeiou").find(kind[kind.size() - 2]) == std::string::npos)
    return kind.substr(0, kind.size() - 1) + "ies";
  if (kind.back() == 's' || kind.back() == 'x') return kind + "es";
  return kind + "s";
}

// Each kind's names, kinds in the order first seen.
std::vector<std::pair<std::string, std::vector<std::string>>> by_kind(
    const std::vector<NotModelled>& items) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  std::map<std::string, size_t> at;
  for (const auto& i : items) {
    auto [it, fresh] = at.emplace(i.kind, out.size());
    if (fresh) out.push_back({i.kind, {}});
    out[it->second].second.push_back(i.name);
  }
  return out;
}

}  // namespace

std::string describe_not_modelled(const std::vector<NotModelled>& items, size_t shown) {
  std::string out;
  for (const auto& [kind, names] : by_kind(items)) {
    if (!out.empty()) out += ", ";
    out += std::to_string(names.size()) + " " + (names.size() == 1 ? kind : plural(kind)) + " (";
    for (size_t i = 0; i < names.size() && i < shown; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > shown) out += ", ...";
    out += ")";
  }
  return out;
}

std::string not_modelled_kinds(const std::vector<NotModelled>& items) {
  std::string out;
  for (const auto& [kind, names] : by_kind(items)) out += (out.empty() ? "" : ", ") + plural(kind);
  return out;
}

}  // namespace migrate
