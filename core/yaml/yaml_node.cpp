#include "core/yaml/yaml_node.hpp"

#include <fmt/core.h>
#include <yaml.h>

#include <deque>
#include <unordered_map>

namespace migrate::yaml {
namespace detail {

struct NodeData {
  Kind kind = Kind::null;
  std::string text;
  std::string tag;
  Mark mark;
  // A sequence's items; a map's keys and values, alternating.
  std::vector<const NodeData*> children;
};

struct Tree {
  std::deque<NodeData> nodes;  // a deque: nodes never move once made
};

}  // namespace detail

namespace {

const std::string kEmpty;

// libyaml's C handles, released on every path.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_{};
};

class Event {
 public:
  Event() = default;
  ~Event() {
    if (filled_) yaml_event_delete(&event_);
  }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  // False on a syntax error (the parser holds the details).
  bool next(Parser& p) {
    if (filled_) yaml_event_delete(&event_);
    filled_ = yaml_parser_parse(p.get(), &event_) != 0;
    return filled_;
  }
  const yaml_event_t& operator*() const { return event_; }
  const yaml_event_t* operator->() const { return &event_; }

 private:
  yaml_event_t event_{};
  bool filled_ = false;
};

// As yaml-cpp and the YAML core schema read them: an untagged plain scalar
// spelled so is null, quoted it is text.
bool is_null_word(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

Mark mark_at(const yaml_mark_t& m) {
  return Mark{static_cast<int>(m.line), static_cast<int>(m.column)};
}

SourceMark source_mark(const Mark& m, const std::string& file) {
  if (!m.known()) return SourceMark{file, 0, 0};
  return SourceMark{file, m.line + 1, m.column + 1};
}

// Reader errors (bad encoding, control characters) carry a byte offset only.
Mark mark_of_offset(std::string_view text, size_t offset) {
  Mark m{0, 0};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++m.line;
      m.column = 0;
    } else {
      ++m.column;
    }
  }
  return m;
}

InputError syntax_error(yaml_parser_t& p, std::string_view text, const std::string& file) {
  if (p.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
  std::string msg = "invalid YAML: ";
  msg += p.problem ? p.problem : "the text cannot be parsed";
  Mark at = mark_at(p.problem_mark);
  if (p.error == YAML_READER_ERROR) {
    at = mark_of_offset(text, p.problem_offset);
    if (p.problem_value >= 0) msg += fmt::format(" (0x{:02X})", p.problem_value);
    msg += "; save the file as UTF-8 text";
  } else if (p.context) {
    msg += std::string(" (") + p.context + " that starts at line " +
           std::to_string(p.context_mark.line + 1) + ", column " +
           std::to_string(p.context_mark.column + 1) + ")";
  }
  return InputError(source_mark(at, file), msg);
}

std::string anchor_name(const yaml_char_t* anchor) {
  return anchor ? reinterpret_cast<const char*>(anchor) : "";
}

}  // namespace

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const std::string& file)
      : text_(text), file_(file), tree_(std::make_shared<detail::Tree>()) {}

  Node build() {
    Parser parser(text_);
    Event ev;
    while (true) {
      if (!ev.next(parser)) throw syntax_error(*parser.get(), text_, file_);
      switch (ev->type) {
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
          // Only the first document counts, as for yaml-cpp's Load.
          return root_ ? Node(tree_, root_) : Node();
        case YAML_ALIAS_EVENT: {
          std::string name = anchor_name(ev->data.alias.anchor);
          auto it = anchors_.find(name);
          if (it == anchors_.end())
            throw InputError(source_mark(mark_at(ev->start_mark), file_),
                             "invalid YAML: alias *" + name +
                                 " names no anchor before it; define &" + name + " first");
          attach(it->second);
          break;
        }
        case YAML_SCALAR_EVENT:
          scalar(*ev);
          break;
        case YAML_SEQUENCE_START_EVENT:
          open(Kind::sequence, *ev, ev->data.sequence_start.anchor);
          break;
        case YAML_MAPPING_START_EVENT:
          open(Kind::map, *ev, ev->data.mapping_start.anchor);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          stack_.pop_back();
          break;
        default:  // stream and document start, none
          break;
      }
    }
  }

 private:
  detail::NodeData& make(Kind kind, const yaml_event_t& ev, const yaml_char_t* anchor) {
    detail::NodeData& n = tree_->nodes.emplace_back();
    n.kind = kind;
    n.mark = mark_at(ev.start_mark);
    if (anchor) anchors_[anchor_name(anchor)] = &n;
    return n;
  }

  void scalar(const yaml_event_t& ev) {
    const auto& s = ev.data.scalar;
    std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    const bool tagged = s.tag != nullptr;
    Kind kind = plain && !tagged && is_null_word(value) ? Kind::null : Kind::scalar;
    detail::NodeData& n = make(kind, ev, s.anchor);
    if (kind == Kind::scalar) {
      n.text.assign(value);
      n.tag = tagged ? reinterpret_cast<const char*>(s.tag) : plain ? "?" : "!";
    }
    attach(&n);
  }

  void open(Kind kind, const yaml_event_t& ev, const yaml_char_t* anchor) {
    detail::NodeData& n = make(kind, ev, anchor);
    attach(&n);
    stack_.push_back(&n);
  }

  void attach(const detail::NodeData* n) {
    if (stack_.empty()) {
      if (!root_) root_ = n;
      return;
    }
    stack_.back()->children.push_back(n);
  }

  std::string_view text_;
  const std::string& file_;
  std::shared_ptr<detail::Tree> tree_;
  const detail::NodeData* root_ = nullptr;
  std::vector<detail::NodeData*> stack_;
  std::unordered_map<std::string, const detail::NodeData*> anchors_;
};

Kind Node::kind() const {
  return data_ ? data_->kind : Kind::null;
}

const std::string& Node::scalar() const {
  return data_ && data_->kind == Kind::scalar ? data_->text : kEmpty;
}

const std::string& Node::tag() const {
  return data_ ? data_->tag : kEmpty;
}

Mark Node::mark() const {
  return data_ ? data_->mark : Mark{};
}

size_t Node::size() const {
  if (!data_) return 0;
  if (data_->kind == Kind::sequence) return data_->children.size();
  if (data_->kind == Kind::map) return data_->children.size() / 2;
  return 0;
}

std::vector<Node> Node::items() const {
  std::vector<Node> out;
  if (!data_ || data_->kind != Kind::sequence) return out;
  out.reserve(data_->children.size());
  for (const auto* c : data_->children) out.push_back(Node(tree_, c));
  return out;
}

std::vector<std::pair<Node, Node>> Node::pairs() const {
  std::vector<std::pair<Node, Node>> out;
  if (!data_ || data_->kind != Kind::map) return out;
  const auto& c = data_->children;
  out.reserve(c.size() / 2);
  for (size_t i = 0; i + 1 < c.size(); i += 2)
    out.emplace_back(Node(tree_, c[i]), Node(tree_, c[i + 1]));
  return out;
}

Node parse(std::string_view text, const std::string& file) {
  return TreeBuilder(text, file).build();
}

std::string library_version() {
  return std::string("libyaml ") + yaml_get_version_string();
}

}  // namespace migrate::yaml
