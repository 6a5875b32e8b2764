#include <fmt/format.h>

#include <cmath>

#include "core/base/text.hpp"
#include "core/model/exclusion_yaml.hpp"
#include "core/model/object_yaml.hpp"
#include "core/model/partition_yaml.hpp"
#include "core/model/sequence_yaml.hpp"
#include "core/model/table_yaml.hpp"
#include "core/script/op_yaml.hpp"
#include "core/script/script.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {
namespace {

constexpr size_t kLineLimit = 100;

TableRef ref_of_table(const Table& t) {
  return TableRef{t.schema, t.name};
}

yaml::Fields ref_fields(const TableRef& ref) {
  yaml::Fields f = {{"table", yaml::str(ref.table)}};
  if (!ref.schema.empty()) f.emplace_back("schema", yaml::str(ref.schema));
  return f;
}

void position_fields(yaml::Fields& f, const ColumnPosition& p, const char* after,
                     const char* first) {
  if (!p.after.empty()) f.emplace_back(after, yaml::str(p.after));
  if (p.first) f.emplace_back(first, "true");
}

yaml::Fields enum_fields(const std::string& schema, const std::string& name) {
  yaml::Fields f = {{"name", yaml::str(name)}};
  if (!schema.empty()) f.emplace_back("schema", yaml::str(schema));
  return f;
}

yaml::Fields object_identity(ObjectKind k, const std::string& schema, const std::string& name,
                             const std::string& table) {
  yaml::Fields f = {{"name", yaml::str(name)}};
  if (!schema.empty()) f.emplace_back("schema", yaml::str(schema));
  if (k == ObjectKind::trigger) f.emplace_back("table", yaml::str(table));
  return f;
}

bool has_newline(const yaml::Fields& f) {
  for (const auto& [key, value] : f)
    if (value.find('\n') != std::string::npos) return true;
  return false;
}

std::string optional_text(const std::optional<std::string>& v) {
  return v ? yaml::str(*v) : "null";
}

// How one op is laid out: fields on one flow line when short, else a block
// map; `tail` holds block-only parts (table bodies, row lists) after the fields.
struct Layout {
  yaml::Fields fields;
  std::string tail;  // lines already indented relative to the fields, each ending in '\n'
  bool block = false;
};

std::string render_rows(const BulkInsert& o, const std::string& pad) {
  std::string out;
  for (const auto& row : o.rows) {
    yaml::Fields f;
    for (const auto& [column, value] : row) f.emplace_back(yaml::str(column), render_value(value));
    out += pad + "  - " + yaml::flow_map(f) + "\n";
  }
  return out;
}

// Fields of a single constraint/index op: TableRef, then the constraint's own
// flow map spliced in (its keys are the op's keys).
yaml::Fields with_ref(const TableRef& ref, const yaml::Fields& own) {
  yaml::Fields f = ref_fields(ref);
  f.insert(f.end(), own.begin(), own.end());
  return f;
}

yaml::Fields foreign_key_fields(const ForeignKey& fk, bool named) {
  yaml::Fields ref = {{"table", yaml::str(fk.ref_table)},
                      {"columns", yaml::flow_list(fk.ref_columns)}};
  if (!fk.ref_schema.empty()) ref.emplace_back("schema", yaml::str(fk.ref_schema));
  yaml::Fields f;
  if (named) f.emplace_back("name", yaml::str(fk.name));
  f.emplace_back("columns", yaml::flow_list(fk.columns));
  f.emplace_back("references", yaml::flow_map(ref));
  if (!fk.on_delete.empty()) f.emplace_back("on_delete", yaml::str(fk.on_delete));
  if (!fk.on_update.empty()) f.emplace_back("on_update", yaml::str(fk.on_update));
  put_deferrable(f, fk.deferrable);
  return f;
}

yaml::Fields unique_fields(const UniqueConstraint& u, bool named) {
  yaml::Fields f;
  if (named) f.emplace_back("name", yaml::str(u.name));
  f.emplace_back("columns", yaml::flow_list(u.columns));
  put_deferrable(f, u.deferrable);
  if (u.nulls_not_distinct) f.emplace_back("nulls_not_distinct", "true");
  return f;
}

// `existing: {...}` of a drop or replace: on the op's line when short, a
// block map below its fields otherwise.
void existing_object(Layout& l, const SchemaObject& existing, const std::string& pad) {
  yaml::Fields inline_fields = object_body_fields(existing, static_cast<int>(pad.size()) + 6);
  if (existing.kind == ObjectKind::extension && !existing.schema.empty())
    inline_fields.insert(inline_fields.begin(), {"schema", yaml::str(existing.schema)});
  if (!has_newline(inline_fields)) {
    l.fields.emplace_back("existing", yaml::flow_map(inline_fields));
    return;
  }
  l.block = true;
  l.tail += pad + "    existing:\n";
  for (const auto& [key, value] : inline_fields)
    l.tail += pad + "      " + key + ": " + value + "\n";
}

// Which object, then what it is: a block when a definition spans lines.
Layout object_layout(const SchemaObject& x, const std::string& pad) {
  Layout l{object_identity(x.kind, x.schema, x.name, x.table), "", false};
  for (auto& f : object_body_fields(x, static_cast<int>(pad.size()) + 4))
    l.fields.push_back(std::move(f));
  l.block = has_newline(l.fields);
  return l;
}

Layout layout(const Op& op, const std::string& pad) {
  return std::visit(
      Overloaded{
          [&](const CreateTable& o) {
            Layout l{ref_fields(ref_of_table(o.table)), "", true};
            l.tail = render_table_body(o.table, static_cast<int>(pad.size()) + 4);
            return l;
          },
          [&](const DropTable& o) {
            Layout l{ref_fields(o.ref), "", false};
            if (o.existing) {
              l.block = true;
              l.tail = pad + "    existing:\n" +
                       render_table_body(*o.existing, static_cast<int>(pad.size()) + 6);
            }
            return l;
          },
          [&](const RenameTable& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("new_name", yaml::str(o.new_name));
            return Layout{f, "", false};
          },
          [&](const AddColumn& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("column", render_column(o.column));
            position_fields(f, o.position, "after", "first");
            Layout l{f, "", true};
            auto list = [&](const std::string& key, const auto& items, const auto& render) {
              if (items.empty()) return;
              l.tail += pad + "    " + key + ":\n";
              for (const auto& item : items) l.tail += pad + "      - " + render(item) + "\n";
            };
            list("unique_constraints", o.uniques, render_unique);
            list("foreign_keys", o.foreign_keys, render_foreign_key);
            return l;
          },
          [&](const DropColumn& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("column", yaml::str(o.column));
            if (o.existing) {
              Column c = *o.existing;
              c.name = o.column;
              f.emplace_back("existing", render_column(c));
            }
            position_fields(f, o.existing_position, "existing_after", "existing_first");
            return Layout{f, "", false};
          },
          [&](const AlterColumn& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("column", yaml::str(o.column));
            if (o.new_name) f.emplace_back("new_name", yaml::str(*o.new_name));
            if (o.type) f.emplace_back("type", yaml::str(o.type->str()));
            if (o.nullable) f.emplace_back("nullable", *o.nullable ? "true" : "false");
            if (o.server_default) f.emplace_back("default", optional_text(*o.server_default));
            if (o.comment) f.emplace_back("comment", optional_text(*o.comment));
            if (o.autoincrement)
              f.emplace_back("autoincrement", *o.autoincrement ? "true" : "false");
            if (o.collation) f.emplace_back("collation", optional_text(*o.collation));
            if (o.identity_always)
              f.emplace_back("identity", *o.identity_always ? "always" : "by_default");
            auto options = [&](const char* key, const std::optional<SequenceOptions>& v) {
              if (!v) return;
              yaml::Fields given;
              put_sequence_options(given, *v);
              f.emplace_back(key, yaml::flow_map(given));
            };
            options("identity_options", o.identity_options);
            if (o.existing_type) f.emplace_back("existing_type", yaml::str(o.existing_type->str()));
            if (o.existing_nullable)
              f.emplace_back("existing_nullable", *o.existing_nullable ? "true" : "false");
            if (o.existing_server_default)
              f.emplace_back("existing_default", optional_text(*o.existing_server_default));
            if (o.existing_comment)
              f.emplace_back("existing_comment", optional_text(*o.existing_comment));
            if (o.existing_autoincrement)
              f.emplace_back("existing_autoincrement",
                             *o.existing_autoincrement ? "true" : "false");
            if (o.existing_collation)
              f.emplace_back("existing_collation", optional_text(*o.existing_collation));
            if (o.existing_identity_always)
              f.emplace_back("existing_identity",
                             *o.existing_identity_always ? "always" : "by_default");
            options("existing_identity_options", o.existing_identity_options);
            return Layout{f, "", false};
          },
          [&](const CreateIndex& o) {
            return Layout{with_ref(o.ref, index_fields(o.index, true)), "", false};
          },
          [&](const DropIndex& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("name", yaml::str(o.name));
            if (o.existing) {
              f.emplace_back("existing", yaml::flow_map(index_fields(*o.existing, false)));
            }
            return Layout{f, "", false};
          },
          [&](const CreateUniqueConstraint& o) {
            return Layout{with_ref(o.ref, unique_fields(o.constraint, true)), "", false};
          },
          [&](const CreateForeignKey& o) {
            return Layout{with_ref(o.ref, foreign_key_fields(o.constraint, true)), "", false};
          },
          [&](const CreateCheckConstraint& o) {
            return Layout{with_ref(o.ref, {{"name", yaml::str(o.constraint.name)},
                                           {"expression", yaml::str(o.constraint.expression)}}),
                          "", false};
          },
          [&](const CreatePrimaryKey& o) {
            return Layout{with_ref(o.ref, {{"name", yaml::str(o.constraint.name)},
                                           {"columns", yaml::flow_list(o.constraint.columns)}}),
                          "", false};
          },
          [&](const DropConstraint& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("name", yaml::str(o.name));
            if (o.kind != ConstraintKind::unknown) f.emplace_back("type", to_string(o.kind));
            std::visit(
                Overloaded{
                    [](std::monostate) {},
                    [&](const UniqueConstraint& c) {
                      f.emplace_back("existing", yaml::flow_map(unique_fields(c, false)));
                    },
                    [&](const ForeignKey& c) {
                      f.emplace_back("existing", yaml::flow_map(foreign_key_fields(c, false)));
                    },
                    [&](const CheckConstraint& c) {
                      f.emplace_back("existing",
                                     yaml::flow_map({{"expression", yaml::str(c.expression)}}));
                    },
                    [&](const PrimaryKey& c) {
                      f.emplace_back("existing",
                                     yaml::flow_map({{"columns", yaml::flow_list(c.columns)}}));
                    },
                },
                o.existing);
            return Layout{f, "", false};
          },
          [&](const Execute&) { return Layout{}; },  // rendered by render_execute
          [&](const AlterTableComment& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("comment", optional_text(o.comment));
            if (o.existing_comment)
              f.emplace_back("existing_comment", optional_text(*o.existing_comment));
            return Layout{f, "", false};
          },
          [&](const CreateEnum& o) {
            auto f = enum_fields(o.type.schema, o.type.name);
            f.emplace_back("values", yaml::flow_list(o.type.values));
            return Layout{f, "", false};
          },
          [&](const DropEnum& o) {
            auto f = enum_fields(o.schema, o.name);
            if (o.existing_values)
              f.emplace_back("existing_values", yaml::flow_list(*o.existing_values));
            return Layout{f, "", false};
          },
          [&](const AlterEnum& o) {
            auto f = enum_fields(o.schema, o.name);
            f.emplace_back("values", yaml::flow_list(o.values));
            if (o.existing_values)
              f.emplace_back("existing_values", yaml::flow_list(*o.existing_values));
            return Layout{f, "", false};
          },
          [&](const AlterTableOptions& o) {
            auto f = ref_fields(o.ref);
            auto put = [&](const char* key, const std::optional<std::string>& v) {
              if (v) f.emplace_back(key, yaml::str(*v));
            };
            put("mysql_engine", o.mysql_engine);
            put("mysql_charset", o.mysql_charset);
            put("mysql_collate", o.mysql_collate);
            put("existing_mysql_engine", o.existing_mysql_engine);
            put("existing_mysql_charset", o.existing_mysql_charset);
            put("existing_mysql_collate", o.existing_mysql_collate);
            put("mysql_row_format", o.mysql_row_format);
            put("existing_mysql_row_format", o.existing_mysql_row_format);
            auto flag = [&](const char* key, const std::optional<bool>& v) {
              if (v) f.emplace_back(key, *v ? "true" : "false");
            };
            flag("sqlite_strict", o.sqlite_strict);
            flag("sqlite_with_rowid", o.sqlite_with_rowid);
            flag("existing_sqlite_strict", o.existing_sqlite_strict);
            flag("existing_sqlite_with_rowid", o.existing_sqlite_with_rowid);
            if (o.columns) f.emplace_back("columns", yaml::flow_list(*o.columns));
            return Layout{f, "", false};
          },
          [&](const CreateObject& o) { return object_layout(o.object, pad); },
          [&](const DropObject& o) {
            Layout l{object_identity(o.kind, o.schema, o.name, o.table), "", false};
            if (o.existing) existing_object(l, *o.existing, pad);
            return l;
          },
          [&](const ReplaceObject& o) {
            Layout l = object_layout(o.object, pad);
            if (o.existing) existing_object(l, *o.existing, pad);
            return l;
          },
          [&](const AddPartition& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("partition", render_partition(o.partition));
            if (!o.before.empty()) f.emplace_back("before", yaml::str(o.before));
            return Layout{f, "", false};
          },
          [&](const DropPartition& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("name", yaml::str(o.name));
            if (o.existing) {
              auto e = partition_fields(*o.existing);
              e.erase(e.begin());  // the name is the op's
              f.emplace_back("existing", yaml::flow_map(e));
            }
            if (!o.before.empty()) f.emplace_back("before", yaml::str(o.before));
            return Layout{f, "", false};
          },
          [&](const AlterPartitioning& o) {
            Layout l{ref_fields(o.ref), "", true};
            auto list = [&](const char* key, const std::vector<Partition>& ps) {
              if (ps.empty()) return;
              l.tail += pad + "    " + key + ":\n";
              for (const auto& p : ps) l.tail += pad + "      - " + render_partition(p) + "\n";
            };
            l.fields.emplace_back("partition_by",
                                  o.partition_by ? render_partition_by(*o.partition_by) : "null");
            if (o.existing_partition_by)
              l.fields.emplace_back("existing_partition_by",
                                    *o.existing_partition_by
                                        ? render_partition_by(**o.existing_partition_by)
                                        : "null");
            list("partitions", o.partitions);
            list("existing_partitions", o.existing_partitions);
            return l;
          },
          [&](const CreateExclusionConstraint& o) {
            return Layout{with_ref(o.ref, exclusion_fields(o.constraint, true)), "", false};
          },
          [&](const DropExclusionConstraint& o) {
            auto f = ref_fields(o.ref);
            f.emplace_back("name", yaml::str(o.name));
            if (o.existing)
              f.emplace_back("existing", yaml::flow_map(exclusion_fields(*o.existing, false)));
            return Layout{f, "", false};
          },
          [&](const BulkInsert& o) {
            Layout l{ref_fields(o.ref), "", true};
            if (o.rows.empty()) {
              l.fields.emplace_back("rows", "[]");
            } else {
              l.tail = pad + "    rows:\n" + render_rows(o, pad + "    ");
            }
            return l;
          },
      },
      op.body);
}

std::string render_execute(const Execute& e) {
  if (e.sql.size() == 1 && e.sql.begin()->first == "default")
    return yaml::str(e.sql.begin()->second);
  yaml::Fields f;
  for (const auto& [dialect, sql] : e.sql) f.emplace_back(dialect, yaml::str(sql));
  return yaml::flow_map(f);
}

}  // namespace

std::string render_value(const Value& v) {
  return std::visit(Overloaded{
                        [](std::monostate) -> std::string { return "null"; },
                        [](bool b) -> std::string { return b ? "true" : "false"; },
                        [](std::int64_t i) { return std::to_string(i); },
                        [](double d) -> std::string {
                          if (std::isnan(d)) return ".nan";
                          if (std::isinf(d)) return d < 0 ? "-.inf" : ".inf";
                          std::string s = fmt::format("{}", d);
                          // "1" would read back as an integer.
                          if (s.find_first_of(".eE") == std::string::npos) s += ".0";
                          return s;
                        },
                        [](const std::string& s) { return yaml::str(s); },
                    },
                    v);
}

std::string render_op(const Op& op, int indent) {
  std::string pad(static_cast<size_t>(indent), ' ');
  std::string out;
  if (op.destructive()) out += pad + "# drops data\n";
  std::string head = pad + "- " + op.kind() + ":";
  if (const auto* e = std::get_if<Execute>(&op.body))
    return out + head + " " + render_execute(*e) + "\n";
  Layout l = layout(op, pad);
  std::string line = head + " " + yaml::flow_map(l.fields);
  if (!l.block && line.size() <= kLineLimit) return out + line + "\n";
  out += head + "\n";
  for (const auto& [key, value] : l.fields) out += pad + "    " + key + ": " + value + "\n";
  return out + l.tail;
}

std::string render_ops(const std::vector<Op>& ops, int indent) {
  std::string out;
  for (const auto& op : ops) out += render_op(op, indent);
  if (!out.empty()) out.pop_back();  // the caller places the list; it adds the final newline
  return out;
}

}  // namespace migrate
