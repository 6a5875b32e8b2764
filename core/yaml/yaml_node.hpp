#pragma once
// A YAML document as a small read-only tree, parsed with libyaml. Model and
// revision files are read through this rather than yaml-cpp: libyaml parses
// a 0.7 MB model about ten times faster, and a node here costs a fraction of
// a yaml-cpp node, which matters for baseline revisions of thousands of
// tables. The tree keeps what the readers need: kinds, scalar text, tags and
// each node's place in the file.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/error.hpp"

namespace migrate::yaml {

enum class Kind { null, scalar, sequence, map };

// 0-based, as libyaml counts; line < 0 when unknown (an empty document).
struct Mark {
  int line = -1;
  int column = -1;
  bool known() const { return line >= 0; }
};

namespace detail {
struct NodeData;
struct Tree;
}  // namespace detail

class Node {
 public:
  Node() = default;  // null, with no place in a file

  Kind kind() const;
  bool is_null() const { return kind() == Kind::null; }
  bool is_scalar() const { return kind() == Kind::scalar; }
  bool is_sequence() const { return kind() == Kind::sequence; }
  bool is_map() const { return kind() == Kind::map; }

  // A scalar's text after unquoting; empty for anything else.
  const std::string& scalar() const;
  // "?" for a plain scalar, "!" for a quoted or block one, else the explicit
  // tag as resolved (e.g. "tag:yaml.org,2002:str" for !!str).
  const std::string& tag() const;
  Mark mark() const;

  // Items of a sequence, entries of a map, 0 for anything else.
  size_t size() const;
  std::vector<Node> items() const;                   // of a sequence
  std::vector<std::pair<Node, Node>> pairs() const;  // of a map, in file order

 private:
  friend class TreeBuilder;
  Node(std::shared_ptr<const detail::Tree> tree, const detail::NodeData* data)
      : tree_(std::move(tree)), data_(data) {}

  std::shared_ptr<const detail::Tree> tree_;
  const detail::NodeData* data_ = nullptr;
};

// The first document of `text`; an empty text is a null node. A syntax error
// (or an alias to an unknown anchor) is an InputError at file:line:column.
Node parse(std::string_view text, const std::string& file);

// The name of the YAML library, with its version, for --version.
std::string library_version();

}  // namespace migrate::yaml
