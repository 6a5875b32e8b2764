#include "core/script/script_header.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <functional>
#include <thread>

#include "core/base/error.hpp"
#include "core/base/unique_fd.hpp"

namespace migrate {
namespace {

// A header value: null, one scalar, or a flow list of scalars.
struct Value {
  bool null = false;
  bool list = false;
  std::vector<std::string> items;  // one item for a scalar
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  return s;
}

// What may follow a value on its line: nothing, or a comment.
bool only_comment(std::string_view rest) {
  rest = trim_left(rest);
  return rest.empty() || rest.front() == '#';
}

// C0 controls and DEL: YAML allows none but tab in a line (the full parser
// refuses them, and takes a lone CR for a line break), so lines holding them
// go to the full parser, which reports them.
bool has_control(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) return true;
  }
  return false;
}

// A CR that does not end a line starts a new one for YAML, not for this reader.
bool has_lone_cr(std::string_view text) {
  for (size_t i = text.find('\r'); i != std::string_view::npos; i = text.find('\r', i + 1))
    if (i + 1 == text.size() || text[i + 1] != '\n') return true;
  return false;
}

// A text that is not valid UTF-8 goes to the full parser, which refuses it
// with the place of the first bad byte.
bool valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x80) {
      ++i;
      continue;
    }
    size_t len = (u & 0xE0) == 0xC0 ? 2 : (u & 0xF0) == 0xE0 ? 3 : (u & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || u == 0xC0 || u == 0xC1 || u > 0xF4 || i + len > text.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

bool is_plain_null(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// A quoted scalar at the start of `s`; `s` is left after the closing quote.
std::optional<std::string> quoted(std::string_view& s) {
  const char q = s.front();
  std::string out;
  size_t i = 1;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (q == '\'' && c == '\'') {
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        out += '\'';
        ++i;
        continue;
      }
      break;
    }
    if (q == '"' && c == '"') break;
    if (q == '"' && c == '\\') {
      if (++i >= s.size()) return std::nullopt;
      switch (s[i]) {
        case '\\':
          out += '\\';
          break;
        case '"':
          out += '"';
          break;
        case '/':
          out += '/';
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        default:
          return std::nullopt;  // \x.., \u.... and friends: the full parser knows them
      }
      continue;
    }
    out += c;
  }
  if (i >= s.size()) return std::nullopt;  // continues on the next line
  s.remove_prefix(i + 1);
  return out;
}

// A plain scalar, as far as this reader trusts itself to read one.
std::optional<std::string> plain(std::string_view s, bool in_list) {
  s = trim_right(s);
  if (s.empty()) return std::string();
  static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(s.front()) != std::string_view::npos) return std::nullopt;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\t') return std::nullopt;
    if (c == ':' && (i + 1 == s.size() || is_blank(s[i + 1]))) return std::nullopt;
    if (in_list && (c == '[' || c == ']' || c == '{' || c == '}')) return std::nullopt;
  }
  return std::string(s);
}

// The value after "key:" on one line (comments allowed after it).
std::optional<Value> parse_value(std::string_view s) {
  s = trim_left(s);
  Value v;
  if (s.empty() || s.front() == '#') {
    v.null = true;
    return v;
  }
  if (s.front() == '"' || s.front() == '\'') {
    auto q = quoted(s);
    if (!q || !only_comment(s)) return std::nullopt;
    v.items.push_back(std::move(*q));
    return v;
  }
  if (s.front() == '[') {
    v.list = true;
    s.remove_prefix(1);
    for (;;) {
      s = trim_left(s);
      if (s.empty()) return std::nullopt;  // the list goes on on the next line
      if (s.front() == ']' && v.items.empty()) {
        s.remove_prefix(1);
        break;
      }
      if (s.front() == '"' || s.front() == '\'') {
        auto q = quoted(s);
        if (!q) return std::nullopt;
        v.items.push_back(std::move(*q));
      } else {
        size_t end = s.find_first_of(",]");
        if (end == std::string_view::npos) return std::nullopt;
        auto item = plain(s.substr(0, end), true);
        if (!item || is_plain_null(*item)) return std::nullopt;
        v.items.push_back(std::move(*item));
        s.remove_prefix(end);
      }
      s = trim_left(s);
      if (s.empty()) return std::nullopt;
      if (s.front() == ']') {
        s.remove_prefix(1);
        break;
      }
      if (s.front() != ',') return std::nullopt;
      s.remove_prefix(1);
    }
    if (!only_comment(s)) return std::nullopt;
    return v;
  }
  // A plain scalar ends at " #", the start of a comment.
  size_t hash = std::string_view::npos;
  for (size_t i = 1; i < s.size(); ++i)
    if (s[i] == '#' && is_blank(s[i - 1])) {
      hash = i;
      break;
    }
  auto p = plain(s.substr(0, hash), false);
  if (!p) return std::nullopt;
  if (is_plain_null(*p)) {
    v.null = true;
    return v;
  }
  v.items.push_back(std::move(*p));
  return v;
}

bool known_bool(const std::string& s, bool& out) {
  static const char* kTrue[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
  static const char* kFalse[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
  for (const char* t : kTrue)
    if (s == t) return out = true, true;
  for (const char* f : kFalse)
    if (s == f) return out = false, true;
  return false;
}

}  // namespace

std::optional<Revision> read_revision_header(std::string_view text, const std::string& file) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") return std::nullopt;
  if (has_lone_cr(text) || !valid_utf8(text)) return std::nullopt;
  Revision r;
  r.path = file;
  bool have_revision = false;
  // No allocation per file: past the nine known keys any key is refused anyway.
  std::array<std::string_view, 16> seen{};
  size_t seen_count = 0;
  bool in_ops = false;       // inside upgrade:/downgrade:, whose lines are skipped
  bool await_value = false;  // a header key whose value was empty so far
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view content = trim_left(line);
    if (content.empty() || content.front() == '#') continue;
    if (line.front() == '\t') return std::nullopt;
    if (is_blank(line.front()) || line.front() == '-') {
      // An indented line or a block-sequence item continues the value above.
      if (line.substr(0, 3) == "---" || !in_ops) return std::nullopt;
      continue;
    }
    await_value = false;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        (colon + 1 < line.size() && !is_blank(line[colon + 1])))
      return std::nullopt;
    const std::string_view key = line.substr(0, colon);
    for (char c : key)
      // Not isalnum(): a locale lookup per character shows on 10,000 files.
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
        return std::nullopt;
    for (size_t k = 0; k < seen_count; ++k)
      if (seen[k] == key) return std::nullopt;  // the full parser says what is wrong
    if (seen_count == seen.size()) return std::nullopt;
    seen[seen_count++] = key;
    in_ops = key == "upgrade" || key == "downgrade";
    if (in_ops) continue;
    if (has_control(line)) return std::nullopt;
    auto v = parse_value(line.substr(colon + 1));
    if (!v) return std::nullopt;
    if (v->null) await_value = true;
    auto single = [&]() -> std::optional<std::string> {
      if (v->null) return std::string();
      if (v->list) return std::nullopt;
      return std::move(v->items[0]);
    };
    if (key == "revision") {
      auto s = single();
      if (!s || s->empty()) return std::nullopt;
      r.id = std::move(*s);
      r.mark = SourceMark{file, line_no, 1};
      have_revision = true;
    } else if (key == "down_revision" || key == "branch_labels" || key == "depends_on") {
      auto& dest = key == "down_revision"   ? r.down_revisions
                   : key == "branch_labels" ? r.branch_labels
                                            : r.depends_on;
      if (!v->null) dest = std::move(v->items);
    } else if (key == "message" || key == "created") {
      auto s = single();
      if (!s) return std::nullopt;
      (key == "message" ? r.message : r.created) = std::move(*s);
    } else if (key == "transactional") {
      auto s = single();
      if (!s) return std::nullopt;
      if (!v->null && !known_bool(*s, r.transactional)) return std::nullopt;
    } else {
      return std::nullopt;  // an unknown key: the full parser names it
    }
    // A header key whose value starts on the next line is not this reader's business.
    if (await_value && pos < text.size()) {
      size_t next = pos;
      while (next < text.size()) {
        size_t e = text.find('\n', next);
        std::string_view l = text.substr(next, e == std::string_view::npos ? e : e - next);
        std::string_view c = trim_left(l);
        if (!c.empty() && c.front() != '#' && c != "\r") {
          if (is_blank(l.front()) || l.front() == '-') return std::nullopt;
          break;
        }
        if (e == std::string_view::npos) break;
        next = e + 1;
      }
    }
  }
  if (!have_revision) return std::nullopt;
  // Ids the full parser refuses: let it say so, with the position.
  auto odd = [](const std::string& id) {
    return id.empty() || id.find_first_of(":@ \t") != std::string::npos;
  };
  if (odd(r.id)) return std::nullopt;
  for (const auto& id : r.down_revisions)
    if (odd(id)) return std::nullopt;
  return r;
}

namespace {

// One file's outcome: its header, or its text for the full parser, or why it
// could not be read.
struct Slot {
  std::optional<Revision> header;
  std::string text;
  std::string error;
  FileStamp stamp;
};

}  // namespace

bool read_whole_at(int dir_fd, const char* name, std::string& text, FileStamp& stamp) {
  UniqueFd in(::openat(dir_fd, name, O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (in.fd < 0 || ::fstat(in.fd, &st) != 0) return false;
  stamp = file_stamp(st);
  // One byte more than the size: a short read then means the end, with no
  // second read to see it.
  size_t len = 0;
  text.resize(static_cast<size_t>(st.st_size) + 1);
  for (;;) {
    ssize_t n = ::read(in.fd, text.data() + len, text.size() - len);
    if (n < 0) return false;
    len += static_cast<size_t>(n);
    if (len < text.size()) break;
    text.resize(text.size() * 2);  // it grew since fstat
  }
  text.resize(len);
  return true;
}

namespace {

void read_files(int dir_fd, const std::string& prefix, const std::vector<std::string>& names,
                size_t first, size_t step, bool keep_text, std::vector<Slot>& slots) {
  std::string scratch;  // reused when the text is not kept
  for (size_t i = first; i < names.size(); i += step) {
    Slot& slot = slots[i];
    const std::string file = prefix + names[i];
    std::string& text = keep_text ? slot.text : scratch;
    try {
      if (!read_whole_at(dir_fd, names[i].c_str(), text, slot.stamp)) {
        slot.error = "cannot read " + file;
        continue;
      }
      slot.header = read_revision_header(text, file);
      if (!slot.header && !keep_text) slot.text = text;
    } catch (const std::exception& e) {  // out of memory: no exception may leave a thread
      slot.error = file + ": " + e.what();
    }
  }
}

}  // namespace

std::vector<Revision> load_revision_headers(const std::vector<std::filesystem::path>& folders,
                                            const NamingConvention& naming,
                                            std::vector<std::string>* texts,
                                            std::vector<FileStamp>* stamps) {
  std::vector<Revision> out;
  for (const auto& folder : folders) {
    auto names = revision_file_names(folder);
    out.reserve(out.size() + names.size());
    // folder / name, as load_revisions() names the files.
    std::string prefix = folder.string();
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    // Opening relative to the folder spares the kernel a path walk per file.
    UniqueFd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.fd < 0) throw InputError("cannot read the revision folder " + folder.string());
    // The system calls (open, read, close) are most of the time on large
    // projects, so a second thread halves it; small ones stay single-threaded.
    std::vector<Slot> slots(names.size());
    const size_t threads = names.size() < 512 ? 1 : 2;
    std::vector<std::thread> workers;
    for (size_t t = 1; t < threads; ++t)
      workers.emplace_back(read_files, dir.fd, std::cref(prefix), std::cref(names), t, threads,
                           texts != nullptr, std::ref(slots));
    read_files(dir.fd, prefix, names, 0, threads, texts != nullptr, slots);
    for (auto& w : workers) w.join();
    for (size_t i = 0; i < slots.size(); ++i) {
      Slot& slot = slots[i];
      if (!slot.error.empty()) throw InputError(slot.error);
      if (slot.header) {
        out.push_back(std::move(*slot.header));
      } else {
        Revision full = load_revision_text(slot.text, prefix + names[i], naming);
        full.upgrade.clear();
        full.downgrade.clear();
        out.push_back(std::move(full));
      }
      if (texts) texts->push_back(std::move(slot.text));
      if (stamps) stamps->push_back(slot.stamp);
    }
  }
  return out;
}

}  // namespace migrate
