#pragma once
// MySQL/MariaDB DDL for partitioning: the PARTITION BY clause of CREATE
// TABLE and ALTER TABLE, and the partition ops. ADD and DROP PARTITION only
// work at the end of a RANGE or LIST table's partitions; anything else (a
// partition in the middle, HASH and KEY, whose DROP PARTITION MySQL refuses)
// restates the whole partitioning, which keeps every row.
#include <string>
#include <vector>

#include "core/ops/ops.hpp"
#include "core/schema/schema.hpp"

namespace migrate::mysql {

// " PARTITION BY RANGE (`id`) (PARTITION `p0` VALUES LESS THAN (10), ...)",
// or "" for a plain table.
std::string partition_clause(const std::optional<PartitionBy>& by,
                             const std::vector<Partition>& partitions);

// `current` is the schema before the op (the table's partitioning).
std::vector<std::string> partition_op_sql(const AddPartition& op, const Schema& current,
                                          const SourceMark& at);
std::vector<std::string> partition_op_sql(const DropPartition& op, const Schema& current,
                                          const SourceMark& at);
std::vector<std::string> partition_op_sql(const AlterPartitioning& op);

}  // namespace migrate::mysql
