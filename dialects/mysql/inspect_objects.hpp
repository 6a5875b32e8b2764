#pragma once
// The views, triggers, functions and procedures of the databases inspect
// reads (Schema::objects), in their definitions as compare and the model
// take them (core/schema/schema_object.hpp).
#include <set>
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"

namespace migrate::mysql {

struct ObjectScope {
  std::string db;          // the connection's database: objects without a schema
  std::vector<Value> dbs;  // db and the other databases read, bound to `in`
  std::string in;          // "(?, ?)"
  bool mariadb = false;    // no VIEW_TABLE_USAGE
  std::set<std::string> default_collations;
};

// Appends to schema.objects: routines, then views, then triggers, the order
// one can make them in (a view may call a function, a trigger a procedure).
// Views: the query as information_schema.VIEWS holds it, without the
// qualifier of the connection's database. Triggers: CREATE TRIGGER rebuilt from
// information_schema.TRIGGERS (no DEFINER, no FOLLOWS/PRECEDES). Routines:
// SHOW CREATE without DEFINER, and without the character set and collation
// SHOW CREATE adds to a string RETURNS type when they are the database's.
void inspect_objects(Connection& conn, const ObjectScope& scope, Schema& schema);

}  // namespace migrate::mysql
