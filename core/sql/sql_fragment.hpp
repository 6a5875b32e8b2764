#pragma once
// A piece of SQL the user wrote for one place in a statement (a default, a
// check, an index expression or predicate, a type), judged before it is
// spliced into DDL: it must stay in its place. The scan reads quotes and
// comments the way the dialect's server does (SqlSyntax), since a scanner
// that closes a string where the server does not is how SQL escapes.
#include <optional>
#include <string>
#include <string_view>

namespace migrate {

struct SqlSyntax {
  bool backslash_escapes = false;         // MySQL: '\'' (sessions run without NO_BACKSLASH_ESCAPES)
  bool double_quoted_strings = false;     // MySQL: "x" is a string, with backslash escapes too
  bool backtick_identifiers = false;      // MySQL, SQLite
  bool bracket_identifiers = false;       // SQLite: [x]
  bool hash_comments = false;             // MySQL: # to the end of the line
  bool dash_comment_needs_space = false;  // MySQL: "--" is a comment only before a space
  bool escape_strings = false;            // PostgreSQL: E'\''
  bool dollar_quotes = false;             // PostgreSQL: $tag$ ... $tag$
};

struct FragmentRules {
  // A default sits in a column list, where a comma would start a new column.
  bool top_level_comma = true;
};

// Why `text` is not one self-contained expression (a NUL byte or other
// control character but LF and tab, an
// unterminated quote, unbalanced parentheses, a ';', a comment that runs to
// the end of the text, a block comment, a top-level comma where none may
// be), or nullopt when it is.
std::optional<std::string> sql_fragment_problem(std::string_view text, const SqlSyntax& syntax,
                                                const FragmentRules& rules = {});

}  // namespace migrate
