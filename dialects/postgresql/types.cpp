#include "dialects/postgresql/types.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>

#include "core/base/text.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate::postgresql {
namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string with_args(const std::string& name, const Type& t) {
  std::string out = name;
  if (!t.args.empty()) out += "(" + text::join(t.args, ",") + ")";
  return out;
}

// Type families whose members convert into each other implicitly.
int family(const std::string& name) {
  static const std::map<std::string, int> f = {
      {"smallint", 1}, {"integer", 1}, {"bigint", 1},    {"numeric", 1},     {"decimal", 1},
      {"float", 1},    {"double", 1},  {"real", 1},      {"varchar", 2},     {"char", 2},
      {"string", 2},   {"text", 2},    {"timestamp", 3}, {"timestamptz", 3}, {"date", 3}};
  auto it = f.find(name);
  return it == f.end() ? 0 : it->second;
}

}  // namespace

std::optional<ArrayType> split_array(const Type& t) {
  std::string s = t.str();
  int dims = 0;
  for (;;) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    if (s.empty() || s.back() != ']') break;
    auto open = s.rfind('[');
    if (open == std::string::npos) break;
    for (size_t i = open + 1; i + 1 < s.size(); ++i)
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    s.resize(open);
    ++dims;
  }
  if (dims == 0 || text::trim(s).empty()) return std::nullopt;
  ArrayType a;
  a.dims = dims;
  try {
    a.element = Type::parse(s);
  } catch (const std::exception&) {
    a.element = Type{text::lower_collapsed(s), {}, {}};
  }
  return a;
}

std::optional<std::string> serial_base(const Type& t) {
  if (!t.args.empty() || !t.suffix.empty()) return std::nullopt;
  const std::string& n = t.name;
  if (n == "serial" || n == "serial4") return std::string("integer");
  if (n == "bigserial" || n == "serial8") return std::string("bigint");
  if (n == "smallserial" || n == "serial2") return std::string("smallint");
  return std::nullopt;
}

std::string type_sql(const Type& t) {
  if (auto a = split_array(t)) {
    std::string out = type_sql(a->element);
    for (int i = 0; i < a->dims; ++i) out += "[]";
    return out;
  }
  const std::string& n = t.name;
  std::string out;
  if (n == "smallint" || n == "integer" || n == "bigint" || n == "boolean" || n == "date" ||
      n == "text" || n == "json" || n == "uuid" || n == "serial" || n == "bigserial" ||
      n == "smallserial")
    out = upper(n);
  else if (n == "float")
    out = !t.args.empty() && std::stoi(t.args[0]) > 24 ? "DOUBLE PRECISION" : "REAL";
  else if (n == "double")
    out = "DOUBLE PRECISION";
  else if (n == "numeric" || n == "decimal")
    out = with_args("NUMERIC", t);
  else if (n == "char")
    out = with_args("CHAR", t);
  else if (n == "varchar" || n == "string")
    out = with_args("VARCHAR", t);
  else if (n == "time")
    out = with_args("TIME", t);
  else if (n == "timestamp")
    out = with_args("TIMESTAMP", t);
  else if (n == "timestamptz")
    out = with_args("TIMESTAMPTZ", t);
  else if (n == "blob")
    out = "BYTEA";
  else
    return t.str();  // jsonb, inet, bit(4), enum names: as written
  if (!t.suffix.empty()) out += " " + t.suffix;
  return out;
}

Type type_from_catalog(std::string_view formatted, int dims) {
  std::string f = text::lower_collapsed(formatted);
  // format_type() writes one "[]" whatever the dimensions; pg_attribute.attndims
  // has the number the table was declared with.
  bool array = false;
  while (f.size() > 2 && f.compare(f.size() - 2, 2, "[]") == 0) {
    array = true;
    f.resize(f.size() - 2);
  }
  std::string base = f, args;
  if (auto open = f.find('('); open != std::string::npos) {
    base = f.substr(0, open);
    auto close = f.find(')', open);
    args = f.substr(open, close == std::string::npos ? std::string::npos : close - open + 1);
    // "timestamp(3) with time zone": the words after the precision belong to the name.
    if (close != std::string::npos && close + 1 < f.size()) base += f.substr(close + 1);
  }
  static const std::map<std::string, std::string> names = {
      {"character varying", "varchar"},
      {"character", "char"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"time without time zone", "time"},
      {"time with time zone", "timetz"},
      {"double precision", "double"},
      {"real", "float"},
      {"bytea", "blob"},
  };
  auto it = names.find(text::trim(base));
  std::string name = it == names.end() ? text::trim(base) : it->second;
  if (name == "varchar" && args.empty()) name = "string";  // unbounded varchar
  Type t;
  try {
    t = Type::parse(name + args);
  } catch (const std::exception&) {
    t = Type{name + args, {}, {}};
  }
  if (!array) return t;
  // An array is one name, element and brackets: "varchar(20)[]", "double[][]".
  std::string brackets;
  for (int i = 0; i < std::max(dims, 1); ++i) brackets += "[]";
  return Type{t.str() + brackets, {}, {}};
}

Type stored_type(const Type& t) {
  if (auto a = split_array(t)) {
    // PostgreSQL neither enforces nor reports the number of dimensions:
    // double[][] and double[] are one type.
    return Type{stored_type(a->element).str() + "[]", {}, {}};
  }
  Type out = t;
  const std::string& n = t.name;
  if (n == "string")
    out.name = t.args.empty() ? "string" : "varchar";
  else if (n == "decimal")
    out.name = "numeric";
  else if (n == "float") {
    bool dbl = !t.args.empty() && std::stoi(t.args[0]) > 24;
    out.name = dbl ? "double" : "float";
    out.args.clear();
  } else if (n == "int" || n == "int4")
    out.name = "integer";
  else if (n == "int8")
    out.name = "bigint";
  else if (n == "int2")
    out.name = "smallint";
  else if (n == "bool")
    out.name = "boolean";
  else if (n == "float8" || n == "double precision")
    out.name = "double";
  else if (n == "float4" || n == "real")
    out.name = "float";
  else if (n == "timestamp with time zone")
    out.name = "timestamptz";
  else if (n == "timestamp without time zone")
    out.name = "timestamp";
  else if (n == "time with time zone")
    out.name = "timetz";
  else if (n == "time without time zone")
    out.name = "time";
  else if (n == "character varying")
    out.name = t.args.empty() ? "string" : "varchar";
  else if (n == "character")
    out.name = "char";
  else if (n == "bytea")
    out.name = "blob";
  else if (n == "varbit")
    out.name = "bit varying";
  else if (n == "serial4")
    out.name = "serial";
  else if (n == "serial8")
    out.name = "bigserial";
  else if (n == "serial2")
    out.name = "smallserial";
  // "timestamp(3) with time zone": the zone words come after the precision.
  if ((out.name == "timestamp" || out.name == "time") && !out.suffix.empty()) {
    if (out.suffix == "with time zone") {
      out.name += "tz";
      out.suffix.clear();
    } else if (out.suffix == "without time zone") {
      out.suffix.clear();
    }
  }
  // char and bit without a length are one character or bit long.
  if ((out.name == "char" || out.name == "bit") && out.args.empty() && out.suffix.empty())
    out.args = {"1"};
  return out;
}

namespace {

// x'00ff' -> "00ff" (lower case), or nullopt when `e` is not a blob literal.
std::optional<std::string> blob_literal_hex(const std::string& e) {
  if (e.size() < 3 || (e[0] != 'x' && e[0] != 'X') || e[1] != '\'' || e.back() != '\'')
    return std::nullopt;
  std::string hex = e.substr(2, e.size() - 3);
  for (auto& c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return hex;
}

// The hex digits of X'a' as bits: "1010" (a bit string literal's value).
std::string hex_bits(const std::string& hex) {
  std::string out;
  for (char c : hex) {
    int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    for (int b = 3; b >= 0; --b) out += (v >> b) & 1 ? '1' : '0';
  }
  return out;
}

// B'0101' -> "0101", or nullopt.
std::optional<std::string> bit_literal(const std::string& e) {
  if (e.size() < 3 || (e[0] != 'b' && e[0] != 'B') || e[1] != '\'' || e.back() != '\'')
    return std::nullopt;
  std::string bits = e.substr(2, e.size() - 3);
  for (char c : bits)
    if (c != '0' && c != '1') return std::nullopt;
  return bits;
}

bool is_bit_type(const Type& t) {
  std::string n = stored_type(t).name;
  return n == "bit" || n == "bit varying";
}

bool is_number_text(const std::string& s) {
  size_t i = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digit = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i])))
      digit = true;
    else if (s[i] != '.')
      return false;
  }
  return digit;
}

// Type names (as type_key() spells them) whose literals are numbers.
bool is_number_type_key(const std::string& key) {
  for (const char* n :
       {"smallint", "integer", "bigint", "numeric", "real", "double precision", "int", "int2",
        "int4", "int8", "float4", "float8", "decimal", "float", "double"})
    if (key == n) return true;
  return false;
}

// 'text'::type as its parts: the literal as written, its value and the
// type's key; nullopt for any other expression.
struct TypedLiteral {
  std::string literal;  // 'it''s'
  std::string value;    // it's
  std::string cast;     // type_key() of the cast; "" when there is none
};

std::optional<TypedLiteral> typed_literal(const std::string& e) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(e, SqlLexOptions{false});
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  if (toks.empty() || toks[0].kind != SqlTokenKind::string) return std::nullopt;
  TypedLiteral out;
  out.literal = e.substr(toks[0].begin, toks[0].end - toks[0].begin);
  out.value = toks[0].value;
  if (toks.size() == 1) return out;
  if (toks.size() < 4 || !toks[1].is_punct(':') || !toks[2].is_punct(':')) return std::nullopt;
  for (size_t i = 3; i < toks.size(); ++i)
    if (toks[i].is_punct(':') || toks[i].kind == SqlTokenKind::string ||
        (toks[i].kind == SqlTokenKind::punct && !toks[i].is_punct('.') && !toks[i].is_punct('(') &&
         !toks[i].is_punct(')') && !toks[i].is_punct(',') && !toks[i].is_punct('[') &&
         !toks[i].is_punct(']')))
      return std::nullopt;
  out.cast = type_key(e.substr(toks[3].begin));
  return out;
}

bool wrapped(const std::vector<SqlToken>& toks) {
  if (toks.size() < 2 || !toks.front().is_punct('(') || !toks.back().is_punct(')')) return false;
  int depth = 0;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].is_punct('(')) ++depth;
    if (toks[i].is_punct(')') && --depth == 0 && i + 1 != toks.size()) return false;
  }
  return true;
}

// Whether PostgreSQL's DEFAULT takes `e` without parentheses: a literal, a
// keyword, a function call, each with casts. Anything else (AT TIME ZONE,
// AND, IN, a comparison...) goes in parentheses, which the catalog never
// keeps.
bool bare_default(const std::string& e) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(e, SqlLexOptions{false});
  } catch (const std::invalid_argument&) {
    return true;  // not SQL we can read: as written, and the server judges it
  }
  if (toks.empty() || wrapped(toks)) return true;
  size_t i = 0;
  if (toks[i].is_punct('-') || toks[i].is_punct('+')) ++i;
  if (i >= toks.size()) return false;
  if (toks[i].kind == SqlTokenKind::word && i + 1 < toks.size() &&
      toks[i + 1].kind == SqlTokenKind::string)
    ++i;  // B'0101', E'\n'
  // Past the parenthesised group opening at toks[i]; false when it does not close.
  auto past_group = [&] {
    int depth = 0;
    for (; i < toks.size(); ++i) {
      if (toks[i].is_punct('(')) ++depth;
      if (toks[i].is_punct(')') && --depth == 0) break;
    }
    if (i == toks.size()) return false;
    ++i;
    return true;
  };
  if (toks[i].is_punct('(')) {
    if (!past_group()) return false;  // (2)::bigint
  } else if (toks[i].is_name()) {
    ++i;
    while (i + 1 < toks.size() && toks[i].is_punct('.') && toks[i + 1].is_name()) i += 2;
    if (i < toks.size() && toks[i].is_punct('(') && !past_group()) return false;
  } else {
    ++i;  // a literal
  }
  // Casts to the end: ::text, ::character varying(20)[], ::public.mood.
  while (i < toks.size()) {
    if (!(i + 2 < toks.size() && toks[i].is_punct(':') && toks[i + 1].is_punct(':'))) return false;
    i += 2;
    while (i < toks.size() && !toks[i].is_punct(':')) {
      const SqlToken& t = toks[i];
      if (t.kind == SqlTokenKind::string ||
          (t.kind == SqlTokenKind::punct && !t.is_punct('.') && !t.is_punct('(') &&
           !t.is_punct(')') && !t.is_punct(',') && !t.is_punct('[') && !t.is_punct(']')))
        return false;
      ++i;
    }
  }
  return true;
}

}  // namespace

std::string type_key(std::string_view type_text) {
  std::string out;
  bool quoted = false;
  int depth = 0;
  for (char c : type_text) {
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    if (!quoted && c == '(') ++depth;
    if (depth == 0)
      out += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!quoted && c == ')' && depth > 0) --depth;
  }
  // "character varying (20) []" -> "character varying[]"
  std::string collapsed = text::lower_collapsed(out);
  std::string tight;
  for (size_t i = 0; i < collapsed.size(); ++i) {
    if (collapsed[i] == ' ' && i + 1 < collapsed.size() &&
        (collapsed[i + 1] == '[' || collapsed[i + 1] == ')'))
      continue;
    tight += collapsed[i];
  }
  // Casts may name a type by its internal name ('x'::bpchar), format_type by its SQL one.
  std::string brackets;
  while (tight.size() > 2 && tight.compare(tight.size() - 2, 2, "[]") == 0) {
    brackets += "[]";
    tight.resize(tight.size() - 2);
  }
  static const std::map<std::string, std::string> internal = {
      {"bpchar", "character"},
      {"varchar", "character varying"},
      {"int2", "smallint"},
      {"int4", "integer"},
      {"int8", "bigint"},
      {"float4", "real"},
      {"float8", "double precision"},
      {"bool", "boolean"},
      {"varbit", "bit varying"},
      {"timestamptz", "timestamp with time zone"},
      {"timetz", "time with time zone"},
  };
  if (auto it = internal.find(tight); it != internal.end()) tight = it->second;
  return tight + brackets;
}

bool is_string_literal(std::string_view expression) {
  auto lit = typed_literal(text::trim(expression));
  return lit && lit->cast.empty();
}

std::string string_value(std::string_view literal) {
  auto lit = typed_literal(text::trim(literal));
  return lit ? lit->value : std::string(literal);
}

std::string default_sql(std::string_view expression, const Type& column_type) {
  std::string e = text::trim(expression);
  // X'0a' is a bit string to PostgreSQL, a blob to SQLite (and the model).
  if (!is_bit_type(column_type))
    if (auto hex = blob_literal_hex(e)) return "'\\x" + *hex + "'::bytea";
  return bare_default(e) ? e : "(" + e + ")";
}

std::string model_default(std::string_view expression, std::string_view column_type) {
  std::string e = text::trim(expression);
  // ('medium'::text)::size: how alter_column sets an enum's value as a
  // default (compile.cpp), the value as the model writes it.
  if (e.size() > 1 && e.front() == '(') {
    const size_t close = e.find("::text)::");
    auto inner = close == std::string::npos ? std::nullopt : typed_literal(e.substr(1, close + 5));
    if (inner && inner->cast == "text" && type_key(e.substr(close + 9)) == type_key(column_type))
      return inner->literal;
  }
  auto lit = typed_literal(e);
  if (!lit || lit->cast.empty() || lit->cast != type_key(column_type)) return e;
  // The cast PostgreSQL adds to a literal of the column's own type: without
  // it the literal reads back as it was. Only an int4 or numeric number
  // reads back bare ('-1'::integer is -1); a bigint one keeps its quotes
  // (DEFAULT 2 reads back as 2, DEFAULT '2' as '2'::bigint).
  if ((lit->cast == "integer" || lit->cast == "numeric") && is_number_text(lit->value))
    return lit->value;
  return lit->literal;
}

std::string normalize_default(std::string_view expression, const Type& column_type) {
  std::string e = text::trim(expression);
  if (auto bits = bit_literal(e)) return "'" + *bits + "'";
  if (auto hex = blob_literal_hex(e))
    return is_bit_type(column_type) ? "'" + hex_bits(*hex) + "'" : "'\\x" + *hex + "'";
  // Outer parentheses carry no meaning: (0) == 0.
  while (e.size() >= 2 && e.front() == '(' && e.back() == ')') {
    int depth = 0;
    bool wraps = true;
    for (size_t i = 0; i < e.size(); ++i) {
      if (e[i] == '(')
        ++depth;
      else if (e[i] == ')' && --depth == 0 && i + 1 < e.size())
        wraps = false;
    }
    if (!wraps) break;
    e = text::trim(e.substr(1, e.size() - 2));
  }
  const Type stored = stored_type(column_type);
  const bool number_column = is_number_type_key(stored.name) && stored.suffix.empty();
  if (auto lit = typed_literal(e)) {
    // 'literal'::type -> 'literal'; a number cast to a number type, or
    // quoted on a number column, -> the number ('5'::bigint and 5 agree).
    const bool number_cast = lit->cast.empty() ? number_column : is_number_type_key(lit->cast);
    e = number_cast && is_number_text(lit->value) ? lit->value : lit->literal;
  } else if (auto cast = e.find("::"); cast != std::string::npos) {
    // 0::numeric, NULL::character varying
    std::string head = text::trim(e.substr(0, cast));
    bool simple = !head.empty();
    for (char c : head)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) simple = false;
    if (simple) e = head;
  }
  std::string lower = text::lower_collapsed(e);
  if (lower == "now()" || lower == "current_timestamp" || lower == "current_timestamp()" ||
      lower == "transaction_timestamp()")
    return "CURRENT_TIMESTAMP";
  if (lower == "current_date") return "CURRENT_DATE";
  if (lower == "current_time") return "CURRENT_TIME";
  if (lower == "true" || lower == "false" || lower == "null") return lower;
  return e;
}

bool needs_using(const Type& from, const Type& to) {
  Type a = stored_type(from), b = stored_type(to);
  if (a.name == b.name) return false;
  int fa = family(a.name), fb = family(b.name);
  // Numbers, strings and times widen or narrow implicitly within their family;
  // text to anything else (integer, jsonb, uuid, an enum) needs an explicit cast.
  return fa == 0 || fa != fb;
}

}  // namespace migrate::postgresql
