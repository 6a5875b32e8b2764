#pragma once
// Pieces of DDL every dialect spells the same way but for how it quotes an
// identifier: qualified names, column lists, CONSTRAINT prefixes, FOREIGN
// KEY clauses. Each takes the dialect's quoting function.
#include <string>
#include <string_view>
#include <vector>

#include "core/schema/schema.hpp"

namespace migrate::ddl {

using Quote = std::string (*)(std::string_view);

std::string qualified(const std::string& schema, const std::string& name, Quote q);
std::string column_list(const std::vector<std::string>& columns, Quote q);
std::string constraint(const std::string& name, Quote q);  // "CONSTRAINT x " or ""
std::string foreign_key(const ForeignKey& fk, Quote q);    // [CONSTRAINT x] FOREIGN KEY ...
// " DEFERRABLE INITIALLY DEFERRED", or "" for a constraint that is not deferrable.
std::string deferrable(const Deferrable& d);

}  // namespace migrate::ddl
