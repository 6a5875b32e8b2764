#include "dialects/mysql/types.hpp"

#include <fmt/format.h>

#include <cctype>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/base/text.hpp"
#include "core/sql/sql_canonical.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate::mysql {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// A type split into the base name MySQL knows it by, its arguments, and the
// attributes after them. Type::parse leaves "int unsigned" whole in the name
// and "int(10) unsigned" split, so both shapes are taken apart here.
struct Parts {
  std::string base;
  std::vector<std::string> args;
  std::vector<std::string> modifiers;  // as written, for DDL
  bool is_unsigned = false;
  bool zerofill = false;
  std::string charset;
  std::string collation;
  std::vector<std::string> other;  // attributes we do not interpret, lower case
};

Parts split(const Type& t) {
  Parts p;
  p.args = t.args;
  std::vector<std::string> name_words = words(t.name);
  std::vector<std::string> rest;
  if (!t.args.empty() || name_words.size() <= 1) {
    p.base = text::join(name_words, " ");
  } else {
    size_t n = 1;
    const std::string two = name_words[0] + " " + name_words[1];
    if (two == "double precision" || two == "character varying" || two == "long varchar" ||
        two == "long varbinary")
      n = 2;
    for (size_t i = 0; i < name_words.size(); ++i) {
      if (i < n)
        p.base += (i ? " " : "") + name_words[i];
      else
        rest.push_back(name_words[i]);
    }
  }
  for (const auto& w : words(t.suffix)) rest.push_back(w);
  p.modifiers = rest;
  for (size_t i = 0; i < rest.size(); ++i) {
    const std::string w = lower(rest[i]);
    auto next = [&](size_t k) { return i + k < rest.size() ? lower(rest[i + k]) : std::string(); };
    if (w == "unsigned") {
      p.is_unsigned = true;
    } else if (w == "signed") {
    } else if (w == "zerofill") {
      p.zerofill = true;
      p.is_unsigned = true;  // MySQL makes a zerofill column unsigned
    } else if ((w == "character" || w == "char") && next(1) == "set" && i + 2 < rest.size()) {
      p.charset = next(2);
      i += 2;
    } else if (w == "charset" && i + 1 < rest.size()) {
      p.charset = next(1);
      i += 1;
    } else if (w == "collate" && i + 1 < rest.size()) {
      p.collation = next(1);
      i += 1;
    } else {
      p.other.push_back(w);
    }
  }
  return p;
}

std::string with_args(const std::string& name, const std::vector<std::string>& args) {
  return args.empty() ? name : name + "(" + text::join(args, ",") + ")";
}

bool is_int_name(const std::string& b) {
  return b == "tinyint" || b == "smallint" || b == "mediumint" || b == "integer" || b == "bigint";
}

// The collation MariaDB 10.x gives a character set when none is named.
bool default_collation_of(const std::string& charset, const std::string& collation) {
  if (charset == "latin1") return collation == "latin1_swedish_ci";
  if (charset == "binary") return collation == "binary";
  return collation == charset + "_general_ci";
}

// An enum/set label in single quotes, embedded quotes doubled.
std::string quoted_label(const std::string& label) {
  std::string s = text::trim(label);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front()) {
    const char q = s.front();
    std::string inner;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      if (s[i] == q && i + 2 < s.size() && s[i + 1] == q) ++i;
      inner += s[i];
    }
    s = inner;
  }
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// A type name and its arguments from COLUMN_TYPE text, without Type::parse's
// checks of portable arities (MariaDB reports float(7,4)).
Type loose_parse(const std::string& column_type) {
  Type t;
  auto open = column_type.find('(');
  if (open == std::string::npos) {
    t.name = text::lower_collapsed(column_type);
    return t;
  }
  t.name = text::lower_collapsed(column_type.substr(0, open));
  std::string cur;
  char quote = 0;
  size_t i = open + 1;
  for (; i < column_type.size(); ++i) {
    char c = column_type[i];
    if (quote) {
      cur += c;
      if (c == quote) {
        if (i + 1 < column_type.size() && column_type[i + 1] == quote) {
          cur += column_type[++i];
          continue;
        }
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      cur += c;
    } else if (c == ')') {
      break;
    } else if (c == ',') {
      t.args.push_back(text::trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  t.args.push_back(text::trim(cur));
  if (i < column_type.size()) t.suffix = text::lower_collapsed(column_type.substr(i + 1));
  return t;
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "0.0000" -> "0", "+1.50" -> "1.5", "-0" -> "0", "007" -> "7"; nullopt when
// `s` is not a plain decimal number.
std::optional<std::string> canonical_number(std::string s) {
  s = text::trim(s);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s = s.substr(1);
  }
  auto dot = s.find('.');
  std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (ip.empty() && fp.empty()) return std::nullopt;
  if (!(ip.empty() || all_digits(ip)) || !(fp.empty() || all_digits(fp))) return std::nullopt;
  while (ip.size() > 1 && ip[0] == '0') ip.erase(0, 1);
  if (ip.empty()) ip = "0";
  while (!fp.empty() && fp.back() == '0') fp.pop_back();
  std::string out = ip + (fp.empty() ? "" : "." + fp);
  if (negative && out != "0") out = "-" + out;
  return out;
}

std::string quote_text(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// NOW(), CURRENT_TIMESTAMP, current_timestamp(3), LOCALTIMESTAMP: the
// precision (-1 for none), or nullopt when `toks` is something else.
std::optional<int> timestamp_function(const std::vector<SqlToken>& toks) {
  if (toks.empty() || toks[0].kind != SqlTokenKind::word) return std::nullopt;
  const bool bare_ok = toks[0].is_word("current_timestamp") || toks[0].is_word("localtimestamp") ||
                       toks[0].is_word("localtime");
  const bool call_only = toks[0].is_word("now");
  if (!bare_ok && !call_only) return std::nullopt;
  if (toks.size() == 1) return bare_ok ? std::optional<int>(-1) : std::nullopt;
  if (toks.size() == 3 && toks[1].is_punct('(') && toks[2].is_punct(')')) return -1;
  if (toks.size() == 4 && toks[1].is_punct('(') && toks[2].kind == SqlTokenKind::number &&
      toks[3].is_punct(')')) {
    int n = std::stoi(toks[2].value);
    return n == 0 ? -1 : n;
  }
  return std::nullopt;
}

// MySQL 8 writes string literals in expressions with a character set
// introducer (_utf8mb4'x'); the model never does.
std::vector<SqlToken> without_introducers(std::vector<SqlToken> toks) {
  std::vector<SqlToken> out;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind == SqlTokenKind::word && !toks[i].value.empty() && toks[i].value[0] == '_' &&
        i + 1 < toks.size() && toks[i + 1].kind == SqlTokenKind::string &&
        toks[i].end == toks[i + 1].begin)
      continue;
    out.push_back(toks[i]);
  }
  return out;
}

// Bytes as MySQL converts them to UTF-8 text: valid sequences kept, every
// byte of an invalid one replaced by '?'.
std::string as_utf8_text(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size();) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = len > 0 && i + len <= bytes.size();
    for (size_t k = 1; valid && k < len; ++k)
      valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
    if (valid) {
      out.append(bytes, i, len);
      i += len;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

bool wraps_all(const std::vector<SqlToken>& toks) {
  if (toks.size() < 2 || !toks.front().is_punct('(') || !toks.back().is_punct(')')) return false;
  int depth = 0;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].is_punct('(')) ++depth;
    if (toks[i].is_punct(')') && --depth == 0) return i + 1 == toks.size();
  }
  return false;
}

// A literal: a string, a signed number, NULL, TRUE or FALSE.
bool is_literal(const std::vector<SqlToken>& toks) {
  if (toks.size() == 1)
    return toks[0].kind == SqlTokenKind::string || toks[0].kind == SqlTokenKind::number ||
           toks[0].kind == SqlTokenKind::blob || toks[0].is_word("null") ||
           toks[0].is_word("true") || toks[0].is_word("false");
  return toks.size() == 2 && (toks[0].is_punct('-') || toks[0].is_punct('+')) &&
         toks[1].kind == SqlTokenKind::number;
}

}  // namespace

std::string canonical_charset(const std::string& charset) {
  std::string cs = lower(charset);
  return cs == "utf8" ? "utf8mb3" : cs;
}

std::string canonical_collation(const std::string& collation) {
  std::string co = lower(collation);
  if (co.rfind("utf8_", 0) == 0) return "utf8mb3_" + co.substr(5);
  return co;
}

bool is_number_type(const Type& t) {
  const std::string& n = t.name;
  return is_int_name(n) || n == "boolean" || n == "decimal" || n == "float" || n == "double" ||
         n == "bit" || n == "year";
}

bool is_text_type(const Type& t) {
  static const std::set<std::string> names = {
      "char",   "varchar",   "text", "tinytext", "mediumtext", "longtext", "enum", "set",
      "binary", "varbinary", "blob", "tinyblob", "mediumblob", "longblob", "json",
  };
  return names.count(t.name) > 0;
}

std::string type_sql(const Type& t) {
  Parts p = split(t);
  const std::string& b = p.base;
  std::string out;
  if (b == "smallint" || b == "bigint" || b == "text" || b == "date" || b == "json" ||
      b == "blob" || b == "double")
    out = text::upper(with_args(b, p.args));
  else if (b == "integer" && p.args.empty())
    out = "INT";
  else if (b == "boolean" && p.args.empty())
    out = "TINYINT(1)";
  else if (b == "float")
    out =
        !p.args.empty() && p.args.size() == 1 && all_digits(p.args[0]) && std::stoi(p.args[0]) > 24
            ? "DOUBLE"
            : text::upper(with_args(b, p.args));
  else if (b == "numeric" || b == "decimal")
    out = with_args("DECIMAL", p.args);
  else if (b == "char")
    out = with_args("CHAR", p.args);
  else if (b == "varchar")
    out = with_args("VARCHAR", p.args);
  else if (b == "string")
    out = with_args("VARCHAR", p.args.empty() ? std::vector<std::string>{"255"} : p.args);
  else if (b == "time")
    out = with_args("TIME", p.args);
  else if (b == "timestamp")
    out = with_args("DATETIME", p.args);
  else if (b == "timestamptz")
    out = with_args("TIMESTAMP", p.args);
  else if (b == "uuid" && p.args.empty())
    out = "CHAR(36)";
  else
    out = with_args(b, p.args);
  for (const auto& m : p.modifiers) out += " " + m;
  return out;
}

Type canonical_type(const Type& t) {
  return canonical_type(t, "", "");
}

Type canonical_type(const Type& t, const std::string& table_charset,
                    const std::string& table_collation) {
  Parts p = split(t);
  std::string b = lower(p.base);
  std::vector<std::string> args = p.args;
  if (b == "int" || b == "int4" || b == "integer" || b == "middleint" || b == "int3" ||
      b == "int8" || b == "int2" || b == "int1") {
    static const std::pair<const char*, const char*> alias[] = {
        {"int", "integer"}, {"int4", "integer"},  {"middleint", "mediumint"}, {"int3", "mediumint"},
        {"int8", "bigint"}, {"int2", "smallint"}, {"int1", "tinyint"}};
    for (auto [from, to] : alias)
      if (b == from) b = to;
  }
  if (b == "bool") b = "boolean";
  if (b == "tinyint" && args.size() == 1 && args[0] == "1" && !p.is_unsigned && !p.zerofill)
    b = "boolean";
  if (is_int_name(b) && !p.zerofill) args.clear();  // display width: no effect without zerofill
  if (b == "boolean") args.clear();
  if (b == "numeric" || b == "dec" || b == "fixed") b = "decimal";
  if (b == "decimal") {
    if (args.empty()) args = {"10", "0"};
    if (args.size() == 1) args.push_back("0");
  }
  if (b == "real" || b == "double precision" || b == "float8") b = "double";
  if (b == "float4") b = "float";
  if (b == "float" && args.size() == 1 && all_digits(args[0])) {
    b = std::stoi(args[0]) > 24 ? "double" : "float";
    args.clear();
  }
  if (b == "character varying") b = "varchar";
  if (b == "character") b = "char";
  if (b == "string") {
    b = "varchar";
    if (args.empty()) args = {"255"};
  }
  if (b == "char" && args.empty()) args = {"1"};
  if (b == "datetime") b = "timestamp";
  // Precision 0 is what no precision means.
  if ((b == "timestamp" || b == "timestamptz" || b == "time") && args.size() == 1 && args[0] == "0")
    args.clear();
  if (b == "uuid" && args.empty()) {
    b = "char";
    args = {"36"};
  }
  if (b == "bytea") b = "blob";
  if (b == "enum" || b == "set")
    for (auto& a : args) a = quoted_label(a);

  std::vector<std::string> mods;
  if (p.is_unsigned && (is_int_name(b) || b == "decimal" || b == "float" || b == "double"))
    mods.push_back("unsigned");
  if (p.zerofill) mods.push_back("zerofill");
  std::string cs = canonical_charset(p.charset);
  std::string co = canonical_collation(p.collation);
  if (cs.empty() && !co.empty()) cs = co.substr(0, co.find('_'));
  if (!co.empty() && default_collation_of(cs, co)) co.clear();
  std::string table_cs = canonical_charset(table_charset);
  std::string table_co = canonical_collation(table_collation);
  if (table_cs.empty() && !table_co.empty()) table_cs = table_co.substr(0, table_co.find('_'));
  if (!table_co.empty() && default_collation_of(table_cs, table_co)) table_co.clear();
  if (table_cs.empty()) {
    // utf8mb4 is every current server's default: naming it changes nothing.
    if (cs == "utf8mb4" && co.empty()) cs.clear();
  } else if (cs == table_cs && co == table_co) {
    cs.clear();  // what the column has from its table anyway
    co.clear();
  }
  if (!cs.empty()) mods.push_back("character set " + cs);
  if (!co.empty()) mods.push_back("collate " + co);
  for (const auto& o : p.other) mods.push_back(o);
  return Type{b, args, text::join(mods, " ")};
}

Type type_from_catalog(const CatalogType& c) {
  if (c.json) return Type{"json", {}, {}};
  Type t = loose_parse(c.column_type);
  if (!c.charset.empty() && (c.charset != c.table_charset || c.collation != c.table_collation)) {
    std::string extra = "character set " + c.charset;
    if (!c.collation_is_default && !c.collation.empty()) extra += " collate " + c.collation;
    t.suffix = t.suffix.empty() ? extra : t.suffix + " " + extra;
  }
  Type out = canonical_type(t, c.table_charset, c.table_collation);
  // Read back in portable names: DATETIME is the portable timestamp, TIMESTAMP the zoned one.
  if (t.name == "timestamp") out.name = "timestamptz";
  return out;
}

std::string standard_strings(std::string_view e) {
  std::string out;
  for (size_t i = 0; i < e.size(); ++i) {
    const char c = e[i];
    if (c == '`' || c == '"') {  // identifiers: copied whole
      size_t close = e.find(c, i + 1);
      if (close == std::string_view::npos) close = e.size() - 1;
      out.append(e.substr(i, close - i + 1));
      i = close;
      continue;
    }
    if (c != '\'') {
      out += c;
      continue;
    }
    std::string value;
    size_t j = i + 1;
    for (; j < e.size(); ++j) {
      if (e[j] == '\\' && j + 1 < e.size()) {
        const char n = e[++j];
        switch (n) {
          case 'n':
            value += '\n';
            break;
          case 't':
            value += '\t';
            break;
          case 'r':
            value += '\r';
            break;
          case '0':
            value += '\0';
            break;
          case 'Z':
            value += '\x1a';
            break;
          case 'b':
            value += '\b';
            break;
          default:
            value += n;  // \' \" \\ and any other: the character itself
        }
      } else if (e[j] == '\'') {
        if (j + 1 < e.size() && e[j + 1] == '\'') {
          value += '\'';
          ++j;
        } else {
          break;
        }
      } else {
        value += e[j];
      }
    }
    out += quote_text(value);
    i = j;
  }
  return out;
}

std::string default_sql(const std::string& expression) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(expression);
  } catch (const std::invalid_argument&) {
    return expression;
  }
  if (is_literal(toks) || timestamp_function(toks) || wraps_all(toks)) return expression;
  return "(" + expression + ")";
}

std::optional<std::string> default_from_catalog(const std::optional<std::string>& raw,
                                                std::string_view extra, bool mariadb,
                                                const Type& t) {
  if (!raw) return std::nullopt;
  if (mariadb) {
    if (*raw == "NULL") return std::nullopt;
    return standard_strings(*raw);
  }
  if (lower(std::string(extra)).find("default_generated") != std::string::npos) {
    // MySQL 8 prints an expression default with its quotes escaped: (_utf8mb4\'x\').
    std::string e = *raw;
    for (auto pos = e.find("\\'"); pos != std::string::npos; pos = e.find("\\'", pos + 1))
      e.erase(pos, 1);
    return standard_strings(e);
  }
  return is_number_type(t) ? *raw : quote_text(*raw);
}

std::optional<std::string> canonical_default(const std::optional<std::string>& expression,
                                             const Type& t) {
  if (!expression) return std::nullopt;
  std::vector<SqlToken> toks;
  try {
    toks = without_introducers(tokenize_sql(*expression));
  } catch (const std::invalid_argument&) {
    return text::trim(*expression);
  }
  while (wraps_all(toks)) toks = std::vector<SqlToken>(toks.begin() + 1, toks.end() - 1);
  if (toks.empty()) return std::nullopt;
  if (toks.size() == 1 && toks[0].is_word("null")) return std::nullopt;
  if (auto p = timestamp_function(toks))
    return *p < 0 ? std::string("CURRENT_TIMESTAMP")
                  : "CURRENT_TIMESTAMP(" + std::to_string(*p) + ")";
  // MySQL stores CURRENT_DATE and CURRENT_TIME as curdate() and curtime().
  const bool bare = toks.size() == 1;
  const bool call = toks.size() == 3 && toks[1].is_punct('(') && toks[2].is_punct(')');
  if ((bare && toks[0].is_word("current_date")) ||
      (call && (toks[0].is_word("curdate") || toks[0].is_word("current_date"))))
    return std::string("CURRENT_DATE");
  if ((bare && toks[0].is_word("current_time")) ||
      (call && (toks[0].is_word("curtime") || toks[0].is_word("current_time"))))
    return std::string("CURRENT_TIME");
  // BIT columns: MariaDB reports a default as b'101' however it was written
  // (5, 0x05, b'0101', TRUE): the value's bits, no leading zeros.
  if (t.name == "bit") {
    std::optional<unsigned long long> v;
    try {
      if (toks.size() == 2 && (toks[0].is_word("b")) && toks[1].kind == SqlTokenKind::string &&
          toks[0].end == toks[1].begin && !toks[1].value.empty() &&
          toks[1].value.find_first_not_of("01") == std::string::npos && toks[1].value.size() <= 64)
        v = std::stoull(toks[1].value, nullptr, 2);
      else if (toks.size() == 1 && toks[0].kind == SqlTokenKind::number) {
        const std::string& n = toks[0].value;  // 5 or 0x05 (never octal)
        const bool hex = n.size() > 2 && n[0] == '0' && (n[1] == 'x' || n[1] == 'X');
        if (hex || n.find_first_not_of("0123456789") == std::string::npos)
          v = std::stoull(hex ? n.substr(2) : n, nullptr, hex ? 16 : 10);
      } else if (toks.size() == 1 && toks[0].kind == SqlTokenKind::blob && toks[0].value.size() > 3)
        v = std::stoull(toks[0].value.substr(2, toks[0].value.size() - 3), nullptr, 16);
      else if (toks.size() == 1 && (toks[0].is_word("true") || toks[0].is_word("false")))
        v = toks[0].is_word("true") ? 1 : 0;
    } catch (const std::exception&) {
      v.reset();  // not a number we can read: compared as written below
    }
    if (v) {
      std::string bits;
      for (unsigned long long x = *v; x; x >>= 1) bits.insert(bits.begin(), x & 1 ? '1' : '0');
      return "b'" + (bits.empty() ? std::string("0") : bits) + "'";
    }
  }
  // Binary columns: a literal as its bytes in hex, whichever way it was
  // written. information_schema reports defaults as UTF-8 text, turning each
  // byte of an invalid sequence into '?'; both sides lose the same bytes, so
  // two such defaults may look alike (a missed change), never differ falsely.
  const std::string& n = t.name;
  if (toks.size() == 1 &&
      (n == "binary" || n == "varbinary" || n.find("blob") != std::string::npos)) {
    std::string bytes;
    if (toks[0].kind == SqlTokenKind::string) {
      bytes = toks[0].value;
    } else if (toks[0].kind == SqlTokenKind::blob) {
      const std::string& v = toks[0].value;  // x'00ff'
      for (size_t i = 2; i + 2 < v.size(); i += 2)
        bytes += static_cast<char>(std::stoi(v.substr(i, 2), nullptr, 16));
    }
    if (toks[0].kind == SqlTokenKind::string || toks[0].kind == SqlTokenKind::blob) {
      std::string hex = "x'";
      for (unsigned char ch : as_utf8_text(bytes)) hex += fmt::format("{:02x}", ch);
      return hex + "'";
    }
  }
  // -(4) is how MariaDB reads back -4 (and stores DEFAULT (-(4)) as -4).
  if (toks.size() == 4 && toks[0].is_punct('-') && toks[1].is_punct('(') &&
      toks[2].kind == SqlTokenKind::number && toks[3].is_punct(')'))
    toks = {toks[0], toks[2]};
  const bool number_column = is_number_type(t);
  std::optional<std::string> value;  // the literal's value as text
  bool quoted = false;
  if (toks.size() == 1 && (toks[0].is_word("true") || toks[0].is_word("false"))) {
    value = toks[0].is_word("true") ? "1" : "0";
  } else if (toks.size() == 1 && toks[0].kind == SqlTokenKind::string) {
    value = toks[0].value;
    quoted = true;
  } else if (toks.size() == 1 && toks[0].kind == SqlTokenKind::number) {
    value = toks[0].value;
  } else if (is_literal(toks) && toks.size() == 2) {
    value = toks[0].value + toks[1].value;
  }
  if (value) {
    if (number_column) {
      if (auto n = canonical_number(*value)) return n;
      return quote_text(*value);
    }
    // MySQL pads fractional seconds to the column's precision: '…00.25' is '…00.250'.
    if (quoted && (t.name == "timestamp" || t.name == "timestamptz" || t.name == "time") &&
        value->find('.') != std::string::npos &&
        value->find_first_not_of("0123456789-: .") == std::string::npos) {
      while (value->back() == '0') value->pop_back();
      if (value->back() == '.') value->pop_back();
    }
    if (quoted || is_text_type(t)) return quote_text(*value);
    if (auto n = canonical_number(*value)) return n;  // a bare number on a date column
    return quote_text(*value);
  }
  std::string rebuilt;
  for (size_t i = 0; i < toks.size(); ++i) {
    const SqlToken& tok = toks[i];
    if (!rebuilt.empty()) rebuilt += ' ';
    // MariaDB stores upper() and lower() under their other names.
    const bool call = i + 1 < toks.size() && toks[i + 1].is_punct('(');
    if (call && tok.is_word("ucase")) {
      rebuilt += "upper";
      continue;
    }
    if (call && tok.is_word("lcase")) {
      rebuilt += "lower";
      continue;
    }
    switch (tok.kind) {
      case SqlTokenKind::string:
        rebuilt += quote_text(tok.value);
        break;
      case SqlTokenKind::quoted_identifier:
        rebuilt += "`" + tok.value + "`";
        break;
      default:
        rebuilt += tok.value;
    }
  }
  return canonical_sql(rebuilt, CanonicalSqlOptions{true});
}

}  // namespace migrate::mysql
