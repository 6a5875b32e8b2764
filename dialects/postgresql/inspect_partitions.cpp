#include "dialects/postgresql/inspect_partitions.hpp"

#include "dialects/postgresql/catalog_row.hpp"

namespace migrate::postgresql {
namespace {

std::string strategy(const std::string& code) {
  if (code == "l") return "list";
  if (code == "h") return "hash";
  return "range";
}

// "RANGE (lower(name), id)" -> "lower(name), id": the key list as the
// server prints it, for a key that is not all plain columns.
std::string key_text(const std::string& def) {
  auto open = def.find('(');
  if (open == std::string::npos || def.back() != ')') return def;
  return def.substr(open + 1, def.size() - open - 2);
}

}  // namespace

void inspect_partitions(Connection& conn, const std::string& current, Schema& schema) {
  auto find = [&](const std::string& ns, const std::string& name) {
    return schema.table(name, ns == current ? "" : ns);
  };
  // partattrs holds 0 for an expression entry: then the key is kept as text.
  for (const auto& r : conn.query(
           {"SELECT n.nspname, c.relname, pt.partstrat::text, pg_get_partkeydef(c.oid), "
            "0 = ANY (pt.partattrs::int2[]), "
            "(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(pt.partattrs::int2[]) WITH "
            "ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = "
            "k.num) "
            "FROM pg_partitioned_table pt JOIN pg_class c ON c.oid = pt.partrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT c.relispartition",
            {}})) {
    Table* t = find(text(r, 0), text(r, 1));
    if (!t) continue;
    PartitionBy p;
    p.type = strategy(text(r, 2));
    if (text(r, 4) == "t")
      p.expression = key_text(text(r, 3));
    else
      p.columns = json_names(r, 5);
    t->partition_by = std::move(p);
  }
  // Partitions of a partition (sub-partitioning) are named by not_modelled
  // (inventory.cpp), as are partitions kept in another schema than the parent.
  for (const auto& r :
       conn.query({"SELECT pn.nspname, p.relname, c.relname, pg_get_expr(c.relpartbound, c.oid) "
                   "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                   "JOIN pg_class p ON p.oid = i.inhparent "
                   "JOIN pg_namespace pn ON pn.oid = p.relnamespace "
                   "WHERE c.relispartition AND p.relkind = 'p' AND NOT p.relispartition "
                   "AND c.relnamespace = p.relnamespace AND c.relkind IN ('r', 'p') "
                   "ORDER BY pn.nspname, p.relname, c.relname",
                   {}})) {
    Table* t = find(text(r, 0), text(r, 1));
    if (!t) continue;
    Partition part;
    part.name = text(r, 2);
    const std::string& bound = text(r, 3);
    const std::string prefix = "FOR VALUES ";
    if (bound == "DEFAULT")
      part.is_default = true;
    else
      part.values = bound.rfind(prefix, 0) == 0 ? bound.substr(prefix.size()) : bound;
    t->partitions.push_back(std::move(part));
  }
}

}  // namespace migrate::postgresql
