#include "core/model.hpp"

#include <algorithm>

#include "core/table_yaml.hpp"
#include "core/yaml_read.hpp"

namespace migrate {
namespace {

std::vector<ParsedTable> load_fragment(const std::string& text, const std::string& file,
                                       const NamingConvention& naming) {
  YAML::Node root = yaml::parse(text, file);
  std::vector<ParsedTable> out;
  // An empty file declares no tables; that is a valid (if young) model.
  if (root.IsNull()) return out;
  yaml::MapReader top(root, file, "the model", {"tables"});
  if (!top.has_value("tables")) return out;
  const YAML::Node& tables = top.node("tables");
  if (!tables.IsMap())
    throw InputError(top.mark_of("tables"), "'tables' must be a map of table name to table, got " +
                                                yaml::kind_name(tables));
  for (auto it = tables.begin(); it != tables.end(); ++it) {
    std::string name = yaml::scalar(it->first, file, "a table name");
    SourceMark at = yaml::mark(it->first, file);
    if (it->second.IsNull())
      throw InputError(at, "table '" + name + "' is empty; give it 'columns:'");
    out.push_back(parse_table(it->second, file, TableSyntax::model, naming, name, at));
  }
  return out;
}

// Adds `fragment` to `all`; a table (schema and name) may be declared once.
void merge(std::vector<ParsedTable>& all, std::vector<ParsedTable> fragment) {
  for (auto& pt : fragment) {
    for (const auto& seen : all)
      if (seen.table.name == pt.table.name && seen.table.schema == pt.table.schema)
        throw InputError(pt.table.mark, "table '" + pt.table.qualified_name() +
                                            "' is declared twice: at " + seen.table.mark.str() +
                                            " and here");
    all.push_back(std::move(pt));
  }
}

const Table* find_referenced(const std::vector<ParsedTable>& all, const Table& from,
                             const ForeignKey& fk) {
  auto find = [&](const std::string& schema) -> const Table* {
    for (const auto& pt : all)
      if (pt.table.name == fk.ref_table && pt.table.schema == schema) return &pt.table;
    return nullptr;
  };
  if (const Table* t = find(fk.ref_schema)) return t;
  // An unqualified reference from a table in a schema means that schema's table.
  if (fk.ref_schema.empty() && !from.schema.empty()) return find(from.schema);
  return nullptr;
}

// Foreign keys can point at tables declared later or in another file, so they
// are checked once every table is known.
void validate_references(const std::vector<ParsedTable>& all) {
  for (const auto& pt : all) {
    for (size_t i = 0; i < pt.table.foreign_keys.size(); ++i) {
      const ForeignKey& fk = pt.table.foreign_keys[i];
      const SourceMark& at = pt.fk_marks[i];
      std::string ref = fk.ref_schema.empty() ? fk.ref_table : fk.ref_schema + "." + fk.ref_table;
      const Table* target = find_referenced(all, pt.table, fk);
      if (!target) {
        std::vector<std::string> known;
        for (const auto& other : all) known.push_back(other.table.qualified_name());
        std::sort(known.begin(), known.end());
        throw InputError(at, "unknown table '" + ref +
                                 "' in references (known tables: " + yaml::join(known) + ")");
      }
      for (const auto& col : fk.ref_columns) {
        if (target->column(col)) continue;
        std::vector<std::string> have;
        for (const auto& c : target->columns) have.push_back(c.name);
        throw InputError(at, "unknown column '" + col + "' in references: table '" + ref +
                                 "' has columns " + yaml::join(have));
      }
    }
  }
}

Schema to_schema(std::vector<ParsedTable>& all) {
  validate_references(all);
  Schema s;
  for (auto& pt : all) s.tables.push_back(std::move(pt.table));
  return s;
}

}  // namespace

Schema load_model_text(const std::string& text, const std::string& file,
                       const NamingConvention& naming) {
  std::vector<ParsedTable> all;
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
  std::vector<ParsedTable> all;
  for (const auto& f : files) {
    auto text = yaml::read_file(f);
    if (!text) throw InputError("model file not found: " + f.string());
    merge(all, load_fragment(*text, f.string(), naming));
  }
  return to_schema(all);
}

}  // namespace migrate
