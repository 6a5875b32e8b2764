#include "core/ops/op_equal.hpp"

#include <algorithm>

namespace migrate {
namespace {

bool eq(const TableRef& a, const TableRef& b) {
  return a.schema == b.schema && a.table == b.table;
}

bool eq(const CreateTable& a, const CreateTable& b) {
  return same_table(a.table, b.table);
}
bool eq(const DropTable& a, const DropTable& b) {
  return eq(a.ref, b.ref) && a.existing.has_value() == b.existing.has_value() &&
         (!a.existing || same_table(*a.existing, *b.existing));
}
bool eq(const RenameTable& a, const RenameTable& b) {
  return eq(a.ref, b.ref) && a.new_name == b.new_name;
}
bool eq(const AddColumn& a, const AddColumn& b) {
  return eq(a.ref, b.ref) && a.column == b.column && a.uniques == b.uniques &&
         a.foreign_keys == b.foreign_keys && a.position == b.position;
}
bool eq(const DropColumn& a, const DropColumn& b) {
  return eq(a.ref, b.ref) && a.column == b.column && a.existing == b.existing &&
         a.existing_position == b.existing_position;
}
bool eq(const AlterColumn& a, const AlterColumn& b) {
  return eq(a.ref, b.ref) && a.column == b.column && a.type == b.type && a.nullable == b.nullable &&
         a.server_default == b.server_default && a.new_name == b.new_name &&
         a.comment == b.comment && a.existing_type == b.existing_type &&
         a.existing_nullable == b.existing_nullable &&
         a.existing_server_default == b.existing_server_default &&
         a.existing_comment == b.existing_comment && a.autoincrement == b.autoincrement &&
         a.existing_autoincrement == b.existing_autoincrement && a.collation == b.collation &&
         a.existing_collation == b.existing_collation && a.identity_always == b.identity_always &&
         a.existing_identity_always == b.existing_identity_always &&
         a.identity_options == b.identity_options &&
         a.existing_identity_options == b.existing_identity_options;
}
bool eq(const CreateIndex& a, const CreateIndex& b) {
  return eq(a.ref, b.ref) && a.index == b.index;
}
bool eq(const DropIndex& a, const DropIndex& b) {
  return eq(a.ref, b.ref) && a.name == b.name && a.existing == b.existing;
}
bool eq(const CreateUniqueConstraint& a, const CreateUniqueConstraint& b) {
  return eq(a.ref, b.ref) && a.constraint == b.constraint;
}
bool eq(const CreateForeignKey& a, const CreateForeignKey& b) {
  return eq(a.ref, b.ref) && a.constraint == b.constraint;
}
bool eq(const CreateCheckConstraint& a, const CreateCheckConstraint& b) {
  return eq(a.ref, b.ref) && a.constraint == b.constraint;
}
bool eq(const CreatePrimaryKey& a, const CreatePrimaryKey& b) {
  return eq(a.ref, b.ref) && a.constraint == b.constraint;
}
bool eq(const DropConstraint& a, const DropConstraint& b) {
  return eq(a.ref, b.ref) && a.name == b.name && a.kind == b.kind && a.existing == b.existing;
}
bool eq(const Execute& a, const Execute& b) {
  return a.sql == b.sql;
}
bool eq(const BulkInsert& a, const BulkInsert& b) {
  return eq(a.ref, b.ref) && a.rows == b.rows;
}
bool eq(const AlterTableComment& a, const AlterTableComment& b) {
  return eq(a.ref, b.ref) && a.comment == b.comment && a.existing_comment == b.existing_comment;
}
bool eq(const CreateEnum& a, const CreateEnum& b) {
  return a.type == b.type;
}
bool eq(const DropEnum& a, const DropEnum& b) {
  return a.schema == b.schema && a.name == b.name && a.existing_values == b.existing_values;
}
bool eq(const AlterEnum& a, const AlterEnum& b) {
  return a.schema == b.schema && a.name == b.name && a.values == b.values &&
         a.existing_values == b.existing_values;
}
bool eq(const AlterTableOptions& a, const AlterTableOptions& b) {
  return eq(a.ref, b.ref) && a.mysql_engine == b.mysql_engine &&
         a.mysql_charset == b.mysql_charset && a.mysql_collate == b.mysql_collate &&
         a.existing_mysql_engine == b.existing_mysql_engine &&
         a.existing_mysql_charset == b.existing_mysql_charset &&
         a.existing_mysql_collate == b.existing_mysql_collate && a.columns == b.columns &&
         a.sqlite_strict == b.sqlite_strict && a.sqlite_with_rowid == b.sqlite_with_rowid &&
         a.existing_sqlite_strict == b.existing_sqlite_strict &&
         a.existing_sqlite_with_rowid == b.existing_sqlite_with_rowid &&
         a.mysql_row_format == b.mysql_row_format &&
         a.existing_mysql_row_format == b.existing_mysql_row_format;
}

bool eq(const CreateObject& a, const CreateObject& b) {
  return a.object == b.object;
}
bool eq(const DropObject& a, const DropObject& b) {
  return a.kind == b.kind && a.schema == b.schema && a.name == b.name && a.table == b.table &&
         a.existing == b.existing;
}
bool eq(const ReplaceObject& a, const ReplaceObject& b) {
  return a.object == b.object && a.existing == b.existing;
}
bool eq(const AddPartition& a, const AddPartition& b) {
  return eq(a.ref, b.ref) && a.partition == b.partition && a.before == b.before;
}
bool eq(const DropPartition& a, const DropPartition& b) {
  return eq(a.ref, b.ref) && a.name == b.name && a.existing == b.existing && a.before == b.before;
}
bool eq(const AlterPartitioning& a, const AlterPartitioning& b) {
  return eq(a.ref, b.ref) && a.partition_by == b.partition_by && a.partitions == b.partitions &&
         a.existing_partition_by == b.existing_partition_by &&
         a.existing_partitions == b.existing_partitions;
}

bool eq(const CreateExclusionConstraint& a, const CreateExclusionConstraint& b) {
  return eq(a.ref, b.ref) && a.constraint == b.constraint;
}
bool eq(const DropExclusionConstraint& a, const DropExclusionConstraint& b) {
  return eq(a.ref, b.ref) && a.name == b.name && a.existing == b.existing;
}

}  // namespace

bool same_table(const Table& a, const Table& b) {
  return a.schema == b.schema && a.name == b.name && a.columns == b.columns &&
         a.primary_key == b.primary_key && a.indexes == b.indexes && a.uniques == b.uniques &&
         a.foreign_keys == b.foreign_keys && a.checks == b.checks && a.comment == b.comment &&
         a.mysql_engine == b.mysql_engine && a.mysql_charset == b.mysql_charset &&
         a.mysql_collate == b.mysql_collate && a.mysql_row_format == b.mysql_row_format &&
         a.sqlite_strict == b.sqlite_strict && a.sqlite_with_rowid == b.sqlite_with_rowid &&
         a.partition_by == b.partition_by && a.partitions == b.partitions &&
         a.exclusions == b.exclusions;
}

bool same_op(const Op& a, const Op& b) {
  if (a.body.index() != b.body.index()) return false;
  return std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        return eq(x, std::get<T>(b.body));
      },
      a.body);
}

bool same_ops(const std::vector<Op>& a, const std::vector<Op>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same_op);
}

}  // namespace migrate
