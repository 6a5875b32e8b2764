#include "dialects/mysql/inspect_partitions.hpp"

#include "core/base/text.hpp"
#include "dialects/mysql/sql_text.hpp"

namespace migrate::mysql {
namespace {

std::string text_of(const Row& r, size_t i) {
  return std::holds_alternative<std::string>(r[i]) ? std::get<std::string>(r[i]) : "";
}

// "`a`,`b`" -> {a, b}; empty when any item is not a plain quoted name.
std::vector<std::string> quoted_names(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '`') return {};
    std::string name;
    for (++i; i < s.size(); ++i) {
      if (s[i] == '`') {
        if (i + 1 < s.size() && s[i + 1] == '`') {
          name += '`';
          ++i;
          continue;
        }
        break;
      }
      name += s[i];
    }
    if (i >= s.size()) return {};
    out.push_back(name);
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size() && s[i] != ',') return {};
    if (i < s.size()) ++i;
    while (i < s.size() && s[i] == ' ') ++i;
  }
  return out;
}

}  // namespace

void inspect_partitions(Connection& conn, const std::string& db, const std::vector<Value>& dbs,
                        const std::string& in, Schema& schema) {
  struct Ambiguous {
    Table* table;
    size_t index;
    Row row;
  };
  std::vector<Ambiguous> ambiguous;
  // One row per partition: a sub-partitioned one has a row per sub-partition.
  for (const auto& r : conn.query(
           {"SELECT TABLE_SCHEMA, TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, "
            "PARTITION_EXPRESSION, PARTITION_DESCRIPTION FROM information_schema.PARTITIONS "
            "WHERE TABLE_SCHEMA IN " +
                in +
                " AND PARTITION_NAME IS NOT NULL AND (SUBPARTITION_ORDINAL_POSITION IS NULL OR "
                "SUBPARTITION_ORDINAL_POSITION = 1) "
                "ORDER BY TABLE_SCHEMA, TABLE_NAME, PARTITION_ORDINAL_POSITION",
            dbs})) {
    Table* t = schema.table(text_of(r, 1), text_of(r, 0) == db ? "" : text_of(r, 0));
    if (!t) continue;
    const std::string method = text::lower_collapsed(text_of(r, 3));
    if (method == "system_time") continue;  // named by not_modelled
    if (!t->partition_by) {
      PartitionBy by;
      by.type = method;
      const std::string expr = text_of(r, 4);
      by.columns = quoted_names(expr);
      if (by.columns.empty()) by.expression = expr;
      t->partition_by = std::move(by);
    }
    Partition p;
    p.name = text_of(r, 2);
    const std::string desc = text_of(r, 5);
    const bool list = method.rfind("list", 0) == 0;
    // MariaDB describes a LIST's DEFAULT partition as 0, like IN (0): only
    // the table's statement tells them apart (one query, for such tables alone).
    if (method == "list" && desc == "0") ambiguous.push_back({t, t->partitions.size(), r});
    if (list && (desc == "DEFAULT" || desc == "MAXVALUE")) {
      p.is_default = true;  // MariaDB's DEFAULT partition of a LIST (described as MAXVALUE)
    } else if (!desc.empty() && method.rfind("range", 0) == 0) {
      p.values = desc == "MAXVALUE" && method == "range" ? "LESS THAN MAXVALUE"
                                                         : "LESS THAN (" + desc + ")";
    } else if (!desc.empty()) {
      p.values = "IN (" + desc + ")";
    }
    t->partitions.push_back(std::move(p));
  }
  for (const auto& a : ambiguous) {
    const auto rows = conn.query(
        {"SHOW CREATE TABLE " + backquote(text_of(a.row, 0)) + "." + backquote(text_of(a.row, 1)),
         {}});
    if (rows.empty()) continue;
    Partition& p = a.table->partitions[a.index];
    if (text_of(rows[0], 1).find("PARTITION " + backquote(p.name) + " DEFAULT") ==
        std::string::npos)
      continue;
    p.is_default = true;
    p.values.clear();
  }
}

}  // namespace migrate::mysql
