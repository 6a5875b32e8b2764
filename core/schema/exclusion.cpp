#include "core/schema/exclusion.hpp"

#include <cctype>

namespace migrate {

namespace {

constexpr std::string_view kOperatorChars = "+-*/<>=~!@#%^&|`?";
constexpr size_t kMaxOperatorBytes = 63;  // NAMEDATALEN - 1

bool plain_word(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front()))) return false;
  for (unsigned char c : s)
    if (!std::isalnum(c) && c != '_') return false;
  return true;
}

}  // namespace

std::optional<std::string> exclusion_operator_problem(std::string_view op) {
  std::string_view name = op;
  if (auto dot = op.rfind('.'); dot != std::string_view::npos) {
    if (!plain_word(op.substr(0, dot)))
      return "has a schema that is no plain name (letters, digits, _) before its operator";
    name = op.substr(dot + 1);
  }
  if (name.empty()) return "is empty; write the operator, e.g. \"&&\" or \"=\"";
  if (name.size() > kMaxOperatorBytes) return "is longer than an operator name can be (63 bytes)";
  for (char c : name)
    if (kOperatorChars.find(c) == std::string_view::npos)
      return "is no operator: an operator is made of + - * / < > = ~ ! @ # % ^ & | ` ? only";
  if (name.find("--") != std::string_view::npos || name.find("/*") != std::string_view::npos)
    return "holds -- or /*, which would start a comment, not an operator";
  return std::nullopt;
}

std::vector<std::string> exclusion_columns(const ExclusionConstraint& x) {
  std::vector<std::string> out;
  for (const auto& e : x.elements)
    if (e.key.is_column()) out.push_back(e.key.text);
  out.insert(out.end(), x.include.begin(), x.include.end());
  return out;
}

}  // namespace migrate
