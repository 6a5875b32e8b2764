#include "core/yaml/yaml_write.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace migrate::yaml {
namespace {

// Words YAML 1.1 or 1.2 resolvers (yaml-cpp's included) read as null or boolean.
bool is_reserved_word(const std::string& s) {
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kWords[] = {"~",  "null", "true", "false", "yes",
                                       "no", "on",   "off",  "y",     "n"};
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](const char* w) { return lower == w; });
}

// Anything that may resolve to a number (12, -1, .5, 1e10, 0x1F, .inf) is quoted;
// over-quoting a string is harmless, under-quoting changes its type.
bool may_be_number(const std::string& s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (digit(s[0]) || s[0] == '.') return true;
  return (s[0] == '+' || s[0] == '-') && s.size() > 1 && (digit(s[1]) || s[1] == '.');
}

// U+0085, U+2028 and U+2029, which YAML reads as line breaks: in UTF-8,
// C2 85, E2 80 A8 and E2 80 A9. The length of the one at `i`, or 0.
size_t unicode_break_at(const std::string& s, size_t i) {
  auto at = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  if (at(i) == 0xC2 && at(i + 1) == 0x85) return 2;
  if (at(i) == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9)) return 3;
  return 0;
}

bool has_unicode_break(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i)
    if (unicode_break_at(s, i)) return true;
  return false;
}

bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  if (has_unicode_break(s)) return true;
  if (std::isspace(static_cast<unsigned char>(s.front())) ||
      std::isspace(static_cast<unsigned char>(s.back())))
    return true;
  if (std::strchr("-?:,[]{}#&*!|>'\"%@`", s[0])) return true;
  if (is_reserved_word(s) || may_be_number(s)) return true;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
    // Flow indicators: values are written inside {...} and [...].
    if (std::strchr(",[]{}", c)) return true;
  }
  return s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.back() == ':';
}

}  // namespace

std::string quoted(const std::string& text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (size_t n = unicode_break_at(text, i)) {
      out += n == 2 ? "\\N" : text[i + 2] == '\xA8' ? "\\L" : "\\P";
      i += n - 1;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += "\\x";
          out += kHex[u >> 4];
          out += kHex[u & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string str(const std::string& text) {
  return needs_quotes(text) ? quoted(text) : text;
}

std::string block(const std::string& text, int indent) {
  if (text.find('\n') == std::string::npos) return str(text);
  bool ok = !text.empty() && text.front() != ' ' && text.front() != '\t' && text.front() != '\n' &&
            text.back() != '\n' && text.back() != ' ';
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) ok = false;
  }
  // A line of only spaces, or one ending in a space, reads back the same in
  // a literal block; a tab at a line's start is content too. The first
  // line's indentation sets the block's, so it must not start with a space
  // (checked above); later lines may.
  if (!ok || has_unicode_break(text)) return quoted(text);
  const std::string pad(static_cast<size_t>(indent), ' ');
  std::string out = "|-\n";
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    out += line.empty() ? "" : pad + line;
    if (end < text.size()) out += "\n";
    start = end + 1;
  }
  return out;
}

std::string flow_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + str(items[i]);
  return out + "]";
}

std::string flow_map(const Fields& fields) {
  std::string out = "{";
  for (size_t i = 0; i < fields.size(); ++i)
    out += (i ? ", " : "") + fields[i].first + ": " + fields[i].second;
  return out + "}";
}

}  // namespace migrate::yaml
