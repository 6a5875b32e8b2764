#pragma once
// A small SQL tokenizer. The schema simulator needs it to follow a column
// rename into CHECK expressions the way databases do, and the SQLite dialect
// builds its CREATE TABLE parser on it (SQLite keeps constraint names only in
// the statement text).
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

enum class SqlTokenKind {
  word,               // bare identifier or keyword: users, CHECK, current_timestamp
  quoted_identifier,  // "x", `x` or [x]
  string,             // 'text'
  blob,               // x'00ff'
  number,             // 42, 1.5e3, 0x1f
  punct,              // ( ) , ; . and operator characters
};

struct SqlToken {
  SqlTokenKind kind;
  size_t begin = 0;  // byte offsets into the tokenized text
  size_t end = 0;
  std::string value;  // identifiers and strings unquoted; otherwise the text itself

  bool is_word(std::string_view keyword) const;  // case-insensitive, bare words only
  bool is_punct(char c) const {
    return kind == SqlTokenKind::punct && value.size() == 1 && value[0] == c;
  }
  bool is_name() const {
    return kind == SqlTokenKind::word || kind == SqlTokenKind::quoted_identifier;
  }
};

struct SqlLexOptions {
  // [x] quotes an identifier (SQLite, which takes MS SQL's spelling). Off,
  // [ and ] are punctuation: PostgreSQL's ARRAY['a', 'b'] and text[].
  bool bracket_identifiers = true;
};

// Whitespace and comments are dropped. Throws std::invalid_argument on an
// unterminated quote.
std::vector<SqlToken> tokenize_sql(std::string_view sql, const SqlLexOptions& options = {});

bool iequals(std::string_view a, std::string_view b);

// Whether `expression` refers to `column` (case-insensitive, as SQL resolves
// unquoted names; function names are not column references).
bool sql_mentions_column(std::string_view expression, std::string_view column);

// `expression` with every reference to column `from` replaced by `to`, double
// quoted: what SQLite writes back when a column is renamed.
std::string sql_rename_column(std::string_view expression, std::string_view from,
                              std::string_view to);

// "x" -> "\"x\"", doubling embedded double quotes.
std::string sql_double_quote(std::string_view ident);

// "it's" -> "'it''s'": a standard SQL string literal (no backslash escapes).
std::string sql_single_quote(std::string_view text);

}  // namespace migrate
