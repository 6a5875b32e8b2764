#include "core/sql/sql_lexer.hpp"

#include <cctype>
#include <stdexcept>

namespace migrate {
namespace {

bool ident_start(unsigned char c) {
  return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool ident_char(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

// A quoted run starting at s[i] == open; the closing character doubled
// stands for itself (except in [brackets], which have no escape).
size_t scan_quoted(std::string_view s, size_t i, char close, bool doubling, std::string& value) {
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == close) {
      if (doubling && j + 1 < s.size() && s[j + 1] == close) {
        value += close;
        ++j;
        continue;
      }
      return j + 1;
    }
    value += s[j];
  }
  throw std::invalid_argument("unterminated quote starting at offset " + std::to_string(i));
}

// The function-call test: a name directly followed by "(".
bool followed_by_paren(const std::vector<SqlToken>& toks, size_t i) {
  return i + 1 < toks.size() && toks[i + 1].is_punct('(');
}

bool is_column_ref(const std::vector<SqlToken>& toks, size_t i, std::string_view column) {
  const SqlToken& t = toks[i];
  return t.is_name() && iequals(t.value, column) &&
         !(t.kind == SqlTokenKind::word && followed_by_paren(toks, i));
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool SqlToken::is_word(std::string_view keyword) const {
  return kind == SqlTokenKind::word && iequals(value, keyword);
}

std::vector<SqlToken> tokenize_sql(std::string_view s, const SqlLexOptions& options) {
  std::vector<SqlToken> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      // SQLite accepts a block comment left open at the end of the text.
      size_t close = s.find("*/", i + 2);
      i = close == std::string_view::npos ? s.size() : close + 2;
      continue;
    }
    SqlToken t{SqlTokenKind::punct, i, i, ""};
    if ((c == 'x' || c == 'X') && i + 1 < s.size() && s[i + 1] == '\'') {
      t.kind = SqlTokenKind::blob;
      std::string ignored;
      t.end = scan_quoted(s, i + 1, '\'', false, ignored);
      t.value = std::string(s.substr(i, t.end - i));
    } else if (ident_start(c)) {
      size_t j = i + 1;
      while (j < s.size() && ident_char(static_cast<unsigned char>(s[j]))) ++j;
      t.kind = SqlTokenKind::word;
      t.end = j;
      t.value = std::string(s.substr(i, j - i));
    } else if (c == '\'') {
      t.kind = SqlTokenKind::string;
      t.end = scan_quoted(s, i, '\'', true, t.value);
    } else if (c == '"' || c == '`') {
      t.kind = SqlTokenKind::quoted_identifier;
      t.end = scan_quoted(s, i, static_cast<char>(c), true, t.value);
    } else if (c == '[' && options.bracket_identifiers) {
      t.kind = SqlTokenKind::quoted_identifier;
      t.end = scan_quoted(s, i, ']', false, t.value);
    } else if (std::isdigit(c) || (c == '.' && i + 1 < s.size() &&
                                   std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      if (c == '0' && j + 1 < s.size() && (s[j + 1] == 'x' || s[j + 1] == 'X')) {
        j += 2;
        while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
      } else {
        while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
        if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
          size_t k = j + 1;
          if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
          if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
            j = k;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
          }
        }
      }
      t.kind = SqlTokenKind::number;
      t.end = j;
      t.value = std::string(s.substr(i, j - i));
    } else {
      t.end = i + 1;
      t.value = std::string(1, static_cast<char>(c));
    }
    out.push_back(std::move(t));
    i = out.back().end;
  }
  return out;
}

bool sql_mentions_column(std::string_view expression, std::string_view column) {
  auto toks = tokenize_sql(expression);
  for (size_t i = 0; i < toks.size(); ++i)
    if (is_column_ref(toks, i, column)) return true;
  return false;
}

std::string sql_rename_column(std::string_view expression, std::string_view from,
                              std::string_view to) {
  auto toks = tokenize_sql(expression);
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (!is_column_ref(toks, i, from)) continue;
    out.append(expression.substr(copied, toks[i].begin - copied));
    out += sql_double_quote(to);
    copied = toks[i].end;
  }
  out.append(expression.substr(copied));
  return out;
}

std::string sql_double_quote(std::string_view ident) {
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string sql_single_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace migrate
