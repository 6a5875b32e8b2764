// What a MySQL/MariaDB database holds that the model cannot say (yet), in one
// query over the connection's database.
#include "dialects/mysql/compile.hpp"

namespace migrate {
namespace {

// Kind, name, table. Views, triggers, functions and procedures are modelled
// (inspect_objects.hpp); MariaDB's sequences, events and the rest are not.
// Inspect would read a column without its ON UPDATE, and leaves out an index of another type than
// BTREE, FULLTEXT and SPATIAL (a MEMORY table's HASH): each is named here.
constexpr const char* kInventory =
    "SELECT 'sequence' AS k, TABLE_NAME AS n, TABLE_NAME AS t FROM information_schema.TABLES "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE' "
    // A view's definition is its query: SQL SECURITY INVOKER is not in it.
    "UNION ALL SELECT 'SQL SECURITY INVOKER view', TABLE_NAME, TABLE_NAME "
    "FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() AND SECURITY_TYPE = 'INVOKER' "
    "UNION ALL SELECT 'event', EVENT_NAME, '' FROM information_schema.EVENTS "
    "WHERE EVENT_SCHEMA = DATABASE() "
    // Partitioning is modelled (inspect_partitions.cpp), but for sub-partitions
    // and MariaDB's SYSTEM_TIME partitioning of system-versioned tables.
    "UNION ALL SELECT DISTINCT 'sub-partitioned table', TABLE_NAME, TABLE_NAME "
    "FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() "
    "AND SUBPARTITION_NAME IS NOT NULL "
    "UNION ALL SELECT DISTINCT 'SYSTEM_TIME partitioned table', TABLE_NAME, TABLE_NAME "
    "FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() "
    "AND PARTITION_METHOD = 'SYSTEM_TIME' "
    "UNION ALL SELECT DISTINCT CONCAT(LOWER(INDEX_TYPE), ' index'), "
    "CONCAT(INDEX_NAME, ' on ', TABLE_NAME), TABLE_NAME FROM information_schema.STATISTICS "
    "WHERE TABLE_SCHEMA = DATABASE() AND INDEX_TYPE NOT IN ('BTREE', 'FULLTEXT', 'SPATIAL') "
    "UNION ALL SELECT 'ON UPDATE clause', CONCAT(TABLE_NAME, '.', COLUMN_NAME), TABLE_NAME "
    "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
    "AND LOWER(EXTRA) LIKE '%on update%' "
    // Table options beyond ENGINE, the character set, ROW_FORMAT (modelled)
    // and partitioning: STATS_PERSISTENT, KEY_BLOCK_SIZE, PAGE_COMPRESSED, ...
    "UNION ALL SELECT 'table option setting', CONCAT(TABLE_NAME, ' (', o, ')'), TABLE_NAME "
    "FROM (SELECT TABLE_NAME, TRIM(REGEXP_REPLACE(CREATE_OPTIONS, "
    "'(^| )(partitioned|row_format=[A-Za-z_]+)( |$)', ' ')) AS o FROM information_schema.TABLES "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE') opts WHERE o <> '' "
    "ORDER BY 1, 2";

}  // namespace

std::vector<NotModelled> MysqlDialect::not_modelled(Connection& conn) const {
  return read_not_modelled(conn, kInventory);
}

}  // namespace migrate
