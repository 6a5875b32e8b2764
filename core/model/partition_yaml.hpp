#pragma once
// `partition_by:` and `partitions:` of a table (core/schema/partition.hpp),
// read and written here for the model, create_table, drop_table's existing
// and the partition ops alike.
#include <string>
#include <vector>

#include "core/schema/schema.hpp"
#include "core/yaml/yaml_read.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {

// The table keys this file reads.
const std::vector<std::string>& partition_table_keys();  // partition_by partitions

// Reads `partition_by` and `partitions` of a table's map into `t`: a
// partition list needs a partition_by, names are unique, and the key's
// columns are the table's.
void read_partitioning(const yaml::MapReader& m, Table& t);

// {type: range, columns: [logdate]} / {type: hash, expression: "..."}.
PartitionBy read_partition_by(const yaml::Node& node, const std::string& file,
                              const std::string& what);
// {name: p1, values: "..."} / {name: p_other, default: true}.
Partition read_partition(const yaml::Node& node, const std::string& file, const std::string& what);
std::vector<Partition> read_partitions(const yaml::Node& list, const std::string& file,
                                       const std::string& what);

std::string render_partition_by(const PartitionBy& p);
std::string render_partition(const Partition& p);
yaml::Fields partition_fields(const Partition& p);
// The table body's lines for both keys (nothing for a plain table).
std::string render_partitioning(const Table& t, const std::string& pad);

}  // namespace migrate
