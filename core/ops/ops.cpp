#include "core/ops/ops.hpp"

#include <algorithm>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/schema/schema_object.hpp"

namespace migrate {
namespace {

// The kind names, in OpBody's alternative order.
constexpr const char* kKinds[] = {"create_table",
                                  "drop_table",
                                  "rename_table",
                                  "add_column",
                                  "drop_column",
                                  "alter_column",
                                  "create_index",
                                  "drop_index",
                                  "create_unique_constraint",
                                  "create_foreign_key",
                                  "create_check_constraint",
                                  "create_primary_key",
                                  "drop_constraint",
                                  "execute",
                                  "bulk_insert",
                                  "alter_table_comment",
                                  "create_enum",
                                  "drop_enum",
                                  "alter_enum",
                                  "alter_table_options",
                                  "create_",
                                  "drop_",
                                  "replace_",
                                  "add_partition",
                                  "drop_partition",
                                  "alter_partitioning",
                                  "create_exclusion_constraint",
                                  "drop_exclusion_constraint"};
static_assert(std::size(kKinds) == std::variant_size_v<OpBody>);

TableRef ref_of(const Table& t) {
  return TableRef{t.schema, t.name};
}

TableRef object_table(const SchemaObject& o) {
  return o.kind == ObjectKind::trigger ? TableRef{o.schema, o.table} : TableRef{};
}

[[noreturn]] void irreversible(const Op& op, const std::string& why) {
  throw InputError(op.mark, op.kind() + " (" + op.describe() + ") cannot be reversed: " + why +
                                "; write its downgrade by hand");
}

// One attribute of an alter_column: the reverse sets it back to its existing
// value and records the new value as the existing one.
template <class T>
void swap_attribute(const Op& op, const char* name, std::optional<T>& value,
                    std::optional<T>& existing) {
  if (!value) return;
  if (!existing)
    irreversible(op, std::string("it changes ") + name + " without existing_" + name +
                         " to change it back to");
  std::swap(value, existing);
}

std::string enum_name(const std::string& schema, const std::string& name) {
  return schema.empty() ? name : schema + "." + name;
}

std::string sql_summary(const Execute& e) {
  if (e.sql.empty()) return "execute SQL";
  const std::string* sql = e.for_dialect("default");
  if (!sql) sql = &e.sql.begin()->second;
  std::string line = sql->substr(0, sql->find('\n'));
  constexpr size_t kMax = 60;
  if (line.size() > kMax || line.size() < sql->size()) line = line.substr(0, kMax) + "...";
  return "execute SQL: " + line;
}

}  // namespace

const char* to_string(ConstraintKind k) {
  switch (k) {
    case ConstraintKind::unique:
      return "unique";
    case ConstraintKind::foreign_key:
      return "foreignkey";
    case ConstraintKind::check:
      return "check";
    case ConstraintKind::primary_key:
      return "primary";
    case ConstraintKind::unknown:
      break;
  }
  return "unknown";
}

const std::string* Execute::for_dialect(const std::string& dialect) const {
  if (auto it = sql.find(dialect); it != sql.end()) return &it->second;
  if (auto it = sql.find("default"); it != sql.end()) return &it->second;
  return nullptr;
}

std::string Op::kind() const {
  if (const auto* o = std::get_if<CreateObject>(&body))
    return std::string("create_") + object_key(o->object.kind);
  if (const auto* o = std::get_if<DropObject>(&body))
    return std::string("drop_") + object_key(o->kind);
  if (const auto* o = std::get_if<ReplaceObject>(&body))
    return std::string(altered_in_place(o->object.kind) ? "alter_" : "replace_") +
           object_key(o->object.kind);
  return kKinds[body.index()];
}

std::string Op::describe() const {
  return std::visit(
      Overloaded{
          [](const CreateTable& o) { return "create table " + o.table.qualified_name(); },
          [](const DropTable& o) { return "drop table " + o.ref.qualified(); },
          [](const RenameTable& o) {
            return "rename table " + o.ref.qualified() + " to " + o.new_name;
          },
          [](const AddColumn& o) {
            return "add column " + o.ref.qualified() + "." + o.column.name;
          },
          [](const DropColumn& o) { return "drop column " + o.ref.qualified() + "." + o.column; },
          [](const AlterColumn& o) {
            std::vector<std::string> what;
            if (o.new_name) what.push_back("rename to " + *o.new_name);
            if (o.type) what.push_back("type " + o.type->str());
            if (o.nullable) what.push_back(*o.nullable ? "null" : "not null");
            if (o.server_default) what.push_back(*o.server_default ? "default" : "drop default");
            if (o.comment) what.push_back("comment");
            if (o.autoincrement)
              what.push_back(*o.autoincrement ? "autoincrement" : "no autoincrement");
            if (o.collation)
              what.push_back(*o.collation ? "collation " + **o.collation : "default collation");
            if (o.identity_always)
              what.push_back(*o.identity_always ? "identity always" : "identity by default");
            if (o.identity_options) what.push_back("identity options");
            std::string out = "alter column " + o.ref.qualified() + "." + o.column;
            for (size_t i = 0; i < what.size(); ++i) out += (i ? ", " : ": ") + what[i];
            return out;
          },
          [](const CreateIndex& o) {
            return std::string(o.index.unique ? "create unique index " : "create index ") +
                   o.index.name + " on " + o.ref.qualified();
          },
          [](const DropIndex& o) { return "drop index " + o.name + " on " + o.ref.qualified(); },
          [](const CreateUniqueConstraint& o) {
            return "create unique constraint " + o.constraint.name + " on " + o.ref.qualified();
          },
          [](const CreateForeignKey& o) {
            return "create foreign key " + o.constraint.name + " on " + o.ref.qualified();
          },
          [](const CreateCheckConstraint& o) {
            return "create check constraint " + o.constraint.name + " on " + o.ref.qualified();
          },
          [](const CreatePrimaryKey& o) {
            return "create primary key " + o.constraint.name + " on " + o.ref.qualified();
          },
          [](const DropConstraint& o) {
            return "drop constraint " + o.name + " on " + o.ref.qualified();
          },
          [](const Execute& o) { return sql_summary(o); },
          [](const BulkInsert& o) {
            return "insert " + std::to_string(o.rows.size()) +
                   (o.rows.size() == 1 ? " row into " : " rows into ") + o.ref.qualified();
          },
          [](const AlterTableComment& o) {
            return (o.comment ? "set comment of table " : "drop comment of table ") +
                   o.ref.qualified();
          },
          [](const CreateEnum& o) { return "create enum " + o.type.qualified_name(); },
          [](const DropEnum& o) { return "drop enum " + enum_name(o.schema, o.name); },
          [](const AlterEnum& o) { return "alter enum " + enum_name(o.schema, o.name); },
          [](const AlterTableOptions& o) {
            std::vector<std::string> what;
            if (o.mysql_engine) what.push_back("engine " + *o.mysql_engine);
            if (o.mysql_charset) what.push_back("charset " + *o.mysql_charset);
            if (o.mysql_collate) what.push_back("collate " + *o.mysql_collate);
            std::string out = "set options of table " + o.ref.qualified();
            for (size_t i = 0; i < what.size(); ++i) out += (i ? ", " : ": ") + what[i];
            return out;
          },
          [](const CreateObject& o) { return "create " + describe_object(o.object); },
          [](const DropObject& o) {
            return "drop " + describe_object(o.kind, enum_name(o.schema, o.name), o.table);
          },
          [](const ReplaceObject& o) {
            return std::string(altered_in_place(o.object.kind) ? "alter " : "replace ") +
                   describe_object(o.object);
          },
          [](const AddPartition& o) {
            return "add partition " + o.partition.name + " to " + o.ref.qualified();
          },
          [](const DropPartition& o) {
            return "drop partition " + o.name + " of " + o.ref.qualified();
          },
          [](const AlterPartitioning& o) {
            return o.partition_by ? "partition table " + o.ref.qualified() + " by " +
                                        describe_partitioning(*o.partition_by)
                                  : "remove partitioning of table " + o.ref.qualified();
          },
          [](const CreateExclusionConstraint& o) {
            return "create exclusion constraint " + o.constraint.name + " on " + o.ref.qualified();
          },
          [](const DropExclusionConstraint& o) {
            return "drop exclusion constraint " + o.name + " on " + o.ref.qualified();
          },
      },
      body);
}

bool Op::destructive() const {
  // A sequence made again starts over: ids it gave out would come again.
  if (const auto* d = std::get_if<DropObject>(&body)) return d->kind == ObjectKind::sequence;
  return std::holds_alternative<DropTable>(body) || std::holds_alternative<DropColumn>(body) ||
         std::holds_alternative<DropPartition>(body);
}

TableRef Op::target() const {
  return std::visit(
      Overloaded{
          [](const CreateTable& o) { return ref_of(o.table); },
          [](const Execute&) { return TableRef{}; },
          [](const CreateEnum&) { return TableRef{}; },
          [](const DropEnum&) { return TableRef{}; },
          [](const AlterEnum&) { return TableRef{}; },
          [](const CreateObject& o) { return object_table(o.object); },
          [](const DropObject& o) {
            return o.kind == ObjectKind::trigger ? TableRef{o.schema, o.table} : TableRef{};
          },
          [](const ReplaceObject& o) { return object_table(o.object); },
          [](const auto& o) { return o.ref; },
      },
      body);
}

Op reverse(const Op& op) {
  auto out = [&](OpBody b) { return Op{std::move(b), op.mark}; };
  return std::visit(
      Overloaded{
          [&](const CreateTable& o) {
            return out(DropTable{ref_of(o.table), o.table});
          },
          [&](const DropTable& o) {
            if (!o.existing) irreversible(op, "it does not carry the table it drops (`existing`)");
            Table t = *o.existing;
            t.name = o.ref.table;
            t.schema = o.ref.schema;
            return out(CreateTable{std::move(t)});
          },
          [&](const RenameTable& o) {
            return out(RenameTable{TableRef{o.ref.schema, o.new_name}, o.ref.table});
          },
          [&](const AddColumn& o) {
            return out(DropColumn{o.ref, o.column.name, o.column, o.position});
          },
          [&](const DropColumn& o) {
            if (!o.existing) irreversible(op, "it does not carry the column it drops (`existing`)");
            Column c = *o.existing;
            c.name = o.column;
            return out(AddColumn{o.ref, std::move(c), {}, {}, o.existing_position});
          },
          [&](const AlterColumn& o) {
            AlterColumn r = o;
            if (o.new_name) {
              r.column = *o.new_name;
              r.new_name = o.column;
            }
            swap_attribute(op, "type", r.type, r.existing_type);
            swap_attribute(op, "nullable", r.nullable, r.existing_nullable);
            swap_attribute(op, "default", r.server_default, r.existing_server_default);
            swap_attribute(op, "comment", r.comment, r.existing_comment);
            swap_attribute(op, "autoincrement", r.autoincrement, r.existing_autoincrement);
            swap_attribute(op, "collation", r.collation, r.existing_collation);
            swap_attribute(op, "identity", r.identity_always, r.existing_identity_always);
            swap_attribute(op, "identity_options", r.identity_options, r.existing_identity_options);
            return out(std::move(r));
          },
          [&](const CreateIndex& o) {
            return out(DropIndex{o.ref, o.index.name, o.index});
          },
          [&](const DropIndex& o) {
            if (!o.existing) irreversible(op, "it does not carry the index it drops (`existing`)");
            Index ix = *o.existing;
            ix.name = o.name;
            return out(CreateIndex{o.ref, std::move(ix)});
          },
          [&](const CreateUniqueConstraint& o) {
            return out(
                DropConstraint{o.ref, o.constraint.name, ConstraintKind::unique, o.constraint});
          },
          [&](const CreateForeignKey& o) {
            return out(DropConstraint{o.ref, o.constraint.name, ConstraintKind::foreign_key,
                                      o.constraint});
          },
          [&](const CreateCheckConstraint& o) {
            return out(
                DropConstraint{o.ref, o.constraint.name, ConstraintKind::check, o.constraint});
          },
          [&](const CreatePrimaryKey& o) {
            return out(DropConstraint{o.ref, o.constraint.name, ConstraintKind::primary_key,
                                      o.constraint});
          },
          [&](const DropConstraint& o) {
            return std::visit(
                Overloaded{
                    [&](std::monostate) -> Op {
                      irreversible(op, "it does not carry the constraint it drops (`existing`)");
                    },
                    [&](UniqueConstraint c) {
                      c.name = o.name;
                      return out(CreateUniqueConstraint{o.ref, std::move(c)});
                    },
                    [&](ForeignKey c) {
                      c.name = o.name;
                      return out(CreateForeignKey{o.ref, std::move(c)});
                    },
                    [&](CheckConstraint c) {
                      c.name = o.name;
                      return out(CreateCheckConstraint{o.ref, std::move(c)});
                    },
                    [&](PrimaryKey c) {
                      c.name = o.name;
                      return out(CreatePrimaryKey{o.ref, std::move(c)});
                    },
                },
                o.existing);
          },
          [&](const Execute&) -> Op { irreversible(op, "raw SQL has no known inverse"); },
          [&](const BulkInsert&) -> Op {
            irreversible(op, "the rows it inserts cannot be told from rows added later");
          },
          [&](const AlterTableComment& o) {
            if (!o.existing_comment)
              irreversible(op, "it does not carry the comment it replaces (`existing_comment`)");
            return out(AlterTableComment{o.ref, *o.existing_comment, o.comment});
          },
          [&](const CreateEnum& o) {
            return out(DropEnum{o.type.schema, o.type.name, o.type.values});
          },
          [&](const DropEnum& o) {
            if (!o.existing_values)
              irreversible(op, "it does not carry the values it drops (`existing_values`)");
            return out(CreateEnum{Enum{o.schema, o.name, *o.existing_values, {}}});
          },
          [&](const AlterEnum& o) {
            if (!o.existing_values)
              irreversible(op, "it does not carry the values it replaces (`existing_values`)");
            return out(AlterEnum{o.schema, o.name, *o.existing_values, o.values});
          },
          [&](const CreateObject& o) {
            return out(DropObject{o.object.kind, o.object.schema, o.object.name, o.object.table,
                                  o.object});
          },
          [&](const DropObject& o) {
            if (!o.existing)
              irreversible(op, std::string("it does not carry the ") + object_noun(o.kind) +
                                   " it drops (`existing`)");
            SchemaObject x = *o.existing;
            x.kind = o.kind;
            x.schema = o.schema;
            x.name = o.name;
            if (o.kind == ObjectKind::trigger) x.table = o.table;
            return out(CreateObject{std::move(x)});
          },
          [&](const ReplaceObject& o) {
            if (!o.existing)
              irreversible(op, std::string("it does not carry the ") + object_noun(o.object.kind) +
                                   " it replaces (`existing`)");
            return out(ReplaceObject{*o.existing, o.object});
          },
          [&](const AlterTableOptions& o) {
            // Every recorded existing value is restored, changed or not: a new
            // character set also replaces the collation, which the op may not name.
            AlterTableOptions r{o.ref, {}, {}, {}, {}, {}, {}, o.columns, {}, {}, {}, {}};
            auto back = [&](const char* name, const std::optional<std::string>& value,
                            const std::optional<std::string>& existing,
                            std::optional<std::string>& r_value,
                            std::optional<std::string>& r_existing) {
              if (value && !existing)
                irreversible(op, std::string("it sets ") + name + " without existing_" + name +
                                     " to set it back to");
              r_value = existing;
              r_existing = value;
            };
            back("mysql_engine", o.mysql_engine, o.existing_mysql_engine, r.mysql_engine,
                 r.existing_mysql_engine);
            back("mysql_charset", o.mysql_charset, o.existing_mysql_charset, r.mysql_charset,
                 r.existing_mysql_charset);
            back("mysql_collate", o.mysql_collate, o.existing_mysql_collate, r.mysql_collate,
                 r.existing_mysql_collate);
            back("mysql_row_format", o.mysql_row_format, o.existing_mysql_row_format,
                 r.mysql_row_format, r.existing_mysql_row_format);
            r.sqlite_strict = o.sqlite_strict;
            r.existing_sqlite_strict = o.existing_sqlite_strict;
            r.sqlite_with_rowid = o.sqlite_with_rowid;
            r.existing_sqlite_with_rowid = o.existing_sqlite_with_rowid;
            swap_attribute(op, "sqlite_strict", r.sqlite_strict, r.existing_sqlite_strict);
            swap_attribute(op, "sqlite_with_rowid", r.sqlite_with_rowid,
                           r.existing_sqlite_with_rowid);
            return out(std::move(r));
          },
          [&](const AddPartition& o) {
            return out(DropPartition{o.ref, o.partition.name, o.partition, o.before});
          },
          [&](const DropPartition& o) {
            if (!o.existing)
              irreversible(op, "it does not carry the partition it drops (`existing`)");
            Partition p = *o.existing;
            p.name = o.name;
            return out(AddPartition{o.ref, std::move(p), o.before});
          },
          [&](const AlterPartitioning& o) {
            if (!o.existing_partition_by)
              irreversible(op,
                           "it does not carry the partitioning it replaces "
                           "(`existing_partition_by`)");
            return out(AlterPartitioning{o.ref, *o.existing_partition_by, o.existing_partitions,
                                         o.partition_by, o.partitions});
          },
          [&](const CreateExclusionConstraint& o) {
            return out(DropExclusionConstraint{o.ref, o.constraint.name, o.constraint});
          },
          [&](const DropExclusionConstraint& o) {
            if (!o.existing)
              irreversible(op, "it does not carry the constraint it drops (`existing`)");
            ExclusionConstraint c = *o.existing;
            c.name = o.name;
            return out(CreateExclusionConstraint{o.ref, std::move(c)});
          },
      },
      op.body);
}

std::vector<Op> reverse_all(const std::vector<Op>& ops) {
  std::vector<Op> out;
  out.reserve(ops.size());
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) out.push_back(reverse(*it));
  return out;
}

}  // namespace migrate
