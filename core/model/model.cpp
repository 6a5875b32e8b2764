#include "core/model/model.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "core/model/enum_yaml.hpp"
#include "core/model/object_yaml.hpp"
#include "core/model/table_yaml.hpp"
#include "core/schema/schema_object.hpp"
#include "core/yaml/yaml_chunks.hpp"
#include "core/yaml/yaml_read.hpp"

namespace migrate {
namespace {

// One `name: {columns: ...}` entry under `tables:`.
ParsedTable load_entry(const yaml::Node& key, const yaml::Node& value, const std::string& file,
                       const NamingConvention& naming) {
  std::string name = yaml::scalar(key, file, "a table name");
  SourceMark at = yaml::mark(key, file);
  if (value.is_null()) throw InputError(at, "table '" + name + "' is empty; give it 'columns:'");
  return parse_table(value, file, TableSyntax::model, naming, name, at);
}

void shift_marks(ParsedTable& pt, int lines) {
  auto shift = [lines](SourceMark& m) {
    if (m.line > 0) m.line += lines;
  };
  shift(pt.table.mark);
  for (auto& c : pt.table.columns) shift(c.mark);
  for (auto& m : pt.fk_marks) shift(m);
  for (auto& fk : pt.table.foreign_keys) shift(fk.mark);
}

// The model a table at a time (see core/yaml/yaml_chunks.hpp); nullopt when the
// file is laid out otherwise or has an error, which the whole-document parse
// then reports at its true place.
std::optional<std::vector<ParsedTable>> load_in_chunks(const std::string& text,
                                                       const std::string& file,
                                                       const NamingConvention& naming) {
  auto chunks = yaml::split_block_entries(text, "tables");
  if (!chunks || chunks->empty()) return std::nullopt;
  std::vector<ParsedTable> out;
  out.reserve(chunks->size());
  try {
    for (const auto& chunk : *chunks) {
      yaml::Node doc = yaml::parse(chunk.text, file);
      if (!doc.is_map() || doc.size() != 1) return std::nullopt;
      auto [key, value] = doc.pairs().front();
      out.push_back(load_entry(key, value, file, naming));
      shift_marks(out.back(), chunk.first_line);
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return out;
}

struct Fragment {
  std::vector<ParsedTable> tables;
  std::vector<Enum> enums;
  std::vector<SchemaObject> objects;
};

const yaml::Node& section_map(const yaml::MapReader& top, const std::string& key,
                              const std::string& of) {
  const yaml::Node& node = top.node(key);
  if (!node.is_map())
    throw InputError(top.mark_of(key),
                     "'" + key + "' must be a map of " + of + ", got " + yaml::kind_name(node));
  return node;
}

Fragment load_fragment(const std::string& text, const std::string& file,
                       const NamingConvention& naming) {
  if (auto chunked = load_in_chunks(text, file, naming)) return {std::move(*chunked), {}, {}};
  yaml::Node root = yaml::parse(text, file);
  Fragment out;
  // An empty file declares no tables; that is a valid (if young) model.
  if (root.is_null()) return out;
  std::vector<std::string> sections = {"tables", "enums"};
  for (ObjectKind k : all_object_kinds) sections.push_back(object_section(k));
  yaml::MapReader top(root, file, "the model", sections);
  if (top.has_value("enums")) {
    const yaml::Node& enums = section_map(top, "enums", "enum name to its values");
    for (const auto& [key, value] : enums.pairs())
      out.enums.push_back(read_enum_entry(key, value, file));
  }
  for (ObjectKind k : all_object_kinds) {
    const std::string section = object_section(k);
    if (!top.has_value(section)) continue;
    if (k == ObjectKind::trigger) {
      // A list: PostgreSQL names triggers per table, so a name alone is no key.
      const yaml::Node& list = top.node(section);
      yaml::expect_list(list, file, "'triggers' (a list of {name, table, definition})");
      for (const auto& item : list.items())
        out.objects.push_back(read_trigger_item(item, file, naming));
      continue;
    }
    const yaml::Node& map =
        section_map(top, section, std::string(object_noun(k)) + " name to " + object_noun(k));
    for (const auto& [key, value] : map.pairs())
      out.objects.push_back(read_object_entry(k, key, value, file, naming));
  }
  if (!top.has_value("tables")) return out;
  const yaml::Node& tables = section_map(top, "tables", "table name to table");
  for (const auto& [key, value] : tables.pairs())
    out.tables.push_back(load_entry(key, value, file, naming));
  return out;
}

struct Model {
  std::vector<ParsedTable> tables;
  std::vector<Enum> enums;
  std::vector<SchemaObject> objects;
};

// Adds `fragment` to `all`; a table or enum (schema and name) may be declared once.
void merge(Model& model, Fragment fragment) {
  for (auto& e : fragment.enums) {
    for (const auto& other : model.enums)
      if (other.schema == e.schema && other.name == e.name)
        throw InputError(e.mark, "enum '" + e.qualified_name() + "' is declared twice: at " +
                                     other.mark.str() + " and here");
    model.enums.push_back(std::move(e));
  }
  for (auto& o : fragment.objects) {
    for (const auto& other : model.objects)
      if (same_identity(other, o))
        throw InputError(o.mark, describe_object(o) + " is declared twice: at " + other.mark.str() +
                                     " and here");
    model.objects.push_back(std::move(o));
  }
  std::vector<ParsedTable>& all = model.tables;
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (size_t i = 0; i < all.size(); ++i)
    seen.emplace(std::pair(all[i].table.schema, all[i].table.name), i);
  all.reserve(all.size() + fragment.tables.size());
  for (auto& pt : fragment.tables) {
    auto [it, fresh] = seen.emplace(std::pair(pt.table.schema, pt.table.name), all.size());
    if (!fresh)
      throw InputError(pt.table.mark, "table '" + pt.table.qualified_name() +
                                          "' is declared twice: at " +
                                          all[it->second].table.mark.str() + " and here");
    all.push_back(std::move(pt));
  }
}

using TableIndex = std::map<std::pair<std::string, std::string>, const Table*>;

const Table* find_referenced(const TableIndex& all, const Table& from, const ForeignKey& fk) {
  auto find = [&](const std::string& schema) -> const Table* {
    auto it = all.find({schema, fk.ref_table});
    if (it != all.end()) return it->second;
    // Only as a database that ignores case finds it (SQLite: users for
    // Users); check_model_names holds other databases to the exact name.
    const Table* folded = nullptr;
    for (const auto& [key, t] : all)
      if (key.first == schema && NameRules{true, true}.same_table(key.second, fk.ref_table)) {
        if (folded) return nullptr;  // Users and USERS: no one answer
        folded = t;
      }
    return folded;
  };
  if (const Table* t = find(fk.ref_schema)) return t;
  // An unqualified reference from a table in a schema means that schema's table.
  if (fk.ref_schema.empty() && !from.schema.empty()) return find(from.schema);
  return nullptr;
}

const Column* find_column(const Table& t, const std::string& name) {
  if (const Column* c = t.column(name)) return c;
  for (const auto& c : t.columns)
    if (NameRules{true, true}.same_column(c.name, name)) return &c;
  return nullptr;
}

// Foreign keys can point at tables declared later or in another file, so they
// are checked once every table is known.
void validate_references(const std::vector<ParsedTable>& all) {
  TableIndex index;
  for (const auto& pt : all) index.emplace(std::pair(pt.table.schema, pt.table.name), &pt.table);
  for (const auto& pt : all) {
    for (size_t i = 0; i < pt.table.foreign_keys.size(); ++i) {
      const ForeignKey& fk = pt.table.foreign_keys[i];
      const SourceMark& at = pt.fk_marks[i];
      std::string ref = fk.ref_schema.empty() ? fk.ref_table : fk.ref_schema + "." + fk.ref_table;
      const Table* target = find_referenced(index, pt.table, fk);
      if (!target) {
        std::vector<std::string> known;
        for (const auto& other : all) known.push_back(other.table.qualified_name());
        std::sort(known.begin(), known.end());
        throw InputError(at, "unknown table '" + ref +
                                 "' in references (known tables: " + yaml::join(known) + ")");
      }
      for (const auto& col : fk.ref_columns) {
        if (find_column(*target, col)) continue;
        std::vector<std::string> have;
        for (const auto& c : target->columns) have.push_back(c.name);
        throw InputError(at, "unknown column '" + col + "' in references: table '" + ref +
                                 "' has columns " + yaml::join(have));
      }
    }
  }
}

// A trigger fires on a table the model declares, or (INSTEAD OF) on a view.
void validate_triggers(const Model& model) {
  const NameRules folded{true, true};
  for (const auto& o : model.objects) {
    if (o.kind != ObjectKind::trigger) continue;
    bool found = false;
    for (const auto& pt : model.tables)
      if (pt.table.schema == o.schema && folded.same_table(pt.table.name, o.table)) found = true;
    for (const auto& v : model.objects)
      if ((v.kind == ObjectKind::view || v.kind == ObjectKind::materialized_view) &&
          v.schema == o.schema && folded.same_table(v.name, o.table))
        found = true;
    if (!found)
      throw InputError(o.mark, describe_object(o) + " fires on '" + o.table +
                                   "', which the model declares neither as a table nor as a view");
  }
}

Schema to_schema(Model& model) {
  validate_references(model.tables);
  validate_triggers(model);
  Schema s;
  s.tables.reserve(model.tables.size());
  for (auto& pt : model.tables) s.tables.push_back(std::move(pt.table));
  s.enums = std::move(model.enums);
  s.objects = std::move(model.objects);
  return s;
}

}  // namespace

Schema load_model_text(const std::string& text, const std::string& file,
                       const NamingConvention& naming) {
  Model all;
  merge(all, load_fragment(text, file, naming));
  return to_schema(all);
}

Schema load_model(const std::filesystem::path& path, const NamingConvention& naming) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw InputError("model file not found: " + path.string() + " (set `model:` in migrate.yaml)");
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path)) {
      const fs::path& p = entry.path();
      if (entry.is_regular_file() && p.extension() == ".yaml" &&
          p.filename().string().front() != '.')
        files.push_back(p);
    }
    if (files.empty())
      throw InputError("model folder " + path.string() +
                       " holds no *.yaml files; declare the tables there or point `model:` in "
                       "migrate.yaml at a file");
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  Model all;
  for (const auto& f : files) {
    auto text = yaml::read_file(f);
    if (!text) throw InputError("model file not found: " + f.string());
    merge(all, load_fragment(*text, f.string(), naming));
  }
  return to_schema(all);
}

}  // namespace migrate
