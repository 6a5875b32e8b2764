#pragma once
// One spelling per SQL expression, for comparing what the model says with
// what a database reports: "(0)" and "0", "CURRENT_TIMESTAMP" and
// "current_timestamp", "length(x)>0" and "LENGTH( x ) > 0" agree. The result
// is for comparison only, never executed.
#include <string>
#include <string_view>

namespace migrate {

struct CanonicalSqlOptions {
  // Quoted identifiers fold like bare words (SQLite, MySQL: names are
  // case-insensitive). Off, "Price" keeps its case (PostgreSQL).
  bool fold_quoted_identifiers = false;
};

// Tokens joined by single spaces; bare words lower case; a quoted identifier
// that is a plain name written bare; redundant outer parentheses removed.
// Text that does not tokenize (an unterminated quote) comes back trimmed.
std::string canonical_sql(std::string_view expression, const CanonicalSqlOptions& options = {});

}  // namespace migrate
