#pragma once
// DDL of views, sequences, triggers, functions and procedures that the
// dialects spell alike but for quoting. A trigger's, function's or
// procedure's definition is the user's whole CREATE statement, run as
// written: one statement to the server, however many ';' its body holds.
#include <string>

#include "core/dialect/ddl_text.hpp"
#include "core/schema/schema.hpp"

namespace migrate::ddl {

// CREATE [MATERIALIZED] VIEW name AS query; `or_replace` adds OR REPLACE.
std::string create_view(const SchemaObject& o, Quote q, bool or_replace = false);
// DROP VIEW / DROP MATERIALIZED VIEW / DROP SEQUENCE / DROP FUNCTION ... name
// (a trigger: DROP TRIGGER name, which PostgreSQL follows with ON table).
std::string drop_object(ObjectKind k, const std::string& schema, const std::string& name, Quote q);
// The definition with CREATE turned into CREATE OR REPLACE (when it is not
// already): how a function changes in place without dropping what uses it.
std::string or_replace(const std::string& definition);

}  // namespace migrate::ddl
