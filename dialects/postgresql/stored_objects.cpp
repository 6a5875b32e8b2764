// The model's views, sequences, triggers, functions and procedures as
// PostgreSQL stores them: each made (in a transaction that is rolled back)
// the way its revision would make it, and read back through the catalog
// functions inspect uses, so that how the user spells a query or a body is
// never a difference, only what the server makes of it.
#include <map>
#include <set>
#include <tuple>

#include "core/compare/compare_objects.hpp"
#include "core/dialect/object_ddl.hpp"
#include "core/schema/schema_object.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/postgresql/catalog_row.hpp"
#include "dialects/postgresql/compile.hpp"
#include "dialects/postgresql/inspect_objects.hpp"
#include "dialects/postgresql/object_ddl.hpp"

namespace migrate {
namespace {

std::string qi(std::string_view ident) {
  return sql_double_quote(ident);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// What takes an existing object of that name out of the way first, so the
// model's is made whatever the database holds now (CASCADE: what depends on
// it goes too, until the rollback).
std::string drop_existing(const SchemaObject& o) {
  const std::string name = ddl::qualified(o.schema, o.name, qi);
  switch (o.kind) {
    case ObjectKind::view:
      return "DROP VIEW IF EXISTS " + name + " CASCADE";
    case ObjectKind::materialized_view:
      return "DROP MATERIALIZED VIEW IF EXISTS " + name + " CASCADE";
    case ObjectKind::sequence:
      return "DROP SEQUENCE IF EXISTS " + name + " CASCADE";
    case ObjectKind::trigger:
      return "DROP TRIGGER IF EXISTS " + qi(o.name) + " ON " +
             ddl::qualified(o.schema, o.table, qi);
    case ObjectKind::function:
      return "DROP FUNCTION IF EXISTS " + name + " CASCADE";
    case ObjectKind::procedure:
      return "DROP PROCEDURE IF EXISTS " + name + " CASCADE";
    case ObjectKind::domain:  // made under a name of its own: see stored_objects
      return "DROP DOMAIN IF EXISTS " + name;
    case ObjectKind::extension:
      return "";  // never made here: see stored_objects
  }
  return "";
}

// The statements that make `o` as create_<kind> would; a materialized view
// without its rows, which only the catalog's text is wanted of.
std::vector<std::string> make(const SchemaObject& o) {
  std::vector<std::string> out = postgresql::create_object_sql(o);
  if (o.kind == ObjectKind::materialized_view && !out.empty()) out[0] += " WITH NO DATA";
  return out;
}

void run_all(Connection& conn, const std::vector<std::string>& statements) {
  for (const auto& sql : statements) conn.execute({sql, {}});
}

// Makes `o` inside a savepoint; false (and nothing left behind) when the
// server refuses it. A function is first replaced in place, which keeps the
// triggers that call it; only when that fails (another return type) is it
// dropped and made again.
bool made(Connection& conn, const SchemaObject& o) {
  const bool routine = o.kind == ObjectKind::function || o.kind == ObjectKind::procedure;
  conn.execute({"SAVEPOINT migrate_stored", {}});
  try {
    if (routine) {
      run_all(conn, {ddl::or_replace(o.definition)});
    } else {
      run_all(conn, {drop_existing(o)});
      run_all(conn, make(o));
    }
    conn.execute({"RELEASE SAVEPOINT migrate_stored", {}});
    return true;
  } catch (const DatabaseError&) {
    conn.execute({"ROLLBACK TO SAVEPOINT migrate_stored", {}});
  }
  if (routine) {
    try {
      run_all(conn, {drop_existing(o), o.definition});
      conn.execute({"RELEASE SAVEPOINT migrate_stored", {}});
      return true;
    } catch (const DatabaseError&) {
      conn.execute({"ROLLBACK TO SAVEPOINT migrate_stored", {}});
    }
  }
  conn.execute({"RELEASE SAVEPOINT migrate_stored", {}});
  return false;
}

}  // namespace

std::vector<SchemaObject> PostgresDialect::stored_objects(
    Connection& conn, const std::vector<SchemaObject>& objects) const {
  std::vector<SchemaObject> out = objects;
  // Each is made after what it names among the others, so a view over a
  // view the model adds finds it.
  std::set<std::string> names;
  for (const auto& o : objects) {
    names.insert(lower(o.name));
    if (!o.schema.empty()) names.insert(lower(o.schema + "." + o.name));
  }
  std::vector<SchemaObject> named = objects;
  std::vector<const SchemaObject*> ptrs;
  for (auto& o : named) {
    if (o.depends_on.empty()) o.depends_on = mentioned_names(o, names);
    ptrs.push_back(&o);
  }
  const std::string current =
      postgresql::text(conn.query({"SELECT current_schema()", {}}).at(0), 0);
  // The caller holds no transaction here (check and autogenerate compare
  // outside one): this one is rolled back whatever happens.
  conn.begin();
  try {
    // Making them locks what they replace and the tables they are on: a
    // compare waits for the application no longer than this (one that
    // times out keeps the model's text).
    conn.execute({"SET LOCAL lock_timeout = '10s'", {}});
    std::vector<size_t> made_ones;
    // A domain is made beside the one it replaces, under a name of its own:
    // dropping that one would take the columns that use it (and lock their
    // tables) until the rollback. An extension is read as it is (name,
    // schema, version): nothing to spell.
    std::vector<std::string> made_as(objects.size());
    for (size_t i : creation_order(ptrs)) {
      if (objects[i].kind == ObjectKind::extension) continue;
      SchemaObject o = objects[i];
      if (o.kind == ObjectKind::domain) o.name = "migrate_stored_domain_" + std::to_string(i);
      made_as[i] = o.name;
      if (made(conn, o)) made_ones.push_back(i);
    }
    // Read back all at once, as inspect reads them (what CASCADE took away
    // again, or an overloaded name, is not found: it keeps the model's text).
    std::map<std::tuple<ObjectKind, std::string, std::string, std::string>, SchemaObject> back;
    for (auto& o : postgresql::inspect_objects(conn, current)) {
      auto key = std::make_tuple(o.kind, o.schema, o.name, o.table);
      back.emplace(std::move(key), std::move(o));
    }
    for (size_t i : made_ones) {
      const SchemaObject& o = objects[i];
      // inspect names the current schema "", whether or not the model spells it out.
      const std::string schema = o.schema == current ? "" : o.schema;
      auto it = back.find(
          {o.kind, schema, made_as[i], o.kind == ObjectKind::trigger ? o.table : std::string()});
      if (it == back.end()) continue;
      out[i] = it->second;
      out[i].name = o.name;
      out[i].schema = o.schema;
      out[i].mark = o.mark;
    }
  } catch (...) {
    conn.rollback();
    throw;
  }
  conn.rollback();
  return out;
}

}  // namespace migrate
