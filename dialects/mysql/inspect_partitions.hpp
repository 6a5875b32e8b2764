#pragma once
// The partitioning of MySQL/MariaDB tables, from information_schema.PARTITIONS
// in one query: the method and expression of each partitioned table and its
// partitions in order, each bound as a VALUES clause.
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"

namespace migrate::mysql {

// `dbs` are the databases read (`in` their "(?, ?)" list), `db` the URL's,
// whose tables have no schema. Sub-partitions are named by not_modelled.
void inspect_partitions(Connection& conn, const std::string& db, const std::vector<Value>& dbs,
                        const std::string& in, Schema& schema);

}  // namespace migrate::mysql
