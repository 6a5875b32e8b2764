#include "dialects/mysql/inspect_objects.hpp"

#include <map>

#include "dialects/mysql/sql_text.hpp"

namespace migrate::mysql {
namespace {

const std::string& text(const Row& r, size_t i) {
  static const std::string empty;
  return i < r.size() && std::holds_alternative<std::string>(r[i]) ? std::get<std::string>(r[i])
                                                                   : empty;
}

// `CHARSET x COLLATE y` after RETURNS type: what the server adds to every
// string return type, with the database's defaults where none was written.
// Both go when they are the database's; the collation goes when it is the
// character set's default.
std::string without_return_charset(const std::string& sql, const std::string& db_charset,
                                   const std::string& db_collation,
                                   const std::set<std::string>& default_collations) {
  bool ok = true;
  std::vector<Tok> t = lex(sql, &ok);
  if (!ok) return sql;
  size_t returns = 0;
  while (returns < t.size() && !t[returns].word("returns")) ++returns;
  // RETURNS name [(n[, m])] [UNSIGNED ...] CHARSET x: only there, never in the body.
  size_t i = returns + 2;
  if (i < t.size() && t[i].punct('(')) {
    while (i < t.size() && !t[i].punct(')')) ++i;
    ++i;
  }
  while (i < t.size() && (t[i].word("unsigned") || t[i].word("signed") || t[i].word("zerofill")))
    ++i;
  if (i + 1 < t.size() && t[i].word("charset")) {
    const bool collate = i + 3 < t.size() && t[i + 2].word("collate");
    size_t b = t[i].begin, e = t[i + 1].end;
    if (collate && t[i + 1].value == db_charset && t[i + 3].value == db_collation) {
      e = t[i + 3].end;
    } else if (collate && default_collations.count(t[i + 3].value)) {
      if (t[i + 1].value != db_charset) b = t[i + 1].end;  // keep CHARSET x
      e = t[i + 3].end;
    } else if (collate || t[i + 1].value != db_charset) {
      return sql;
    }
    // The space before the clause goes with it.
    while (b > 0 && b == t[i].begin && sql[b - 1] == ' ') --b;
    return sql.substr(0, b) + sql.substr(e);
  }
  return sql;
}

// `name` qualified by its database where that is not the connection's.
std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? backquote(name) : backquote(schema) + "." + backquote(name);
}

// SHOW CREATE names a routine without its database: one of another
// database must say which, or its statement would make it in the current one.
std::string with_schema(const std::string& sql, const std::string& schema) {
  if (schema.empty()) return sql;
  bool ok = true;
  std::vector<Tok> t = lex(sql, &ok);
  for (size_t i = 0; ok && i + 1 < t.size(); ++i) {
    if (!t[i].word("function") && !t[i].word("procedure")) continue;
    if (!t[i + 1].is_name() || (i + 2 < t.size() && t[i + 2].punct('.'))) return sql;
    return sql.substr(0, t[i + 1].begin) + backquote(schema) + "." + sql.substr(t[i + 1].begin);
  }
  return sql;
}

// One row of the catalog query: what, its database, name, and three texts.
struct CatalogRow {
  std::string what, db, name, a, b, c, body;
};

// Every view, trigger, routine, what each view reads (MySQL 8) and each
// database's character set, in one query: the count of queries inspect
// sends stays the same whatever the database holds.
std::vector<CatalogRow> read_catalog(Connection& conn, const ObjectScope& s) {
  // Each catalog column in one collation: MySQL 8 gives its information_schema
  // columns several, and refuses a UNION that mixes them.
  auto u = [](const std::string& column) { return "CONVERT(" + column + " USING utf8mb4)"; };
  std::vector<std::string> parts = {
      "SELECT 'view', " + u("TABLE_SCHEMA") + ", " + u("TABLE_NAME") + ", " + u("VIEW_DEFINITION") +
          ", " + u("CHECK_OPTION") +
          ", '', '', 0 FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN " + s.in,
      "SELECT 'trigger', " + u("TRIGGER_SCHEMA") + ", " + u("TRIGGER_NAME") + ", " +
          u("EVENT_OBJECT_TABLE") + ", " + u("ACTION_TIMING") + ", " + u("EVENT_MANIPULATION") +
          ", " + u("ACTION_STATEMENT") +
          ", ACTION_ORDER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN " + s.in,
      "SELECT LOWER(" + u("ROUTINE_TYPE") + "), " + u("ROUTINE_SCHEMA") + ", " + u("ROUTINE_NAME") +
          ", '', '', '', '', 0 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN " + s.in,
      "SELECT 'database', " + u("SCHEMA_NAME") + ", '', " + u("DEFAULT_CHARACTER_SET_NAME") + ", " +
          u("DEFAULT_COLLATION_NAME") +
          ", '', '', 0 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN " + s.in};
  if (!s.mariadb)  // MySQL 8's catalog of what a view reads; compare infers it elsewhere
    parts.push_back("SELECT 'reads', " + u("VIEW_SCHEMA") + ", " + u("VIEW_NAME") + ", " +
                    u("TABLE_SCHEMA") + ", " + u("TABLE_NAME") +
                    ", '', '', 0 FROM information_schema.VIEW_TABLE_USAGE WHERE VIEW_SCHEMA IN " +
                    s.in);
  std::string sql;
  std::vector<Value> params;
  for (const auto& p : parts) {
    sql += (sql.empty() ? "" : " UNION ALL ") + p;
    params.insert(params.end(), s.dbs.begin(), s.dbs.end());
  }
  sql += " ORDER BY 1, 2, 8, 3, 4, 5";
  std::vector<CatalogRow> out;
  for (const auto& r : conn.query({sql, params}))
    out.push_back(
        {text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5), text(r, 6)});
  return out;
}

SchemaObject routine(Connection& conn, const ObjectScope& s, const CatalogRow& r,
                     const std::pair<std::string, std::string>& db_default) {
  SchemaObject o;
  o.schema = r.db == s.db ? "" : r.db;
  o.name = r.name;
  o.kind = r.what == "function" ? ObjectKind::function : ObjectKind::procedure;
  // The parameter list as written is only in SHOW CREATE (PARAMETERS
  // respells int as int(11)): one statement per routine.
  const char* what = o.kind == ObjectKind::function ? "FUNCTION " : "PROCEDURE ";
  auto shown = conn.query({std::string("SHOW CREATE ") + what + qualified(r.db, o.name), {}});
  if (shown.empty() || text(shown[0], 2).empty()) return o;  // no privilege to see the body
  o.definition =
      with_schema(without_return_charset(without_definer(text(shown[0], 2)), db_default.first,
                                         db_default.second, s.default_collations),
                  o.schema);
  return o;
}

}  // namespace

void inspect_objects(Connection& conn, const ObjectScope& scope, Schema& schema) {
  std::vector<CatalogRow> rows = read_catalog(conn, scope);
  std::map<std::string, std::pair<std::string, std::string>> default_of_db;  // charset, collation
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> reads;
  for (const auto& r : rows) {
    if (r.what == "database") default_of_db[r.db] = {r.a, r.b};
    if (r.what == "reads") reads[{r.db, r.name}].push_back(r.a == scope.db ? r.b : r.a + "." + r.b);
  }
  std::vector<SchemaObject> made[3];  // routines, views, triggers: the order one makes them in
  for (const auto& r : rows) {
    const std::string schema = r.db == scope.db ? "" : r.db;
    if (r.what == "function" || r.what == "procedure") {
      SchemaObject o = routine(conn, scope, r, default_of_db[r.db]);
      if (!o.definition.empty()) made[0].push_back(std::move(o));
    } else if (r.what == "view") {
      if (r.a.empty()) continue;  // not ours to see (no SHOW VIEW privilege)
      SchemaObject o;
      o.kind = ObjectKind::view;
      o.schema = schema;
      o.name = r.name;
      // Every table of the connection's database comes back `db`.`t`:
      // without it the query means the same wherever the model is applied.
      // Another database's qualifier stays: create_view runs from the
      // connection's database, where an unqualified name looks.
      o.definition = without_qualifier(r.a, scope.db);
      if (r.b == "CASCADED" || r.b == "LOCAL") o.definition += " WITH " + r.b + " CHECK OPTION";
      o.depends_on = reads[{r.db, r.name}];
      made[1].push_back(std::move(o));
    } else if (r.what == "trigger") {
      SchemaObject o;
      o.kind = ObjectKind::trigger;
      o.schema = schema;
      o.name = r.name;
      o.table = r.a;
      o.definition = "CREATE TRIGGER " + qualified(schema, o.name) + " " + r.b + " " + r.c +
                     " ON " + qualified(schema, o.table) + " FOR EACH ROW " + r.body;
      made[2].push_back(std::move(o));
    }
  }
  for (auto& list : made)
    for (auto& o : list) schema.objects.push_back(std::move(o));
}

}  // namespace migrate::mysql
