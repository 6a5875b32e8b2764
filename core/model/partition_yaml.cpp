#include "core/model/partition_yaml.hpp"

#include <algorithm>
#include <map>

#include "core/base/text.hpp"

namespace migrate {
namespace {

using yaml::MapReader;

// MySQL's methods are spelled as information_schema.PARTITIONS does, lower case.
const char* const kTypes[] = {"range",         "list",         "hash",        "key",
                              "range columns", "list columns", "linear hash", "linear key"};

}  // namespace

const std::vector<std::string>& partition_table_keys() {
  static const std::vector<std::string> k = {"partition_by", "partitions"};
  return k;
}

PartitionBy read_partition_by(const yaml::Node& node, const std::string& file,
                              const std::string& what) {
  MapReader m(node, file, "partition_by of " + what, {"type", "columns", "expression"});
  PartitionBy p;
  const std::string written = m.required("type");
  p.type = text::lower_collapsed(written);
  if (std::find(std::begin(kTypes), std::end(kTypes), p.type) == std::end(kTypes))
    throw InputError(m.mark_of("type"),
                     "'type' of " + m.what() +
                         " must be range, list or hash (MySQL also key, range columns, list "
                         "columns, linear hash, linear key); got '" +
                         written + "'");
  p.columns = m.names("columns");
  p.expression = m.optional("expression").value_or("");
  const bool key = p.type == "key" || p.type == "linear key";
  if (!p.columns.empty() && !p.expression.empty())
    throw InputError(m.mark_of("expression"),
                     m.what() + " gives both 'columns' and 'expression'; give one of them");
  if (p.columns.empty() && p.expression.empty() && !key)
    throw InputError(m.mark(), m.what() +
                                   " needs 'columns' (a list of column names) or 'expression' "
                                   "(SQL, as the database prints it)");
  return p;
}

Partition read_partition(const yaml::Node& node, const std::string& file, const std::string& what) {
  MapReader m(node, file, "partition of " + what, {"name", "values", "default"});
  Partition p;
  p.mark = m.mark();
  p.name = m.required("name");
  p.values = m.optional("values").value_or("");
  p.is_default = m.boolean("default", false);
  if (p.is_default && !p.values.empty())
    throw InputError(m.mark_of("values"), "partition '" + p.name + "' of " + what +
                                              " is the default partition, which takes no values");
  return p;
}

std::vector<Partition> read_partitions(const yaml::Node& list, const std::string& file,
                                       const std::string& what) {
  yaml::expect_list(list, file, "'partitions' of " + what);
  std::vector<Partition> out;
  if (list.is_null()) return out;
  std::map<std::string, SourceMark> seen;
  for (const auto& item : list.items()) {
    Partition p = read_partition(item, file, what);
    if (auto it = seen.find(p.name); it != seen.end())
      throw InputError(p.mark, "duplicate partition '" + p.name + "' in " + what +
                                   " (first declared at " + it->second.str() + ")");
    seen.emplace(p.name, p.mark);
    out.push_back(std::move(p));
  }
  return out;
}

void read_partitioning(const MapReader& m, Table& t) {
  const std::string what = "table '" + t.qualified_name() + "'";
  if (m.has_value("partition_by")) {
    t.partition_by = read_partition_by(m.node("partition_by"), m.file(), what);
    for (const auto& c : t.partition_by->columns)
      if (!t.column(c))
        throw InputError(m.mark_of("partition_by"), "partition_by of " + what + " names column '" +
                                                        c + "', which the table does not have");
  }
  if (m.has_value("partitions")) {
    if (!t.partition_by)
      throw InputError(m.mark_of("partitions"),
                       what +
                           " lists partitions but has no partition_by; say how rows are "
                           "spread (partition_by: {type: range, columns: [...]})");
    t.partitions = read_partitions(m.node("partitions"), m.file(), what);
  }
}

yaml::Fields partition_fields(const Partition& p) {
  yaml::Fields f = {{"name", yaml::str(p.name)}};
  if (!p.values.empty()) f.emplace_back("values", yaml::str(p.values));
  if (p.is_default) f.emplace_back("default", "true");
  return f;
}

std::string render_partition(const Partition& p) {
  return yaml::flow_map(partition_fields(p));
}

std::string render_partition_by(const PartitionBy& p) {
  yaml::Fields f = {{"type", yaml::str(p.type)}};
  if (!p.columns.empty()) f.emplace_back("columns", yaml::flow_list(p.columns));
  if (!p.expression.empty()) f.emplace_back("expression", yaml::str(p.expression));
  return yaml::flow_map(f);
}

std::string render_partitioning(const Table& t, const std::string& pad) {
  if (!t.partition_by) return "";
  std::string out = pad + "partition_by: " + render_partition_by(*t.partition_by) + "\n";
  if (t.partitions.empty()) return out;
  out += pad + "partitions:\n";
  for (const auto& p : t.partitions) out += pad + "  - " + render_partition(p) + "\n";
  return out;
}

}  // namespace migrate
