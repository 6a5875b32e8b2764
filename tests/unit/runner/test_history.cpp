// The pure half of the history table: which checksum each applied revision
// ran with, which steps never ended, and which applied revisions changed.
#include <doctest/doctest.h>

#include "core/graph/graph.hpp"
#include "core/runner/history.hpp"
#include "core/runner/validate.hpp"
#include "core/script/script.hpp"

using namespace migrate;
using V = std::vector<std::string>;

namespace {

HistoryRow row(const std::string& rev, const std::string& dir, const std::string& sum,
               const std::string& state = "done") {
  HistoryRow r;
  r.revision = rev;
  r.direction = dir;
  r.checksum = sum;
  r.state = state;
  return r;
}

Revision rev(const std::string& id, const std::string& down, const std::string& body) {
  std::string text = "revision: " + id + "\ndown_revision: " + (down.empty() ? "null" : down) +
                     "\nmessage: m\nupgrade:\n" + body + "\ndowngrade: []\n";
  Revision r = load_revision_text(text, id + ".yaml", NamingConvention{});
  r.path = id + ".yaml";
  return r;
}

const char* kTable = "  - create_table: {table: t, columns: [{name: id, type: integer}]}\n";

}  // namespace

TEST_CASE("history: the last row of each revision decides what was applied") {
  std::vector<HistoryRow> rows = {row("a", "upgrade", "s1"),
                                  row("b", "upgrade", "s2"),
                                  row("b", "downgrade", "s2"),
                                  row("c", "upgrade", "s3", "failed"),
                                  row("d", "upgrade", "s4", "started"),
                                  row("a", "accept", "s1b"),
                                  row("e", "stamp", "s5"),
                                  row("e", "unstamp", ""),
                                  row("f", "stamp", "s6")};
  auto applied = applied_checksums(rows);
  CHECK(applied == std::map<std::string, std::string>{{"a", "s1b"}, {"f", "s6"}});
  auto stuck = interrupted_steps(rows);
  REQUIRE(stuck.size() == 1);
  CHECK(stuck[0].revision == "d");
}

TEST_CASE("history: a checksum covers what runs, not how the file is written") {
  Revision a = rev("a1", "", kTable);
  Revision spaced = load_revision_text(
      "# a comment\nrevision: a1\ndown_revision: null\nmessage: other words\n"
      "created: 2026-01-01T00:00:00Z\nupgrade:\n  - create_table:\n      table: t\n"
      "      columns:\n        - {name: id,   type: integer}\ndowngrade: []\n",
      "a1.yaml", NamingConvention{});
  CHECK(revision_checksum(a) == revision_checksum(spaced));
  CHECK(revision_checksum(a).rfind("sha256:", 0) == 0);
  CHECK(revision_checksum(a) != revision_checksum(rev("a1", "",
                                                      "  - create_table: {table: t, "
                                                      "columns: [{name: id, type: "
                                                      "bigint}]}\n")));
  Revision outside = a;
  outside.transactional = false;
  CHECK(revision_checksum(a) != revision_checksum(outside));
  CHECK(revision_checksum(a) != revision_checksum(rev("a1", "zz", kTable)));
}

TEST_CASE("validate: changed and missing applied revisions are found, others are not") {
  Revision a = rev("a", "", kTable), b = rev("b", "a", "  - drop_table: {table: t}\n");
  Graph graph({a, b});
  std::map<std::string, std::string> applied = {
      {"a", revision_checksum(a)}, {"b", "sha256:old"}, {"gone", "sha256:x"}};
  auto found = find_tampering(graph, {"b"}, applied);
  REQUIRE(found.size() == 2);
  CHECK(found[0].revision == "b");
  CHECK_FALSE(found[0].missing);
  CHECK(found[0].path == "b.yaml");
  CHECK(describe(found[0]).find("changed after it was applied") != std::string::npos);
  CHECK(found[1].revision == "gone");
  CHECK(found[1].missing);
  // Standing at a, b's record is history from before a downgrade or stamp.
  CHECK(find_tampering(graph, {"a"}, applied).size() == 1);
  // Recorded without a checksum (a stamp of an unknown revision): not judged.
  CHECK(find_tampering(graph, {"b"}, {{"a", ""}}).empty());
}
