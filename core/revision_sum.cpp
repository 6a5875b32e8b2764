#include "core/revision_sum.hpp"

#include <algorithm>

#include "core/digest.hpp"
#include "core/error.hpp"

namespace migrate {
namespace {

constexpr std::string_view kPrefix = "h1:";

bool is_base64(std::string_view s) {
  if (s.empty()) return false;
  // Not isalnum(): a locale lookup per character shows on 10,000 lines.
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
          c == '/' || c == '='))
      return false;
  return true;
}

std::string_view hash_after_prefix(std::string_view s, const SourceMark& at) {
  if (s.substr(0, kPrefix.size()) != kPrefix || !is_base64(s.substr(kPrefix.size())))
    throw InputError(at, "expected h1:<base64 hash>, got '" + std::string(s) +
                             "' (run `migrate hash` to write the file again)");
  return s.substr(kPrefix.size());
}

}  // namespace

RevisionSum compute_sum(std::vector<SumInput> files) {
  auto by_name = [](const SumInput& a, const SumInput& b) { return a.name < b.name; };
  // One version folder comes listed in order already.
  if (!std::is_sorted(files.begin(), files.end(), by_name))
    std::sort(files.begin(), files.end(), by_name);
  Sha256 running;
  RevisionSum sum;
  sum.entries.reserve(files.size());
  for (const auto& f : files) {
    running.update(f.name);
    running.update(f.bytes);
    sum.entries.push_back({f.name, base64(running.digest())});
  }
  sum.total = sum_total(sum.entries);
  return sum;
}

std::string sum_total(const std::vector<SumEntry>& entries) {
  Sha256 h;
  for (const auto& e : entries) {
    h.update(e.name);
    h.update(e.hash);
  }
  return base64(h.digest());
}

std::string render_sum(const RevisionSum& sum) {
  std::string out = std::string(kPrefix) + sum.total + "\n";
  for (const auto& e : sum.entries) out += e.name + " " + std::string(kPrefix) + e.hash + "\n";
  return out;
}

RevisionSum parse_sum(std::string_view text, const std::string& file) {
  RevisionSum sum;
  int line_no = 0;
  bool have_total = false;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const SourceMark at{file, line_no, 0};
    for (std::string_view marker : {"<<<<<<<", "=======", ">>>>>>>"})
      if (line.substr(0, marker.size()) == marker)
        throw InputError(at,
                         "git conflict markers: revisions were added on two branches. Run `migrate "
                         "hash` to write it for the revision files as they are now, then join the "
                         "heads with `migrate merge heads`");
    if (line.empty()) {
      if (!text.empty()) throw InputError(at, "empty line (run `migrate hash` to write it again)");
      continue;
    }
    if (!have_total) {
      sum.total = std::string(hash_after_prefix(line, at));
      have_total = true;
      continue;
    }
    size_t sep = line.rfind(' ');
    if (sep == std::string_view::npos || sep == 0)
      throw InputError(at, "expected '<file> h1:<hash>', got '" + std::string(line) +
                               "' (run `migrate hash` to write the file again)");
    sum.entries.push_back({std::string(line.substr(0, sep)),
                           std::string(hash_after_prefix(line.substr(sep + 1), at))});
  }
  if (!have_total) throw InputError(SourceMark{file, 1, 0}, "empty (run `migrate hash`)");
  return sum;
}

std::optional<std::string> sum_difference(const RevisionSum& recorded, const RevisionSum& now) {
  const auto& a = recorded.entries;
  const auto& b = now.entries;
  auto by_name = [](const SumEntry& x, const SumEntry& y) { return x.name < y.name; };
  if (!std::is_sorted(a.begin(), a.end(), by_name)) return "its lines are not in name order";
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    // Both lists are in name order; a name only one side has is a file added or removed.
    if (j == b.size() || (i < a.size() && a[i].name < b[j].name)) return a[i].name + " was removed";
    if (i == a.size() || b[j].name < a[i].name) return b[j].name + " was added";
    if (a[i].hash != b[j].hash) return a[i].name + " was changed";
    ++i;
    ++j;
  }
  if (recorded.total != sum_total(recorded.entries))
    return "its first line does not match the lines below it";
  return std::nullopt;
}

}  // namespace migrate
