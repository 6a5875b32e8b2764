#include "core/ops/difference_line.hpp"

#include "core/base/text.hpp"

namespace migrate {
namespace {

std::string cols(const std::vector<std::string>& v) {
  return "(" + text::join(v) + ")";
}

std::string cols(const std::vector<IndexKey>& keys) {
  std::vector<std::string> v;
  for (const auto& k : keys) v.push_back(k.str());
  return cols(v);
}

// "using gist (room with =, (tsrange(a, b)) with &&)"
std::string exclusion_details(const ExclusionConstraint& x) {
  std::vector<std::string> v;
  for (const auto& e : x.elements) v.push_back(e.key.str() + " with " + e.op);
  return "using " + x.using_ + " " + cols(v) + (x.where.empty() ? "" : " where " + x.where);
}

std::string value_or_none(const std::optional<std::string>& v) {
  return v ? *v : std::string("none");
}

// "(start 100, increment 5)"; "(default)" when none is stated.
std::string sequence_text(const SequenceOptions& s) {
  std::vector<std::string> parts;
  auto num = [&](const char* key, const std::optional<long long>& v) {
    if (v) parts.push_back(std::string(key) + " " + std::to_string(*v));
  };
  num("start", s.start);
  num("increment", s.increment);
  num("min_value", s.min_value);
  num("max_value", s.max_value);
  num("cache", s.cache);
  if (s.cycle) parts.push_back("cycle");
  return "(" + (parts.empty() ? std::string("default") : text::join(parts)) + ")";
}

std::string alter_details(const AlterColumn& o) {
  std::vector<std::string> parts;
  if (o.type)
    parts.push_back("type " + (o.existing_type ? o.existing_type->str() + " -> " : "") +
                    o.type->str());
  if (o.nullable)
    parts.push_back(std::string("nullable ") +
                    (o.existing_nullable ? (*o.existing_nullable ? "true -> " : "false -> ") : "") +
                    (*o.nullable ? "true" : "false"));
  if (o.server_default)
    parts.push_back(
        "default " +
        (o.existing_server_default ? value_or_none(*o.existing_server_default) + " -> " : "") +
        value_or_none(*o.server_default));
  if (o.comment)
    parts.push_back("comment " +
                    (o.existing_comment ? value_or_none(*o.existing_comment) + " -> " : "") +
                    value_or_none(*o.comment));
  if (o.autoincrement)
    parts.push_back(
        std::string("autoincrement ") +
        (o.existing_autoincrement ? (*o.existing_autoincrement ? "true -> " : "false -> ") : "") +
        (*o.autoincrement ? "true" : "false"));
  if (o.identity_always)
    parts.push_back(std::string("identity ") +
                    (o.existing_identity_always
                         ? (*o.existing_identity_always ? "always -> " : "by_default -> ")
                         : "") +
                    (*o.identity_always ? "always" : "by_default"));
  if (o.identity_options)
    parts.push_back(
        "identity options " +
        (o.existing_identity_options ? sequence_text(*o.existing_identity_options) + " -> " : "") +
        sequence_text(*o.identity_options));
  if (o.collation)
    parts.push_back("collation " +
                    (o.existing_collation ? value_or_none(*o.existing_collation) + " -> " : "") +
                    value_or_none(*o.collation));
  return text::join(parts);
}

std::string object_line(const SchemaObject& o) {
  if (o.kind == ObjectKind::trigger)
    return (o.schema.empty() ? o.table : o.schema + "." + o.table) + "." + o.name;
  return o.qualified_name();
}

}  // namespace

std::string difference_line(const Op& op) {
  const std::string table = op.target().qualified();
  std::string detail = std::visit(
      Overloaded{
          [&](const CreateTable&) { return table; },
          [&](const DropTable&) { return table; },
          [&](const RenameTable& o) { return table + " -> " + o.new_name; },
          [&](const AddColumn& o) {
            return table + "." + o.column.name + " " + o.column.type.str() +
                   (o.column.nullable ? "" : " not null");
          },
          [&](const DropColumn& o) { return table + "." + o.column; },
          [&](const AlterColumn& o) { return table + "." + o.column + " " + alter_details(o); },
          [&](const CreateIndex& o) {
            return table + "." + o.index.name + " " + cols(o.index.keys) +
                   (o.index.unique ? " unique" : "");
          },
          [&](const DropIndex& o) { return table + "." + o.name; },
          [&](const CreateUniqueConstraint& o) {
            return table + "." + o.constraint.name + " " + cols(o.constraint.columns);
          },
          [&](const CreateForeignKey& o) {
            const ForeignKey& fk = o.constraint;
            return table + "." + fk.name + " " + cols(fk.columns) + " -> " + fk.ref_table + " " +
                   cols(fk.ref_columns) +
                   (fk.on_delete.empty() ? "" : " on delete " + fk.on_delete) +
                   (fk.on_update.empty() ? "" : " on update " + fk.on_update);
          },
          [&](const CreateCheckConstraint& o) {
            return table + "." + o.constraint.name + " (" + o.constraint.expression + ")";
          },
          [&](const CreatePrimaryKey& o) {
            return table + "." + o.constraint.name + " " + cols(o.constraint.columns);
          },
          [&](const DropConstraint& o) {
            return table + "." + o.name + " (" + to_string(o.kind) + ")";
          },
          [&](const Execute&) { return op.describe(); },
          [&](const BulkInsert&) { return table; },
          [&](const AlterTableComment& o) {
            return table + (o.comment ? " " + *o.comment : std::string(" (none)"));
          },
          [&](const CreateEnum& o) { return o.type.qualified_name() + " " + cols(o.type.values); },
          [&](const DropEnum& o) { return o.name; },
          [&](const AlterEnum& o) { return o.name + " " + cols(o.values); },
          [&](const AlterTableOptions& o) {
            std::string out = table;
            auto item = [&](const char* key, const std::optional<std::string>& value,
                            const std::optional<std::string>& existing) {
              if (value)
                out += std::string(" ") + key + " " + existing.value_or("?") + " -> " + *value;
            };
            item("mysql_engine", o.mysql_engine, o.existing_mysql_engine);
            item("mysql_charset", o.mysql_charset, o.existing_mysql_charset);
            item("mysql_collate", o.mysql_collate, o.existing_mysql_collate);
            item("mysql_row_format", o.mysql_row_format, o.existing_mysql_row_format);
            auto flag = [&](const char* key, const std::optional<bool>& value,
                            const std::optional<bool>& existing) {
              auto word = [](bool b) { return std::string(b ? "true" : "false"); };
              if (value)
                out += std::string(" ") + key + " " + (existing ? word(*existing) : "?") + " -> " +
                       word(*value);
            };
            flag("sqlite_strict", o.sqlite_strict, o.existing_sqlite_strict);
            flag("sqlite_with_rowid", o.sqlite_with_rowid, o.existing_sqlite_with_rowid);
            return out;
          },
          [&](const CreateObject& o) { return object_line(o.object); },
          [&](const DropObject& o) {
            return o.kind == ObjectKind::trigger
                       ? table + "." + o.name
                       : (o.schema.empty() ? o.name : o.schema + "." + o.name);
          },
          [&](const ReplaceObject& o) { return object_line(o.object); },
          [&](const AddPartition& o) {
            return table + "." + o.partition.name +
                   (o.partition.is_default ? std::string(" DEFAULT") : " " + o.partition.values);
          },
          [&](const DropPartition& o) { return table + "." + o.name; },
          [&](const CreateExclusionConstraint& o) {
            return table + "." + o.constraint.name + " " + exclusion_details(o.constraint);
          },
          [&](const DropExclusionConstraint& o) { return table + "." + o.name; },
          [&](const AlterPartitioning& o) {
            std::vector<std::string> names;
            for (const auto& p : o.partitions) names.push_back(p.name);
            return table + (o.partition_by
                                ? " " + describe_partitioning(*o.partition_by) + " " + cols(names)
                                : std::string(" (none)"));
          },
      },
      op.body);
  return op.kind() + " " + detail;
}

}  // namespace migrate
