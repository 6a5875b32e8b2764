#include "dialects/postgresql/inspect_exclusions.hpp"

#include "dialects/postgresql/catalog_row.hpp"

namespace migrate::postgresql {

void inspect_exclusions(Connection& conn, const std::string& current, Schema& schema) {
  const std::string sql =
      std::string("SELECT n.nspname, c.relname, con.conname, am.amname, ") + kIndexKeysSql +
      ", "
      // An operator of pg_catalog or the current schema bare, as the model writes it.
      "(SELECT json_agg(CASE WHEN op.oprnamespace IN ('pg_catalog'::regnamespace, "
      "current_schema()::regnamespace) THEN '' ELSE opn.nspname || '.' END || op.oprname "
      "ORDER BY k.ord) FROM unnest(con.conexclop) WITH ORDINALITY k(oid, ord) "
      "JOIN pg_operator op ON op.oid = k.oid JOIN pg_namespace opn ON opn.oid = op.oprnamespace), "
      "(SELECT json_agg(att.attname ORDER BY k.ord) FROM unnest(i.indkey::int2[]) WITH "
      "ORDINALITY k(num, ord) JOIN pg_attribute att ON att.attrelid = i.indrelid AND "
      "att.attnum = k.num WHERE k.ord > i.indnkeyatts), "
      "con.condeferrable, con.condeferred "
      "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_index i ON i.indexrelid = con.conindid "
      "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
      // A partition's clone of its parent's has conparentid set; its own are
      // named by not_modelled (inventory.cpp).
      "WHERE con.contype = 'x' AND con.conparentid = 0 AND c.relkind IN ('r', 'p') "
      "AND NOT c.relispartition ORDER BY n.nspname, c.relname, con.conname";
  for (const auto& r : conn.query({sql, {}})) {
    Table* t = schema.table(text(r, 1), text(r, 0) == current ? "" : text(r, 0));
    if (!t) continue;
    ExclusionConstraint x;
    x.name = text(r, 2);
    x.using_ = text(r, 3);
    const std::vector<IndexKey> keys = json_keys(r, 4);
    const std::vector<std::string> ops = json_names(r, 6);
    for (size_t k = 0; k < keys.size(); ++k)
      x.elements.push_back({keys[k], k < ops.size() ? ops[k] : std::string()});
    if (!is_null(r[5])) x.where = text(r, 5);
    x.include = json_names(r, 7);
    x.deferrable = text(r, 8) != "t" ? "" : text(r, 9) == "t" ? "deferred" : "immediate";
    t->exclusions.push_back(std::move(x));
  }
}

}  // namespace migrate::postgresql
