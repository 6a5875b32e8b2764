#include "core/yaml/yaml_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/base/unique_fd.hpp"

namespace migrate::yaml {
namespace {

// The words yaml-cpp's bool conversion took, so files that worked keep
// working: y/n, yes/no, true/false, on/off, all lower, all upper or
// capitalised.
std::optional<bool> boolean_word(const std::string& s) {
  if (s.empty()) return std::nullopt;
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  bool all_lower = std::all_of(s.begin() + 1, s.end(), lower);
  bool all_upper = std::all_of(s.begin() + 1, s.end(), upper);
  if (!(all_lower || (all_upper && upper(s[0])))) return std::nullopt;
  std::string folded = s;
  for (char& c : folded)
    if (upper(c)) c = static_cast<char>(c - 'A' + 'a');
  for (const char* t : {"y", "yes", "true", "on"})
    if (folded == t) return true;
  for (const char* f : {"n", "no", "false", "off"})
    if (folded == f) return false;
  return std::nullopt;
}

}  // namespace

SourceMark mark(const Mark& m, const std::string& file) {
  if (!m.known()) return SourceMark{file, 0, 0};
  return SourceMark{file, m.line + 1, m.column + 1};
}

SourceMark mark(const Node& node, const std::string& file) {
  return mark(node.mark(), file);
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  // Plain POSIX reads: an upgrade reads every revision file, and a stream
  // per file cost more than parsing it.
  UniqueFd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    throw InputError("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  struct stat st {};
  std::string out;
  if (::fstat(in.fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(in.fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError("cannot read " + path.string() + ": " + std::strerror(errno));
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string kind_name(const Node& node) {
  switch (node.kind()) {
    case Kind::sequence:
      return "a list";
    case Kind::map:
      return "a map";
    case Kind::scalar:
      return "'" + node.scalar() + "'";
    case Kind::null:
      return "nothing (null)";
  }
  return "nothing";
}

std::string scalar(const Node& node, const std::string& file, const std::string& what) {
  if (!node.is_scalar())
    throw InputError(mark(node, file), what + " must be a single value, got " + kind_name(node));
  return node.scalar();
}

bool boolean(const Node& node, const std::string& file, const std::string& what) {
  if (node.is_scalar())
    if (auto out = boolean_word(node.scalar())) return *out;
  throw InputError(mark(node, file), what + " must be true or false, got " + kind_name(node));
}

std::vector<std::string> names(const Node& node, const std::string& file, const std::string& what) {
  std::vector<std::string> out;
  if (node.is_null()) return out;
  if (node.is_scalar()) return {node.scalar()};
  if (!node.is_sequence())
    throw InputError(mark(node, file), what + " must be a list of names, got " + kind_name(node));
  for (const auto& item : node.items()) out.push_back(scalar(item, file, "each item of " + what));
  return out;
}

void expect_list(const Node& node, const std::string& file, const std::string& what,
                 bool allow_null) {
  if (node.is_sequence() || (allow_null && node.is_null())) return;
  throw InputError(mark(node, file), what + " must be a list, got " + kind_name(node));
}

MapReader::MapReader(const Node& node, std::string file, std::string what,
                     const std::vector<std::string>& allowed)
    : file_(std::move(file)), what_(std::move(what)), mark_(yaml::mark(node, file_)) {
  if (!node.is_map())
    throw InputError(
        mark_, what_ + " must be a map of keys (" + join(allowed) + "), got " + kind_name(node));
  for (const auto& [k, v] : node.pairs()) {
    SourceMark at = yaml::mark(k, file_);
    if (!k.is_scalar()) throw InputError(at, "a key in " + what_ + " must be a plain name");
    std::string key = k.scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string msg =
          "unknown key '" + key + "' in " + what_ + "; allowed keys: " + join(allowed);
      // An unquoted "numeric(10,2)" inside {...} splits at the comma and leaves
      // "2)" behind as a key: say so rather than leave the user puzzled.
      if (key.find(')') != std::string::npos && v.is_null())
        msg +=
            " (in {...} flow style a comma ends an entry: quote a type with a comma, "
            "e.g. type: \"numeric(10,2)\")";
      throw InputError(at, msg);
    }
    if (const Entry* first = find(key))
      throw InputError(at, "key '" + key + "' appears twice in " + what_ + " (first at " +
                               yaml::mark(first->key_node, file_).str() + ")");
    entries_.push_back(Entry{key, k, v});
  }
}

const MapReader::Entry* MapReader::find(const std::string& key) const {
  for (const auto& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

bool MapReader::has_value(const std::string& key) const {
  const Entry* e = find(key);
  return e && !e->value.is_null();
}

SourceMark MapReader::mark_of(const std::string& key) const {
  const Entry* e = find(key);
  if (!e) return mark_;
  // An empty value has no text of its own to point at: the key is closer.
  if (e->value.is_null()) return yaml::mark(e->key_node, file_);
  return yaml::mark(e->value, file_);
}

std::string MapReader::label(const std::string& key) const {
  return "'" + key + "' of " + what_;
}

const Node& MapReader::node(const std::string& key) const {
  const Entry* e = find(key);
  if (!e) throw InputError(mark_, what_ + " has no '" + key + "'");
  return e->value;
}

std::string MapReader::required(const std::string& key) const {
  const Entry* e = find(key);
  if (!e || e->value.is_null())
    throw InputError(e ? mark_of(key) : mark_, what_ + " needs a value for '" + key + "'");
  std::string out = yaml::scalar(e->value, file_, label(key));
  if (out.empty()) throw InputError(mark_of(key), label(key) + " is empty");
  return out;
}

std::optional<std::string> MapReader::optional(const std::string& key) const {
  const Entry* e = find(key);
  if (!e || e->value.is_null()) return std::nullopt;
  return yaml::scalar(e->value, file_, label(key));
}

bool MapReader::boolean(const std::string& key, bool fallback) const {
  return optional_bool(key).value_or(fallback);
}

std::optional<bool> MapReader::optional_bool(const std::string& key) const {
  const Entry* e = find(key);
  if (!e || e->value.is_null()) return std::nullopt;
  return yaml::boolean(e->value, file_, label(key));
}

std::vector<std::string> MapReader::names(const std::string& key) const {
  const Entry* e = find(key);
  if (!e) return {};
  return yaml::names(e->value, file_, label(key));
}

}  // namespace migrate::yaml
