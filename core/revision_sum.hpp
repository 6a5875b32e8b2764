#pragma once
// The revision sum (migrations/versions.sum), Atlas's atlas.sum for revision
// files: one running SHA-256 over every file's name and bytes, in name order,
// read after each file. A file's line thus depends on every file before it,
// so an edit, an addition or a removal changes its own line and all that
// follow, and the first line (the sum of all lines) always: two branches that
// each add a revision change the same lines and conflict in git.
//
//   h1:<base64 sum of the lines below>
//   versions/1a2b_init.yaml h1:<base64 running hash after this file>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

// A revision file as the sum names it: its path relative to the sum file's
// folder, '/'-separated.
struct SumInput {
  std::string name;
  std::string_view bytes;
};

struct SumEntry {
  std::string name;
  std::string hash;  // base64, without the "h1:" prefix
  bool operator==(const SumEntry&) const = default;
};

struct RevisionSum {
  std::string total;  // base64 of the sum of the entries, without "h1:"
  std::vector<SumEntry> entries;
  bool operator==(const RevisionSum&) const = default;
};

// Sorts the files by name (bytewise) and hashes them.
RevisionSum compute_sum(std::vector<SumInput> files);
// The total the entries should have.
std::string sum_total(const std::vector<SumEntry>& entries);

std::string render_sum(const RevisionSum& sum);
// Throws InputError at file:line for a malformed line or git conflict markers.
RevisionSum parse_sum(std::string_view text, const std::string& file);

// What the recorded sum says differs from the files now, or nullopt when they
// agree. Names the first file that differs: with the chain, every file after
// it differs too.
std::optional<std::string> sum_difference(const RevisionSum& recorded, const RevisionSum& now);

}  // namespace migrate
