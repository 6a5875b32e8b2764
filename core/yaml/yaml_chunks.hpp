#pragma once
// Big YAML files in small pieces. A whole document held as a node tree costs
// several times the text's size (with yaml-cpp, which read models before
// core/yaml/yaml_node, 60 times: 50 MB for 1,000 tables); parsed one table at a
// time the tree costs one table.
// This splits a file laid out the usual block way into its entries; anything
// else (flow style, anchors across entries, document markers) is left to a
// whole-document parse, which is also what reports errors.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::yaml {

struct Chunk {
  std::string_view text;  // the entry's lines, as written (a view into the file's text)
  int first_line;         // 0-based line of its first line in the file
};

// The entries of the block mapping under the top-level key `key` when the
// text is exactly: comments and blank lines, `key:` alone at column 0, then
// mapping entries (`name:` ...) at one indent greater than 0, each followed
// by lines indented deeper. Nullopt for any other layout.
std::optional<std::vector<Chunk>> split_block_entries(std::string_view text, std::string_view key);

}  // namespace migrate::yaml
