#pragma once
// PostgreSQL DDL for the enum ops. Adding values is done in place (ALTER
// TYPE ... ADD VALUE); removing or reordering them needs a new type, so the
// old one is renamed aside and every column using it converted through text.
#include <string>
#include <vector>

#include "core/ops/ops.hpp"
#include "core/schema/schema.hpp"

namespace migrate::postgresql {

std::vector<std::string> create_enum_sql(const CreateEnum& op);
std::vector<std::string> drop_enum_sql(const DropEnum& op);
// `current` is the schema before the op: the columns to convert, and the
// values the type has when the op does not say (`existing_values`).
std::vector<std::string> alter_enum_sql(const AlterEnum& op, const Schema& current);

}  // namespace migrate::postgresql
