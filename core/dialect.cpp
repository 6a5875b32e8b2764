#include "core/dialect.hpp"

#include "core/compare.hpp"

namespace migrate {

bool Dialect::has_table(Connection& conn, const std::string& name) const {
  return inspect(conn).table(name) != nullptr;
}

Table Dialect::normalize(const Table& t) const {
  return normalize_common(t);
}

// No server keeps a NUL in a name: C strings end there, and a statement sent
// as one would end early.
std::optional<std::string> Dialect::name_problem(std::string_view name, NameKind) const {
  if (name.find('\0') != std::string_view::npos) return "holds a NUL byte, which no database keeps";
  return std::nullopt;
}

std::optional<std::string> Dialect::literal_problem(std::string_view text, LiteralKind,
                                                    bool) const {
  if (text.find('\0') != std::string_view::npos)
    return "holds a NUL byte, which " + name() + " cannot keep in text";
  return std::nullopt;
}

}  // namespace migrate
