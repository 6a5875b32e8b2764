#include "dialects/postgresql/types.hpp"

#include <cctype>
#include <map>
#include <set>

#include "core/base/text.hpp"

namespace migrate::postgresql {
namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string with_args(const std::string& name, const Type& t) {
  std::string out = name;
  if (!t.args.empty()) out += "(" + text::join(t.args, ",") + ")";
  return out;
}

// Type families whose members convert into each other implicitly.
int family(const std::string& name) {
  static const std::map<std::string, int> f = {
      {"smallint", 1}, {"integer", 1}, {"bigint", 1},    {"numeric", 1},     {"decimal", 1},
      {"float", 1},    {"double", 1},  {"real", 1},      {"varchar", 2},     {"char", 2},
      {"string", 2},   {"text", 2},    {"timestamp", 3}, {"timestamptz", 3}, {"date", 3}};
  auto it = f.find(name);
  return it == f.end() ? 0 : it->second;
}

}  // namespace

std::string type_sql(const Type& t) {
  const std::string& n = t.name;
  std::string out;
  if (n == "smallint" || n == "integer" || n == "bigint" || n == "boolean" || n == "date" ||
      n == "text" || n == "json" || n == "uuid")
    out = upper(n);
  else if (n == "float")
    out = !t.args.empty() && std::stoi(t.args[0]) > 24 ? "DOUBLE PRECISION" : "REAL";
  else if (n == "double")
    out = "DOUBLE PRECISION";
  else if (n == "numeric" || n == "decimal")
    out = with_args("NUMERIC", t);
  else if (n == "char")
    out = with_args("CHAR", t);
  else if (n == "varchar" || n == "string")
    out = with_args("VARCHAR", t);
  else if (n == "time")
    out = with_args("TIME", t);
  else if (n == "timestamp")
    out = with_args("TIMESTAMP", t);
  else if (n == "timestamptz")
    out = with_args("TIMESTAMPTZ", t);
  else if (n == "blob")
    out = "BYTEA";
  else
    return t.str();  // jsonb, inet, text[], enum names: as written
  if (!t.suffix.empty()) out += " " + t.suffix;
  return out;
}

Type type_from_catalog(std::string_view formatted) {
  std::string f = text::lower_collapsed(formatted);
  // Array suffixes stay on the element's spelling: "integer[]", "character varying(20)[]".
  std::string array;
  while (f.size() > 2 && f.compare(f.size() - 2, 2, "[]") == 0) {
    array += "[]";
    f.resize(f.size() - 2);
  }
  std::string base = f, args;
  if (auto open = f.find('('); open != std::string::npos) {
    base = f.substr(0, open);
    auto close = f.find(')', open);
    args = f.substr(open, close == std::string::npos ? std::string::npos : close - open + 1);
    // "timestamp(3) with time zone": the words after the precision belong to the name.
    if (close != std::string::npos && close + 1 < f.size()) base += f.substr(close + 1);
  }
  static const std::map<std::string, std::string> names = {
      {"character varying", "varchar"},
      {"character", "char"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"time without time zone", "time"},
      {"time with time zone", "timetz"},
      {"double precision", "double"},
      {"real", "float"},
      {"bytea", "blob"},
  };
  auto it = names.find(text::trim(base));
  std::string name = it == names.end() ? text::trim(base) : it->second;
  if (name == "varchar" && args.empty()) name = "string";  // unbounded varchar
  try {
    Type t = Type::parse(name + args);
    t.name += array;
    return t;
  } catch (const std::exception&) {
    Type t;
    t.name = name + args + array;
    return t;
  }
}

Type stored_type(const Type& t) {
  Type out = t;
  if (t.name == "string")
    out.name = t.args.empty() ? "string" : "varchar";
  else if (t.name == "decimal")
    out.name = "numeric";
  else if (t.name == "float") {
    bool dbl = !t.args.empty() && std::stoi(t.args[0]) > 24;
    out.name = dbl ? "double" : "float";
    out.args.clear();
  } else if (t.name == "int" || t.name == "int4")
    out.name = "integer";
  else if (t.name == "int8")
    out.name = "bigint";
  else if (t.name == "int2")
    out.name = "smallint";
  else if (t.name == "bool")
    out.name = "boolean";
  else if (t.name == "float8" || t.name == "double precision")
    out.name = "double";
  else if (t.name == "float4" || t.name == "real")
    out.name = "float";
  else if (t.name == "timestamp with time zone")
    out.name = "timestamptz";
  else if (t.name == "timestamp without time zone")
    out.name = "timestamp";
  else if (t.name == "character varying")
    out.name = t.args.empty() ? "string" : "varchar";
  else if (t.name == "bytea")
    out.name = "blob";
  return out;
}

namespace {

// x'00ff' -> "00ff" (lower case), or nullopt when `e` is not a blob literal.
std::optional<std::string> blob_literal_hex(const std::string& e) {
  if (e.size() < 3 || (e[0] != 'x' && e[0] != 'X') || e[1] != '\'' || e.back() != '\'')
    return std::nullopt;
  std::string hex = e.substr(2, e.size() - 3);
  for (auto& c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return hex;
}

}  // namespace

std::string default_sql(std::string_view expression) {
  std::string e = text::trim(expression);
  if (auto hex = blob_literal_hex(e)) return "'\\x" + *hex + "'::bytea";
  return e;
}

std::string normalize_default(std::string_view expression) {
  std::string e = text::trim(expression);
  if (auto hex = blob_literal_hex(e)) return "'\\x" + *hex + "'";
  // Outer parentheses carry no meaning: (0) == 0.
  while (e.size() >= 2 && e.front() == '(' && e.back() == ')') {
    int depth = 0;
    bool wraps = true;
    for (size_t i = 0; i < e.size(); ++i) {
      if (e[i] == '(')
        ++depth;
      else if (e[i] == ')' && --depth == 0 && i + 1 < e.size())
        wraps = false;
    }
    if (!wraps) break;
    e = text::trim(e.substr(1, e.size() - 2));
  }
  // 'literal'::type -> 'literal' (and a quoted number -> the number).
  if (!e.empty() && e.front() == '\'') {
    size_t i = 1;
    for (; i < e.size(); ++i) {
      if (e[i] == '\'') {
        if (i + 1 < e.size() && e[i + 1] == '\'') {
          ++i;
          continue;
        }
        break;
      }
    }
    if (i < e.size() && e.compare(i + 1, 2, "::") == 0) {
      std::string lit = e.substr(0, i + 1);
      std::string inner = lit.substr(1, lit.size() - 2);
      bool numeric = !inner.empty();
      for (size_t k = 0; k < inner.size(); ++k)
        if (!(std::isdigit(static_cast<unsigned char>(inner[k])) || inner[k] == '.' ||
              (k == 0 && inner[k] == '-')))
          numeric = false;
      e = numeric ? inner : lit;
    }
  } else if (auto cast = e.find("::"); cast != std::string::npos) {
    // 0::numeric, NULL::character varying
    std::string head = text::trim(e.substr(0, cast));
    bool simple = !head.empty();
    for (char c : head)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) simple = false;
    if (simple) e = head;
  }
  std::string lower = text::lower_collapsed(e);
  if (lower == "now()" || lower == "current_timestamp" || lower == "current_timestamp()" ||
      lower == "transaction_timestamp()")
    return "CURRENT_TIMESTAMP";
  if (lower == "current_date") return "CURRENT_DATE";
  if (lower == "current_time") return "CURRENT_TIME";
  if (lower == "true" || lower == "false" || lower == "null") return lower;
  return e;
}

bool needs_using(const Type& from, const Type& to) {
  Type a = stored_type(from), b = stored_type(to);
  if (a.name == b.name) return false;
  int fa = family(a.name), fb = family(b.name);
  // Numbers, strings and times widen or narrow implicitly within their family;
  // text to anything else (integer, jsonb, uuid, an enum) needs an explicit cast.
  return fa == 0 || fa != fb;
}

}  // namespace migrate::postgresql
