#include "dialects/postgresql/inspect.hpp"

#include <algorithm>
#include <map>

#include "core/base/error.hpp"
#include "dialects/postgresql/catalog_row.hpp"
#include "dialects/postgresql/identity.hpp"
#include "dialects/postgresql/inspect_exclusions.hpp"
#include "dialects/postgresql/inspect_objects.hpp"
#include "dialects/postgresql/inspect_partitions.hpp"
#include "dialects/postgresql/types.hpp"

namespace migrate::postgresql {
namespace {

// The relations inspect reads; every query below joins through it.
const char* kUserTables =
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

std::string fk_action(const std::string& code) {
  if (code == "c") return "cascade";
  if (code == "n") return "set null";
  if (code == "d") return "set default";
  if (code == "r") return "restrict";
  return "";  // 'a': no action, the default
}

// "CHECK ((price > 0)) NOT VALID" -> "(price > 0)"
std::string check_body(const std::string& def) {
  std::string s = def;
  if (s.rfind("CHECK ", 0) == 0) s = s.substr(6);
  const std::string nv = " NOT VALID";
  if (s.size() > nv.size() && s.compare(s.size() - nv.size(), nv.size(), nv) == 0)
    s.resize(s.size() - nv.size());
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
  return s;
}

}  // namespace

Schema inspect(Connection& conn) {
  const std::string current = text(conn.query({"SELECT current_schema()", {}}).at(0), 0);
  Schema schema;
  std::map<std::string, size_t> by_oid;  // table oid -> index in schema.tables

  for (const auto& r : conn.query({std::string("SELECT c.oid::text, n.nspname, c.relname, "
                                               "obj_description(c.oid, 'pg_class') ") +
                                       kUserTables + " ORDER BY n.nspname, c.relname",
                                   {}})) {
    Table t;
    t.schema = text(r, 1) == current ? "" : text(r, 1);
    t.name = text(r, 2);
    t.comment = opt_text(r, 3);
    by_oid[text(r, 0)] = schema.tables.size();
    schema.tables.push_back(std::move(t));
  }
  auto table_of = [&](const Row& r) -> Table* {
    auto it = by_oid.find(text(r, 0));
    return it == by_oid.end() ? nullptr : &schema.tables[it->second];
  };

  for (const auto& r : conn.query(
           {std::string(
                "SELECT a.attrelid::text, a.attname, format_type(a.atttypid, a.atttypmod), "
                "a.attnotnull, x.def, a.attidentity, ds.description, a.attgenerated, "
                "a.attndims, "
                // A serial: its default takes the next value of a sequence the column owns.
                "sq.oid IS NOT NULL AND x.def = 'nextval(' || "
                "quote_literal(sq.oid::regclass::text) || '::regclass)', co.collname, "
                "iq.seqstart::text, iq.seqincrement::text, iq.seqmin::text, iq.seqmax::text, "
                "iq.seqcache::text, iq.seqcycle "
                "FROM pg_attribute a "
                // A collation of the column's own, not its type's.
                "JOIN pg_type ty ON ty.oid = a.atttypid "
                "LEFT JOIN pg_collation co ON co.oid = a.attcollation AND "
                "a.attcollation <> ty.typcollation "
                "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                // Deparsing a default is the dear part: once a column (OFFSET 0
                // keeps the planner from copying the call into each use).
                "LEFT JOIN LATERAL (SELECT pg_get_expr(d.adbin, d.adrelid) AS def OFFSET 0) x ON "
                "true "
                // The sequence a serial column owns (deptype 'a'; an identity's is 'i'),
                // as serial makes it: of the column's type, with the default options.
                // Another (START 1000, or retyped) is a sequence of the model's with
                // owned_by, and the column's default takes its next value.
                "LEFT JOIN LATERAL (SELECT sc.oid "
                "FROM pg_depend dep JOIN pg_class sc ON sc.oid = dep.objid AND sc.relkind = 'S' "
                "JOIN pg_sequence sqo ON sqo.seqrelid = sc.oid AND " +
                serial_sequence("sqo", "a.atttypid") +
                " "
                // Looked up only for a nextval() default (a one-time filter per column).
                "WHERE x.def LIKE 'nextval(%' AND dep.classid = 'pg_class'::regclass AND "
                "dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND "
                "dep.refobjsubid = a.attnum AND dep.deptype = 'a' LIMIT 1) sq ON true "
                // An identity's own sequence (deptype 'i'), for its options.
                "LEFT JOIN LATERAL (SELECT s.* FROM pg_depend dep JOIN pg_sequence s ON "
                "s.seqrelid = dep.objid WHERE a.attidentity <> '' AND dep.classid = "
                "'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass AND "
                "dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i' "
                "LIMIT 1) iq ON true "
                // A join, not col_description(): that runs a query per column.
                "LEFT JOIN pg_description ds ON ds.objoid = a.attrelid "
                "AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum "
                "WHERE a.attrelid IN (SELECT c.oid ") +
                kUserTables +
                ") AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum",
            {}})) {
    Table* t = table_of(r);
    if (!t) continue;
    Column c;
    c.name = text(r, 1);
    const std::string& formatted = text(r, 2);
    const int dims = is_null(r[8]) ? 1 : std::max(1, std::stoi(text(r, 8)));
    c.type = type_from_catalog(formatted, dims);
    c.nullable = text(r, 3) != "t";
    c.comment = opt_text(r, 6);
    // An identity column, ALWAYS or BY DEFAULT, and its sequence's options.
    c.autoincrement = !text(r, 5).empty();
    c.identity_always = text(r, 5) == "a";
    if (c.autoincrement && !is_null(r[11])) {
      SequenceOptions& s = c.identity_options;
      s.start = std::stoll(text(r, 11));
      s.increment = std::stoll(text(r, 12));
      s.min_value = std::stoll(text(r, 13));
      s.max_value = std::stoll(text(r, 14));
      s.cache = std::stoll(text(r, 15));
      // The defaults of the column's type, as the model's are (normalize.cpp).
      s = without_defaults(s, stored_type(c.type).name);
      s.cycle = text(r, 16) == "t";
    }
    bool serial = text(r, 9) == "t" && !c.autoincrement;
    if (serial) {
      static const std::map<std::string, std::string> serials = {
          {"integer", "serial"}, {"bigint", "bigserial"}, {"smallint", "smallserial"}};
      auto it = serials.find(stored_type(c.type).str());
      if (it == serials.end())
        serial = false;  // a sequence's values in a column of another type: a plain default
      else
        c.type = Type{it->second, {}, {}};
    }
    // A generated column's expression is how it is computed, not a default.
    if (text(r, 7) == "s")
      c.generated = Generated{is_null(r[4]) ? "" : text(r, 4), true};
    else if (!serial && !is_null(r[4]))
      c.server_default = model_default(text(r, 4), formatted);
    if (!is_null(r[10])) c.collation = text(r, 10);
    t->columns.push_back(std::move(c));
  }
  // Grown a column at a time, a table's vector holds up to twice its columns.
  for (auto& t : schema.tables) t.columns.shrink_to_fit();

  for (const auto& r : conn.query(
           {std::string(
                "SELECT con.conrelid::text, con.conname, con.contype, "
                "(SELECT json_agg(att.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH "
                "ORDINALITY "
                "k(num, ord) JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = "
                "k.num), "
                "fn.nspname, fc.relname, "
                "(SELECT json_agg(att.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH "
                "ORDINALITY "
                "k(num, ord) JOIN pg_attribute att ON att.attrelid = con.confrelid AND att.attnum "
                "= k.num), "
                "con.confdeltype::text, con.confupdtype::text, "
                // Only a check's text is read; deparsing every key would cost as much again.
                "CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END, "
                "con.condeferrable, con.condeferred, "
                // to_jsonb: the column is new in PostgreSQL 15.
                "CASE WHEN con.contype = 'u' THEN (SELECT to_jsonb(ix)->>'indnullsnotdistinct' "
                "FROM pg_index ix WHERE ix.indexrelid = con.conindid) END "
                "FROM pg_constraint con LEFT JOIN pg_class fc ON fc.oid = con.confrelid "
                "LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
                "WHERE con.contype IN ('p', 'u', 'f', 'c') AND con.conparentid = 0 "
                // (a key to a partitioned table has a clone per partition, conparentid set)
                "AND con.conrelid IN (SELECT c.oid ") +
                kUserTables + ") ORDER BY con.conrelid, con.conname",
            {}})) {
    Table* t = table_of(r);
    if (!t) continue;
    const std::string& kind = text(r, 2);
    auto cols = json_names(r, 3);
    const Deferrable deferrable = text(r, 10) != "t"   ? ""
                                  : text(r, 11) == "t" ? "deferred"
                                                       : "immediate";
    if (kind == "p") {
      t->primary_key = PrimaryKey{text(r, 1), cols};
    } else if (kind == "u") {
      t->uniques.push_back({text(r, 1), cols, deferrable, text(r, 12) == "true"});
    } else if (kind == "f") {
      ForeignKey fk;
      fk.name = text(r, 1);
      fk.columns = cols;
      fk.ref_schema = text(r, 4) == current ? "" : text(r, 4);
      fk.ref_table = text(r, 5);
      fk.ref_columns = json_names(r, 6);
      fk.on_delete = fk_action(text(r, 7));
      fk.on_update = fk_action(text(r, 8));
      fk.deferrable = deferrable;
      t->foreign_keys.push_back(std::move(fk));
    } else {
      t->checks.push_back({text(r, 1), check_body(text(r, 9))});
    }
  }

  for (const auto& r : conn.query(
           {std::string("SELECT i.indrelid::text, ic.relname, i.indisunique, ") + kIndexKeysSql +
                ", am.amname, "
                "(SELECT json_agg(att.attname ORDER BY k.ord) FROM unnest(i.indkey::int2[]) WITH "
                "ORDINALITY k(num, ord) JOIN pg_attribute att ON att.attrelid = i.indrelid AND "
                "att.attnum = k.num WHERE k.ord > i.indnkeyatts), "
                // PostgreSQL 15's; read so that an older server has none.
                "coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) "
                " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                "JOIN pg_am am ON am.oid = ic.relam "
                "WHERE i.indrelid IN (SELECT c.oid " +
                kUserTables +
                ") AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = "
                "i.indexrelid "
                "AND con.contype IN ('p', 'u', 'x')) ORDER BY i.indrelid, ic.relname",
            {}})) {
    Table* t = table_of(r);
    if (!t) continue;
    Index ix{text(r, 1), json_keys(r, 3), text(r, 2) == "t", text(r, 4)};
    if (text(r, 5) != "btree") ix.method = text(r, 5);
    ix.include = json_names(r, 6);
    ix.nulls_not_distinct = text(r, 7) == "t";
    t->indexes.push_back(std::move(ix));
  }

  // Enum types, but not those an extension brings (it owns and drops them).
  for (const auto& r : conn.query(
           {"SELECT n.nspname, t.typname, json_agg(e.enumlabel ORDER BY e.enumsortorder) "
            "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "JOIN pg_enum e ON e.enumtypid = t.oid "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass "
            "AND d.objid = t.oid AND d.deptype = 'e') "
            "GROUP BY n.nspname, t.typname ORDER BY n.nspname, t.typname",
            {}})) {
    Enum e;
    e.schema = text(r, 0) == current ? "" : text(r, 0);
    e.name = text(r, 1);
    e.values = json_names(r, 2);
    schema.enums.push_back(std::move(e));
  }
  inspect_partitions(conn, current, schema);
  inspect_exclusions(conn, current, schema);
  schema.objects = inspect_objects(conn, current);
  schema.default_schema = current;
  return schema;
}

bool has_table(Connection& conn, const std::string& name) {
  auto rows =
      conn.query({"SELECT c.oid FROM pg_class c WHERE c.relkind IN ('r', 'p') "
                  "AND c.relname = $1 AND c.relnamespace = current_schema()::regnamespace",
                  {name}});
  return !rows.empty();
}

}  // namespace migrate::postgresql
