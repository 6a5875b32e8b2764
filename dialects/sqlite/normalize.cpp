// What compare sees of a table on SQLite: the declared type as inspect reads
// it back, defaults as the values SQLite would store, no comments.
#include <cctype>
#include <stdexcept>

#include "core/compare/compare.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/sqlite/compile.hpp"
#include "dialects/sqlite/types.hpp"

namespace migrate {
namespace {

// Defaults SQLite stores alike: TRUE is 1, and a bare word (DEFAULT active)
// or a quoted name (DEFAULT "active") is the string 'active'.
std::string sqlite_default(const std::string& expression) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(expression);
  } catch (const std::invalid_argument&) {
    return expression;
  }
  if (toks.size() != 1 || !toks[0].is_name()) return expression;
  const SqlToken& t = toks[0];
  if (t.kind == SqlTokenKind::quoted_identifier) return "'" + t.value + "'";
  if (t.is_word("true")) return "1";
  if (t.is_word("false")) return "0";
  if (t.is_word("null") || t.is_word("current_time") || t.is_word("current_date") ||
      t.is_word("current_timestamp"))
    return expression;
  return "'" + t.value + "'";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void lower_all(std::vector<std::string>& names) {
  for (auto& n : names) n = lower(n);
}

// SQLite matches table, column, index and constraint names without regard
// to (ASCII) case: "Users" in the model is the users table in the database.
void fold_names(Table& t) {
  t.name = lower(t.name);
  for (auto& c : t.columns) {
    c.name = lower(c.name);
    // Collation names ignore case too; BINARY is what no collation means.
    if (c.collation) c.collation = lower(*c.collation);
    if (c.collation == "binary") c.collation.reset();
    c.identity_always = false;  // PostgreSQL's
  }
  if (t.primary_key) {
    t.primary_key->name = lower(t.primary_key->name);
    lower_all(t.primary_key->columns);
  }
  for (auto& ix : t.indexes) {
    ix.name = lower(ix.name);
    for (auto& k : ix.keys) k.text = lower(k.text);
  }
  for (auto& u : t.uniques) {
    u.name = lower(u.name);
    lower_all(u.columns);
  }
  for (auto& fk : t.foreign_keys) {
    fk.name = lower(fk.name);
    fk.ref_table = lower(fk.ref_table);
    lower_all(fk.columns);
    lower_all(fk.ref_columns);
  }
  for (auto& ck : t.checks) ck.name = lower(ck.name);
}

}  // namespace

Table SqliteDialect::normalize(const Table& t) const {
  Table stored = sqlite::as_stored(t);
  fold_names(stored);
  // No declared type and BLOB have the same affinity, but not the same
  // declared type: the model writes the first `type: ""`.
  for (auto& c : stored.columns)
    if (c.server_default) c.server_default = sqlite_default(*c.server_default);
  // NULLs sort first ascending and last descending: the only order there is.
  for (auto& ix : stored.indexes)
    for (auto& k : ix.keys)
      if (k.nulls == (k.descending ? "last" : "first")) k.nulls.clear();
  // SQLite resolves names case-insensitively, quoted or not.
  return normalize_common(stored, CanonicalSqlOptions{true});
}

SchemaObject SqliteDialect::normalize_object(const SchemaObject& o) const {
  SchemaObject n = o;
  n.name = lower(n.name);
  n.table = lower(n.table);
  n.definition = canonical_sql(n.definition, CanonicalSqlOptions{true});
  if (n.kind != ObjectKind::trigger) return n;
  // SQLite stores a trigger as "CREATE TRIGGER " and the text from its name
  // to END: without IF NOT EXISTS, the main. qualifier or a closing ';'.
  std::string& d = n.definition;
  while (!d.empty() && (d.back() == ';' || d.back() == ' ')) d.pop_back();
  const std::string head = "create trigger ";
  if (d.rfind(head, 0) != 0) return n;
  std::string rest = d.substr(head.size());
  for (const std::string drop : {"if not exists ", "main . "})
    if (rest.rfind(drop, 0) == 0) rest = rest.substr(drop.size());
  d = head + rest;
  return n;
}

}  // namespace migrate
