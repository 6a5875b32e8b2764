// What compare sees of a table on PostgreSQL: types as the catalog names
// them, defaults and CHECK / index expressions without the casts and
// parentheses PostgreSQL adds when it stores them, primary keys by columns.
#include <cctype>
#include <stdexcept>

#include "core/compare.hpp"
#include "core/sql_lexer.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/postgresql/types.hpp"

namespace migrate {
namespace {

bool type_word(const SqlToken& t) {
  for (const char* w : {"varying", "precision", "with", "without", "time", "zone"})
    if (t.is_word(w)) return true;
  return false;
}

// Words after which a parenthesis groups rather than calls: AND (a > 0).
bool operator_word(const SqlToken& t) {
  if (t.kind != SqlTokenKind::word) return false;
  for (const char* w : {"and", "or", "not", "when", "then", "else", "case", "is", "like", "ilike",
                        "between", "any", "all"})
    if (t.is_word(w)) return true;
  return false;
}

bool is_number(const std::string& s) {
  size_t i = s.size() > 1 && s[0] == '-' ? 1 : 0;
  bool digit = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i])))
      digit = true;
    else if (s[i] != '.')
      return false;
  }
  return digit;
}

std::string token_text(const SqlToken& t, std::string_view source) {
  switch (t.kind) {
    case SqlTokenKind::string: {
      std::string out = "'";
      for (char c : t.value) out += c == '\'' ? std::string("''") : std::string(1, c);
      return out + "'";
    }
    case SqlTokenKind::quoted_identifier:
      return sql_double_quote(t.value);
    default:
      return std::string(source.substr(t.begin, t.end - t.begin));
  }
}

// "((score >= (0)::numeric))" -> "score >= 0"; "lower((email)::text)" ->
// "lower(email)". Dropping grouping parentheses can make two different
// expressions look alike (a missed change), never two alike ones differ (a
// false positive); the result is only compared, never run.
std::string strip_pg_decorations(const std::string& expression) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(expression);
  } catch (const std::invalid_argument&) {
    return expression;
  }
  std::vector<std::string> out;
  std::vector<bool> kept;  // for each open parenthesis: whether it was written out
  for (size_t i = 0; i < toks.size(); ++i) {
    const SqlToken& t = toks[i];
    if (t.is_punct(':') && i + 1 < toks.size() && toks[i + 1].is_punct(':')) {
      i += 2;  // the type name after ::
      while (i + 1 < toks.size() && type_word(toks[i + 1])) ++i;
      if (i + 1 < toks.size() && toks[i + 1].is_punct('(')) {
        while (i + 1 < toks.size() && !toks[i + 1].is_punct(')')) ++i;
        ++i;
      }
      while (i + 1 < toks.size() && toks[i + 1].kind == SqlTokenKind::quoted_identifier &&
             expression.compare(toks[i + 1].begin, 2, "[]") == 0)
        ++i;
      continue;
    }
    if (t.is_punct('(')) {
      bool call = i > 0 && toks[i - 1].is_name() && !operator_word(toks[i - 1]);
      kept.push_back(call);
      if (call) out.push_back("(");
      continue;
    }
    if (t.is_punct(')') && !kept.empty()) {
      if (kept.back()) out.push_back(")");
      kept.pop_back();
      continue;
    }
    // '-1'::integer is how PostgreSQL stores a negative number: the number.
    if (t.kind == SqlTokenKind::string && i + 2 < toks.size() && toks[i + 1].is_punct(':') &&
        toks[i + 2].is_punct(':') && is_number(t.value)) {
      out.push_back(t.value);
      continue;
    }
    out.push_back(token_text(t, expression));
  }
  std::string joined;
  for (const auto& s : out) joined += (joined.empty() ? "" : " ") + s;
  return joined;
}

// '2020-01-01 00:00:00+00' -> '2020-01-01 00:00:00'; anything else unchanged.
std::string without_utc_offset(const std::string& literal) {
  if (literal.size() < 5 || literal.front() != '\'' || literal.back() != '\'') return literal;
  std::string body = literal.substr(1, literal.size() - 2);
  auto sign = body.find_last_of("+-");
  if (sign == std::string::npos || sign < 10 || body.find(':') == std::string::npos) return literal;
  for (size_t i = sign + 1; i < body.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(body[i])) && body[i] != ':') return literal;
  return "'" + body.substr(0, sign) + "'";
}

}  // namespace

Table PostgresDialect::normalize(const Table& t) const {
  Table out = t;
  for (auto& c : out.columns) {
    c.type = postgresql::stored_type(c.type);
    if (!c.server_default) continue;
    std::string d = strip_pg_decorations(postgresql::normalize_default(*c.server_default));
    // A timestamptz literal comes back with the session's offset ('... 00:00:00+00'):
    // the instant the model wrote, so the offset is dropped on both sides.
    if (c.type.name == "timestamptz") d = without_utc_offset(d);
    c.server_default = d;
  }
  // Constraint names PostgreSQL picks itself (users_pkey) are no change of
  // the key; a primary key is compared by its columns.
  if (out.primary_key) out.primary_key->name.clear();
  for (auto& ck : out.checks) ck.expression = strip_pg_decorations(ck.expression);
  for (auto& ix : out.indexes) {
    for (auto& key : ix.columns)
      if (is_expression_key(key)) key = strip_pg_decorations(key);
    if (!ix.where.empty()) ix.where = strip_pg_decorations(ix.where);
  }
  return normalize_common(out);
}

}  // namespace migrate
