#include "core/config/config.hpp"
#include "core/dialect/url.hpp"
#include "core/lint/lint.hpp"

#include "core/yaml/yaml_read.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace migrate {
namespace {

SourceMark mark_of(const yaml::Node& n, const std::filesystem::path& file) {
  return yaml::mark(n, file.string());
}

bool is_var_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

class Reader {
 public:
  Reader(const std::filesystem::path& file, const EnvLookup& env) : file_(file), env_(env) {}

  std::string scalar(const yaml::Node& n, const std::string& key) {
    if (!n.is_scalar()) throw InputError(mark_of(n, file_), "`" + key + "` must be a single value");
    return expand_env(n.scalar(), env_, mark_of(n, file_));
  }

  bool boolean(const yaml::Node& n, const std::string& key) {
    std::string v = scalar(n, key);
    if (v == "true" || v == "True" || v == "yes" || v == "on" || v == "1") return true;
    if (v == "false" || v == "False" || v == "no" || v == "off" || v == "0") return false;
    throw InputError(mark_of(n, file_), "`" + key + "` must be true or false, not '" + v + "'");
  }

  std::vector<std::string> list(const yaml::Node& n, const std::string& key) {
    std::vector<std::string> out;
    if (n.is_null()) return out;
    if (!n.is_sequence())
      throw InputError(mark_of(n, file_), "`" + key + "` must be a list, e.g. [\"tmp_*\"]");
    for (const auto& item : n.items()) out.push_back(scalar(item, key));
    return out;
  }

  // Calls fn(key, value) for each entry, rejecting keys outside `allowed`.
  template <typename Fn>
  void each(const yaml::Node& map, const std::string& where, const std::set<std::string>& allowed,
            Fn fn) {
    if (map.is_null()) return;
    if (!map.is_map()) throw InputError(mark_of(map, file_), "`" + where + "` must be a mapping");
    for (const auto& [k, v] : map.pairs()) {
      std::string key = k.scalar();
      if (!allowed.count(key)) {
        std::string known;
        for (const auto& k : allowed) known += (known.empty() ? "" : ", ") + k;
        throw InputError(mark_of(k, file_),
                         "unknown key '" + key + "' in " + where + " (known keys: " + known + ")");
      }
      fn(key, v);
    }
  }

  SourceMark at(const yaml::Node& n) const { return mark_of(n, file_); }

 private:
  const std::filesystem::path& file_;
  const EnvLookup& env_;
};

void check_naming_pattern(const std::string& pattern, const SourceMark& at) {
  static const std::set<std::string> tokens = {"table",          "column_0",          "column_0_N",
                                               "referred_table", "referred_column_0", "constraint"};
  for (size_t i = pattern.find('{'); i != std::string::npos; i = pattern.find('{', i + 1)) {
    auto close = pattern.find('}', i);
    std::string token = pattern.substr(i + 1, close == std::string::npos ? close : close - i - 1);
    if (close == std::string::npos || !tokens.count(token))
      throw InputError(at, "unknown token {" + token +
                               "} in naming_convention (known: {table} {column_0} {column_0_N} "
                               "{referred_table} {referred_column_0} {constraint})");
  }
}

}  // namespace

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string(v);
    return std::nullopt;
  };
}

std::string expand_env(std::string_view text, const EnvLookup& env, const SourceMark& at) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      out += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 >= text.size() || text[i + 1] != '{') {
      out += '$';
      continue;
    }
    auto close = text.find('}', i + 2);
    if (close == std::string_view::npos)
      throw InputError(at, "unterminated ${...} in '" + std::string(text) + "'");
    std::string_view inner = text.substr(i + 2, close - i - 2);
    std::string_view name = inner;
    std::optional<std::string_view> fallback;
    if (auto sep = inner.find(":-"); sep != std::string_view::npos) {
      name = inner.substr(0, sep);
      fallback = inner.substr(sep + 2);
    }
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_var_char))
      throw InputError(at, "malformed variable ${" + std::string(inner) +
                               "}: write ${NAME} or ${NAME:-default}");
    auto value = env(std::string(name));
    // As in the shell, ${VAR:-default} also applies when VAR is set but empty.
    if (value && !(value->empty() && fallback)) {
      out += *value;
    } else if (fallback) {
      out += *fallback;
    } else {
      throw UnsetVariableError(at, "environment variable " + std::string(name) +
                                       " is not set: set it, or give a default with ${" +
                                       std::string(name) + ":-...}");
    }
    i = close;
  }
  return out;
}

Config parse_config(const std::string& text, const std::filesystem::path& file,
                    const EnvLookup& env) {
  yaml::Node root = yaml::parse(text, file.string());
  Config cfg;
  cfg.file = file;
  cfg.root = file.parent_path();
  Reader r(file, env);
  r.each(root, file.filename().string(),
         {"script_location", "database_url", "model", "version_table", "history_table",
          "file_template", "transaction_per_migration", "compare", "include_tables",
          "exclude_tables", "naming_convention", "version_locations", "lint", "sum"},
         [&](const std::string& key, const yaml::Node& v) {
           if (key == "script_location")
             cfg.script_location = r.scalar(v, key);
           else if (key == "database_url") {
             try {
               cfg.database_url = r.scalar(v, key);
             } catch (const UnsetVariableError& e) {
               cfg.database_url = v.scalar();
               cfg.unresolved_url = Config::UnresolvedUrl{v.scalar(), e.what()};
             }
           } else if (key == "model")
             cfg.model = r.scalar(v, key);
           else if (key == "version_table") {
             cfg.version_table = r.scalar(v, key);
             cfg.table_marks.version_table = mark_of(v, file);
           } else if (key == "history_table") {
             cfg.history_table = r.scalar(v, key);
             cfg.table_marks.history_table = mark_of(v, file);
           } else if (key == "file_template")
             cfg.file_template = r.scalar(v, key);
           else if (key == "transaction_per_migration")
             cfg.transaction_per_migration = r.boolean(v, key);
           else if (key == "include_tables")
             cfg.include_tables = r.list(v, key);
           else if (key == "exclude_tables")
             cfg.exclude_tables = r.list(v, key);
           else if (key == "version_locations")
             cfg.version_locations = r.list(v, key);
           else if (key == "sum") {
             const std::string mode = r.scalar(v, key);
             if (mode != "warn" && mode != "strict")
               throw InputError(r.at(v), "`sum` must be warn or strict, not '" + mode + "'");
             cfg.sum = mode == "strict" ? SumMode::strict : SumMode::warn;
           } else if (key == "compare")
             r.each(v, "compare", {"types", "server_defaults"},
                    [&](const std::string& k, const yaml::Node& cv) {
                      (k == "types" ? cfg.compare.types : cfg.compare.server_defaults) =
                          r.boolean(cv, k);
                    });
           else if (key == "lint") {
             std::set<std::string> codes;
             for (const auto& rule : lint_rules()) codes.insert(rule.code);
             r.each(v, "lint", codes, [&](const std::string& code, const yaml::Node& lv) {
               parse_severity(r.scalar(lv, code), r.at(lv));
               cfg.lint_levels[code] = r.scalar(lv, code);
             });
           } else if (key == "naming_convention")
             r.each(v, "naming_convention", {"ix", "uq", "fk", "ck", "pk"},
                    [&](const std::string& k, const yaml::Node& nv) {
                      std::string pattern = r.scalar(nv, k);
                      check_naming_pattern(pattern, r.at(nv));
                      if (k == "ix")
                        cfg.naming.ix = pattern;
                      else if (k == "uq")
                        cfg.naming.uq = pattern;
                      else if (k == "fk")
                        cfg.naming.fk = pattern;
                      else if (k == "ck")
                        cfg.naming.ck = pattern;
                      else
                        cfg.naming.pk = pattern;
                    });
         });
  if (cfg.version_table.empty())
    throw InputError(SourceMark{file.string()}, "version_table must not be empty");
  if (cfg.history_table.empty() || cfg.history_table == cfg.version_table)
    throw InputError(SourceMark{file.string()},
                     "history_table must be a table name other than version_table");
  return cfg;
}

const std::string& Config::url() const {
  if (unresolved_url && database_url == unresolved_url->written)
    throw InputError(unresolved_url->error);
  return database_url;
}

std::string Config::dialect_name() const {
  if (!unresolved_url || database_url != unresolved_url->written)
    return parse_url(database_url).dialect;
  auto scheme_end = database_url.find("://");
  if (scheme_end == std::string::npos || database_url.find('$') < scheme_end)
    throw InputError(unresolved_url->error +
                     " (the dialect comes from the URL's scheme, which is in that variable)");
  return url_dialect(database_url);
}

std::vector<std::filesystem::path> Config::version_dirs() const {
  if (version_locations.empty()) return {versions_dir()};
  std::vector<std::filesystem::path> out;
  for (const auto& loc : version_locations) out.push_back(root / loc);
  return out;
}

Config load_config(const std::filesystem::path& file, const EnvLookup& env) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw InputError("configuration file not found: " + file.string() +
                     " (run `migrate init` to create a project, or pass -c FILE)");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), file, env);
}

}  // namespace migrate
