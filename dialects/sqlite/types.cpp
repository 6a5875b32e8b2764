#include "dialects/sqlite/types.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/base/text.hpp"

#include "core/sql/sql_lexer.hpp"

namespace migrate::sqlite {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

using text::lower_collapsed;
using text::trim;

// uuid needs TEXT affinity (a NUMERIC "UUID" column would turn an all-digit
// hex string into a number) and a name that reads back as uuid.
constexpr const char* kUuidSql = "UUID TEXT";

bool is_keyword_literal(const SqlToken& t, bool allow_time) {
  if (t.is_word("null") || t.is_word("true") || t.is_word("false")) return true;
  return allow_time &&
         (t.is_word("current_time") || t.is_word("current_date") || t.is_word("current_timestamp"));
}

// The literal's text as SQLite stores it, or "" when `expression` is not a
// single literal.
std::string literal_text(const std::string& expression, bool allow_time) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(expression);
  } catch (const std::invalid_argument&) {
    return "";
  }
  if (toks.size() == 1) {
    const SqlToken& t = toks[0];
    if (t.kind == SqlTokenKind::string || t.kind == SqlTokenKind::number ||
        t.kind == SqlTokenKind::blob || is_keyword_literal(t, allow_time))
      return expression.substr(t.begin, t.end - t.begin);
  }
  if (toks.size() == 2 && (toks[0].is_punct('-') || toks[0].is_punct('+')) &&
      toks[1].kind == SqlTokenKind::number)
    return toks[0].value + toks[1].value;
  return "";
}

}  // namespace

std::string type_sql(const Type& t) {
  if (t.name == "string") return t.args.empty() ? "TEXT" : "VARCHAR(" + t.args[0] + ")";
  if (t.name == "uuid" && t.args.empty() && t.suffix.empty()) return kUuidSql;
  std::string out = upper(t.name);
  if (!t.args.empty()) {
    out += '(';
    for (size_t i = 0; i < t.args.size(); ++i) out += (i ? "," : "") + t.args[i];
    out += ')';
  }
  if (!t.suffix.empty()) out += ' ' + upper(t.suffix);
  return out;
}

Type type_from_sql(std::string_view declared) {
  Type t;
  std::string s = trim(declared);
  auto open = s.find('(');
  auto close = s.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    t.name = lower_collapsed(s);
  } else {
    t.name = lower_collapsed(s.substr(0, open));
    std::string inner = s.substr(open + 1, close - open - 1);
    size_t start = 0;
    for (size_t i = 0; i <= inner.size(); ++i) {
      if (i == inner.size() || inner[i] == ',') {
        t.args.push_back(trim(inner.substr(start, i - start)));
        start = i + 1;
      }
    }
    t.suffix = lower_collapsed(s.substr(close + 1));
  }
  if (t.name == "uuid text" && t.args.empty() && t.suffix.empty()) t.name = "uuid";
  return t;
}

Type stored_type(const Type& t) {
  return type_from_sql(type_sql(t));
}

bool has_integer_affinity(const Type& t) {
  return type_sql(t).find("INT") != std::string::npos;
}

std::string default_sql(const std::string& expression) {
  std::string lit = literal_text(expression, true);
  if (!lit.empty()) return lit;
  // DEFAULT draft is the string 'draft' to SQLite, but (draft) a column
  // reference it refuses; a database adopted through inspect has such defaults.
  try {
    auto toks = tokenize_sql(expression);
    if (toks.size() == 1 && toks[0].is_name()) return trim(expression);
  } catch (const std::invalid_argument&) {
  }
  return "(" + trim(expression) + ")";
}

bool is_constant_literal(const std::string& expression) {
  return !literal_text(expression, false).empty();
}

Table as_stored(const Table& in) {
  Table t = in;
  t.comment.reset();
  const bool single_pk = t.primary_key && t.primary_key->columns.size() == 1;
  for (auto& c : t.columns) {
    c.comment.reset();
    c.type = c.autoincrement ? Type{"integer", {}, {}} : stored_type(c.type);
    if (c.server_default) {
      // A parenthesised default comes back without its parentheses.
      std::string lit = literal_text(*c.server_default, true);
      c.server_default = lit.empty() ? trim(*c.server_default) : lit;
    }
    if (single_pk && t.primary_key->columns[0] == c.name && c.type == Type{"integer", {}, {}})
      c.nullable = false;
  }
  auto action = [](std::string a) {
    a = lower_collapsed(a);
    return a == "no action" ? std::string() : a;
  };
  for (auto& fk : t.foreign_keys) {
    fk.ref_schema.clear();
    fk.on_delete = action(fk.on_delete);
    fk.on_update = action(fk.on_update);
  }
  for (auto& ck : t.checks) ck.expression = trim(ck.expression);
  return t;
}

}  // namespace migrate::sqlite
