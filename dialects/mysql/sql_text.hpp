#pragma once
// MySQL's own reading of SQL text, for the definitions of views, triggers
// and routines: `name` quotes an identifier, "text" and 'text' are strings
// (sessions run without ANSI_QUOTES), a backslash escapes inside a string,
// and #, -- and /* */ start comments. core/sql/sql_lexer.hpp reads the
// standard spelling, which is not what SHOW CREATE gives back.
#include <string>
#include <string_view>
#include <vector>

namespace migrate::mysql {

enum class TokKind { word, name, string, number, punct, variable };

struct Tok {
  TokKind kind;
  std::string value;  // a word as written; a `name` or string unquoted; punctuation one character
  size_t begin = 0;   // byte offsets into the source
  size_t end = 0;
  bool word(std::string_view w) const;  // a bare word, case-insensitive
  bool punct(char c) const { return kind == TokKind::punct && value.size() == 1 && value[0] == c; }
  // A bare word or a `quoted` name.
  bool is_name() const { return kind == TokKind::word || kind == TokKind::name; }
};

// Comments and whitespace dropped. Text that does not lex (an unterminated
// quote or comment) sets *ok to false; the tokens before it come back.
std::vector<Tok> lex(std::string_view sql, bool* ok = nullptr);

// `sql` without the `db`. qualifier before names (what SHOW CREATE VIEW and
// information_schema.VIEWS add to every table of the view's own database).
std::string without_qualifier(const std::string& sql, const std::string& db);

// A CREATE statement without its DEFINER = user@host clause.
std::string without_definer(const std::string& sql);

// `name` -> "`name`", backquotes doubled.
std::string backquote(std::string_view name);

}  // namespace migrate::mysql
