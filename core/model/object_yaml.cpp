#include "core/model/object_yaml.hpp"

#include <cctype>

#include "core/base/text.hpp"
#include "core/model/sequence_yaml.hpp"
#include "core/model/table_yaml.hpp"
#include "core/schema/schema_object.hpp"

namespace migrate {
namespace {

const std::vector<std::string> kDefinition = {"definition"};
const std::vector<std::string> kMaterialized = {"definition", "indexes"};
const std::vector<std::string> kSequence = [] {
  std::vector<std::string> keys = {"as"};
  for (const auto& k : sequence_option_keys()) keys.push_back(k);
  keys.push_back("owned_by");
  return keys;
}();
const std::vector<std::string> kDomain = {"type", "default", "nullable", "collation", "checks"};
const std::vector<std::string> kExtension = {"version"};

std::string first_word(const std::string& sql) {
  size_t i = 0;
  while (i < sql.size() && !std::isalpha(static_cast<unsigned char>(sql[i]))) ++i;
  size_t j = i;
  while (j < sql.size() && std::isalpha(static_cast<unsigned char>(sql[j]))) ++j;
  return text::lower_collapsed(sql.substr(i, j - i));
}

// A view's definition is its query; a trigger's, function's or procedure's
// the whole statement: the other way round is the mistake people make.
void check_definition(const yaml::MapReader& m, const SchemaObject& o) {
  const std::string word = first_word(o.definition);
  const std::string head = text::lower_collapsed(o.definition.substr(0, 40)) + " ";
  if (head.rfind("create temp ", 0) == 0 || head.rfind("create temporary ", 0) == 0)
    throw InputError(m.mark_of("definition"),
                     "the definition of " + describe_object(o) +
                         " makes a temporary object, which lasts only as long as the connection; "
                         "write it without TEMP");
  if (definition_is_statement(o.kind) && word != "create")
    throw InputError(m.mark_of("definition"),
                     "the definition of " + describe_object(o) + " is the whole CREATE " +
                         text::upper(object_noun(o.kind)) + " statement as the database runs it");
  if (!definition_is_statement(o.kind) && word == "create")
    throw InputError(m.mark_of("definition"),
                     "the definition of " + describe_object(o) +
                         " is its query (SELECT ...), without CREATE ... AS");
}

void read_domain(const yaml::MapReader& m, SchemaObject& o) {
  DomainOptions& d = o.domain;
  d.type = m.required("type");
  if (m.has_value("default")) {
    d.server_default = yaml::scalar(m.node("default"), m.file(), "'default' of " + m.what());
    if (d.server_default->empty())
      throw InputError(m.mark_of("default"),
                       "'default' of " + m.what() +
                           " is empty; write an SQL expression, e.g. \"''\" for an empty string");
  }
  d.nullable = m.boolean("nullable", true);
  d.collation = m.optional("collation");
  if (!m.has_value("checks")) return;
  const yaml::Node& list = m.node("checks");
  yaml::expect_list(list, m.file(), "'checks' of " + m.what());
  for (const auto& item : list.items()) {
    CheckConstraint ck;
    if (item.is_scalar()) {
      ck.expression = text::trim(yaml::scalar(item, m.file(), "a check of " + m.what()));
    } else {
      yaml::MapReader c(item, m.file(), "a check of " + m.what(), {"name", "expression"});
      ck.expression = text::trim(c.required("expression"));
      ck.name = c.optional("name").value_or("");
    }
    if (ck.expression.empty())
      throw InputError(yaml::mark(item, m.file()),
                       "a check of " + m.what() + " is empty; write an SQL condition on VALUE");
    d.checks.push_back(std::move(ck));
  }
  // Unnamed checks get the names PostgreSQL gives them: <domain>_check,
  // then <domain>_check1, ...
  for (auto& ck : d.checks) {
    if (!ck.name.empty()) continue;
    for (int n = 0; ck.name.empty(); ++n) {
      std::string name = o.name + "_check" + (n ? std::to_string(n) : "");
      bool taken = false;
      for (const auto& other : d.checks) taken = taken || other.name == name;
      if (!taken) ck.name = name;
    }
  }
  for (size_t i = 0; i < d.checks.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (d.checks[i].name == d.checks[j].name)
        throw InputError(m.mark_of("checks"),
                         "two checks of " + m.what() + " are named '" + d.checks[i].name + "'");
}

}  // namespace

const std::vector<std::string>& object_body_keys(ObjectKind k) {
  switch (k) {
    case ObjectKind::sequence:
      return kSequence;
    case ObjectKind::domain:
      return kDomain;
    case ObjectKind::extension:
      return kExtension;
    case ObjectKind::materialized_view:
      return kMaterialized;
    default:
      return kDefinition;
  }
}

void read_object_body(const yaml::MapReader& m, SchemaObject& o, const NamingConvention& naming,
                      bool required) {
  if (o.kind == ObjectKind::sequence) {
    SequenceOptions& s = o.sequence;
    s.type = m.optional("as");
    read_sequence_options(m, s);
    s.owned_by = m.optional("owned_by").value_or("");
    return;
  }
  if (o.kind == ObjectKind::domain) return read_domain(m, o);
  if (o.kind == ObjectKind::extension) {
    o.version = m.optional("version").value_or("");
    return;
  }
  if (m.has_value("definition")) o.definition = text::trim(m.required("definition"));
  if (o.definition.empty() && required)
    throw InputError(
        m.has("definition") ? m.mark_of("definition") : m.mark(),
        m.what() + " needs 'definition:' (" +
            (definition_is_statement(o.kind) ? "its CREATE statement" : "its query, SELECT ...") +
            ")");
  if (!o.definition.empty()) check_definition(m, o);
  if (o.kind == ObjectKind::materialized_view && m.has_value("indexes")) {
    const yaml::Node& list = m.node("indexes");
    yaml::expect_list(list, m.file(), "'indexes' of " + m.what());
    for (const auto& item : list.items()) {
      yaml::MapReader ix(item, m.file(), "an index of " + m.what(), index_keys());
      o.indexes.push_back(read_index(ix, o.name, naming));
    }
  }
}

yaml::Fields object_body_fields(const SchemaObject& o, int indent) {
  yaml::Fields f;
  if (o.kind == ObjectKind::sequence) {
    const SequenceOptions& s = o.sequence;
    if (s.type) f.emplace_back("as", yaml::str(*s.type));
    put_sequence_options(f, s);
    if (!s.owned_by.empty()) f.emplace_back("owned_by", yaml::str(s.owned_by));
    return f;
  }
  if (o.kind == ObjectKind::domain) {
    const DomainOptions& d = o.domain;
    f.emplace_back("type", yaml::str(d.type));
    if (d.server_default) f.emplace_back("default", yaml::str(*d.server_default));
    if (!d.nullable) f.emplace_back("nullable", "false");
    if (d.collation) f.emplace_back("collation", yaml::str(*d.collation));
    if (!d.checks.empty()) {
      std::string list = "[";
      for (size_t i = 0; i < d.checks.size(); ++i)
        list += (i ? ", " : "") + render_check(d.checks[i]);
      f.emplace_back("checks", list + "]");
    }
    return f;
  }
  if (o.kind == ObjectKind::extension) {
    if (!o.version.empty()) f.emplace_back("version", yaml::str(o.version));
    return f;
  }
  f.emplace_back("definition", yaml::block(o.definition, indent + 2));
  if (!o.indexes.empty()) {
    std::string list = "[";
    for (size_t i = 0; i < o.indexes.size(); ++i)
      list += (i ? ", " : "") + render_index(o.indexes[i]);
    f.emplace_back("indexes", list + "]");
  }
  return f;
}

SchemaObject read_object_entry(ObjectKind k, const yaml::Node& key, const yaml::Node& value,
                               const std::string& file, const NamingConvention& naming) {
  SchemaObject o;
  o.kind = k;
  o.name = yaml::scalar(key, file, std::string("a ") + object_noun(k) + " name");
  o.mark = yaml::mark(key, file);
  const std::string what = std::string(object_noun(k)) + " '" + o.name + "'";
  if (value.is_scalar() && k == ObjectKind::domain) {  // posint: integer
    o.domain.type = text::trim(yaml::scalar(value, file, "the type of " + what));
    if (o.domain.type.empty()) throw InputError(yaml::mark(value, file), what + " has no type");
    return o;
  }
  const bool no_body = k == ObjectKind::sequence || k == ObjectKind::extension;
  if (value.is_scalar() && !no_body) {
    o.definition = text::trim(yaml::scalar(value, file, "the definition of " + what));
    if (o.definition.empty()) throw InputError(yaml::mark(value, file), what + " is empty");
    return o;
  }
  if (value.is_null() && no_body) return o;
  if (!value.is_map())
    throw InputError(yaml::mark(value, file), what + " must be a map (" +
                                                  text::join(object_body_keys(k)) + "), got " +
                                                  yaml::kind_name(value));
  std::vector<std::string> keys = {"schema"};
  for (const auto& b : object_body_keys(k)) keys.push_back(b);
  yaml::MapReader m(value, file, what, keys);
  o.schema = m.optional("schema").value_or("");
  read_object_body(m, o, naming, true);
  return o;
}

SchemaObject read_trigger_item(const yaml::Node& item, const std::string& file,
                               const NamingConvention& naming) {
  yaml::MapReader m(item, file, "a trigger", {"name", "table", "schema", "definition"});
  SchemaObject o;
  o.kind = ObjectKind::trigger;
  o.name = m.required("name");
  o.table = m.required("table");
  o.schema = m.optional("schema").value_or("");
  o.mark = m.mark();
  yaml::MapReader named(item, file, "trigger '" + o.name + "'",
                        {"name", "table", "schema", "definition"});
  read_object_body(named, o, naming, true);
  return o;
}

std::string render_objects(const std::vector<SchemaObject>& objects) {
  std::string out;
  for (ObjectKind k : all_object_kinds) {
    std::string section;
    for (const auto& o : objects) {
      if (o.kind != k) continue;
      if (k == ObjectKind::trigger) {
        section += "  - name: " + yaml::str(o.name) + "\n";
        section += "    table: " + yaml::str(o.table) + "\n";
        if (!o.schema.empty()) section += "    schema: " + yaml::str(o.schema) + "\n";
        for (const auto& [key, value] : object_body_fields(o, 4))
          section += "    " + key + ": " + value + "\n";
        continue;
      }
      yaml::Fields f;
      if (!o.schema.empty()) f.emplace_back("schema", yaml::str(o.schema));
      for (auto& field : object_body_fields(o, 4)) f.push_back(std::move(field));
      section += "  " + yaml::str(o.name) + ":";
      if (f.empty()) {
        section += " {}\n";
        continue;
      }
      section += "\n";
      for (const auto& [key, value] : f) section += "    " + key + ": " + value + "\n";
    }
    if (!section.empty()) out += std::string(object_section(k)) + ":\n" + section;
  }
  return out;
}

}  // namespace migrate
