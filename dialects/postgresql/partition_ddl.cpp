#include "dialects/postgresql/partition_ddl.hpp"

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/dialect/ddl_text.hpp"
#include "core/sql/sql_lexer.hpp"

namespace migrate::postgresql {
namespace {

std::string qi(std::string_view ident) {
  return sql_double_quote(ident);
}

std::string qname(const std::string& schema, const std::string& name) {
  return ddl::qualified(schema, name, qi);
}

}  // namespace

std::string partition_by_clause(const Table& t) {
  if (!t.partition_by) return "";
  const PartitionBy& p = *t.partition_by;
  const std::string key = p.columns.empty() ? p.expression : ddl::column_list(p.columns, qi);
  return " PARTITION BY " + text::upper(p.type) + " (" + key + ")";
}

std::string create_partition_sql(const TableRef& parent, const Partition& p) {
  return "CREATE TABLE " + qname(parent.schema, p.name) + " PARTITION OF " +
         qname(parent.schema, parent.table) +
         (p.is_default ? std::string(" DEFAULT") : " FOR VALUES " + p.values);
}

std::vector<std::string> partition_op_sql(const AddPartition& op) {
  return {create_partition_sql(op.ref, op.partition)};
}

// The partition is a table: dropping it drops its rows (and detaches it).
std::vector<std::string> partition_op_sql(const DropPartition& op) {
  return {"DROP TABLE " + qname(op.ref.schema, op.name)};
}

void refuse(const AlterPartitioning& op, const SourceMark& at) {
  throw InputError(at, "alter_partitioning on table \"" + op.ref.qualified() +
                           "\": PostgreSQL cannot change how a table is partitioned in place; "
                           "drop the table and create it again (autogenerate writes drop_table "
                           "and create_table), copying its rows with execute if they matter");
}

}  // namespace migrate::postgresql
