#pragma once
// The order tables are created in: a table before the tables that reference
// it, so every foreign key can be written inside its CREATE TABLE. Tables
// that reference each other (a cycle) cannot all be: the keys that close a
// cycle are left out and added once every table exists. Dropping uses the
// same order reversed.
#include <cstddef>
#include <utility>
#include <vector>

#include "core/schema/schema.hpp"

namespace migrate {

struct CreateOrder {
  std::vector<size_t> order;  // indexes into the tables given, parents first
  // (table, foreign key) indexes of the keys left out of CREATE TABLE.
  std::vector<std::pair<size_t, size_t>> deferred;
};

// Only keys between the tables given count; a key to any other table (or to
// its own table) never delays one. Deterministic: ties keep the given order,
// and a cycle is broken at its table that comes first.
CreateOrder order_by_dependencies(const std::vector<const Table*>& tables);

// Whether `fk`, declared on `from`, points at table `to`. An unqualified
// reference means a table in `from`'s own schema.
bool references(const Table& from, const ForeignKey& fk, const Table& to);

}  // namespace migrate
