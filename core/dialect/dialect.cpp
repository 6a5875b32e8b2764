#include "core/dialect/dialect.hpp"

#include <fmt/format.h>

namespace migrate {

bool Dialect::has_table(Connection& conn, const std::string& name) const {
  return inspect(conn).table(name) != nullptr;
}

std::vector<NotModelled> Dialect::read_not_modelled(Connection& conn, const std::string& sql) {
  auto cell = [](const Row& r, size_t i) {
    const auto* s = i < r.size() ? std::get_if<std::string>(&r[i]) : nullptr;
    return s ? *s : std::string();
  };
  std::vector<NotModelled> out;
  for (const auto& r : conn.query({sql, {}}))
    out.push_back({cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3)});
  return out;
}

void Dialect::create_database(Connection& conn, const std::string& name) const {
  conn.execute({"CREATE DATABASE " + quote_ident(name), {}});
}

void Dialect::drop_database(Connection& conn, const std::string& name) const {
  conn.execute({"DROP DATABASE IF EXISTS " + quote_ident(name), {}});
}

// No server keeps a NUL in a name: C strings end there, and a statement sent
// as one would end early. Other control characters do not survive clients
// (the sqlite3 shell turns CR LF into LF inside a quoted name) and no name
// needs one.
std::optional<std::string> Dialect::name_problem(std::string_view name, NameKind) const {
  if (name.find('\0') != std::string_view::npos) return "holds a NUL byte, which no database keeps";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f)
      return fmt::format(
          "holds a control character (\\x{:02x}), which clients do not keep; "
          "names take printable characters only",
          c);
  return std::nullopt;
}

std::optional<std::string> Dialect::literal_problem(std::string_view text, LiteralKind,
                                                    bool) const {
  if (text.find('\0') != std::string_view::npos)
    return "holds a NUL byte, which " + name() + " cannot keep in text";
  return std::nullopt;
}

}  // namespace migrate
