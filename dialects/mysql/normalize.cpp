// What compare sees of a table on MySQL/MariaDB: types and defaults in one
// spelling (types.hpp), CHECK expressions without the rewrites the server
// applies when it stores them, keys as InnoDB keeps them.
#include <stdexcept>

#include "core/base/text.hpp"
#include "core/compare/compare.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/mysql/compile.hpp"
#include "dialects/mysql/types.hpp"

namespace migrate {
namespace {

std::string token_text(const SqlToken& t, std::string_view source) {
  switch (t.kind) {
    case SqlTokenKind::string: {
      std::string out = "'";
      for (char c : t.value) out += c == '\'' ? std::string("''") : std::string(1, c);
      return out + "'";
    }
    case SqlTokenKind::quoted_identifier: {
      std::string out = "`";
      for (char c : t.value) out += c == '`' ? std::string("``") : std::string(1, c);
      return out + "`";
    }
    default:
      return std::string(source.substr(t.begin, t.end - t.begin));
  }
}

// MariaDB stores LENGTH() as octet_length(), UPPER() as ucase(), LOWER() as
// lcase() and != as <>; MySQL 8 adds a
// character set introducer to string literals (_utf8mb4'x'). The result is
// only compared, never run.
std::string check_spelling(const std::string& expression) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(expression);
  } catch (const std::invalid_argument&) {
    return expression;
  }
  std::string out;
  for (size_t i = 0; i < toks.size(); ++i) {
    const SqlToken& t = toks[i];
    const bool call = i + 1 < toks.size() && toks[i + 1].is_punct('(');
    std::string piece;
    if (t.kind == SqlTokenKind::word && !t.value.empty() && t.value[0] == '_' &&
        i + 1 < toks.size() && toks[i + 1].kind == SqlTokenKind::string &&
        t.end == toks[i + 1].begin)
      continue;
    if (t.is_word("length") && call)
      piece = "octet_length";
    else if (t.is_word("ucase") && call)
      piece = "upper";
    else if (t.is_word("lcase") && call)
      piece = "lower";
    else if (t.is_punct('!') && i + 1 < toks.size() && toks[i + 1].is_punct('=')) {
      piece = "<>";
      ++i;
    } else
      piece = token_text(t, expression);
    out += (out.empty() ? "" : " ") + piece;
  }
  return out;
}

// MariaDB keys an unbounded TEXT or BLOB column by its first 3072 bytes
// when the model names the whole column: "body(768)" on utf8mb4 is "body".
IndexKey without_automatic_prefix(const IndexKey& key, const Table& t) {
  if (key.expression || !key.length) return key;
  const Column* c = t.column(key.text);
  if (!c) return key;
  const std::string& n = c->type.name;
  const bool blob = n == "blob" || n == "mediumblob" || n == "longblob" || n == "tinyblob";
  const bool text = n == "text" || n == "mediumtext" || n == "longtext" || n == "tinytext";
  if (!blob && !text) return key;
  int bytes_per_char = 1;
  if (text) {
    const std::string& suffix = c->type.suffix;
    bytes_per_char = 4;  // utf8mb4, unless the column names another character set
    for (auto [charset, bytes] : {std::pair<const char*, int>{"utf8mb3", 3},
                                  {"latin1", 1},
                                  {"ascii", 1},
                                  {"binary", 1},
                                  {"ucs2", 2},
                                  {"utf16", 4}})
      if (suffix.find(std::string("character set ") + charset) != std::string::npos)
        bytes_per_char = bytes;
  }
  return key.length == 3072 / bytes_per_char ? IndexKey(key.text) : key;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// MySQL matches column and index names without regard to case, quoted or
// not ("Email" is the column email); table names follow
// lower_case_table_names and are left as they are.
void fold_column_names(Table& t) {
  auto all = [](std::vector<std::string>& names) {
    for (auto& n : names) n = lower(n);
  };
  for (auto& c : t.columns) c.name = lower(c.name);
  if (t.primary_key) all(t.primary_key->columns);
  for (auto& ix : t.indexes) {
    ix.name = lower(ix.name);
    for (auto& k : ix.keys)
      if (k.is_column()) k.text = lower(k.text);
  }
  for (auto& u : t.uniques) {
    u.name = lower(u.name);
    all(u.columns);
  }
  for (auto& fk : t.foreign_keys) {
    all(fk.columns);
    all(fk.ref_columns);
  }
}

// The key and bounds in one spelling: the server prints `names` and
// commas without spaces, a RANGE's LESS THAN MAXVALUE bare.
void normalize_partitioning(Table& t) {
  if (!t.partition_by) return;
  const CanonicalSqlOptions fold{true};
  PartitionBy& by = *t.partition_by;
  for (auto& c : by.columns) c = lower(c);
  if (!by.expression.empty()) by.expression = canonical_sql(check_spelling(by.expression), fold);
  const std::string bare = canonical_sql("LESS THAN MAXVALUE", fold);
  const std::string wrapped = canonical_sql("LESS THAN (MAXVALUE)", fold);
  for (auto& p : t.partitions) {
    if (p.values.empty()) continue;
    p.values = canonical_sql(p.values, fold);
    if (by.type == "range" && p.values == wrapped) p.values = bare;
  }
}

}  // namespace

Table MysqlDialect::normalize(const Table& t) const {
  Table out = t;
  // Engines and character sets are case-insensitive; a collation names its character set.
  if (out.mysql_engine) out.mysql_engine = text::lower_collapsed(*out.mysql_engine);
  if (out.mysql_charset) out.mysql_charset = mysql::canonical_charset(*out.mysql_charset);
  if (out.mysql_collate) {
    out.mysql_collate = mysql::canonical_collation(*out.mysql_collate);
    if (!out.mysql_charset)
      out.mysql_charset = out.mysql_collate->substr(0, out.mysql_collate->find('_'));
  }
  for (auto& c : out.columns) {
    // MySQL says a column's collation in its type (inspect reads it there).
    if (c.collation) {
      c.type.suffix += std::string(c.type.suffix.empty() ? "" : " ") + "collate " + *c.collation;
      c.collation.reset();
    }
    if (c.generated) c.generated->expression = check_spelling(c.generated->expression);
    c.identity_always = false;  // PostgreSQL's
    c.type = mysql::canonical_type(c.type, out.mysql_charset.value_or(""),
                                   out.mysql_collate.value_or(""));
    c.server_default = mysql::canonical_default(c.server_default, c.type);
    if (c.comment && c.comment->empty()) c.comment.reset();  // MySQL keeps '' as no comment
    if (out.in_primary_key(c.name)) c.nullable = false;      // InnoDB makes key columns NOT NULL
  }
  if (out.comment && out.comment->empty()) out.comment.reset();
  if (out.mysql_row_format) out.mysql_row_format = text::upper(*out.mysql_row_format);
  // Every primary key is called PRIMARY.
  if (out.primary_key) out.primary_key->name.clear();
  // InnoDB checks RESTRICT and NO ACTION alike, at once.
  for (auto& fk : out.foreign_keys) {
    // MySQL looks for an unqualified referenced table in the key's own database.
    if (fk.ref_schema == out.schema) fk.ref_schema.clear();
    for (auto* a : {&fk.on_delete, &fk.on_update}) {
      std::string v = text::lower_collapsed(*a);
      if (v == "restrict" || v == "no action") a->clear();
    }
  }
  for (auto& ck : out.checks) ck.expression = check_spelling(ck.expression);
  for (auto& ix : out.indexes)
    for (auto& key : ix.keys) {
      key = without_automatic_prefix(key, out);
      // NULLs sort first ascending and last descending: the only order there is.
      if (key.nulls == (key.descending ? "last" : "first")) key.nulls.clear();
    }
  normalize_partitioning(out);
  fold_column_names(out);
  // Identifiers are case-insensitive, quoted or not.
  return normalize_common(out, CanonicalSqlOptions{true});
}

}  // namespace migrate
