#include "dialects/mysql/partition_ddl.hpp"

#include <algorithm>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/dialect/ddl_text.hpp"
#include "dialects/mysql/sql_text.hpp"

namespace migrate::mysql {
namespace {

std::string qi(std::string_view ident) {
  return backquote(ident);
}

std::string qref(const TableRef& r) {
  return ddl::qualified(r.schema, r.table, qi);
}

bool by_values(const PartitionBy& by) {
  return by.type.rfind("range", 0) == 0 || by.type.rfind("list", 0) == 0;
}

std::string partition_sql(const Partition& p) {
  std::string s = "PARTITION " + qi(p.name);
  if (p.is_default) return s + " DEFAULT";
  return p.values.empty() ? s : s + " VALUES " + p.values;
}

const Table& partitioned(const Schema& current, const TableRef& ref, const std::string& kind,
                         const SourceMark& at) {
  const Table* t = current.table(ref.table, ref.schema);
  if (!t || !t->partition_by)
    throw InputError(at, kind + " on table \"" + ref.qualified() +
                             "\": the table is not known here as a partitioned table");
  return *t;
}

std::vector<std::string> restate(const TableRef& ref, const Table& t,
                                 const std::vector<Partition>& partitions) {
  return {"ALTER TABLE " + qref(ref) + partition_clause(t.partition_by, partitions)};
}

}  // namespace

std::string partition_clause(const std::optional<PartitionBy>& by,
                             const std::vector<Partition>& partitions) {
  if (!by) return "";
  std::string key = by->columns.empty() ? by->expression : ddl::column_list(by->columns, qi);
  std::string s = " PARTITION BY " + text::upper(by->type) + " (" + key + ")";
  if (partitions.empty()) return s;
  std::vector<std::string> parts;
  for (const auto& p : partitions) parts.push_back(partition_sql(p));
  return s + " (" + text::join(parts, ", ") + ")";
}

std::vector<std::string> partition_op_sql(const AddPartition& op, const Schema& current,
                                          const SourceMark& at) {
  const Table& t = partitioned(current, op.ref, "add_partition", at);
  if (by_values(*t.partition_by) && op.before.empty())
    return {"ALTER TABLE " + qref(op.ref) + " ADD PARTITION (" + partition_sql(op.partition) + ")"};
  std::vector<Partition> ps = t.partitions;
  auto at_before =
      std::find_if(ps.begin(), ps.end(), [&](const Partition& p) { return p.name == op.before; });
  ps.insert(op.before.empty() ? ps.end() : at_before, op.partition);
  return restate(op.ref, t, ps);
}

std::vector<std::string> partition_op_sql(const DropPartition& op, const Schema& current,
                                          const SourceMark& at) {
  const Table& t = partitioned(current, op.ref, "drop_partition", at);
  if (by_values(*t.partition_by))
    return {"ALTER TABLE " + qref(op.ref) + " DROP PARTITION " + qi(op.name)};
  // A HASH or KEY partition's rows go to the others.
  std::vector<Partition> ps = t.partitions;
  std::erase_if(ps, [&](const Partition& p) { return p.name == op.name; });
  return restate(op.ref, t, ps);
}

std::vector<std::string> partition_op_sql(const AlterPartitioning& op) {
  if (!op.partition_by) return {"ALTER TABLE " + qref(op.ref) + " REMOVE PARTITIONING"};
  return {"ALTER TABLE " + qref(op.ref) + partition_clause(op.partition_by, op.partitions)};
}

}  // namespace migrate::mysql
