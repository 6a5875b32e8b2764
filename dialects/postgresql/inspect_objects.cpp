#include "dialects/postgresql/inspect_objects.hpp"

#include <algorithm>
#include <map>

#include "core/base/text.hpp"
#include "core/schema/schema_object.hpp"
#include "dialects/postgresql/catalog_row.hpp"
#include "dialects/postgresql/identity.hpp"
#include "dialects/postgresql/types.hpp"

namespace migrate::postgresql {
namespace {

const char* kUserSchema =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

// A name as depends_on holds it: bare in the current schema, else qualified.
std::string dep_name(const std::string& ns, const std::string& name) {
  return "CASE WHEN " + ns + ".nspname = current_schema() THEN '' ELSE " + ns +
         ".nspname || '.' END || " + name;
}

std::string not_extension_member(const std::string& catalog, const std::string& oid) {
  return " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog +
         "'::regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
}

std::string schema_of(const Row& r, size_t i, const std::string& current) {
  return text(r, i) == current ? "" : text(r, i);
}

// pg_get_viewdef's " SELECT ...;" -> "SELECT ..."
std::string view_query(const std::string& def) {
  std::string s = text::trim(def);
  while (!s.empty() && s.back() == ';') s = text::trim(s.substr(0, s.size() - 1));
  return s;
}

void read_views(Connection& conn, const std::string& current, std::vector<SchemaObject>& out) {
  // What the view's rewrite rule reads: relations and functions, by pg_depend.
  const std::string deps =
      "(SELECT json_agg(DISTINCT d.name) FROM ("
      "SELECT " +
      dep_name("rn", "rc.relname") +
      " AS name FROM pg_rewrite r JOIN pg_depend dp ON dp.classid = 'pg_rewrite'::regclass "
      "AND dp.objid = r.oid AND dp.refclassid = 'pg_class'::regclass "
      "JOIN pg_class rc ON rc.oid = dp.refobjid JOIN pg_namespace rn ON rn.oid = "
      "rc.relnamespace WHERE r.ev_class = c.oid AND rc.oid <> c.oid "
      "UNION SELECT " +
      dep_name("pn", "pp.proname") +
      " FROM pg_rewrite r JOIN pg_depend dp ON dp.classid = 'pg_rewrite'::regclass "
      "AND dp.objid = r.oid AND dp.refclassid = 'pg_proc'::regclass "
      "JOIN pg_proc pp ON pp.oid = dp.refobjid JOIN pg_namespace pn ON pn.oid = "
      "pp.pronamespace WHERE r.ev_class = c.oid AND pn.nspname NOT IN ('pg_catalog', "
      "'information_schema')) d)";
  const std::string from = " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " +
                           std::string(kUserSchema) + not_extension_member("pg_class", "c.oid");
  std::map<std::pair<std::string, std::string>, size_t> at;  // (schema, name) -> index
  for (const auto& r :
       conn.query({"SELECT n.nspname, c.relname, c.relkind::text, "
                   "pg_get_viewdef(c.oid, true), " +
                       deps + from + " AND c.relkind IN ('v', 'm') ORDER BY n.nspname, c.relname",
                   {}})) {
    SchemaObject o;
    o.kind = text(r, 2) == "m" ? ObjectKind::materialized_view : ObjectKind::view;
    o.schema = schema_of(r, 0, current);
    o.name = text(r, 1);
    o.definition = view_query(text(r, 3));
    o.depends_on = json_names(r, 4);
    at[{o.schema, o.name}] = out.size();
    out.push_back(std::move(o));
  }
  // A materialized view's indexes, read as a table's are.
  for (const auto& r :
       conn.query({std::string("SELECT n.nspname, c.relname, ic.relname, i.indisunique, ") +
                       kIndexKeysSql +
                       " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                       "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = "
                       "c.relnamespace WHERE c.relkind = 'm' AND "
                       "ic.relam = (SELECT oid FROM pg_am WHERE amname = 'btree') AND " +
                       kUserSchema + " ORDER BY n.nspname, c.relname, ic.relname",
                   {}})) {
    auto it = at.find({schema_of(r, 0, current), text(r, 1)});
    if (it == at.end()) continue;
    out[it->second].indexes.push_back({text(r, 2), json_keys(r, 4), text(r, 3) == "t", text(r, 5)});
  }
}

// A sequence's options, each left out where it is the default for its type
// and direction (as CREATE SEQUENCE without it would make it).
SequenceOptions sequence_options(const Row& r) {
  SequenceOptions s;
  const std::string& type = text(r, 2);
  s.start = std::stoll(text(r, 3));
  s.increment = std::stoll(text(r, 4));
  s.min_value = std::stoll(text(r, 5));
  s.max_value = std::stoll(text(r, 6));
  s.cache = std::stoll(text(r, 7));
  s = postgresql::without_defaults(s, type);
  if (type != "bigint") s.type = type;
  s.cycle = text(r, 8) == "t";
  s.owned_by = text(r, 9);
  return s;
}

}  // namespace

std::string serial_sequence(const std::string& seq, const std::string& column_type) {
  return seq + ".seqtypid = " + column_type + " AND " + seq + ".seqincrement = 1 AND " + seq +
         ".seqstart = 1 AND " + seq + ".seqmin = 1 AND " + seq + ".seqcache = 1 AND NOT " + seq +
         ".seqcycle AND " + seq + ".seqmax = CASE " + seq +
         ".seqtypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647 ELSE "
         "9223372036854775807 END";
}

namespace {

void read_sequences(Connection& conn, const std::string& current, std::vector<SchemaObject>& out) {
  // The column that owns it (deptype 'a'), unless that column is a serial
  // (serial_sequence), which inspect reports as such (inspect.cpp); an
  // identity's ('i') is its table's too.
  const std::string sql =
      "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart::text, "
      "s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle, "
      "CASE WHEN ta.attname IS NOT NULL THEN " +
      dep_name("tn", "tc.relname") +
      " || '.' || ta.attname END "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_sequence s ON s.seqrelid = c.oid "
      "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid "
      "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
      "LEFT JOIN pg_class tc ON tc.oid = d.refobjid "
      "LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
      "LEFT JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid "
      "LEFT JOIN pg_attrdef ad ON ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid "
      "WHERE c.relkind = 'S' AND " +
      kUserSchema + not_extension_member("pg_class", "c.oid") +
      " AND (d.deptype IS NULL OR (d.deptype = 'a' AND NOT (tc.relkind IN ('r', 'p') AND NOT "
      "tc.relispartition AND ta.attidentity = '' AND ta.atttypid IN ('int2'::regtype, "
      "'int4'::regtype, 'int8'::regtype) AND " +
      serial_sequence("s", "ta.atttypid") +
      " AND coalesce(pg_get_expr(ad.adbin, ad.adrelid), '') "
      "= 'nextval(' || quote_literal(c.oid::regclass::text) || '::regclass)'))) ORDER BY "
      "n.nspname, c.relname";
  for (const auto& r : conn.query({sql, {}})) {
    SchemaObject o;
    o.kind = ObjectKind::sequence;
    o.schema = schema_of(r, 0, current);
    o.name = text(r, 1);
    o.sequence = sequence_options(r);
    out.push_back(std::move(o));
  }
}

void read_triggers(Connection& conn, const std::string& current, std::vector<SchemaObject>& out) {
  // On tables and views the model holds (not partitions: their clones are
  // the parent's trigger).
  const std::string sql =
      "SELECT n.nspname, t.tgname, c.relname, pg_get_triggerdef(t.oid, true), "
      "CASE WHEN pn.nspname NOT IN ('pg_catalog', 'information_schema') THEN " +
      dep_name("pn", "p.proname") +
      " END FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
      "JOIN pg_namespace pn ON pn.oid = p.pronamespace "
      "WHERE NOT t.tgisinternal AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition AND " +
      kUserSchema + " ORDER BY n.nspname, c.relname, t.tgname";
  for (const auto& r : conn.query({sql, {}})) {
    SchemaObject o;
    o.kind = ObjectKind::trigger;
    o.schema = schema_of(r, 0, current);
    o.name = text(r, 1);
    o.table = text(r, 2);
    o.definition = text::trim(text(r, 3));
    if (!is_null(r[4])) o.depends_on.push_back(text(r, 4));
    out.push_back(std::move(o));
  }
}

void read_functions(Connection& conn, const std::string& current, std::vector<SchemaObject>& out) {
  // A name with several signatures is not modelled: the model names a
  // function by its name alone.
  const std::string sql =
      "SELECT n.nspname, p.proname, p.prokind::text, pg_get_functiondef(p.oid) "
      "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE p.prokind IN ('f', 'p') AND " +
      std::string(kUserSchema) + not_extension_member("pg_proc", "p.oid") +
      " AND NOT EXISTS (SELECT 1 FROM pg_proc q WHERE q.pronamespace = p.pronamespace AND "
      "q.proname = p.proname AND q.oid <> p.oid) ORDER BY n.nspname, p.proname";
  for (const auto& r : conn.query({sql, {}})) {
    SchemaObject o;
    o.kind = text(r, 2) == "p" ? ObjectKind::procedure : ObjectKind::function;
    o.schema = schema_of(r, 0, current);
    o.name = text(r, 1);
    std::string def = text::trim(text(r, 3));
    while (!def.empty() && def.back() == ';') def = text::trim(def.substr(0, def.size() - 1));
    o.definition = std::move(def);
    out.push_back(std::move(o));
  }
}

// Whether `s` is one parenthesised whole: "(a > 0)", not "(a) AND (b)".
bool enclosed(const std::string& s) {
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') return false;
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\'') quoted = !quoted;
    if (quoted) continue;
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0 && i + 1 < s.size()) return false;
  }
  return true;
}

// "CHECK ((VALUE > 0)) NOT VALID" -> "VALUE > 0"
std::string domain_check(std::string s) {
  if (s.rfind("CHECK ", 0) == 0) s = s.substr(6);
  const std::string nv = " NOT VALID";
  if (s.size() > nv.size() && s.compare(s.size() - nv.size(), nv.size(), nv) == 0)
    s.resize(s.size() - nv.size());
  while (enclosed(s)) s = s.substr(1, s.size() - 2);
  return s;
}

void read_domains(Connection& conn, const std::string& current, std::vector<SchemaObject>& out) {
  // The collation only where it is not the base type's own.
  const std::string sql =
      "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, "
      "t.typdefault, CASE WHEN t.typcollation <> b.typcollation THEN (SELECT co.collname "
      "FROM pg_collation co WHERE co.oid = t.typcollation) END, "
      "(SELECT json_agg(json_build_array(c.conname, pg_get_constraintdef(c.oid)) ORDER BY "
      "c.conname) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c') "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
      "JOIN pg_type b ON b.oid = t.typbasetype WHERE t.typtype = 'd' AND " +
      std::string(kUserSchema) + not_extension_member("pg_type", "t.oid") +
      " ORDER BY n.nspname, t.typname";
  for (const auto& r : conn.query({sql, {}})) {
    SchemaObject o;
    o.kind = ObjectKind::domain;
    o.schema = schema_of(r, 0, current);
    o.name = text(r, 1);
    DomainOptions& d = o.domain;
    d.type = type_from_catalog(text(r, 2)).str();
    d.nullable = text(r, 3) != "t";
    if (auto def = opt_text(r, 4)) d.server_default = model_default(*def, text(r, 2));
    d.collation = opt_text(r, 5);
    if (!is_null(r[6]))
      for (const auto& v : nlohmann::json::parse(text(r, 6)))
        d.checks.push_back({v.at(0).get<std::string>(), domain_check(v.at(1).get<std::string>())});
    out.push_back(std::move(o));
  }
}

void read_extensions(Connection& conn, const std::string& current, std::vector<SchemaObject>& out) {
  // plpgsql comes with every database (and template1): not the model's.
  for (const auto& r :
       conn.query({"SELECT e.extname, n.nspname, e.extversion FROM pg_extension e "
                   "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' "
                   "ORDER BY e.extname",
                   {}})) {
    SchemaObject o;
    o.kind = ObjectKind::extension;
    o.name = text(r, 0);
    o.schema = schema_of(r, 1, current);
    o.version = text(r, 2);
    out.push_back(std::move(o));
  }
}

// Sequences and functions first (what views and triggers use), then views,
// then triggers; within that, each after what its depends_on names.
std::vector<SchemaObject> in_creation_order(std::vector<SchemaObject> objects) {
  auto rank = [](ObjectKind k) {
    switch (k) {
      case ObjectKind::extension:
        return -2;
      case ObjectKind::domain:
        return -1;
      case ObjectKind::sequence:
        return 0;
      case ObjectKind::function:
      case ObjectKind::procedure:
        return 1;
      case ObjectKind::view:
      case ObjectKind::materialized_view:
        return 2;
      case ObjectKind::trigger:
        return 3;
    }
    return 4;
  };
  std::stable_sort(
      objects.begin(), objects.end(),
      [&](const SchemaObject& a, const SchemaObject& b) { return rank(a.kind) < rank(b.kind); });
  std::vector<const SchemaObject*> ptrs;
  for (const auto& o : objects) ptrs.push_back(&o);
  std::vector<SchemaObject> out;
  out.reserve(objects.size());
  for (size_t i : creation_order(ptrs)) out.push_back(std::move(objects[i]));
  return out;
}

}  // namespace

std::vector<SchemaObject> inspect_objects(Connection& conn, const std::string& current) {
  std::vector<SchemaObject> out;
  read_extensions(conn, current, out);
  read_domains(conn, current, out);
  read_sequences(conn, current, out);
  read_functions(conn, current, out);
  read_views(conn, current, out);
  read_triggers(conn, current, out);
  return in_creation_order(std::move(out));
}

}  // namespace migrate::postgresql
