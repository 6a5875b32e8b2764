#include "core/sql/sql_fragment.hpp"

#include <cctype>

namespace migrate {
namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The index past the closing `quote` of a quoted run opened at `open`, or
// npos. A doubled quote stands for itself; a backslash escapes the next
// character where the server reads it so.
size_t skip_quoted(std::string_view s, size_t open, char quote, bool backslash) {
  for (size_t i = open + 1; i < s.size(); ++i) {
    if (backslash && s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] != quote) continue;
    if (i + 1 < s.size() && s[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  return std::string_view::npos;
}

// "$tag$" at i (PostgreSQL): its length, or 0 when none starts here.
size_t dollar_tag(std::string_view s, size_t i) {
  if (s[i] != '$' || (i > 0 && word_char(s[i - 1]))) return 0;
  size_t j = i + 1;
  if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) return 0;  // $1
  while (j < s.size() && s[j] != '$' && word_char(s[j])) ++j;
  return j < s.size() && s[j] == '$' ? j - i + 1 : 0;
}

}  // namespace

std::optional<std::string> sql_fragment_problem(std::string_view s, const SqlSyntax& syntax,
                                                const FragmentRules& rules) {
  int depth = 0;     // ( )
  int brackets = 0;  // [ ]: PostgreSQL's ARRAY[1, 2] and subscripts
  size_t i = 0;
  const size_t npos = std::string_view::npos;
  auto unterminated = [](const char* what) {
    return std::optional<std::string>(std::string("has an unterminated ") + what);
  };
  // Quoted or not: a NUL ends the statement early, and script clients change
  // other control characters (the sqlite3 shell drops CR before LF).
  for (char c : s) {
    if (c == '\0') return "holds a NUL byte";
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
      return "holds a control character other than a line end or tab; write it with the SQL's "
             "own escape (char(13), E'\\r')";
  }
  while (i < s.size()) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (syntax.escape_strings && (c == 'e' || c == 'E') && next == '\'' &&
        (i == 0 || !word_char(s[i - 1]))) {
      i = skip_quoted(s, i + 1, '\'', true);
      if (i == npos) return unterminated("string (E'...')");
      continue;
    }
    if (c == '\'') {
      i = skip_quoted(s, i, '\'', syntax.backslash_escapes);
      if (i == npos) return unterminated("string ('...')");
      continue;
    }
    if (c == '"') {
      const bool string = syntax.double_quoted_strings;
      i = skip_quoted(s, i, '"', string && syntax.backslash_escapes);
      if (i == npos) return unterminated(string ? "string (\"...\")" : "quoted name (\"...\")");
      continue;
    }
    if (c == '`' && syntax.backtick_identifiers) {
      i = skip_quoted(s, i, '`', false);
      if (i == npos) return unterminated("quoted name (`...`)");
      continue;
    }
    if (c == '[' && syntax.bracket_identifiers) {
      i = s.find(']', i + 1);
      if (i == npos) return unterminated("quoted name ([...])");
      ++i;
      continue;
    }
    if (syntax.dollar_quotes && c == '$') {
      if (size_t tag = dollar_tag(s, i)) {
        size_t close = s.find(s.substr(i, tag), i + tag);
        if (close == npos) return unterminated("dollar-quoted string ($$...$$)");
        i = close + tag;
        continue;
      }
    }
    const bool dash = c == '-' && next == '-' &&
                      (!syntax.dash_comment_needs_space || i + 2 >= s.size() ||
                       std::isspace(static_cast<unsigned char>(s[i + 2])) ||
                       std::iscntrl(static_cast<unsigned char>(s[i + 2])));
    if (dash || (c == '#' && syntax.hash_comments)) {
      size_t nl = s.find('\n', i);
      if (nl == npos)
        return std::string("has a comment (") + (dash ? "--" : "#") +
               ") that runs to the end of the text, where it would swallow the rest of the "
               "statement";
      i = nl + 1;
      continue;
    }
    if (c == '/' && next == '*')
      return "has a /* comment */; write it without (MySQL runs some comments as SQL)";
    if (c == ';') return "has a ';': it is one expression, never a second statement";
    if (c == '(') ++depth;
    if (c == ')' && --depth < 0) return "has a ')' without its '('";
    if (c == '[') ++brackets;
    if (c == ']' && --brackets < 0) return "has a ']' without its '['";
    if (c == ',' && depth == 0 && brackets == 0 && !rules.top_level_comma)
      return "has a ',' outside parentheses, which would end it early";
    ++i;
  }
  if (depth > 0) return "has a '(' without its ')'";
  if (brackets > 0) return "has a '[' without its ']'";
  return std::nullopt;
}

}  // namespace migrate
