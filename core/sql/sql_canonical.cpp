#include "core/sql/sql_canonical.hpp"

#include <cctype>
#include <stdexcept>
#include <vector>

#include "core/base/text.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool plain_name(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// Whether toks[begin] is a '(' whose matching ')' is toks[end - 1].
bool wrapped(const std::vector<SqlToken>& toks, size_t begin, size_t end) {
  if (end - begin < 2 || !toks[begin].is_punct('(') || !toks[end - 1].is_punct(')')) return false;
  int depth = 0;
  for (size_t i = begin; i < end; ++i) {
    if (toks[i].is_punct('(')) ++depth;
    if (toks[i].is_punct(')') && --depth == 0) return i == end - 1;
  }
  return false;
}

}  // namespace

std::string canonical_sql(std::string_view expression, const CanonicalSqlOptions& options) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(expression);
  } catch (const std::invalid_argument&) {
    return text::trim(expression);
  }
  size_t begin = 0, end = toks.size();
  while (wrapped(toks, begin, end)) {
    ++begin;
    --end;
  }
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    const SqlToken& t = toks[i];
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case SqlTokenKind::word:
        out += lower(t.value);
        break;
      case SqlTokenKind::quoted_identifier:
        if (options.fold_quoted_identifiers)
          out += plain_name(t.value) ? lower(t.value) : "\"" + lower(t.value) + "\"";
        else
          out += plain_name(t.value) && t.value == lower(t.value) ? t.value : "\"" + t.value + "\"";
        break;
      case SqlTokenKind::string: {
        out += '\'';
        for (char c : t.value) out += c == '\'' ? std::string("''") : std::string(1, c);
        out += '\'';
        break;
      }
      case SqlTokenKind::blob:
        out += lower(t.value);
        break;
      case SqlTokenKind::number:
      case SqlTokenKind::punct:
        out += t.value;
        break;
    }
  }
  return out;
}

}  // namespace migrate
