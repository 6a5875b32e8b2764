#include "core/yaml/yaml_chunks.hpp"

namespace migrate::yaml {
namespace {

// `chunk` grown to the end of `line`, which follows it in the same text.
void extend(std::string_view& chunk, std::string_view line) {
  chunk =
      std::string_view(chunk.data(), static_cast<size_t>(line.data() + line.size() - chunk.data()));
}

bool blank_or_comment(std::string_view line) {
  size_t i = line.find_first_not_of(' ');
  return i == std::string_view::npos || line[i] == '#' || line[i] == '\r';
}

}  // namespace

std::optional<std::vector<Chunk>> split_block_entries(std::string_view text, std::string_view key) {
  std::vector<Chunk> out;
  bool seen_key = false;
  size_t indent = 0;  // of the entries; 0 until the first one
  int line_no = 0;
  for (size_t pos = 0; pos < text.size(); ++line_no) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    std::string_view with_newline = text.substr(pos, end + 1 - pos);
    pos = end + 1;
    if (line.find('\t') != std::string_view::npos) return std::nullopt;  // the full parse judges
    if (blank_or_comment(line)) {
      if (!out.empty()) extend(out.back().text, with_newline);
      continue;
    }
    size_t lead = line.find_first_not_of(' ');
    if (lead == 0) {
      // The only top-level line allowed: `key:`, once, with at most a comment after it.
      if (seen_key || line.substr(0, key.size()) != key) return std::nullopt;
      std::string_view rest = line.substr(key.size());
      if (rest.empty() || rest[0] != ':') return std::nullopt;
      rest.remove_prefix(1);
      if (!blank_or_comment(rest)) return std::nullopt;
      seen_key = true;
      continue;
    }
    if (!seen_key) return std::nullopt;
    if (indent == 0) indent = lead;
    if (lead < indent) return std::nullopt;
    if (lead == indent) {
      // A new entry: a plain key, not a list item, an explicit key or a flow collection.
      char c = line[lead];
      if (c == '-' || c == '?' || c == '{' || c == '[' || c == '&' || c == '*' || c == '!' ||
          c == '|' || c == '>')
        return std::nullopt;
      out.push_back({with_newline, line_no});
    } else {
      if (out.empty()) return std::nullopt;
      extend(out.back().text, with_newline);
    }
  }
  if (!seen_key) return std::nullopt;
  return out;
}

}  // namespace migrate::yaml
