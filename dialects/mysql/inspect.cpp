#include "dialects/mysql/inspect.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/sql/sql_canonical.hpp"
#include "dialects/mysql/connection.hpp"
#include "dialects/mysql/fk_index.hpp"
#include "dialects/mysql/inspect_objects.hpp"
#include "dialects/mysql/inspect_partitions.hpp"
#include "dialects/mysql/types.hpp"

namespace migrate::mysql {
namespace {

const std::string& text(const Row& r, size_t i) {
  static const std::string empty;
  return std::holds_alternative<std::string>(r[i]) ? std::get<std::string>(r[i]) : empty;
}

std::optional<std::string> opt_text(const Row& r, size_t i) {
  if (is_null(r[i])) return std::nullopt;
  return std::get<std::string>(r[i]);
}

std::optional<std::string> comment(const Row& r, size_t i) {
  auto c = opt_text(r, i);
  if (c && c->empty()) return std::nullopt;  // MySQL stores "no comment" as ''
  return c;
}

std::string fk_action(const std::string& rule) {
  std::string a = text::lower_collapsed(rule);
  // InnoDB checks RESTRICT and NO ACTION alike, at once; MariaDB reports RESTRICT for neither.
  return a == "restrict" || a == "no action" ? std::string() : a;
}

struct TableInfo {
  size_t index;
  std::string charset;
  std::string collation;
};

using Key = std::pair<std::string, std::string>;  // TABLE_SCHEMA, TABLE_NAME

// The index and foreign-key rows (STATISTICS, KEY_COLUMN_USAGE,
// REFERENTIAL_CONSTRAINTS, in that order).
struct KeyRows {
  std::vector<Row> statistics;
  std::vector<Row> key_columns;
  std::vector<Row> rules;
};

KeyRows read_key_rows(Connection& conn, const std::vector<Statement>& sql) {
  KeyRows out;
  out.statistics = conn.query(sql.at(0));
  out.key_columns = conn.query(sql.at(1));
  out.rules = conn.query(sql.at(2));
  return out;
}

// The server answers each information_schema query by opening every table
// of the database, one at a time: a second session reads the key rows while
// this one reads tables and columns, and the server uses two cores. Without
// a second session (none to spare, a library that is not MariaDB's) the
// caller's session reads them afterwards.
std::future<std::optional<KeyRows>> read_key_rows_beside(Connection& conn,
                                                         const std::vector<Statement>& sql) {
  auto* mc = dynamic_cast<MysqlConnection*>(&conn);
  if (!mc) return {};
  return std::async(std::launch::async, [mc, &sql]() -> std::optional<KeyRows> {
    try {
      return read_key_rows(mc->beside(), sql);
    } catch (const DatabaseError&) {
      return std::nullopt;
    }
  });
}

}  // namespace

Schema inspect(Connection& conn, const std::vector<std::string>& schemas) {
  auto who = conn.query({"SELECT VERSION(), DATABASE()", {}});
  const bool mariadb = text(who.at(0), 0).find("MariaDB") != std::string::npos;
  if (is_null(who.at(0)[1]))
    throw DatabaseError(
        "mysql: the connection has no database: name one in the URL (mysql://user@host/DB)");
  const std::string db = text(who.at(0), 1);

  // Every query reads all the databases at once: `IN (?, ...)` grows with
  // the databases named, never with the tables in them.
  std::vector<Value> dbs{db};
  for (const auto& s : schemas)
    if (s != db && std::find(dbs.begin(), dbs.end(), Value(s)) == dbs.end()) dbs.push_back(s);
  std::string in = "(?";
  for (size_t i = 1; i < dbs.size(); ++i) in += ", ?";
  in += ")";
  auto where = [&](const std::string& sql) { return Statement{sql, dbs}; };
  // A table in the URL's database has no schema; so has a key to a table in
  // its own database, which is where MySQL looks for an unqualified one.
  auto schema_of = [&](const std::string& name) { return name == db ? std::string() : name; };

  // Foreign keys: their columns, then their actions, joined here rather than
  // by the server (joins of information_schema views scale badly).
  const std::vector<Statement> key_sql = {
      where(std::string("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, "
                        "SUB_PART, INDEX_COMMENT, ") +
            (mariadb ? "NULL" : "EXPRESSION") + ", INDEX_TYPE, COLLATION, " +
            (mariadb ? "IGNORED" : "IS_VISIBLE = 'NO'") +
            " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN " + in +
            " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"),
      where("SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, "
            "REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM "
            "information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA IN " +
            in +
            " AND REFERENCED_TABLE_NAME IS NOT NULL "
            "ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"),
      where("SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, "
            "DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
            "CONSTRAINT_SCHEMA IN " +
            in)};
  auto beside = read_key_rows_beside(conn, key_sql);

  std::set<std::string> default_collations;
  std::map<std::string, std::string> charset_of_collation;
  for (const auto& r : conn.query({"SELECT COLLATION_NAME, CHARACTER_SET_NAME, IS_DEFAULT FROM "
                                   "information_schema.COLLATIONS",
                                   {}})) {
    charset_of_collation[text(r, 0)] = text(r, 1);
    if (text(r, 2) == "Yes") default_collations.insert(text(r, 0));
  }
  auto charset_of = [&](const std::string& collation) {
    auto it = charset_of_collation.find(collation);
    return it != charset_of_collation.end() ? it->second : collation.substr(0, collation.find('_'));
  };

  Schema schema;
  std::map<Key, TableInfo> tables;
  for (const auto& r :
       conn.query(where("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COMMENT, TABLE_COLLATION, ENGINE, "
                        "ROW_FORMAT FROM "
                        "information_schema.TABLES WHERE TABLE_SCHEMA IN " +
                        in +
                        " AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') "
                        "ORDER BY TABLE_SCHEMA, TABLE_NAME"))) {
    Table t;
    t.schema = schema_of(text(r, 0));
    t.name = text(r, 1);
    t.comment = comment(r, 2);
    const std::string collation = text(r, 3);
    if (!collation.empty()) {
      t.mysql_collate = collation;
      t.mysql_charset = charset_of(collation);
    }
    if (!is_null(r[4])) t.mysql_engine = text(r, 4);
    if (!is_null(r[5])) t.mysql_row_format = text::upper(text(r, 5));
    tables[{text(r, 0), t.name}] = {schema.tables.size(), charset_of(collation), collation};
    schema.tables.push_back(std::move(t));
  }
  auto table_of = [&](const Row& r) -> std::pair<Table*, const TableInfo*> {
    auto it = tables.find({text(r, 0), text(r, 1)});
    if (it == tables.end()) return {nullptr, nullptr};
    return {&schema.tables[it->second.index], &it->second};
  };

  // Checks first: MariaDB's JSON columns are known by theirs.
  std::set<std::tuple<std::string, std::string, std::string>> json_columns;  // db, table, column
  std::map<Key, std::vector<CheckConstraint>> checks;
  const std::string checks_sql =
      mariadb ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM "
                "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN " +
                    in + " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME"
              : "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, "
                "'Table' FROM information_schema.TABLE_CONSTRAINTS tc JOIN "
                "information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = "
                "tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE "
                "tc.TABLE_SCHEMA IN " +
                    in +
                    " AND tc.CONSTRAINT_TYPE = 'CHECK' "
                    "ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME";
  for (const auto& r : conn.query(where(checks_sql))) {
    const std::string& name = text(r, 2);
    const std::string& clause = text(r, 3);
    if (text(r, 4) == "Column" && canonical_sql(clause, CanonicalSqlOptions{true}) ==
                                      "json_valid ( " + text::lower_collapsed(name) + " )") {
      json_columns.insert({text(r, 0), text(r, 1), name});
      continue;
    }
    checks[{text(r, 0), text(r, 1)}].push_back({name, standard_strings(clause)});
  }

  // The largest result: each row is made into a column as it comes.
  conn.each_row(where("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, "
                      "COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_COMMENT, "
                      "GENERATION_EXPRESSION "
                      "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN " +
                      in + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"),
                [&](const Row& r) {
                  auto [t, info] = table_of(r);
                  if (!t) return;  // a view's column
                  Column c;
                  c.name = text(r, 2);
                  CatalogType ct;
                  ct.column_type = text(r, 3);
                  ct.charset = text(r, 7);
                  ct.collation = text(r, 8);
                  ct.table_charset = info->charset;
                  ct.table_collation = info->collation;
                  ct.collation_is_default = default_collations.count(ct.collation) > 0;
                  ct.json = json_columns.count({text(r, 0), t->name, c.name}) > 0 &&
                            text::lower_collapsed(ct.column_type) == "longtext";
                  c.type = type_from_catalog(ct);
                  c.nullable = text(r, 4) == "YES";
                  const std::string extra = text::lower_collapsed(text(r, 6));
                  c.autoincrement = extra.find("auto_increment") != std::string::npos;
                  c.comment = comment(r, 9);
                  if (extra.find("generated") != std::string::npos &&
                      extra.find("default_generated") == std::string::npos) {
                    // MariaDB says PERSISTENT for STORED.
                    c.generated = Generated{standard_strings(text(r, 10)),
                                            extra.find("stored") != std::string::npos ||
                                                extra.find("persistent") != std::string::npos};
                    t->columns.push_back(std::move(c));
                    return;
                  }
                  // The catalog's own spelling (what a downgrade restores), except that the
                  // clock functions read as the model writes them.
                  c.server_default = default_from_catalog(opt_text(r, 5), extra, mariadb, c.type);
                  if (auto canon = canonical_default(c.server_default, c.type);
                      canon && canon->rfind("CURRENT_", 0) == 0)
                    c.server_default = canon;
                  t->columns.push_back(std::move(c));
                });
  // Grown a column at a time, a table's vector holds up to twice its columns.
  for (auto& t : schema.tables) t.columns.shrink_to_fit();

  std::optional<KeyRows> keys = beside.valid() ? beside.get() : std::nullopt;
  if (!keys) keys = read_key_rows(conn, key_sql);

  // Index rows arrive one key part at a time, in order.
  struct IndexRows {
    std::vector<IndexKey> keys;
    bool unique = false;
    bool prefix = false;
    std::string comment;
    std::string method;
    bool visible = true;
  };
  std::map<Key, std::vector<std::pair<std::string, IndexRows>>> indexes;
  for (const auto& r : keys->statistics) {
    // Another type (HASH of a MEMORY table) is named by the inventory: read
    // as a plain one it would be made again as another index.
    const std::string type = text(r, 8);
    if (type != "BTREE" && type != "FULLTEXT" && type != "SPATIAL") continue;
    auto& list = indexes[{text(r, 0), text(r, 1)}];
    if (list.empty() || list.back().first != text(r, 2)) list.push_back({text(r, 2), {}});
    IndexRows& ix = list.back().second;
    ix.unique = text(r, 3) == "0";
    ix.comment = text(r, 6);
    if (type != "BTREE") ix.method = text::lower_collapsed(type);
    ix.visible = text(r, 10) != "YES" && text(r, 10) != "1";
    IndexKey key = is_null(r[4]) ? IndexKey::of_expression(text(r, 7)) : IndexKey(text(r, 4));
    key.descending = text(r, 9) == "D";
    // A SPATIAL key reports the whole geometry's 32 bytes as its prefix.
    if (!is_null(r[5]) && type != "SPATIAL") {
      key.length = std::stoi(text(r, 5));
      ix.prefix = true;
    }
    ix.keys.push_back(std::move(key));
  }
  for (auto& [key, list] : indexes) {
    auto it = tables.find(key);
    if (it == tables.end()) continue;
    Table& t = schema.tables[it->second.index];
    for (auto& [name, ix] : list) {
      std::vector<std::string> columns;
      bool plain = !ix.prefix;
      for (const auto& k : ix.keys) {
        columns.push_back(k.str());
        plain = plain && k.is_column();
      }
      for (const auto& k : ix.keys) plain = plain && !k.descending;
      if (name == "PRIMARY") {
        t.primary_key = PrimaryKey{"", columns};
      } else if (ix.unique && ix.comment != kUniqueIndexComment && plain && ix.visible) {
        t.uniques.push_back({name, columns});
      } else {
        Index out{name, ix.keys, ix.unique};
        out.method = ix.method;
        out.visible = ix.visible;
        t.indexes.push_back(std::move(out));
      }
    }
  }

  using FkKey = std::tuple<std::string, std::string, std::string>;  // db, table, name
  std::map<FkKey, ForeignKey> fks;
  std::vector<FkKey> fk_order;
  for (const auto& r : keys->key_columns) {
    FkKey key{text(r, 0), text(r, 1), text(r, 2)};
    auto [it, fresh] = fks.try_emplace(key);
    ForeignKey& fk = it->second;
    if (fresh) {
      fk_order.push_back(key);
      fk.name = text(r, 2);
      fk.ref_schema = text(r, 4) == text(r, 0) ? "" : text(r, 4);
      fk.ref_table = text(r, 5);
    }
    fk.columns.push_back(text(r, 3));
    fk.ref_columns.push_back(text(r, 6));
  }
  for (const auto& r : keys->rules) {
    auto it = fks.find({text(r, 0), text(r, 1), text(r, 2)});
    if (it == fks.end()) continue;
    it->second.on_update = fk_action(text(r, 3));
    it->second.on_delete = fk_action(text(r, 4));
  }
  for (const auto& key : fk_order) {
    auto it = tables.find({std::get<0>(key), std::get<1>(key)});
    if (it != tables.end())
      schema.tables[it->second.index].foreign_keys.push_back(std::move(fks[key]));
  }

  for (auto& [key, info] : tables) {
    Table& t = schema.tables[info.index];
    auto c = checks.find(key);
    if (c != checks.end()) t.checks = std::move(c->second);
    t.indexes.erase(std::remove_if(t.indexes.begin(), t.indexes.end(),
                                   [&](const Index& ix) { return is_implicit_fk_index(t, ix); }),
                    t.indexes.end());
  }
  inspect_partitions(conn, db, dbs, in, schema);
  inspect_objects(conn, ObjectScope{db, dbs, in, mariadb, default_collations}, schema);
  return schema;
}

bool has_table(Connection& conn, const std::string& name) {
  return !conn.query({"SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                      "AND TABLE_NAME = ?",
                      {name}})
              .empty();
}

}  // namespace migrate::mysql
