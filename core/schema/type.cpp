#include "core/schema/type.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/base/text.hpp"

namespace migrate {
namespace {

using text::lower_collapsed;
using text::trim;

bool is_uint(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Arity {
  const char* name;
  int min_args;
  int max_args;
};

// The portable names of SPEC §3 and how many integer arguments each takes.
constexpr Arity kPortable[] = {
    {"smallint", 0, 0}, {"integer", 0, 0}, {"bigint", 0, 0},    {"boolean", 0, 0},
    {"float", 0, 1},    {"double", 0, 0},  {"numeric", 0, 2},   {"decimal", 0, 2},
    {"char", 0, 1},     {"varchar", 1, 1}, {"string", 0, 1},    {"text", 0, 0},
    {"date", 0, 0},     {"time", 0, 1},    {"timestamp", 0, 1}, {"timestamptz", 0, 1},
    {"json", 0, 0},     {"uuid", 0, 0},    {"blob", 0, 0},
};

const Arity* portable(const std::string& name) {
  for (const auto& a : kPortable)
    if (name == a.name) return &a;
  return nullptr;
}

bool is_time(const std::string& name) {
  return name == "time" || name == "timestamp" || name == "timestamptz";
}

}  // namespace

Type Type::parse(std::string_view text) {
  std::string s = trim(text);
  if (s.empty()) throw std::invalid_argument("the type is empty");
  Type t;
  auto open = s.find('(');
  if (open == std::string::npos) {
    if (s.find(')') != std::string::npos) throw std::invalid_argument("unbalanced ')' in type");
    t.name = lower_collapsed(s);
  } else {
    t.name = lower_collapsed(s.substr(0, open));
    if (t.name.empty()) throw std::invalid_argument("the type has no name before '('");
    // Split the arguments at top-level commas, keeping quoted labels intact.
    std::string cur;
    int depth = 1;
    char quote = 0;
    size_t i = open + 1;
    for (; i < s.size(); ++i) {
      char c = s[i];
      if (quote) {
        cur += c;
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        cur += c;
      } else if (c == '(') {
        ++depth;
        cur += c;
      } else if (c == ')') {
        if (--depth == 0) break;
        cur += c;
      } else if (c == ',' && depth == 1) {
        t.args.push_back(trim(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (depth != 0 || quote)
      throw std::invalid_argument("unbalanced parentheses or quotes in type");
    t.args.push_back(trim(cur));
    for (const auto& a : t.args)
      if (a.empty()) throw std::invalid_argument("the type has an empty argument");
    t.suffix = lower_collapsed(s.substr(i + 1));
    if (t.suffix.find_first_of("()") != std::string::npos)
      throw std::invalid_argument("unexpected parentheses after the type's arguments");
  }
  for (char c : t.name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ' || c == '.' ||
          c == '[' || c == ']'))
      throw std::invalid_argument("unexpected character '" + std::string(1, c) + "' in type name");
  if (const Arity* a = portable(t.name)) {
    int n = static_cast<int>(t.args.size());
    if (n < a->min_args || n > a->max_args) {
      if (a->max_args == 0) throw std::invalid_argument(t.name + " takes no arguments");
      throw std::invalid_argument(
          t.name + " takes " +
          (a->min_args == a->max_args
               ? std::to_string(a->min_args)
               : std::to_string(a->min_args) + " to " + std::to_string(a->max_args)) +
          " integer argument(s), e.g. " +
          (a->max_args == 2  ? t.name + "(10,2)"
           : is_time(t.name) ? t.name + "(6)"
                             : t.name + "(100)"));
    }
    for (const auto& arg : t.args)
      if (!is_uint(arg))
        throw std::invalid_argument(t.name + " takes integer arguments, not '" + arg + "'");
    // Fractional seconds: PostgreSQL and MySQL both stop at microseconds.
    if (is_time(t.name) && !t.args.empty() && (t.args[0].size() > 1 || t.args[0][0] > '6'))
      throw std::invalid_argument(
          t.name + " takes a fractional seconds precision from 0 to 6, not " + t.args[0]);
  }
  return t;
}

std::string Type::str() const {
  std::string out = name;
  if (!args.empty()) {
    out += '(';
    for (size_t i = 0; i < args.size(); ++i) {
      if (i) out += ',';
      out += args[i];
    }
    out += ')';
  }
  if (!suffix.empty()) out += ' ' + suffix;
  return out;
}

bool Type::is_portable() const {
  return portable(name) != nullptr;
}

}  // namespace migrate
