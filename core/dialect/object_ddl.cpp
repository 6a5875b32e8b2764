#include "core/dialect/object_ddl.hpp"

#include <stdexcept>

#include "core/base/text.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate::ddl {

std::string create_view(const SchemaObject& o, Quote q, bool replace) {
  std::string kind = o.kind == ObjectKind::materialized_view ? "MATERIALIZED VIEW " : "VIEW ";
  return std::string("CREATE ") + (replace ? "OR REPLACE " : "") + kind +
         qualified(o.schema, o.name, q) + " AS " + o.definition;
}

std::string drop_object(ObjectKind k, const std::string& schema, const std::string& name, Quote q) {
  const char* what = "VIEW ";
  switch (k) {
    case ObjectKind::view:
      what = "VIEW ";
      break;
    case ObjectKind::materialized_view:
      what = "MATERIALIZED VIEW ";
      break;
    case ObjectKind::sequence:
      what = "SEQUENCE ";
      break;
    case ObjectKind::trigger:
      what = "TRIGGER ";
      break;
    case ObjectKind::function:
      what = "FUNCTION ";
      break;
    case ObjectKind::procedure:
      what = "PROCEDURE ";
      break;
    case ObjectKind::domain:
      what = "DOMAIN ";
      break;
    case ObjectKind::extension:  // one per database: never qualified
      return "DROP EXTENSION " + q(name);
  }
  return std::string("DROP ") + what + qualified(schema, name, q);
}

std::string or_replace(const std::string& definition) {
  std::vector<SqlToken> tokens;
  try {
    tokens = tokenize_sql(definition, SqlLexOptions{false});
  } catch (const std::invalid_argument&) {
    return definition;
  }
  if (tokens.size() < 2 || !tokens[0].is_word("create")) return definition;
  if (tokens[1].is_word("or")) return definition;
  return definition.substr(0, tokens[0].end) + " OR REPLACE" + definition.substr(tokens[0].end);
}

}  // namespace migrate::ddl
