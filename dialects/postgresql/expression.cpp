#include "dialects/postgresql/expression.hpp"

#include <cctype>
#include <stdexcept>
#include <vector>

#include "core/sql/sql_lexer.hpp"

namespace migrate::postgresql {
namespace {

using Tokens = std::vector<std::string>;

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
    case SqlTokenKind::string:
      return sql_single_quote(t.value);
    case SqlTokenKind::quoted_identifier:
      return sql_double_quote(t.value);
    case SqlTokenKind::word: {
      // PostgreSQL folds unquoted names and keywords alike: AND is and.
      std::string w(source.substr(t.begin, t.end - t.begin));
      for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return w;
    }
    default:
      return std::string(source.substr(t.begin, t.end - t.begin));
  }
}

// The index just past the type name a "::" at toks[i] casts to:
// ::text, ::character varying(20), ::public.mood, ::text[].
size_t past_cast(const std::vector<SqlToken>& toks, size_t i) {
  i += 2;
  if (i >= toks.size()) return i;
  ++i;  // the type's first word
  while (i + 1 < toks.size() && toks[i].is_punct('.') && toks[i + 1].is_name()) i += 2;
  while (i < toks.size() && type_word(toks[i])) ++i;
  if (i < toks.size() && toks[i].is_punct('(')) {
    while (i < toks.size() && !toks[i].is_punct(')')) ++i;
    ++i;
  }
  while (i < toks.size() && toks[i].is_punct('[')) {
    while (i < toks.size() && !toks[i].is_punct(']')) ++i;
    ++i;
  }
  return i;
}

// Casts and grouping parentheses dropped, one string per token; the
// parentheses of calls (and of IN lists) kept.
Tokens strip_decorations(const std::string& expression, const std::vector<SqlToken>& toks) {
  Tokens out;
  std::vector<bool> kept;  // for each open parenthesis: whether it was written out
  for (size_t i = 0; i < toks.size(); ++i) {
    const SqlToken& t = toks[i];
    if (t.is_punct(':') && i + 1 < toks.size() && toks[i + 1].is_punct(':')) {
      i = past_cast(toks, i) - 1;
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
  return out;
}

// Token strings of bare words are their text; strings and quoted names keep
// their quotes, so "'any'" or "\"in\"" never match a keyword here.
bool is_keyword(const Tokens& v, size_t i, std::string_view word) {
  return i < v.size() && iequals(v[i], word);
}
bool is(const Tokens& v, size_t i, std::string_view text) {
  return i < v.size() && v[i] == text;
}

// The index of the token closing the bracket or parenthesis opened at v[open].
size_t matching(const Tokens& v, size_t open) {
  const std::string& o = v[open];
  const std::string c = o == "(" ? ")" : "]";
  int depth = 0;
  for (size_t i = open; i < v.size(); ++i) {
    if (v[i] == o) ++depth;
    if (v[i] == c && --depth == 0) return i;
  }
  return v.size();
}

// "= ANY ARRAY [ a , b ]" -> "in ( a , b )"; "< > ALL ARRAY [ ... ]" -> "not
// in ( ... )": what PostgreSQL makes of IN lists, after strip_decorations
// dropped the parentheses around the array and its casts.
Tokens arrays_as_in_lists(const Tokens& v) {
  Tokens out;
  for (size_t i = 0; i < v.size(); ++i) {
    size_t open = 0;
    Tokens head;
    if (is(v, i, "=") && is_keyword(v, i + 1, "any") && is_keyword(v, i + 2, "array") &&
        is(v, i + 3, "[")) {
      open = i + 3;
      head = {"in"};
    } else if (is(v, i, "<") && is(v, i + 1, ">") && is_keyword(v, i + 2, "all") &&
               is_keyword(v, i + 3, "array") && is(v, i + 4, "[")) {
      open = i + 4;
      head = {"not", "in"};
    }
    size_t close = open ? matching(v, open) : v.size();
    // ARRAY[[1, 2]] (several dimensions) and ARRAY[...][1] (a subscript) are no IN list.
    if (close == v.size() || is(v, open + 1, "[") || is(v, close + 1, "[")) {
      out.push_back(v[i]);
      continue;
    }
    Tokens inner = arrays_as_in_lists(Tokens(v.begin() + open + 1, v.begin() + close));
    out.insert(out.end(), head.begin(), head.end());
    out.push_back("(");
    out.insert(out.end(), inner.begin(), inner.end());
    out.push_back(")");
    i = close;
  }
  return out;
}

bool single_element(const Tokens& v, size_t open, size_t close) {
  if (close == open + 1) return false;  // IN (): not SQL, left as written
  for (const char* w : {"select", "with", "values", "table"})
    if (is_keyword(v, open + 1, w)) return false;  // a subquery
  int depth = 0;
  for (size_t i = open + 1; i < close; ++i) {
    if (v[i] == "(" || v[i] == "[") ++depth;
    if (v[i] == ")" || v[i] == "]") --depth;
    if (depth == 0 && v[i] == ",") return false;
  }
  return true;
}

// "x in ( a )" -> "x = a", "x not in ( a )" -> "x < > a": PostgreSQL stores a
// one-element list as a comparison.
Tokens single_in_as_comparison(const Tokens& v) {
  Tokens out;
  for (size_t i = 0; i < v.size(); ++i) {
    size_t close = is_keyword(v, i, "in") && is(v, i + 1, "(") ? matching(v, i + 1) : v.size();
    if (close == v.size() || !single_element(v, i + 1, close)) {
      out.push_back(v[i]);
      continue;
    }
    if (!out.empty() && iequals(out.back(), "not")) {
      out.pop_back();
      out.insert(out.end(), {"<", ">"});
    } else {
      out.push_back("=");
    }
    Tokens inner = single_in_as_comparison(Tokens(v.begin() + i + 2, v.begin() + close));
    out.insert(out.end(), inner.begin(), inner.end());
    i = close;
  }
  return out;
}

bool ends_operand(const Tokens& v, size_t i) {
  for (const char* w : {"and", "or", "then", "when", "else", "end", ","})
    if (is_keyword(v, i, w)) return true;
  return false;
}

// The first token of the operand that ends at v[last]: a name (schema.table.
// column), a literal, or a call or parenthesised group with its name.
size_t operand_start(const Tokens& v, size_t last) {
  size_t i = last;
  if (v[i] == ")" || v[i] == "]") {
    const std::string open = v[i] == ")" ? "(" : "[";
    int depth = 0;
    for (;; --i) {
      if (v[i] == v[last]) ++depth;
      if (v[i] == open && --depth == 0) break;
      if (i == 0) return 0;
    }
    if (i == 0) return 0;
    --i;  // the call's name
  }
  while (i >= 2 && v[i - 1] == ".") i -= 2;
  return i;
}

// "x between a and b" -> "x > = a and x < = b", "x not between a and b" ->
// "x < a or x > b", SYMMETRIC as both orders: how PostgreSQL stores them.
Tokens between_as_comparisons(const Tokens& v) {
  Tokens out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (!is_keyword(v, i, "between") || out.empty()) {
      out.push_back(v[i]);
      continue;
    }
    bool negated = iequals(out.back(), "not");
    if (negated) out.pop_back();
    if (out.empty()) return v;
    size_t j = i + 1;
    bool symmetric = is_keyword(v, j, "symmetric");
    if (symmetric || is_keyword(v, j, "asymmetric")) ++j;
    auto bound_end = [&](size_t from, bool first) {
      int depth = 0;
      size_t k = from;
      for (; k < v.size(); ++k) {
        if (v[k] == "(" || v[k] == "[") ++depth;
        if (v[k] == ")" || v[k] == "]") {
          if (depth == 0) break;
          --depth;
        }
        if (depth == 0 && (first ? is_keyword(v, k, "and") : ends_operand(v, k))) break;
      }
      return k;
    };
    size_t low_end = bound_end(j, true);
    if (low_end == v.size() || low_end == j) return v;  // not a BETWEEN we can read
    size_t high_end = bound_end(low_end + 1, false);
    if (high_end == low_end + 1) return v;
    size_t start = operand_start(out, out.size() - 1);
    Tokens x(out.begin() + start, out.end());
    out.resize(start);
    Tokens low(v.begin() + j, v.begin() + low_end);
    Tokens high(v.begin() + low_end + 1, v.begin() + high_end);
    auto compare = [&](const Tokens& a, const Tokens& b) {
      auto put = [&](const Tokens& t) { out.insert(out.end(), t.begin(), t.end()); };
      put(x);
      put(negated ? Tokens{"<"} : Tokens{">", "="});
      put(a);
      out.push_back(negated ? "or" : "and");
      put(x);
      put(negated ? Tokens{">"} : Tokens{"<", "="});
      put(b);
    };
    compare(low, high);
    if (symmetric) {
      out.push_back(negated ? "and" : "or");
      compare(high, low);
    }
    i = high_end - 1;
  }
  return out;
}

}  // namespace

std::string comparable_expression(const std::string& expression) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(expression, SqlLexOptions{false});
  } catch (const std::invalid_argument&) {
    return expression;
  }
  Tokens out = between_as_comparisons(
      single_in_as_comparison(arrays_as_in_lists(strip_decorations(expression, toks))));
  std::string joined;
  for (const auto& s : out) joined += (joined.empty() ? "" : " ") + s;
  return joined;
}

}  // namespace migrate::postgresql
