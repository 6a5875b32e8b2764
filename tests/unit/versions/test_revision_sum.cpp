// The revision sum: a SHA-256 per file under a total line, its text form, and
// what a mismatch is reported as.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/base/error.hpp"
#include "core/versions/revision_sum.hpp"
#include "core/versions/revision_sum_file.hpp"

using namespace migrate;

namespace {

RevisionSum two_files() {
  // Out of order on purpose: the sum sorts by name.
  return compute_sum({{"versions/b.yaml", "y"}, {"versions/a.yaml", "x"}});
}

}  // namespace

TEST_CASE("revision sum: the SHA-256 of each file's bytes, in name order, under their total") {
  // Expected values from Python's hashlib over the same bytes.
  CHECK(compute_sum({}).total == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  RevisionSum s = two_files();
  REQUIRE(s.entries.size() == 2);
  CHECK(s.entries[0] ==
        SumEntry{"versions/a.yaml", "LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE="});
  CHECK(s.entries[1] ==
        SumEntry{"versions/b.yaml", "ofzkNjhU/4iM/0uOeHXWAMJoI5BBKoz3mzfQsRFIsPo="});
  CHECK(s.total == "bstJ+GOlMLBUmqt9AU5uoExWIJ8keVa+X/JqC8zI03Y=");
  // A line depends on its file alone; the total on every line.
  RevisionSum edited = compute_sum({{"versions/a.yaml", "x2"}, {"versions/b.yaml", "y"}});
  CHECK(edited.entries[1] == s.entries[1]);
  CHECK(edited.entries[0] != s.entries[0]);
  CHECK(edited.total != s.total);
  CHECK(sum_entry("versions/b.yaml", "y") == s.entries[1]);
}

TEST_CASE("revision sum: rendered and parsed back") {
  RevisionSum s = two_files();
  std::string text = render_sum(s);
  CHECK(text ==
        "h2:bstJ+GOlMLBUmqt9AU5uoExWIJ8keVa+X/JqC8zI03Y=\n"
        "versions/a.yaml h2:LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE=\n"
        "versions/b.yaml h2:ofzkNjhU/4iM/0uOeHXWAMJoI5BBKoz3mzfQsRFIsPo=\n");
  CHECK(parse_sum(text, "versions.sum") == s);
  CHECK(parse_sum(render_sum(compute_sum({})), "versions.sum").entries.empty());
  // A name may hold spaces: the hash is the last field.
  RevisionSum spaced = compute_sum({{"versions/a b.yaml", "x"}});
  CHECK(parse_sum(render_sum(spaced), "f") == spaced);
}

TEST_CASE("revision sum: malformed files are errors at file:line") {
  auto error_of = [](const std::string& text) {
    try {
      parse_sum(text, "m/versions.sum");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("").find("m/versions.sum:1: empty") == 0);
  CHECK(error_of("sha:abc\n").find("m/versions.sum:1: expected h2:") == 0);
  CHECK(error_of("h2:abc\nversions/a.yaml\n").find("m/versions.sum:2: expected '<file>") == 0);
  CHECK(error_of("h2:abc\nversions/a.yaml h2:a b!\n").find("m/versions.sum:2:") == 0);
  CHECK(error_of("h2:abc\n\nversions/a.yaml h2:x\n").find("m/versions.sum:2: empty line") == 0);
  CHECK(error_of("h2:abc\nversions/b.yaml h2:x\nversions/a.yaml h2:y\n")
            .find("m/versions.sum:3: 'versions/a.yaml' is out of name order or listed twice") == 0);
  CHECK(error_of("h2:abc\nversions/a.yaml h2:x\nversions/a.yaml h2:x\n")
            .find("m/versions.sum:3: 'versions/a.yaml' is out of name order or listed twice") == 0);
  std::string conflict =
      "<<<<<<< HEAD\nh2:abc\n=======\nh2:def\n>>>>>>> other\nversions/a.yaml h2:x\n";
  CHECK(error_of(conflict).find("m/versions.sum:1: git conflict markers") == 0);
  CHECK(error_of(conflict).find("migrate hash") != std::string::npos);
  // The chained format migrate wrote before: not compared, but said plainly.
  CHECK(error_of("h1:abc\nversions/a.yaml h1:x\n")
            .find("m/versions.sum:1: written by an older migrate, whose hashes (h1) chained") == 0);
}

TEST_CASE("revision sum: every file that differs is named") {
  RevisionSum before = two_files();
  CHECK(sum_difference(before, before).ok());
  CHECK(describe(sum_difference(before, before)).empty());

  SumReport edited =
      sum_difference(before, compute_sum({{"versions/a.yaml", "x2"}, {"versions/b.yaml", "y"}}));
  CHECK(edited.changed == std::vector<std::string>{"versions/a.yaml"});
  CHECK(edited.added.empty());
  CHECK(edited.removed.empty());
  CHECK(edited.stale());
  CHECK(describe(edited) == "changed: versions/a.yaml");
  // Both, though the first one differs: lines do not chain.
  SumReport both =
      sum_difference(before, compute_sum({{"versions/a.yaml", "x2"}, {"versions/b.yaml", "y2"}}));
  CHECK(both.changed == std::vector<std::string>{"versions/a.yaml", "versions/b.yaml"});

  SumReport mixed = sum_difference(
      before,
      compute_sum({{"versions/b.yaml", "y2"}, {"versions/0.yaml", "z"}, {"versions/c.yaml", "w"}}));
  CHECK(mixed.changed == std::vector<std::string>{"versions/b.yaml"});
  CHECK(mixed.added == std::vector<std::string>{"versions/0.yaml", "versions/c.yaml"});
  CHECK(mixed.removed == std::vector<std::string>{"versions/a.yaml"});
  CHECK(describe(mixed) ==
        "changed: versions/b.yaml; added: versions/0.yaml, versions/c.yaml; removed: "
        "versions/a.yaml");
  CHECK(describe(mixed, 2) == "changed: versions/b.yaml; added: versions/0.yaml and 2 more");
  CHECK(sum_difference(before, compute_sum({})).removed.size() == 2);

  RevisionSum bad_total = before;
  bad_total.total = compute_sum({}).total;
  SumReport total = sum_difference(bad_total, before);
  CHECK(total.total_differs);
  CHECK(total.stale());
  CHECK(describe(total) == "its first line does not match the lines below it");
}

TEST_CASE("revision sum: one file put in, the other lines kept as they were") {
  RevisionSum recorded = two_files();
  // b.yaml was edited since: its line stays the old one, so it stays reported.
  RevisionSum now =
      compute_sum({{"versions/a.yaml", "x"}, {"versions/b.yaml", "y2"}, {"versions/ab.yaml", "n"}});
  RevisionSum written = with_entry(recorded, sum_entry("versions/ab.yaml", "n"));
  REQUIRE(written.entries.size() == 3);
  CHECK(written.entries[1].name == "versions/ab.yaml");
  CHECK(written.entries[2] == recorded.entries[1]);
  CHECK(written.total == sum_total(written.entries));
  SumReport report = sum_difference(written, now);
  CHECK(report.changed == std::vector<std::string>{"versions/b.yaml"});
  CHECK(report.added.empty());
  // Put in again, it replaces its own line.
  RevisionSum again = with_entry(written, sum_entry("versions/ab.yaml", "n2"));
  CHECK(again.entries.size() == 3);
  CHECK(again.entries[1] == sum_entry("versions/ab.yaml", "n2"));
  // A sum that was current stays current.
  RevisionSum clean =
      compute_sum({{"versions/a.yaml", "x"}, {"versions/b.yaml", "y"}, {"versions/ab.yaml", "n"}});
  CHECK(with_entry(recorded, sum_entry("versions/ab.yaml", "n")) == clean);
}

TEST_CASE("revision sum: check_sum reports an unreadable file instead of throwing") {
  RevisionSum now = two_files();
  CHECK(check_sum("m/versions.sum", render_sum(now), now).ok());
  SumReport conflict = check_sum("m/versions.sum", "<<<<<<< HEAD\nh2:abc\n", now);
  CHECK_FALSE(conflict.ok());
  CHECK_FALSE(conflict.stale());
  CHECK(conflict.unreadable.find("m/versions.sum:1: git conflict markers") == 0);
  SumReport stale = check_sum("m/versions.sum", render_sum(compute_sum({})), now);
  CHECK(stale.added.size() == 2);
  CHECK(stale.unreadable.empty());
}

TEST_CASE("revision sum: files are named relative to the sum's folder") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / "proj";
  CHECK(sum_name_prefix(root / "migrations", root / "migrations/versions") == "versions/");
  CHECK(sum_name_prefix(root / "migrations", root / "migrations/versions/") == "versions/");
  CHECK(sum_name_prefix(root / "migrations/", root / "modules/billing") == "../modules/billing/");
  CHECK(sum_name_prefix(root / "migrations", root / "migrations") == "");
  CHECK(sum_name_prefix("migrations", "./migrations/versions") == "versions/");
}
