#include "dialects/sqlite/inspect.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>

#include "core/base/text.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/sqlite/create_table_parser.hpp"
#include "dialects/sqlite/types.hpp"

namespace migrate::sqlite {
namespace {

// "(lower(email))" -> "lower(email)": migrate writes an expression key in
// parentheses of its own, which the model does not.
std::string without_outer_parentheses(const std::string& sql) {
  if (sql.size() < 2 || sql.front() != '(' || sql.back() != ')') return sql;
  try {
    const auto toks = tokenize_sql(sql);
    int depth = 0;
    for (size_t i = 0; i < toks.size(); ++i) {
      if (toks[i].is_punct('(')) ++depth;
      if (toks[i].is_punct(')') && --depth == 0 && i + 1 != toks.size()) return sql;
    }
  } catch (const std::invalid_argument&) {
    return sql;
  }
  return sql.substr(1, sql.size() - 2);
}

// The tables inspect reports: not SQLite's own, not virtual (their modules
// may not even be loaded here).
constexpr const char* kUserTables =
    "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "AND m.sql NOT LIKE 'CREATE VIRTUAL%'";

std::string text(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return "";
}

std::int64_t integer(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  return 0;
}

std::string action(const Value& v) {
  std::string a = text(v);
  for (char& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return a == "no action" ? std::string() : a;
}

bool same_columns(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!iequals(a[i], b[i])) return false;
  return true;
}

std::vector<Row> run(Connection& conn, const std::string& sql) {
  return conn.query({sql, {}});
}

// What the CREATE text says of a column, by its name in any case.
template <class T>
const T* find_named(const std::map<std::string, T>& by_name, const std::string& name) {
  auto it = by_name.find(name);
  if (it != by_name.end()) return &it->second;
  for (const auto& [k, v] : by_name)
    if (iequals(k, name)) return &v;
  return nullptr;
}

struct TableInfo {
  Table table;
  ParsedTable parsed;
  std::vector<std::pair<std::string, std::string>> indexes;  // name, sql; creation order
};

}  // namespace

std::optional<std::string> view_query(const std::string& create_view) {
  std::vector<SqlToken> tokens;
  try {
    tokens = tokenize_sql(create_view);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  // CREATE [TEMP] VIEW [IF NOT EXISTS] [schema.]name AS query: AS is the
  // first word after the name, unless a column list comes first.
  size_t i = 0;
  while (i < tokens.size() && !tokens[i].is_word("view")) ++i;
  for (++i; i < tokens.size(); ++i) {
    if (tokens[i].is_punct('(')) return std::nullopt;
    if (tokens[i].is_word("as") && i > 0 && !tokens[i - 1].is_punct('.'))
      return text::trim(create_view.substr(tokens[i].end));
  }
  return std::nullopt;
}

Schema inspect(Connection& conn) {
  std::map<std::string, TableInfo> tables;

  // 1. Every table and index with its SQL, in creation order.
  auto objects = run(
      conn, std::string("SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_schema m "
                        "WHERE (") +
                kUserTables +
                ") OR (m.type = 'index' AND m.sql IS NOT NULL) OR m.type IN ('trigger', 'view') "
                "ORDER BY m.rowid");
  for (const auto& row : objects) {
    const std::string type = text(row[0]), name = text(row[1]), sql = text(row[3]);
    if (type == "table") {
      TableInfo& info = tables[name];
      info.table.name = name;
      try {
        info.parsed = parse_create_table(sql);
      } catch (const std::invalid_argument&) {
        // Unparseable text only costs the names the pragmas cannot give.
      }
    }
  }
  for (const auto& row : objects)
    if (text(row[0]) == "index") {
      auto it = tables.find(text(row[2]));
      if (it != tables.end()) it->second.indexes.emplace_back(text(row[1]), text(row[3]));
    }

  // 2. Columns.
  // The largest result: each row is made into a column as it comes.
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> pk_positions;
  conn.each_row({std::string("SELECT m.name, p.name, p.type, p.\"notnull\", "
                             "p.dflt_value, p.pk, p.hidden FROM sqlite_schema m "
                             "JOIN pragma_table_xinfo(m.name) p WHERE ") +
                     kUserTables + " ORDER BY m.name, p.cid",
                 {}},
                [&](const Row& row) {
                  auto it = tables.find(text(row[0]));
                  // Hidden 1: a virtual table's own column; 2 and 3: generated.
                  if (it == tables.end() || integer(row[6]) == 1) return;
                  Table& t = it->second.table;
                  const ParsedTable& parsed = it->second.parsed;
                  Column c;
                  c.name = text(row[1]);
                  if (integer(row[6]) >= 2) {
                    auto g = find_named(parsed.generated, c.name);
                    // Unreadable text: the expression is unknown, a difference rather than lost.
                    c.generated = g ? *g : Generated{"", integer(row[6]) == 3};
                  }
                  if (auto co = find_named(parsed.collations, c.name)) c.collation = *co;
                  c.type = type_from_sql(text(row[2]));
                  c.nullable = integer(row[3]) == 0;
                  if (!is_null(row[4])) c.server_default = text(row[4]);
                  c.autoincrement = iequals(it->second.parsed.autoincrement_column, c.name);
                  if (integer(row[5]) > 0)
                    pk_positions[t.name].emplace_back(integer(row[5]), c.name);
                  t.columns.push_back(std::move(c));
                });
  // Grown a column at a time, a table's vector holds up to twice its columns.
  for (auto& [name, info] : tables) info.table.columns.shrink_to_fit();
  for (auto& [name, positions] : pk_positions) {
    TableInfo& info = tables[name];
    std::sort(positions.begin(), positions.end());
    PrimaryKey pk;
    pk.name = info.parsed.primary_key_name;
    for (const auto& [pos, col] : positions) pk.columns.push_back(col);
    info.table.primary_key = pk;
    // A lone INTEGER primary key is the rowid: it can never be NULL,
    // whatever the pragma's notnull says.
    if (pk.columns.size() == 1) {
      Column* c = info.table.column(pk.columns[0]);
      if (c && text::upper(c->type.str()) == "INTEGER") c->nullable = false;
    }
  }

  // 3. Indexes made by CREATE INDEX (origin 'c').
  auto index_rows = run(
      conn, std::string("SELECT m.name, il.name, il.\"unique\", ii.seqno, "
                        "ii.name, il.partial, ii.\"desc\" FROM sqlite_schema m "
                        "JOIN pragma_index_list(m.name) il "
                        "JOIN pragma_index_xinfo(il.name) ii WHERE ") +
                kUserTables + " AND il.origin = 'c' AND ii.key ORDER BY m.name, il.name, ii.seqno");
  std::map<std::string, Index> indexes;
  std::set<std::string> partial;  // their condition is only in the SQL
  for (const auto& row : index_rows) {
    Index& ix = indexes[text(row[1])];
    ix.name = text(row[1]);
    ix.unique = integer(row[2]) != 0;
    if (integer(row[5]) != 0) partial.insert(ix.name);
    // An expression key has no column name; its text is in the SQL.
    IndexKey key = is_null(row[4]) ? IndexKey::of_expression("") : IndexKey(text(row[4]));
    key.descending = integer(row[6]) != 0;
    ix.keys.push_back(std::move(key));
  }
  for (auto& [name, info] : tables) {
    for (const auto& [ix_name, sql] : info.indexes) {
      auto it = indexes.find(ix_name);
      if (it == indexes.end()) continue;
      Index ix = it->second;
      const bool has_expression = std::any_of(ix.keys.begin(), ix.keys.end(),
                                              [](const IndexKey& k) { return k.expression; });
      if (has_expression) {
        std::vector<std::string> written;
        try {
          written = parse_create_index(sql);
        } catch (const std::invalid_argument&) {
          written.clear();
        }
        for (size_t i = 0; i < ix.keys.size() && i < written.size(); ++i)
          if (ix.keys[i].expression) ix.keys[i].text = without_outer_parentheses(written[i]);
        for (auto& k : ix.keys)  // unreadable: reported as a difference rather than lost
          if (k.expression && k.text.empty()) k.text = sql;
      }
      if (partial.count(ix.name)) {
        try {
          ix.where = parse_index_where(sql);
        } catch (const std::invalid_argument&) {
          ix.where = sql;  // unreadable: reported as a difference rather than lost
        }
      }
      info.table.indexes.push_back(std::move(ix));
    }
  }

  // 4. Foreign keys: the pragma is the authority on columns and actions, the
  // SQL on names. Pragma ids count from the last declared key.
  auto fk_rows = run(conn, std::string("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", "
                                       "f.on_update, f.on_delete FROM sqlite_schema m "
                                       "JOIN pragma_foreign_key_list(m.name) f WHERE ") +
                               kUserTables + " ORDER BY m.name, f.id DESC, f.seq");
  std::map<std::string, std::vector<ForeignKey>> fks;
  std::string last_table;
  std::int64_t last_id = -1;
  for (const auto& row : fk_rows) {
    const std::string table = text(row[0]);
    if (table != last_table || integer(row[1]) != last_id) {
      ForeignKey fk;
      fk.ref_table = text(row[2]);
      fk.on_update = action(row[5]);
      fk.on_delete = action(row[6]);
      fks[table].push_back(fk);
      last_table = table;
      last_id = integer(row[1]);
    }
    ForeignKey& fk = fks[table].back();
    fk.columns.push_back(text(row[3]));
    if (!is_null(row[4])) fk.ref_columns.push_back(text(row[4]));
  }
  for (auto& [name, list] : fks) {
    TableInfo& info = tables[name];
    const auto& parsed = info.parsed.foreign_keys;
    for (size_t i = 0; i < list.size(); ++i)
      if (list.size() == parsed.size() && same_columns(parsed[i].columns, list[i].columns) &&
          iequals(parsed[i].ref_table, list[i].ref_table)) {
        list[i].name = parsed[i].name;
        list[i].deferrable = parsed[i].deferrable;
      }
    info.table.foreign_keys = std::move(list);
  }

  Schema schema;
  schema.tables.reserve(tables.size());
  for (auto& [name, info] : tables) {
    info.table.sqlite_strict = info.parsed.strict;
    info.table.sqlite_with_rowid = !info.parsed.without_rowid;
    info.table.uniques = std::move(info.parsed.uniques);
    info.table.checks = std::move(info.parsed.checks);
    schema.tables.push_back(std::move(info.table));
  }
  tables.clear();  // the parsed CREATE statements, no longer needed
  // REFERENCES parent without columns means the parent's primary key.
  for (auto& t : schema.tables)
    for (auto& fk : t.foreign_keys)
      if (fk.ref_columns.empty())
        for (const auto& parent : schema.tables)
          if (iequals(parent.name, fk.ref_table) && parent.primary_key)
            fk.ref_columns = parent.primary_key->columns;
  // Views and triggers as SQLite keeps them, the statement as written (a
  // rebuild makes a table's triggers again). A view with a column list the
  // model cannot say is left to the inventory (inventory.cpp).
  for (const auto& row : objects) {
    const std::string type = text(row[0]);
    if (type == "trigger") {
      SchemaObject o;
      o.kind = ObjectKind::trigger;
      o.name = text(row[1]);
      o.table = text(row[2]);
      o.definition = text(row[3]);
      schema.objects.push_back(std::move(o));
    } else if (type == "view") {
      auto query = view_query(text(row[3]));
      if (!query) continue;
      SchemaObject o;
      o.kind = ObjectKind::view;
      o.name = text(row[1]);
      o.definition = std::move(*query);
      schema.objects.push_back(std::move(o));
    }
  }
  return schema;
}

bool has_table(Connection& conn, const std::string& name) {
  return !conn.query(
                  {"SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE",
                   {name}})
              .empty();
}

}  // namespace migrate::sqlite
