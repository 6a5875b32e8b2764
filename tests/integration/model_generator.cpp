#include "model_generator.hpp"

#include <algorithm>
#include <set>

#include "core/base/text.hpp"
#include "core/model/object_yaml.hpp"
#include "core/model/table_yaml.hpp"
#include "core/sql/sql_lexer.hpp"
#include "core/yaml/yaml_write.hpp"

namespace itest {
namespace {

using migrate::Column;
using migrate::ForeignKey;
using migrate::Index;
using migrate::ObjectKind;
using migrate::Partition;
using migrate::PartitionBy;
using migrate::PrimaryKey;
using migrate::Schema;
using migrate::SchemaObject;
using migrate::Table;
using migrate::Type;

// Keywords and spaces among them: every identifier must be quoted.
const std::vector<std::string> kTableNames = {"users",  "order",    "line item", "Tag",
                                              "events", "accounts", "group",     "posts",
                                              "x",      "ledger",   "select",    "audit log"};
const std::vector<std::string> kColumnNames = {
    "name", "qty",    "price", "note",  "created", "flag", "when", "group", "data",
    "uid",  "amount", "body",  "ratio", "day",     "at",   "raw",  "title", "score"};

const std::vector<std::string> kTypes = {
    "smallint",     "integer",   "bigint",      "boolean",    "float",  "double", "numeric(10,2)",
    "decimal(8,3)", "char(5)",   "varchar(40)", "string(30)", "string", "text",   "date",
    "time",         "timestamp", "timestamptz", "json",       "uuid",   "blob"};

bool is_serial(const Type& t) {
  return t.name == "serial" || t.name == "bigserial" || t.name == "smallserial";
}
bool is_integer(const Type& t) {
  return t.name == "smallint" || t.name == "integer" || t.name == "bigint" || is_serial(t);
}
// Not an array of them: "character varying(20)[]" parses with the suffix "[]".
bool is_text(const Type& t) {
  return t.suffix.find('[') == std::string::npos &&
         (t.name == "char" || t.name == "varchar" || t.name == "string" || t.name == "text");
}
bool is_array(const Type& t) {
  return t.str().find('[') != std::string::npos;
}

// On MySQL: uuid is CHAR(36).
bool has_charset(const Type& t) {
  return is_text(t) || t.name == "uuid";
}

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

bool mentions(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool referenced_by_others(const Schema& s, const Table& t) {
  for (const auto& other : s.tables) {
    if (&other == &t) continue;
    for (const auto& fk : other.foreign_keys)
      if (fk.ref_table == t.name) return true;
  }
  return false;
}

bool in_foreign_key(const Table& t, const std::string& column) {
  for (const auto& fk : t.foreign_keys)
    if (mentions(fk.columns, column)) return true;
  return false;
}

}  // namespace

std::string sample_value(const Type& t) {
  if (is_array(t)) return "'{}'";
  if (t.name == "bit") return "B'" + std::string(std::stoul(t.args.at(0)), '1') + "'";
  if (t.name == "varbit") return "B'1'";
  if (is_integer(t)) return "1";
  if (t.name == "boolean") return "TRUE";  // PostgreSQL takes no 1 for a boolean
  if (t.name == "float" || t.name == "double" || t.name == "numeric" || t.name == "decimal")
    return "1.5";
  if (t.name == "char") return "'c'";
  if (is_text(t)) return "'v'";
  if (t.name == "date") return "'2024-01-02'";
  if (t.name == "time") return "'10:00:00'";
  if (t.name == "timestamp" || t.name == "timestamptz") return "'2024-01-02 10:00:00'";
  if (t.name == "json") return "'{}'";
  if (t.name == "uuid") return "'00000000-0000-0000-0000-000000000001'";
  return "x'01'";
}

Type ModelGenerator::random_type() {
  if (features_.bit_columns && chance(8)) return Type::parse("bit(8)");
  if (features_.postgresql_types && chance(15))
    return Type::parse(pick(
        std::vector<std::string>{"varbit(8)", "double precision[][]", "character varying(20)[]",
                                 "timestamp with time zone[]", "integer[]", "text[][]"}));
  if (features_.fractional_seconds && chance(15))
    return Type::parse(pick(
        std::vector<std::string>{"timestamp(6)", "timestamp(3)", "timestamptz(6)", "time(2)"}));
  Type t = Type::parse(pick(kTypes));
  if (features_.mysql_table_options && is_text(t) && chance(20))
    t.suffix = pick(std::vector<std::string>{"character set latin1", "collate utf8mb4_bin"});
  return t;
}

std::optional<std::string> ModelGenerator::random_default(const Type& t) {
  auto from = [&](std::vector<std::string> v) -> std::optional<std::string> { return pick(v); };
  if (is_array(t)) return std::string("'{}'");
  if (t.name == "bit") return from({"B'10100101'", "X'A5'", "b'00000001'"});
  if (t.name == "varbit") return from({"B'101'", "B''"});
  if (features_.expression_defaults && chance(30)) {
    if (is_integer(t)) return from({"abs(-5)", "(2 * 3)", "(-(4))"});
    if (is_text(t) && t.name != "char") return from({"lower('X')", "upper('y')"});
  }
  if (features_.postgresql_types && t.name == "timestamp" && t.args.empty() && chance(40))
    return from({"(now() AT TIME ZONE 'utc')", "now() AT TIME ZONE 'utc'"});
  if (is_integer(t)) return from({"0", "-1", "42", "(1 + 2)"});
  if (t.name == "boolean") return from({"true", "false", "TRUE"});
  if (t.name == "float" || t.name == "double") return from({"0", "1.5", "-2.25"});
  if (t.name == "numeric" || t.name == "decimal") return from({"0", "9.99"});
  if (is_text(t)) return from({"'x'", "''", "'it''s'"});
  if (t.name == "date") return from({"CURRENT_DATE", "'2020-01-01'"});
  if (t.name == "time") return from({"CURRENT_TIME", "current_time"});
  if ((t.name == "timestamp" || t.name == "timestamptz") && !t.args.empty())
    return from({"CURRENT_TIMESTAMP(" + t.args[0] + ")", "now(" + t.args[0] + ")",
                 "'2020-01-01 00:00:00.25'"});
  if (t.name == "time" && !t.args.empty()) return std::string("'10:00:00.5'");
  if (t.name == "timestamp" || t.name == "timestamptz")
    return from({"CURRENT_TIMESTAMP", "'2020-01-01 00:00:00'"});
  if (t.name == "json") return std::string("'{}'");
  if (t.name == "blob") return std::string("x'00ff'");
  return std::nullopt;
}

Column ModelGenerator::random_column(const std::string& name) {
  Column c;
  c.name = name;
  c.type = random_type();
  c.nullable = chance(50);
  if (chance(40)) c.server_default = random_default(c.type);
  if (chance(15)) c.comment = "about " + name;
  return c;
}

std::string ModelGenerator::fresh_name(const std::string& prefix, const Table& t) {
  return prefix + "_" + slug(t.name) + "_" + std::to_string(++serial_);
}

void ModelGenerator::add_foreign_key(Table& child, const Table& parent, bool nullable) {
  ForeignKey fk;
  fk.ref_table = parent.name;
  for (const auto& pcol : parent.primary_key->columns) {
    Column c;
    c.name = slug(parent.name) + "_" + pcol;
    while (child.column(c.name)) c.name += "_" + std::to_string(++serial_);
    c.type = parent.column(pcol)->type;
    // A key to a serial is its integer, without a sequence of its own.
    if (c.type.name == "serial") c.type = Type::parse("integer");
    if (c.type.name == "bigserial") c.type = Type::parse("bigint");
    if (features_.mysql_table_options && has_charset(c.type) && c.type.suffix.empty())
      c.type.suffix = "character set " + parent.mysql_charset.value_or("utf8mb4") +
                      (parent.mysql_collate ? " collate " + *parent.mysql_collate : "");
    c.nullable = nullable;
    fk.columns.push_back(c.name);
    fk.ref_columns.push_back(pcol);
    child.columns.push_back(c);
  }
  std::vector<std::string> on_delete = {"", "cascade", "restrict"};
  if (nullable) on_delete.push_back("set null");
  fk.on_delete = pick(on_delete);
  fk.on_update = chance(20) ? "cascade" : "";
  // Unnamed: the naming convention names it, as it does for most models.
  child.foreign_keys.push_back(fk);
}

Table ModelGenerator::random_table(const std::string& name, const Schema& s) {
  Table t;
  t.name = name;
  int pk_kind = below(10);
  if (pk_kind < 6) {
    Column id;
    id.name = "id";
    id.type = Type::parse(chance(20) ? "bigint" : "integer");
    id.nullable = false;
    id.autoincrement = chance(40);
    // PostgreSQL's serial: an integer with a sequence of its own (no identity).
    if (features_.postgresql_types && chance(35)) {
      id.type = Type::parse(id.type.name == "bigint" ? "bigserial" : "serial");
      id.autoincrement = false;
    }
    if (features_.identity_options && id.autoincrement && id_below(100) < 50)
      id.identity_options = random_identity_options();
    t.columns.push_back(id);
    t.primary_key = migrate::PrimaryKey{"", {"id"}};
  } else {
    Column code;
    code.name = "code";
    code.type = Type::parse(pick(std::vector<std::string>{"varchar(20)", "text", "uuid"}));
    code.nullable = false;
    if (pk_kind < 8) {
      t.columns.push_back(code);
      t.primary_key = migrate::PrimaryKey{"", {"code"}};
    } else {
      Column id;
      id.name = "id";
      id.type = Type::parse("integer");
      id.nullable = false;
      t.columns = {id, code};
      t.primary_key = migrate::PrimaryKey{"", {"id", "code"}};
    }
  }
  std::vector<std::string> names = kColumnNames;
  std::shuffle(names.begin(), names.end(), rng_);
  int extra = 1 + below(6);
  for (int i = 0; i < extra; ++i) t.columns.push_back(random_column(names[static_cast<size_t>(i)]));
  for (const auto& parent : s.tables)
    if (chance(35)) add_foreign_key(t, parent, chance(50));

  std::vector<std::string> plain;  // columns outside the primary key
  for (const auto& c : t.columns)
    if (!t.in_primary_key(c.name)) plain.push_back(c.name);
  int indexes = below(3);
  for (int i = 0; i < indexes && !plain.empty(); ++i) {
    Index ix{fresh_name("ix", t), {pick(plain)}, chance(25)};
    if (chance(40)) {
      std::string second = pick(plain);
      if (second != ix.keys[0].text) ix.keys.push_back(second);
    }
    t.indexes.push_back(ix);
  }
  if (!plain.empty() && chance(25)) t.uniques.push_back({fresh_name("uq", t), {pick(plain)}});
  if (chance(30))
    for (const auto& c : t.columns)
      if (!t.in_primary_key(c.name) && (is_integer(c.type) || is_text(c.type))) {
        std::string q = migrate::sql_double_quote(c.name);
        t.checks.push_back(
            {fresh_name("ck", t), is_integer(c.type) ? q + " >= 0" : "length(" + q + ") > 0"});
        break;
      }
  if (features_.generated_columns && gen_chance(30))
    if (auto g = random_generated(t)) t.columns.push_back(std::move(*g));
  if (chance(30)) t.comment = "the " + name + " table";
  if (features_.mysql_table_options) {
    if (chance(30)) t.mysql_engine = "InnoDB";  // the server's own: never a difference
    if (chance(30)) t.mysql_charset = pick(std::vector<std::string>{"latin1", "utf8mb4"});
    if (t.mysql_charset && *t.mysql_charset == "latin1" && chance(40))
      t.mysql_collate = "latin1_bin";
  }
  return t;
}

std::optional<Column> ModelGenerator::random_generated(const Table& t) {
  std::vector<std::string> from;
  for (const auto& c : t.columns)
    // MariaDB computes nothing from an AUTO_INCREMENT column, nor from one
    // whose foreign key has an action (error 1901, as for a CHECK).
    if (!c.generated && !c.autoincrement && !in_foreign_key(t, c.name) && is_integer(c.type) &&
        c.type.name != "serial" && c.type.name != "bigserial")
      from.push_back(c.name);
  if (from.empty()) return std::nullopt;
  Column g;
  g.name = "gen_" + std::to_string(++serial_);
  g.type = Type::parse("bigint");
  const std::string col = q(from[static_cast<size_t>(gen_below(static_cast<int>(from.size())))]);
  g.generated = migrate::Generated{
      std::vector<std::string>{col + " * 2", col + " + 1",
                               "abs(" + col + ")"}[static_cast<size_t>(gen_below(3))],
      features_.stored_generated_only || gen_chance(50)};
  return g;
}

// Adds, changes or drops a generated column.
bool ModelGenerator::change_generated(Table& t, std::string& what) {
  std::vector<Column*> generated;
  for (auto& c : t.columns)
    if (c.generated) generated.push_back(&c);
  const bool used = [&] {
    for (const Column* g : generated)
      for (const auto& ix : t.indexes)
        if (mentions(key_columns(ix), g->name)) return true;
    return false;
  }();
  if (generated.empty() || gen_chance(40)) {
    auto g = random_generated(t);
    if (!g) return false;
    what = "add generated column " + t.name + "." + g->name + " = " + g->generated->expression;
    t.columns.push_back(std::move(*g));
    return true;
  }
  Column& g = *generated[static_cast<size_t>(gen_below(static_cast<int>(generated.size())))];
  if (gen_chance(50) && !used) {
    what = "drop generated column " + t.name + "." + g.name;
    t.columns.erase(t.columns.begin() + (&g - t.columns.data()));
    return true;
  }
  g.generated->expression = "(" + g.generated->expression + ") * 3";
  if (!features_.stored_generated_only && gen_chance(30))
    g.generated->stored = !g.generated->stored;
  what = "generated column " + t.name + "." + g.name + " = " + g.generated->expression +
         (g.generated->stored ? " stored" : " virtual");
  return true;
}

Schema ModelGenerator::model() {
  Schema s;
  std::vector<std::string> names = kTableNames;
  std::shuffle(names.begin(), names.end(), rng_);
  int n = 1 + below(6);
  for (int i = 0; i < n; ++i) s.tables.push_back(random_table(names[static_cast<size_t>(i)], s));
  // Now and then a key back to a later table: a cycle when that table points here.
  if (s.tables.size() >= 2 && chance(30)) {
    size_t later = 1 + static_cast<size_t>(below(static_cast<int>(s.tables.size()) - 1));
    add_foreign_key(s.tables[0], s.tables[later], true);
  }
  draw_objects(s, 50);
  if (features_.domains)
    for (int i = dom_below(3); i > 0; --i) domains_.push_back(random_domain());
  if (!features_.partitions.empty())
    for (int i = part_below(3); i > 0; --i) partitioned_.push_back(random_partitioned());
  sync_objects(s);
  s.tables.insert(s.tables.end(), partitioned_.begin(), partitioned_.end());
  return s;
}

// Partition n of a range on an integer column, in steps of 100: the first
// from the lowest value, so the sample rows (1) always have a place.
Partition ModelGenerator::range_partition(const std::string& table, int n) const {
  Partition p;
  p.name = table + "_p" + std::to_string(n);
  const std::string high = std::to_string(100 * (n + 1));
  if (features_.partitions == "mysql")
    p.values = "LESS THAN (" + high + ")";
  else
    p.values = "FROM (" + (n == 0 ? std::string("MINVALUE") : std::to_string(100 * n)) + ") TO (" +
               high + ")";
  return p;
}

// Its keys hold the partition column, as both databases require; no foreign
// keys (MySQL's partitioned tables have none) and no views over it.
Table ModelGenerator::random_partitioned() {
  Table t;
  t.name = "parted" + std::to_string(++serial_);
  auto column = [](const std::string& name, const std::string& type, bool nullable) {
    Column c;
    c.name = name;
    c.type = Type::parse(type);
    c.nullable = nullable;
    return c;
  };
  t.columns = {column("id", "integer", false), column("k", "integer", false),
               column("note", "varchar(20)", true)};
  t.primary_key = PrimaryKey{"", {"id", "k"}};
  if (part_below(2) == 0) t.indexes.push_back(Index{"ix_" + t.name + "_k", {"k"}});
  t.partition_by = PartitionBy{"range", {"k"}};
  for (int n = 0, count = 1 + part_below(3); n < count; ++n)
    t.partitions.push_back(range_partition(t.name, n));
  return t;
}

void ModelGenerator::change_partitioned(std::vector<std::string>& done) {
  if (features_.partitions.empty() || part_below(100) >= 50) return;
  if (partitioned_.empty() || part_below(6) == 0) {
    partitioned_.push_back(random_partitioned());
    done.push_back("new partitioned table " + partitioned_.back().name);
    return;
  }
  const size_t i = static_cast<size_t>(part_below(static_cast<int>(partitioned_.size())));
  Table& t = partitioned_[i];
  switch (part_below(5)) {
    case 0:
      done.push_back("drop partitioned table " + t.name);
      partitioned_.erase(partitioned_.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    case 1:
      if (t.partitions.size() > 1) {
        done.push_back("drop partition " + t.partitions.back().name);
        t.partitions.pop_back();
        return;
      }
      [[fallthrough]];
    case 2:
    case 3:
      t.partitions.push_back(range_partition(t.name, static_cast<int>(t.partitions.size())));
      done.push_back("add partition " + t.partitions.back().name);
      return;
    default: {
      Column c;
      c.name = "extra" + std::to_string(++serial_);
      c.type = Type::parse("integer");
      t.columns.push_back(c);
      done.push_back("add column " + t.name + "." + c.name);
      return;
    }
  }
}

std::string ModelGenerator::q(const std::string& name) const {
  std::string out(1, features_.quote);
  for (char c : name) {
    if (c == features_.quote) out += c;
    out += c;
  }
  return out + features_.quote;
}

// For each table, by `percent`: a view over its key columns (and now and
// then one over that view), a trigger.
void ModelGenerator::draw_objects(const Schema& s, int percent) {
  if (!features_.views && features_.trigger_template.empty()) return;
  for (const auto& t : s.tables) {
    if (features_.views && t.primary_key && objects_below(100) < percent) {
      View v{"v_" + t.name + "_" + std::to_string(++serial_), t.name, t.primary_key->columns, "",
             false};
      views_.push_back(v);
      if (objects_below(100) < 40) views_.push_back({"n_" + v.name, "", {}, v.name, false});
    }
    if (!features_.trigger_template.empty() && objects_below(100) < percent / 2)
      triggers_.emplace_back("trg_" + t.name + "_" + std::to_string(++serial_), t.name);
  }
}

void ModelGenerator::change_objects(const Schema& s, std::vector<std::string>& done) {
  if ((!features_.views && features_.trigger_template.empty()) || objects_below(100) >= 40) return;
  switch (objects_below(4)) {
    case 0:
      draw_objects(s, 60);
      done.push_back("new views or triggers");
      return;
    case 1:
      if (!views_.empty()) {
        View& v = views_[static_cast<size_t>(objects_below(static_cast<int>(views_.size())))];
        v.filtered = !v.filtered;
        done.push_back("definition of view " + v.name);
      }
      return;
    case 2:
      if (!views_.empty()) {
        size_t i = static_cast<size_t>(objects_below(static_cast<int>(views_.size())));
        done.push_back("drop view " + views_[i].name);
        views_.erase(views_.begin() + static_cast<long>(i));
      }
      return;
    default:
      if (!triggers_.empty()) {
        size_t i = static_cast<size_t>(objects_below(static_cast<int>(triggers_.size())));
        done.push_back("drop trigger " + triggers_[i].first);
        triggers_.erase(triggers_.begin() + static_cast<long>(i));
      }
      return;
  }
}

// A base type, with a default and checks that suit it.
void ModelGenerator::retype_domain(SchemaObject& d) {
  static const char* types[] = {"integer", "bigint", "text", "varchar(20)", "numeric(10,2)"};
  migrate::DomainOptions& o = d.domain;
  o.type = types[dom_below(5)];
  const bool text = o.type == "text" || o.type == "varchar(20)";
  o.server_default.reset();
  if (dom_below(2)) o.server_default = text ? "'x'" : std::to_string(dom_below(50));
  o.checks.clear();
  if (dom_below(3))
    o.checks.push_back({d.name + "_lo", text ? "length(VALUE) < 100" : "VALUE > -1000"});
  if (dom_below(3))
    o.checks.push_back({d.name + "_hi", text ? "VALUE <> 'forbidden'" : "VALUE < 1000000"});
}

SchemaObject ModelGenerator::random_domain() {
  SchemaObject d;
  d.kind = ObjectKind::domain;
  d.name = "dom_" + std::to_string(++serial_);
  retype_domain(d);
  d.domain.nullable = dom_below(3) != 0;
  return d;
}

void ModelGenerator::change_domains(std::vector<std::string>& done) {
  if (!features_.domains || dom_below(100) >= 50) return;
  if (domains_.empty() || dom_below(5) == 0) {
    domains_.push_back(random_domain());
    done.push_back("new domain " + domains_.back().name);
    return;
  }
  SchemaObject& d = domains_[static_cast<size_t>(dom_below(static_cast<int>(domains_.size())))];
  migrate::DomainOptions& o = d.domain;
  const bool text = o.type == "text" || o.type == "varchar(20)";
  switch (dom_below(5)) {
    case 0:
      done.push_back("drop domain " + d.name);
      domains_.erase(domains_.begin() + (&d - domains_.data()));
      return;
    case 1:
      if (o.server_default)
        o.server_default.reset();
      else
        o.server_default = text ? "'y'" : "3";
      done.push_back("default of domain " + d.name);
      return;
    case 2:
      o.nullable = !o.nullable;
      done.push_back("nullability of domain " + d.name);
      return;
    case 3:
      if (!o.checks.empty() && dom_below(2)) {
        o.checks.erase(o.checks.begin());
      } else {
        o.checks.push_back({d.name + "_c" + std::to_string(++serial_),
                            text ? "VALUE <> 'also forbidden'" : "VALUE <> -1"});
      }
      done.push_back("checks of domain " + d.name);
      return;
    default:
      retype_domain(d);
      done.push_back("base type of domain " + d.name + ": " + o.type);
      return;
  }
}

void ModelGenerator::sync_objects(Schema& s) {
  std::set<std::string> kept;
  std::vector<View> still;
  for (const auto& v : views_) {
    bool ok;
    if (v.over.empty()) {
      const Table* t = s.table(v.table);
      ok = t != nullptr;
      for (const auto& c : v.columns) ok = ok && t->column(c) != nullptr;
    } else {
      ok = kept.count(v.over) > 0;
    }
    if (!ok) continue;
    kept.insert(v.name);
    still.push_back(v);
  }
  views_ = std::move(still);
  std::erase_if(triggers_, [&](const auto& t) { return s.table(t.second) == nullptr; });
  s.objects = domains_;
  for (const auto& v : views_) {
    SchemaObject o;
    o.kind = ObjectKind::view;
    o.name = v.name;
    if (v.over.empty()) {
      std::string cols;
      for (const auto& c : v.columns) cols += (cols.empty() ? "" : ", ") + q(c);
      o.definition = "SELECT " + cols + " FROM " + q(v.table);
    } else {
      o.definition = "SELECT count(*) AS n FROM " + q(v.over);
    }
    if (v.filtered) o.definition += " WHERE 1 = 1";
    s.objects.push_back(std::move(o));
  }
  for (const auto& [name, table] : triggers_) {
    SchemaObject o;
    o.kind = ObjectKind::trigger;
    o.name = name;
    o.table = table;
    o.definition = features_.trigger_template;
    for (const auto& [key, value] :
         {std::pair{std::string("{name}"), q(name)}, std::pair{std::string("{table}"), q(table)}}) {
      const size_t at = o.definition.find(key);
      if (at != std::string::npos) o.definition.replace(at, key.size(), value);
    }
    s.objects.push_back(std::move(o));
  }
}

// Options the rows (keys of 1) leave room for whichever way the sequence goes
// on past them: a descending one stays below them, a bounded one above.
migrate::SequenceOptions ModelGenerator::random_identity_options() {
  migrate::SequenceOptions o;
  switch (id_below(6)) {
    case 0:
      break;  // the defaults
    case 1:
      o.start = 100;
      break;
    case 2:
      o.start = 1000;
      o.increment = 5;
      o.cache = 10;
      break;
    case 3:
      o.increment = -1;
      break;
    case 4:
      o.min_value = 10;
      o.max_value = 1000000;
      o.cycle = true;
      break;
    default:
      o.increment = 2;
      o.max_value = 2000000000;
      break;
  }
  return o;
}

// Now and then an identity's options change in place.
void ModelGenerator::change_identities(Schema& s, std::vector<std::string>& done) {
  if (!features_.identity_options || id_below(100) >= 30) return;
  std::vector<std::pair<std::string, Column*>> identities;
  for (auto& t : s.tables)
    for (auto& c : t.columns)
      if (c.autoincrement) identities.emplace_back(t.name, &c);
  if (identities.empty()) return;
  auto& [table, c] = identities[static_cast<size_t>(id_below(static_cast<int>(identities.size())))];
  const migrate::SequenceOptions next = random_identity_options();
  if (next == c->identity_options) return;
  c->identity_options = next;
  done.push_back("identity options of " + table + "." + c->name);
}

std::vector<std::string> ModelGenerator::change(Schema& s) {
  std::vector<std::string> done;
  // Partitioned tables change by themselves (change_partitioned), never as a random table.
  std::erase_if(s.tables, [](const Table& t) { return t.partition_by.has_value(); });
  fresh_.clear();
  redefaulted_.clear();
  renulled_.clear();
  added_.clear();
  int n = 1 + below(3);
  for (int attempts = 0; static_cast<int>(done.size()) < n && attempts < 200; ++attempts) {
    std::string what;
    if (change_once(s, what)) done.push_back(what);
  }
  change_objects(s, done);
  change_domains(done);
  change_partitioned(done);
  change_identities(s, done);
  sync_objects(s);
  s.tables.insert(s.tables.end(), partitioned_.begin(), partitioned_.end());
  return done;
}

bool ModelGenerator::change_once(Schema& s, std::string& what) {
  if (s.tables.empty()) {
    s.tables.push_back(random_table("first", s));
    what = "add table first";
    return true;
  }
  Table& t = s.tables[static_cast<size_t>(below(static_cast<int>(s.tables.size())))];
  if (features_.generated_columns && gen_chance(10)) return change_generated(t, what);
  std::vector<Column*> plain;
  for (auto& c : t.columns)
    if (!t.in_primary_key(c.name) && !in_foreign_key(t, c.name) && !c.generated)
      plain.push_back(&c);
  Column* c =
      plain.empty() ? nullptr : plain[static_cast<size_t>(below(static_cast<int>(plain.size())))];
  const std::string at = t.name + (c ? "." + c->name : "");

  switch (below(features_.mysql_table_options ? 17 : 15)) {
    case 0: {
      std::string name = "new_" + std::to_string(++serial_);
      s.tables.push_back(random_table(name, s));
      what = "add table " + name;
      return true;
    }
    case 1: {
      if (s.tables.size() < 2 || referenced_by_others(s, t)) return false;
      what = "drop table " + t.name;
      s.tables.erase(s.tables.begin() + (&t - s.tables.data()));
      return true;
    }
    case 2: {
      Column added = random_column("added_" + std::to_string(++serial_));
      // A table with rows takes a NOT NULL column only with a default.
      if (!added.server_default) added.nullable = true;
      what = "add column " + t.name + "." + added.name;
      if (added.nullable && !added.server_default) fresh_.insert({t.name, added.name});
      added_.insert({t.name, added.name});
      t.columns.push_back(added);
      return true;
    }
    case 3: {
      // A NOT NULL column without a default could not come back on downgrade
      // while the table has rows (as with Alembic): such a drop loses data for good.
      if (!c || renulled_.count({t.name, c->name}) ||
          (!c->nullable && (!c->server_default || redefaulted_.count({t.name, c->name}))))
        return false;
      std::string name = c->name;
      std::string quoted = migrate::sql_double_quote(name);
      auto drop_if = [](auto& v, auto pred) {
        v.erase(std::remove_if(v.begin(), v.end(), pred), v.end());
      };
      drop_if(t.indexes, [&](const Index& ix) { return mentions(key_columns(ix), name); });
      drop_if(t.uniques, [&](const auto& u) { return mentions(u.columns, name); });
      drop_if(t.checks,
              [&](const auto& ck) { return ck.expression.find(quoted) != std::string::npos; });
      drop_if(t.columns, [&](const Column& x) { return x.name == name; });
      // What is computed from it goes too, and the indexes on that.
      for (const auto& g : t.columns)
        if (g.generated && g.generated->expression.find(q(name)) != std::string::npos)
          drop_if(t.indexes, [&](const Index& ix) { return mentions(key_columns(ix), g.name); });
      drop_if(t.columns, [&](const Column& x) {
        return x.generated && x.generated->expression.find(q(name)) != std::string::npos;
      });
      what = "drop column " + at;
      return true;
    }
    case 4: {
      // serial -> bigserial: the sequence widens with its column.
      if (Column* id = t.column("id");
          features_.postgresql_types && id && id->type.name == "serial" && chance(50)) {
        id->type = Type::parse("bigserial");
        what = "type of " + t.name + ".id -> bigserial";
        return true;
      }
      if (!c) return false;
      // PostgreSQL cannot retype a column a generated column is computed from.
      for (const auto& g : t.columns)
        if (g.generated && g.generated->expression.find(q(c->name)) != std::string::npos)
          return false;
      Type& ty = c->type;
      auto widen = [](const std::string& n, int by) { return std::to_string(std::stoi(n) + by); };
      if (ty.name == "varchar" || ty.name == "char" || (ty.name == "string" && !ty.args.empty()))
        ty.args[0] = widen(ty.args[0], 10);
      else if (ty.name == "integer" || ty.name == "smallint")
        ty = Type::parse("bigint");
      else if (ty.name == "serial")
        ty = Type::parse("bigserial");
      else if (ty.name == "numeric" || ty.name == "decimal")
        ty.args[0] = widen(ty.args[0], 2);
      else if (ty.name == "text")
        ty = Type::parse("varchar(500)");
      else if (ty.name == "float")
        ty = Type::parse("double");
      else
        return false;
      what = "type of " + at + " -> " + ty.str();
      return true;
    }
    case 5: {
      if (!c || fresh_.count({t.name, c->name})) return false;
      c->nullable = !c->nullable;
      renulled_.insert({t.name, c->name});
      what = "nullable of " + at + " -> " + (c->nullable ? "true" : "false");
      return true;
    }
    case 6: {
      if (!c) return false;
      auto d = chance(30) ? std::nullopt : random_default(c->type);
      if (d == c->server_default || (!d && !c->nullable && added_.count({t.name, c->name})))
        return false;
      c->server_default = d;
      redefaulted_.insert({t.name, c->name});
      what = "default of " + at + " -> " + d.value_or("none");
      return true;
    }
    case 7: {
      if (!c) return false;
      t.indexes.push_back({fresh_name("ix", t), {c->name}, chance(30)});
      what = "add index on " + at;
      return true;
    }
    case 8: {
      if (t.indexes.empty()) return false;
      size_t i = static_cast<size_t>(below(static_cast<int>(t.indexes.size())));
      if (chance(50)) {
        t.indexes[i].unique = !t.indexes[i].unique;
        what = "flip uniqueness of index " + t.indexes[i].name;
      } else {
        what = "drop index " + t.indexes[i].name;
        t.indexes.erase(t.indexes.begin() + static_cast<long>(i));
      }
      return true;
    }
    case 9: {
      if (!t.uniques.empty() && chance(50)) {
        what = "drop unique " + t.uniques.back().name;
        t.uniques.pop_back();
        return true;
      }
      if (!c) return false;
      t.uniques.push_back({fresh_name("uq", t), {c->name}});
      what = "add unique on " + at;
      return true;
    }
    case 10: {
      if (!t.checks.empty() && chance(50)) {
        what = "drop check " + t.checks.back().name;
        t.checks.pop_back();
        return true;
      }
      for (Column* x : plain) {
        if (fresh_.count({t.name, x->name}) || !(is_integer(x->type) || is_text(x->type))) continue;
        std::string q = migrate::sql_double_quote(x->name);
        t.checks.push_back({fresh_name("ck", t),
                            is_integer(x->type) ? q + " > -100" : "length(" + q + ") < 1000"});
        what = "add check on " + t.name + "." + x->name;
        return true;
      }
      return false;
    }
    case 11: {
      if (t.foreign_keys.empty()) return false;
      ForeignKey& fk =
          t.foreign_keys[static_cast<size_t>(below(static_cast<int>(t.foreign_keys.size())))];
      if (chance(50)) {
        fk.on_delete = fk.on_delete == "cascade" ? "" : "cascade";
        what = "on_delete of a key of " + t.name + " -> " + fk.on_delete;
      } else {
        what = "drop a key of " + t.name + " to " + fk.ref_table;
        t.foreign_keys.erase(t.foreign_keys.begin() + (&fk - t.foreign_keys.data()));
      }
      return true;
    }
    case 12: {
      const Table& parent = s.tables[static_cast<size_t>(below(static_cast<int>(s.tables.size())))];
      size_t before = t.columns.size();
      Table copy = parent;  // `t` may be the parent: a key to itself
      add_foreign_key(t, copy, true);
      for (size_t i = before; i < t.columns.size(); ++i) fresh_.insert({t.name, t.columns[i].name});
      what = "add a key from " + t.name + " to " + parent.name;
      return true;
    }
    case 13: {
      if (c && chance(50)) {
        c->comment = "changed " + std::to_string(++serial_);
        what = "comment of " + at;
      } else {
        t.comment = "changed " + std::to_string(++serial_);
        what = "comment of " + t.name;
      }
      return true;
    }
    case 14: {
      // The primary key grows by a column, or a composite key shrinks to its first.
      if (referenced_by_others(s, t) || !t.primary_key) return false;
      for (const auto& col : t.columns)
        if (col.autoincrement) return false;
      for (const auto& fk : t.foreign_keys)
        if (fk.ref_table == t.name) return false;
      auto& cols = t.primary_key->columns;
      if (cols.size() > 1) {
        cols.resize(1);
      } else {
        if (!c || fresh_.count({t.name, c->name})) return false;
        c->nullable = false;
        cols.push_back(c->name);
      }
      what = "primary key of " + t.name + " -> " + migrate::text::join(cols);
      return true;
    }
    case 15:
    case 16:
      return change_mysql_options(s, t, c, what);
    default:
      return false;
  }
}

// A table's character set or collation, or a column's; never on a table
// whose text columns take part in a foreign key (MySQL cannot change their
// character set, nor key two of different ones).
bool ModelGenerator::change_mysql_options(Schema& s, Table& t, Column* c, std::string& what) {
  if (chance(50)) {
    if (!c || !is_text(c->type) || fresh_.count({t.name, c->name})) return false;
    c->type.suffix = c->type.suffix.empty() ? "character set latin1" : "";
    what = "character set of " + t.name + "." + c->name + " -> " +
           (c->type.suffix.empty() ? "the table's" : c->type.suffix);
    return true;
  }
  auto text_keyed = [&](const Table& child, const ForeignKey& fk, const Table& parent) {
    for (const auto& col : fk.columns)
      if (const Column* x = child.column(col); x && has_charset(x->type)) return true;
    for (const auto& col : fk.ref_columns)
      if (const Column* x = parent.column(col); x && has_charset(x->type)) return true;
    return false;
  };
  for (const auto& other : s.tables)
    for (const auto& fk : other.foreign_keys) {
      const Table* parent = s.table(fk.ref_table);
      if (parent && (&other == &t || parent == &t) && text_keyed(other, fk, *parent)) return false;
    }
  if (chance(30)) {
    t.mysql_engine = t.mysql_engine ? std::nullopt : std::optional<std::string>("InnoDB");
    what = "engine of " + t.name + " stated or not";
    return true;
  }
  const std::string now = t.mysql_collate.value_or(t.mysql_charset.value_or("utf8mb4"));
  const std::string next =
      pick(std::vector<std::string>{"latin1", "utf8mb4", "latin1_bin", "utf8mb4_bin"});
  if (next == now) return false;
  const bool collate = next.find('_') != std::string::npos;
  t.mysql_charset = next.substr(0, next.find('_'));
  t.mysql_collate = collate ? std::optional<std::string>(next) : std::nullopt;
  what = "character set of " + t.name + " -> " + next;
  return true;
}

std::string model_yaml(const Schema& s) {
  if (s.tables.empty()) return "tables: {}\n" + migrate::render_objects(s.objects);
  std::string out = "tables:\n";
  for (const auto& t : s.tables)
    out += "  " + migrate::yaml::str(t.name) + ":\n" + migrate::render_table_body(t, 4);
  return out + migrate::render_objects(s.objects);
}

std::string insert_rows_sql(const Schema& s) {
  std::string out;
  for (const auto& t : s.tables) {
    std::string cols, values;
    for (const auto& c : t.columns) {
      if (c.generated) continue;  // the database computes it
      cols += (cols.empty() ? "" : ", ") + migrate::sql_double_quote(c.name);
      values += (values.empty() ? "" : ", ") + sample_value(c.type);
    }
    out += "INSERT INTO " + migrate::sql_double_quote(t.name) + " (" + cols + ") VALUES (" +
           values + ");\n";
  }
  return out;
}

}  // namespace itest
