#pragma once
// Strict reading of user YAML (model and revision files). Every helper throws
// InputError at the offending node's file:line:column, because that is where
// the user has to look; nothing here falls back silently.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/yaml/yaml_node.hpp"

namespace migrate::yaml {

// Marks are 0-based; SourceMark is 1-based (0 = unknown).
SourceMark mark(const Mark& m, const std::string& file);
SourceMark mark(const Node& node, const std::string& file);

// The file's bytes, or nullopt when it does not exist. Throws InputError when it
// exists but cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

// "a list", "a map", "a scalar", "null": for "must be X, got Y" messages.
std::string kind_name(const Node& node);

// The text of a scalar exactly as written (numbers and booleans included).
// Throws for null, lists and maps.
std::string scalar(const Node& node, const std::string& file, const std::string& what);
bool boolean(const Node& node, const std::string& file, const std::string& what);
// A list of scalars, or one scalar standing for a one-item list; null is empty.
std::vector<std::string> names(const Node& node, const std::string& file, const std::string& what);
// Throws unless node is a list (null counts as an empty list when allow_null).
void expect_list(const Node& node, const std::string& file, const std::string& what,
                 bool allow_null = true);

// A map whose keys are checked on construction against the keys a construct
// accepts: an unknown or repeated key is an error listing the allowed ones.
class MapReader {
 public:
  struct Entry {
    std::string key;
    Node key_node;
    Node value;
  };

  MapReader(const Node& node, std::string file, std::string what,
            const std::vector<std::string>& allowed);

  const std::string& file() const { return file_; }
  const std::string& what() const { return what_; }
  SourceMark mark() const { return mark_; }
  const std::vector<Entry>& entries() const { return entries_; }

  bool has(const std::string& key) const { return find(key) != nullptr; }
  // Present with a non-null value.
  bool has_value(const std::string& key) const;
  const Entry* find(const std::string& key) const;
  // Where the value is; the key's place when the value is null or absent.
  SourceMark mark_of(const std::string& key) const;

  std::string required(const std::string& key) const;                 // present, non-null scalar
  std::optional<std::string> optional(const std::string& key) const;  // absent/null: nullopt
  bool boolean(const std::string& key, bool fallback) const;
  std::optional<bool> optional_bool(const std::string& key) const;
  std::vector<std::string> names(const std::string& key) const;  // absent/null: empty
  // The value node of a key that must be present (it may be null).
  const Node& node(const std::string& key) const;

 private:
  std::string label(const std::string& key) const;

  std::string file_;
  std::string what_;
  SourceMark mark_;
  std::vector<Entry> entries_;
};

// Key lists for "allowed:" messages, in the order they were declared.
using text::join;

}  // namespace migrate::yaml
