#include "core/yaml_read.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace migrate::yaml {

SourceMark mark(const YAML::Mark& m, const std::string& file) {
  if (m.is_null()) return SourceMark{file, 0, 0};
  return SourceMark{file, m.line + 1, m.column + 1};
}

SourceMark mark(const YAML::Node& node, const std::string& file) {
  if (!node.IsDefined()) return SourceMark{file, 0, 0};
  return mark(node.Mark(), file);
}

YAML::Node parse(const std::string& text, const std::string& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(mark(e.mark, file), "invalid YAML: " + e.msg);
  }
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    case YAML::NodeType::Null:
      return "nothing (null)";
    default:
      return "nothing";
  }
}

std::string scalar(const YAML::Node& node, const std::string& file, const std::string& what) {
  if (!node.IsScalar())
    throw InputError(mark(node, file), what + " must be a single value, got " + kind_name(node));
  return node.Scalar();
}

bool boolean(const YAML::Node& node, const std::string& file, const std::string& what) {
  if (node.IsScalar()) {
    bool out = false;
    if (YAML::convert<bool>::decode(node, out)) return out;
  }
  throw InputError(mark(node, file), what + " must be true or false, got " + kind_name(node));
}

std::vector<std::string> names(const YAML::Node& node, const std::string& file,
                               const std::string& what) {
  std::vector<std::string> out;
  if (node.IsNull()) return out;
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence())
    throw InputError(mark(node, file), what + " must be a list of names, got " + kind_name(node));
  for (const auto& item : node) out.push_back(scalar(item, file, "each item of " + what));
  return out;
}

void expect_list(const YAML::Node& node, const std::string& file, const std::string& what,
                 bool allow_null) {
  if (node.IsSequence() || (allow_null && node.IsNull())) return;
  throw InputError(mark(node, file), what + " must be a list, got " + kind_name(node));
}

MapReader::MapReader(const YAML::Node& node, std::string file, std::string what,
                     const std::vector<std::string>& allowed)
    : file_(std::move(file)), what_(std::move(what)), mark_(yaml::mark(node, file_)) {
  if (!node.IsMap())
    throw InputError(
        mark_, what_ + " must be a map of keys (" + join(allowed) + "), got " + kind_name(node));
  for (auto it = node.begin(); it != node.end(); ++it) {
    YAML::Node k = it->first;  // a copy: it-> yields a temporary proxy
    SourceMark at = yaml::mark(k, file_);
    if (!k.IsScalar()) throw InputError(at, "a key in " + what_ + " must be a plain name");
    std::string key = k.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string msg =
          "unknown key '" + key + "' in " + what_ + "; allowed keys: " + join(allowed);
      // An unquoted "numeric(10,2)" inside {...} splits at the comma and leaves
      // "2)" behind as a key: say so rather than leave the user puzzled.
      if (key.find(')') != std::string::npos && it->second.IsNull())
        msg +=
            " (in {...} flow style a comma ends an entry: quote a type with a comma, "
            "e.g. type: \"numeric(10,2)\")";
      throw InputError(at, msg);
    }
    if (const Entry* first = find(key))
      throw InputError(at, "key '" + key + "' appears twice in " + what_ + " (first at " +
                               yaml::mark(first->key_node, file_).str() + ")");
    entries_.push_back(Entry{key, k, it->second});
  }
}

const MapReader::Entry* MapReader::find(const std::string& key) const {
  for (const auto& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

bool MapReader::has_value(const std::string& key) const {
  const Entry* e = find(key);
  return e && !e->value.IsNull();
}

SourceMark MapReader::mark_of(const std::string& key) const {
  const Entry* e = find(key);
  if (!e) return mark_;
  // yaml-cpp places an empty value at the start of the next line: the key is closer.
  if (e->value.IsNull()) return yaml::mark(e->key_node, file_);
  return yaml::mark(e->value, file_);
}

std::string MapReader::label(const std::string& key) const {
  return "'" + key + "' of " + what_;
}

const YAML::Node& MapReader::node(const std::string& key) const {
  const Entry* e = find(key);
  if (!e) throw InputError(mark_, what_ + " has no '" + key + "'");
  return e->value;
}

std::string MapReader::required(const std::string& key) const {
  const Entry* e = find(key);
  if (!e || e->value.IsNull())
    throw InputError(e ? mark_of(key) : mark_, what_ + " needs a value for '" + key + "'");
  std::string out = yaml::scalar(e->value, file_, label(key));
  if (out.empty()) throw InputError(mark_of(key), label(key) + " is empty");
  return out;
}

std::optional<std::string> MapReader::optional(const std::string& key) const {
  const Entry* e = find(key);
  if (!e || e->value.IsNull()) return std::nullopt;
  return yaml::scalar(e->value, file_, label(key));
}

bool MapReader::boolean(const std::string& key, bool fallback) const {
  return optional_bool(key).value_or(fallback);
}

std::optional<bool> MapReader::optional_bool(const std::string& key) const {
  const Entry* e = find(key);
  if (!e || e->value.IsNull()) return std::nullopt;
  return yaml::boolean(e->value, file_, label(key));
}

std::vector<std::string> MapReader::names(const std::string& key) const {
  const Entry* e = find(key);
  if (!e) return {};
  return yaml::names(e->value, file_, label(key));
}

}  // namespace migrate::yaml
