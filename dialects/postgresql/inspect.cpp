#include "dialects/postgresql/inspect.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "core/base/error.hpp"
#include "dialects/postgresql/types.hpp"

namespace migrate::postgresql {
namespace {

// The relations inspect reads; every query below joins through it.
const char* kUserTables =
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

const std::string& text(const Row& r, size_t i) {
  static const std::string empty;
  return std::holds_alternative<std::string>(r[i]) ? std::get<std::string>(r[i]) : empty;
}

std::optional<std::string> opt_text(const Row& r, size_t i) {
  if (is_null(r[i])) return std::nullopt;
  return std::get<std::string>(r[i]);
}

std::vector<std::string> json_names(const Row& r, size_t i) {
  std::vector<std::string> out;
  if (is_null(r[i])) return out;
  for (const auto& v : nlohmann::json::parse(text(r, i))) out.push_back(v.get<std::string>());
  return out;
}

// [[is_expression, text], ...]: an expression key is told by the catalog
// (attnum 0), never guessed from its text.
std::vector<IndexKey> json_keys(const Row& r, size_t i) {
  std::vector<IndexKey> out;
  if (is_null(r[i])) return out;
  for (const auto& v : nlohmann::json::parse(text(r, i))) {
    std::string key = v.at(1).get<std::string>();
    out.push_back(v.at(0).get<bool>() ? IndexKey::of_expression(std::move(key))
                                      : IndexKey(std::move(key)));
  }
  return out;
}

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
                "a.attndims, sq.seqtype, sq.seqname, sq.custom, "
                // A serial: its default takes the next value of a sequence the column owns.
                "sq.seqname IS NOT NULL AND x.def = 'nextval(' || "
                "quote_literal(sq.oid::regclass::text) || '::regclass)' "
                "FROM pg_attribute a "
                "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                // Deparsing a default is the dear part: once a column (OFFSET 0
                // keeps the planner from copying the call into each use).
                "LEFT JOIN LATERAL (SELECT pg_get_expr(d.adbin, d.adrelid) AS def OFFSET 0) x ON "
                "true "
                // The sequence a serial column owns (deptype 'a'; an identity's is 'i').
                "LEFT JOIN LATERAL (SELECT sc.oid, format_type(s.seqtypid, NULL) AS seqtype, "
                "sc.relname AS seqname, (s.seqincrement <> 1 OR s.seqstart <> 1 OR s.seqmin <> 1 "
                "OR s.seqcache <> 1 OR s.seqcycle OR s.seqmax <> CASE s.seqtypid WHEN "
                "'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647 ELSE "
                "9223372036854775807 END) AS custom "
                "FROM pg_depend dep JOIN pg_class sc ON sc.oid = dep.objid AND sc.relkind = 'S' "
                "JOIN pg_sequence s ON s.seqrelid = sc.oid "
                // Looked up only for a nextval() default (a one-time filter per column).
                "WHERE x.def LIKE 'nextval(%' AND dep.classid = 'pg_class'::regclass AND "
                "dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND "
                "dep.refobjsubid = a.attnum AND dep.deptype = 'a' LIMIT 1) sq ON true "
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
    const std::string& identity = text(r, 5);
    const std::string subject = "column " + t->qualified_name() + "." + c.name;
    c.autoincrement = !identity.empty();
    if (identity == "a")
      t->notes.push_back(subject +
                         " is GENERATED ALWAYS AS IDENTITY; the model's autoincrement is BY "
                         "DEFAULT, so ALWAYS is neither compared nor restored");
    bool serial = text(r, 12) == "t" && identity.empty();
    if (serial) {
      const std::string base = stored_type(c.type).str();
      const std::string& seqtype = text(r, 9);
      static const std::map<std::string, std::string> serials = {
          {"integer", "serial"}, {"bigint", "bigserial"}, {"smallint", "smallserial"}};
      auto it = serials.find(base);
      if (it == serials.end()) {
        serial = false;  // a sequence's values in a column of another type: a plain default
      } else {
        c.type = Type{it->second, {}, {}};
        if (seqtype != base)
          t->notes.push_back(subject + " is " + it->second + " but its sequence " + text(r, 10) +
                             " is " + seqtype +
                             " (changed by ALTER COLUMN ... TYPE alone): " + "compared as " +
                             it->second + "; ALTER SEQUENCE ... AS " + base + " makes it one");
        if (text(r, 11) == "t")
          t->notes.push_back(subject + ": its sequence " + text(r, 10) +
                             " has options of its own (start, increment, limits, cache or "
                             "cycle), which the model does not hold: compared as a plain " +
                             it->second);
      }
    }
    if (text(r, 7) == "s") {
      // The expression is how the column is computed, not a default.
      t->notes.push_back(subject + " is GENERATED ALWAYS AS (" + text(r, 4) +
                         ") STORED, which the model does not hold: compared, and recreated, as a "
                         "plain column");
    } else if (!serial && !is_null(r[4])) {
      c.server_default = model_default(text(r, 4), formatted);
    }
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
                "CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid) END, "
                "con.condeferrable, con.confmatchtype::text "
                "FROM pg_constraint con LEFT JOIN pg_class fc ON fc.oid = con.confrelid "
                "LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
                "WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conrelid IN (SELECT "
                "c.oid ") +
                kUserTables + ") ORDER BY con.conrelid, con.conname",
            {}})) {
    Table* t = table_of(r);
    if (!t) continue;
    const std::string& kind = text(r, 2);
    const std::string subject = "constraint " + text(r, 1) + " of table " + t->qualified_name();
    if (kind == "x") {
      t->notes.push_back(subject + " is an exclusion constraint (" + text(r, 9) +
                         "), which the model does not hold: neither compared nor restored");
      continue;
    }
    if (text(r, 10) == "t")
      t->notes.push_back(subject +
                         " is DEFERRABLE, which the model does not hold: compared, and recreated, "
                         "as NOT DEFERRABLE");
    if (kind == "f" && text(r, 11) == "f")
      t->notes.push_back(subject +
                         " is MATCH FULL, which the model does not hold: compared, and recreated, "
                         "as MATCH SIMPLE");
    auto cols = json_names(r, 3);
    if (kind == "p") {
      t->primary_key = PrimaryKey{text(r, 1), cols};
    } else if (kind == "u") {
      t->uniques.push_back({text(r, 1), cols});
    } else if (kind == "f") {
      ForeignKey fk;
      fk.name = text(r, 1);
      fk.columns = cols;
      fk.ref_schema = text(r, 4) == current ? "" : text(r, 4);
      fk.ref_table = text(r, 5);
      fk.ref_columns = json_names(r, 6);
      fk.on_delete = fk_action(text(r, 7));
      fk.on_update = fk_action(text(r, 8));
      t->foreign_keys.push_back(std::move(fk));
    } else {
      t->checks.push_back({text(r, 1), check_body(text(r, 9))});
    }
  }

  for (const auto& r :
       conn.query({std::string("SELECT i.indrelid::text, ic.relname, i.indisunique, "
                               "(SELECT json_agg(json_build_array(k.num = 0, CASE WHEN k.num = 0 "
                               "THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) "
                               "ELSE att.attname::text END) ORDER BY k.ord) FROM "
                               "unnest(i.indkey::int2[]) WITH ORDINALITY "
                               "k(num, ord) LEFT JOIN pg_attribute att ON att.attrelid = "
                               "i.indrelid AND att.attnum = k.num "
                               "WHERE k.ord <= i.indnkeyatts), "
                               "pg_get_expr(i.indpred, i.indrelid, true), am.amname, "
                               "i.indnatts > i.indnkeyatts, EXISTS (SELECT 1 FROM "
                               "unnest(i.indoption::int2[]) o WHERE o <> 0) "
                               "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                               "JOIN pg_am am ON am.oid = ic.relam "
                               "WHERE i.indrelid IN (SELECT c.oid ") +
                       kUserTables +
                       ") AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = "
                       "i.indexrelid "
                       "AND con.contype IN ('p', 'u', 'x')) ORDER BY i.indrelid, ic.relname",
                   {}})) {
    Table* t = table_of(r);
    if (!t) continue;
    const std::string subject = "index " + text(r, 1) + " of table " + t->qualified_name();
    if (text(r, 5) != "btree")
      t->notes.push_back(subject + " uses " + text(r, 5) +
                         ", which the model does not hold: compared, and recreated, as btree");
    if (text(r, 6) == "t")
      t->notes.push_back(subject +
                         " has INCLUDE columns, which the model does not hold: neither compared "
                         "nor restored");
    if (text(r, 7) == "t")
      t->notes.push_back(subject +
                         " sorts a key DESC or NULLS FIRST, which the model does not hold: "
                         "compared, and recreated, in ascending order");
    t->indexes.push_back({text(r, 1), json_keys(r, 3), text(r, 2) == "t", text(r, 4)});
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
