#include "dialects/mysql/sql_text.hpp"

#include <cctype>

namespace migrate::mysql {
namespace {

bool word_start(unsigned char c) {
  return std::isalpha(c) || c == '_' || c == '$' || c >= 0x80;
}
bool word_char(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

char unescape(char c) {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case 'Z':
      return '\x1a';
    case 'b':
      return '\b';
    default:
      return c;  // \' \" \\ and any other: the character itself
  }
}

// A quoted run from s[i] == q to its closing quote: a doubled quote stands
// for itself, and in strings a backslash escapes the next character.
// Returns the offset after it, or npos when it does not close.
size_t scan_quoted(std::string_view s, size_t i, char q, bool backslash, std::string& value) {
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (backslash && s[j] == '\\' && j + 1 < s.size()) {
      value += unescape(s[++j]);
      continue;
    }
    if (s[j] != q) {
      value += s[j];
      continue;
    }
    if (j + 1 < s.size() && s[j + 1] == q) {
      value += q;
      ++j;
      continue;
    }
    return j + 1;
  }
  return std::string_view::npos;
}

}  // namespace

bool Tok::word(std::string_view w) const {
  if (kind != TokKind::word || value.size() != w.size()) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(value[i])) !=
        std::tolower(static_cast<unsigned char>(w[i])))
      return false;
  return true;
}

std::vector<Tok> lex(std::string_view s, bool* ok) {
  std::vector<Tok> out;
  if (ok) *ok = true;
  auto fail = [&] {
    if (ok) *ok = false;
    return out;
  };
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    // MySQL's -- comment needs a space after it: a--b is a minus minus b.
    const bool dash_comment =
        c == '-' && i + 2 <= s.size() && s.substr(i, 2) == "--" &&
        (i + 2 == s.size() || std::isspace(static_cast<unsigned char>(s[i + 2])));
    if (c == '#' || dash_comment) {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t e = s.find("*/", i + 2);
      if (e == std::string_view::npos) return fail();
      i = e + 2;
      continue;
    }
    Tok t{TokKind::punct, "", i, i};
    if (c == '`' || c == '\'' || c == '"') {
      t.kind = c == '`' ? TokKind::name : TokKind::string;
      size_t e = scan_quoted(s, i, static_cast<char>(c), c != '`', t.value);
      if (e == std::string_view::npos) return fail();
      i = e;
    } else if (c == '@') {
      // @var, @@global.var, and the @ of user@host (a bare @ before a quote).
      size_t j = i + 1;
      while (j < s.size() &&
             (word_char(static_cast<unsigned char>(s[j])) || s[j] == '@' || s[j] == '.'))
        ++j;
      t.kind = j == i + 1 ? TokKind::punct : TokKind::variable;
      t.value = std::string(s.substr(i, j - i));
      i = j;
    } else if (std::isdigit(c) || (c == '.' && i + 1 < s.size() &&
                                   std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      while (j < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '.' ||
              ((s[j] == '+' || s[j] == '-') && j > i && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
        ++j;
      t.kind = TokKind::number;
      t.value = std::string(s.substr(i, j - i));
      i = j;
    } else if (word_start(c)) {
      size_t j = i;
      while (j < s.size() && word_char(static_cast<unsigned char>(s[j]))) ++j;
      t.kind = TokKind::word;
      t.value = std::string(s.substr(i, j - i));
      i = j;
    } else {
      t.value = std::string(1, static_cast<char>(c));
      ++i;
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  return out;
}

std::string without_qualifier(const std::string& sql, const std::string& db) {
  bool ok = true;
  std::vector<Tok> toks = lex(sql, &ok);
  if (!ok) return sql;
  std::string out;
  size_t at = 0;
  for (size_t i = 0; i + 2 < toks.size(); ++i) {
    const Tok& t = toks[i];
    // Only `db` quoted, as the server writes it, directly followed by a dot and a name.
    if (t.kind != TokKind::name || t.value != db || !toks[i + 1].punct('.') ||
        toks[i + 1].begin != t.end || !toks[i + 2].is_name())
      continue;
    if (i > 0 && toks[i - 1].punct('.') && toks[i - 1].end == t.begin) continue;
    out += sql.substr(at, t.begin - at);
    at = toks[i + 1].end;
  }
  return out + sql.substr(at);
}

std::string without_definer(const std::string& sql) {
  bool ok = true;
  std::vector<Tok> toks = lex(sql, &ok);
  if (!ok) return sql;
  for (size_t i = 0; i + 2 < toks.size(); ++i) {
    if (!toks[i].word("definer") || !toks[i + 1].punct('=')) continue;
    size_t j = i + 2;
    // CURRENT_USER, CURRENT_USER(), 'user'@'host', `user`@`host`, user@host
    if (toks[j].word("current_user")) {
      if (j + 2 < toks.size() && toks[j + 1].punct('(') && toks[j + 2].punct(')')) j += 2;
    } else if (j + 2 < toks.size() && toks[j + 1].punct('@')) {
      j += 2;
    } else if (j + 1 < toks.size() && toks[j + 1].kind == TokKind::variable) {
      j += 1;  // user@host lexes as a word and a variable
    }
    size_t end = toks[j].end;
    while (end < sql.size() && std::isspace(static_cast<unsigned char>(sql[end]))) ++end;
    return sql.substr(0, toks[i].begin) + sql.substr(end);
  }
  return sql;
}

std::string backquote(std::string_view name) {
  std::string out = "`";
  for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

}  // namespace migrate::mysql
