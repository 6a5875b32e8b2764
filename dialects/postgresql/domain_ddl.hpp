#pragma once
// PostgreSQL DDL for domains and extensions, the types (and what brings
// them) that tables use. A domain's default, NOT NULL and checks change in
// place (ALTER DOMAIN); its base type or collation cannot, so it is made
// again, which the server refuses while a column uses it. An extension
// moves with SET SCHEMA and changes version with UPDATE TO.
#include <string>
#include <vector>

#include "core/schema/schema.hpp"

namespace migrate::postgresql {

std::vector<std::string> create_domain_sql(const SchemaObject& o);
// `existing`: the domain before (the op's `existing:`); without it every
// part is stated again, and a check is dropped only when the op names it.
std::vector<std::string> alter_domain_sql(const SchemaObject& o, const SchemaObject* existing);

std::vector<std::string> create_extension_sql(const SchemaObject& o);
std::vector<std::string> drop_extension_sql(const std::string& name);
std::vector<std::string> alter_extension_sql(const SchemaObject& o, const SchemaObject* existing);

}  // namespace migrate::postgresql
