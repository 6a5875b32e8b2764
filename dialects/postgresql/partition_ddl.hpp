#pragma once
// PostgreSQL DDL for declarative partitioning: the parent's PARTITION BY
// clause, and each partition as a table of its own (CREATE TABLE ...
// PARTITION OF parent FOR VALUES ...), which takes the parent's columns,
// keys and indexes.
#include <string>
#include <vector>

#include "core/ops/ops.hpp"
#include "core/schema/schema.hpp"

namespace migrate::postgresql {

// " PARTITION BY RANGE (...)" for a partitioned table, "" for a plain one.
std::string partition_by_clause(const Table& t);
// A partition lives in its parent's schema.
std::string create_partition_sql(const TableRef& parent, const Partition& p);
std::vector<std::string> partition_op_sql(const AddPartition& op);
std::vector<std::string> partition_op_sql(const DropPartition& op);
// PostgreSQL cannot re-partition a table in place: refused, naming the table.
[[noreturn]] void refuse(const AlterPartitioning& op, const SourceMark& at);

}  // namespace migrate::postgresql
