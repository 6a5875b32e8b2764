#pragma once
// Declarative partitioning: PostgreSQL's PARTITION BY with its partitions
// (tables of their own in its catalog) and MySQL/MariaDB's PARTITION BY
// (partitions inside the one table). SQLite has none.
#include <optional>
#include <string>
#include <vector>

#include "core/base/error.hpp"

namespace migrate {

// How rows are spread. `type` is lower case: range, list or hash (both);
// MySQL's own: "range columns", "list columns", key, "linear hash",
// "linear key". The key is either columns (quoted by the dialect) or one
// SQL expression as the database prints it (PostgreSQL: the whole key list
// inside PARTITION BY's parentheses; MySQL: the expression of RANGE/LIST/HASH).
struct PartitionBy {
  std::string type;
  std::vector<std::string> columns{};
  std::string expression{};
  friend bool operator==(const PartitionBy&, const PartitionBy&) = default;
};

// One partition. `values` is the bound as SQL: PostgreSQL's text after FOR
// VALUES ("FROM ('2024-01-01') TO ('2025-01-01')", "IN (1, 2)", "WITH
// (modulus 4, remainder 0)"); MySQL's VALUES clause ("LESS THAN (10)",
// "LESS THAN MAXVALUE", "IN (1,2)"); empty for HASH/KEY on MySQL. A default
// partition (PostgreSQL DEFAULT, MariaDB's DEFAULT of a LIST) has no values.
struct Partition {
  std::string name;
  std::string values{};
  bool is_default = false;
  SourceMark mark{};
  friend bool operator==(const Partition& a, const Partition& b) {
    return a.name == b.name && a.values == b.values && a.is_default == b.is_default;
  }
};

// "range (logdate)", "hash (year(created))": for messages.
std::string describe_partitioning(const PartitionBy& p);

}  // namespace migrate
