#pragma once
// The revision sum (migrations/versions.sum), after Atlas's atlas.sum: one
// line per revision file with the SHA-256 of its bytes, in name order, under
// a first line that hashes all the lines below it.
//
//   h2:<base64 sum of the lines below>
//   versions/1a2b_init.yaml h2:<base64 SHA-256 of the file's bytes>
//
// Unlike atlas.sum (and migrate's own "h1" files before it), a line does not
// chain the files before it: a stale sum can then name every file that
// differs, and `revision` can add its own file while the lines of files that
// were already stale keep saying so. Two branches that each add a revision
// still both change the first line, so git reports a conflict where they meet.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

// Before every hash of the file: the scheme's version, as Atlas's "h1:".
inline constexpr std::string_view kSumHashPrefix = "h2:";

// A revision file as the sum names it: its path relative to the sum file's
// folder, '/'-separated.
struct SumInput {
  std::string name;
  std::string_view bytes;
};

struct SumEntry {
  std::string name;
  std::string hash;  // base64, without the "h2:" prefix
  bool operator==(const SumEntry&) const = default;
};

struct RevisionSum {
  std::string total;  // base64 of the sum of the entries, without "h2:"
  std::vector<SumEntry> entries;
  bool operator==(const RevisionSum&) const = default;
};

// Sorts the files by name (bytewise) and hashes them.
RevisionSum compute_sum(std::vector<SumInput> files);
// The total the entries should have.
std::string sum_total(const std::vector<SumEntry>& entries);
// The recorded sum with `entry` in its place by name (replacing a line of the
// same name), the other lines as they were, and the total recomputed.
RevisionSum with_entry(RevisionSum sum, SumEntry entry);
SumEntry sum_entry(std::string name, std::string_view bytes);

std::string render_sum(const RevisionSum& sum);
// Throws InputError at file:line for a malformed line, lines out of name
// order, git conflict markers, or a sum in the older chained format (h1).
RevisionSum parse_sum(std::string_view text, const std::string& file);

// How the revision files differ from the recorded sum. Names as the sum has
// them, each list in name order.
struct SumReport {
  std::vector<std::string> changed;
  std::vector<std::string> added;
  std::vector<std::string> removed;
  // The names all agree, but the first line does not sum the lines below
  // (the file was edited by hand).
  bool total_differs = false;
  // The recorded text could not be read (parse_sum's message, file:line
  // first); the lists are then empty, as nothing could be compared.
  std::string unreadable;

  bool stale() const {
    return !changed.empty() || !added.empty() || !removed.empty() || total_differs;
  }
  bool ok() const { return !stale() && unreadable.empty(); }
};

SumReport sum_difference(const RevisionSum& recorded, const RevisionSum& now);
// "changed: versions/a.yaml; added: versions/b.yaml", at most `limit` names
// in all (then "and N more"). Empty for a report that is ok().
std::string describe(const SumReport& report, size_t limit = 10);

}  // namespace migrate
