#pragma once
// "Never silently drop": what the database holds that the model cannot say
// (core/schema/not_modelled.hpp), as the commands that read a catalog report
// it: inspect warns that its schema.yaml lacks them, check, diff and
// autogenerate that they did not compare them.
#include <string>
#include <vector>

#include "core/compare/compare.hpp"
#include "core/schema/not_modelled.hpp"
#include "project/workspace.hpp"

namespace migrate::project {

// The database's objects the model cannot say, less those of tables that
// include_tables / exclude_tables leave out (the globs apply to every kind).
std::vector<NotModelled> not_modelled(Database& db, const CompareSettings& s);

// The warning of a command that compared tables only: "not compared: ...";
// nothing when `items` is empty.
void warn_not_compared(const std::vector<NotModelled>& items);

}  // namespace migrate::project
