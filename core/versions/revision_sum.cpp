#include "core/versions/revision_sum.hpp"

#include <algorithm>

#include "core/base/digest.hpp"
#include "core/base/error.hpp"

namespace migrate {
namespace {

constexpr std::string_view kPrefix = kSumHashPrefix;
// What migrate wrote before the lines stopped chaining the files before them.
constexpr std::string_view kChainedPrefix = "h1:";

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
  if (s.substr(0, kChainedPrefix.size()) == kChainedPrefix)
    throw InputError(at,
                     "written by an older migrate, whose hashes (h1) chained every file before "
                     "them: run `migrate hash` to write it again");
  if (s.substr(0, kPrefix.size()) != kPrefix || !is_base64(s.substr(kPrefix.size())))
    throw InputError(at, "expected h2:<base64 hash>, got '" + std::string(s) +
                             "' (run `migrate hash` to write the file again)");
  return s.substr(kPrefix.size());
}

}  // namespace

RevisionSum compute_sum(std::vector<SumInput> files) {
  auto by_name = [](const SumInput& a, const SumInput& b) { return a.name < b.name; };
  // One version folder comes listed in order already.
  if (!std::is_sorted(files.begin(), files.end(), by_name))
    std::sort(files.begin(), files.end(), by_name);
  Sha256 h;  // one context for all: a fresh one costs allocations, 10,000 times
  RevisionSum sum;
  sum.entries.reserve(files.size());
  for (const auto& f : files) {
    h.reset();
    h.update(f.bytes);
    sum.entries.push_back({f.name, base64(h.digest())});
  }
  sum.total = sum_total(sum.entries);
  return sum;
}

SumEntry sum_entry(std::string name, std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return {std::move(name), base64(h.digest())};
}

RevisionSum with_entry(RevisionSum sum, SumEntry entry) {
  auto& entries = sum.entries;
  auto at = std::lower_bound(entries.begin(), entries.end(), entry.name,
                             [](const SumEntry& e, const std::string& n) { return e.name < n; });
  if (at != entries.end() && at->name == entry.name)
    *at = std::move(entry);
  else
    entries.insert(at, std::move(entry));
  sum.total = sum_total(entries);
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
      throw InputError(at, "expected '<file> h2:<hash>', got '" + std::string(line) +
                               "' (run `migrate hash` to write the file again)");
    std::string name(line.substr(0, sep));
    // In order, each name once: what lets a difference be found in one pass.
    if (!sum.entries.empty() && !(sum.entries.back().name < name))
      throw InputError(at, "'" + name +
                               "' is out of name order or listed twice (run `migrate hash` to "
                               "write the file again)");
    sum.entries.push_back(
        {std::move(name), std::string(hash_after_prefix(line.substr(sep + 1), at))});
  }
  if (!have_total) throw InputError(SourceMark{file, 1, 0}, "empty (run `migrate hash`)");
  return sum;
}

SumReport sum_difference(const RevisionSum& recorded, const RevisionSum& now) {
  const auto& a = recorded.entries;
  const auto& b = now.entries;
  SumReport report;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    // Both lists are in name order; a name only one side has is a file added or removed.
    if (j == b.size() || (i < a.size() && a[i].name < b[j].name)) {
      report.removed.push_back(a[i++].name);
    } else if (i == a.size() || b[j].name < a[i].name) {
      report.added.push_back(b[j++].name);
    } else {
      if (a[i].hash != b[j].hash) report.changed.push_back(a[i].name);
      ++i;
      ++j;
    }
  }
  report.total_differs = !report.stale() && recorded.total != sum_total(recorded.entries);
  return report;
}

std::string describe(const SumReport& report, size_t limit) {
  std::string out;
  size_t shown = 0, left = 0;
  auto list = [&](const char* what, const std::vector<std::string>& names) {
    if (names.empty()) return;
    if (shown >= limit) {
      left += names.size();
      return;
    }
    out += (out.empty() ? "" : "; ") + std::string(what) + ": ";
    for (size_t k = 0; k < names.size(); ++k) {
      if (shown == limit) {
        left += names.size() - k;
        break;
      }
      out += (k ? ", " : "") + names[k];
      ++shown;
    }
  };
  list("changed", report.changed);
  list("added", report.added);
  list("removed", report.removed);
  if (left) out += " and " + std::to_string(left) + " more";
  if (report.total_differs) out = "its first line does not match the lines below it";
  return out;
}

}  // namespace migrate
