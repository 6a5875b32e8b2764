// What a PostgreSQL database holds that the model cannot say (yet), in one
// catalog query over the user schemas. Objects an extension owns are its
// business and left out. Views, materialized views, sequences, triggers on
// tables and views, and functions and procedures of one signature are
// modelled (inspect_objects.cpp); the sequences of serial and identity
// columns belong to their table.
#include <string>
#include "dialects/postgresql/compile.hpp"

namespace migrate {
namespace {

// `rel` qualified by its schema unless that is the current one, as inspect names tables.
std::string qualified(const std::string& ns, const std::string& rel) {
  return "CASE WHEN " + ns + ".nspname = current_schema() THEN '' ELSE " + ns +
         ".nspname || '.' END || " + rel;
}

std::string table_schema(const std::string& ns) {
  return "CASE WHEN " + ns + ".nspname = current_schema() THEN '' ELSE " + ns + ".nspname END";
}

std::string inventory_sql() {
  const std::string q = qualified("n", "c.relname");
  const std::string ts = table_schema("n");
  // Kind, name, table, the table's schema.
  return "WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname NOT IN "
         "('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' "
         "AND nspname NOT LIKE 'pg\\_temp%'), "
         "ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e') "
         "SELECT * FROM ("
         // Relations that are neither tables nor views (inspect_objects.cpp reads those).
         "SELECT 'foreign table' AS kind, " +
         q + " AS name, c.relname AS tbl, " + ts +
         " AS tbl_schema FROM pg_class c JOIN ns n ON n.oid = "
         "c.relnamespace WHERE c.relkind = 'f' AND c.oid NOT IN (SELECT objid "
         "FROM ext) "
         // Partitioning is modelled one level deep (inspect_partitions.cpp): a
         // partition that is partitioned itself, a partition of a partition, and
         // one kept in another schema than its parent are not.
         "UNION ALL SELECT CASE WHEN p.relispartition THEN 'sub-partition' WHEN "
         "c.relkind = 'p' THEN 'sub-partitioned partition' ELSE 'partition in another schema' "
         "END, " +
         q + ", c.relname, " + ts +
         " FROM pg_class c JOIN ns n ON n.oid = c.relnamespace JOIN pg_inherits i ON i.inhrelid "
         "= c.oid JOIN pg_class p ON p.oid = i.inhparent WHERE c.relispartition AND c.relkind "
         "IN ('r', 'p') AND (p.relispartition OR c.relkind = 'p' OR c.relnamespace <> "
         "p.relnamespace) "
         // What a partition has of its own, beyond the clones of its parent's.
         "UNION ALL SELECT 'index of a partition', ic.relname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class c ON c.oid = "
         "x.indrelid JOIN ns n ON n.oid = c.relnamespace WHERE c.relispartition AND NOT EXISTS "
         "(SELECT 1 FROM pg_inherits i WHERE i.inhrelid = x.indexrelid) "
         "UNION ALL SELECT 'constraint of a partition', con.conname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN ns n ON n.oid = "
         "c.relnamespace WHERE c.relispartition AND con.contype IN ('p', 'u', 'f', 'c', 'x') AND "
         "con.conparentid = 0 AND con.conislocal "
         "UNION ALL SELECT 'trigger', t.tgname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN ns n ON n.oid = "
         "c.relnamespace WHERE NOT t.tgisinternal AND (c.relkind NOT IN ('r', 'p', 'v') OR "
         "(c.relispartition AND t.tgparentid = 0)) "
         // Aggregates, window functions, and names with several signatures
         // (the model names a function by its name alone).
         "UNION ALL SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' WHEN 'w' THEN "
         "'window function' WHEN 'p' THEN 'overloaded procedure' ELSE 'overloaded function' "
         "END, " +
         qualified("n", "p.proname") +
         " || '(' || pg_get_function_identity_arguments(p.oid) || ')', '', '' FROM pg_proc p "
         "JOIN ns n ON n.oid = p.pronamespace WHERE p.oid NOT IN (SELECT objid FROM ext) "
         "AND (p.prokind IN ('a', 'w') OR EXISTS (SELECT 1 FROM pg_proc q WHERE "
         "q.pronamespace = p.pronamespace AND q.proname = p.proname AND q.oid <> p.oid)) "
         "UNION ALL SELECT 'policy', pol.polname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN ns n ON n.oid = "
         "c.relnamespace "
         "UNION ALL SELECT 'row-level security setting', " +
         q + ", c.relname, " + ts +
         " FROM pg_class c JOIN ns n ON n.oid = c.relnamespace WHERE c.relrowsecurity "
         "UNION ALL SELECT 'rule', r.rulename || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN ns n ON n.oid = "
         "c.relnamespace WHERE r.rulename <> '_RETURN' "
         "UNION ALL SELECT CASE t.typtype WHEN 'r' THEN 'range type' "
         "ELSE 'composite type' END, " +
         qualified("n", "t.typname") +
         ", '', '' FROM pg_type t JOIN ns n ON n.oid = t.typnamespace WHERE t.oid NOT IN "
         "(SELECT objid FROM ext) AND (t.typtype = 'r' OR (t.typtype = 'c' AND "
         "EXISTS (SELECT 1 FROM pg_class tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c'))) "
         "UNION ALL SELECT 'event trigger', evtname, '', '' FROM pg_event_trigger "
         // Inside tables: what inspect would report as something else, or not at all.
         // (Unique, foreign key and exclusion constraints are modelled deferrable.)
         "UNION ALL SELECT 'deferrable constraint', con.conname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN ns n ON n.oid = "
         "c.relnamespace WHERE con.condeferrable AND con.contype NOT IN ('u', 'f', 'x') "
         "UNION ALL SELECT am.amname || ' index', ic.relname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = "
         "ic.relam JOIN pg_class c ON c.oid = i.indrelid JOIN ns n ON n.oid = c.relnamespace "
         // A materialized view's (a table's are modelled).
         "WHERE c.relkind = 'm' AND am.amname <> 'btree' "
         "UNION ALL SELECT 'covering index', ic.relname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = "
         "i.indrelid JOIN ns n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND "
         "i.indnkeyatts < i.indnatts "
         // What a table's columns and keys hold beyond the model: inspect reads
         // them as the model's nearest form (ascending). (A serial's sequence
         // with options of its own is a sequence with owned_by:
         // serial_sequence, inspect_objects.hpp; an identity's options are
         // modelled.)
         // An index key's own COLLATE (not its column's): inspect reads the column.
         "UNION ALL SELECT 'collated index key', ic.relname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = "
         "i.indrelid JOIN ns n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') AND "
         "NOT c.relispartition AND EXISTS (SELECT 1 FROM unnest(i.indkey::int2[], "
         "i.indcollation::oid[]) k(num, coll) JOIN pg_attribute ka ON ka.attrelid = i.indrelid "
         "AND ka.attnum = k.num WHERE k.num > 0 AND k.coll <> 0 AND k.coll <> ka.attcollation) "
         // Storage parameters (WITH (fillfactor = 70), autovacuum_*) of a table,
         // a materialized view or an index: the model has no place for them.
         "UNION ALL SELECT 'storage parameter setting', CASE WHEN c.relkind = 'i' THEN "
         "c.relname || ' on ' || " +
         qualified("n", "t.relname") + " ELSE " + q +
         " END || ' (' || array_to_string(c.reloptions, ', ') || ')', coalesce(t.relname, "
         "c.relname), " +
         ts +
         " FROM pg_class c JOIN ns n ON n.oid = c.relnamespace LEFT JOIN pg_index i ON "
         "i.indexrelid = c.oid LEFT JOIN pg_class t ON t.oid = i.indrelid WHERE c.reloptions IS "
         "NOT NULL AND c.relkind IN ('r', 'p', 'm', 'i') AND c.oid NOT IN (SELECT objid FROM ext) "
         "UNION ALL SELECT 'MATCH FULL foreign key', con.conname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN ns n ON n.oid = "
         "c.relnamespace WHERE con.contype = 'f' AND con.confmatchtype = 'f' "
         // ADD CONSTRAINT ... NOT VALID, never validated: inspect reads the check
         // or key as if the rows had been checked, and a database built from the
         // model checks them.
         "UNION ALL SELECT 'NOT VALID constraint', con.conname || ' on ' || " +
         q + ", c.relname, " + ts +
         " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN ns n ON n.oid = "
         "c.relnamespace WHERE con.contype IN ('c', 'f') AND NOT con.convalidated AND "
         "c.relkind IN ('r', 'p') AND NOT c.relispartition"
         ") x WHERE kind IS NOT NULL ORDER BY 1, 2";
}

}  // namespace

std::vector<NotModelled> PostgresDialect::not_modelled(Connection& conn) const {
  static const std::string sql = inventory_sql();
  return read_not_modelled(conn, sql);
}

}  // namespace migrate
