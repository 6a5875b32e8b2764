// The revision sum: Atlas's chained scheme, its text form, and what a
// mismatch is reported as.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/error.hpp"
#include "core/revision_sum.hpp"
#include "core/revision_sum_file.hpp"

using namespace migrate;

namespace {

RevisionSum two_files() {
  // Out of order on purpose: the sum sorts by name.
  return compute_sum({{"versions/b.yaml", "y"}, {"versions/a.yaml", "x"}});
}

}  // namespace

TEST_CASE("revision sum: the chained SHA-256 of names and bytes, in name order") {
  // Expected values from Python's hashlib over the same bytes.
  CHECK(compute_sum({}).total == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  RevisionSum s = two_files();
  REQUIRE(s.entries.size() == 2);
  CHECK(s.entries[0] ==
        SumEntry{"versions/a.yaml", "BE4WRqQHaQ2ydv+YsPCE1WpiVTxgRfQY19CYxLmGunU="});
  CHECK(s.entries[1] ==
        SumEntry{"versions/b.yaml", "G3wDmo+iL+SnYN/AOUDbbzMQe5GQMUZN/6c3d1rbCo4="});
  CHECK(s.total == "zKS/nGZq0gxAD6lN8WV4OrG5LnG53Z44wxrJR2Pk+u8=");
}

TEST_CASE("revision sum: rendered and parsed back") {
  RevisionSum s = two_files();
  std::string text = render_sum(s);
  CHECK(text ==
        "h1:zKS/nGZq0gxAD6lN8WV4OrG5LnG53Z44wxrJR2Pk+u8=\n"
        "versions/a.yaml h1:BE4WRqQHaQ2ydv+YsPCE1WpiVTxgRfQY19CYxLmGunU=\n"
        "versions/b.yaml h1:G3wDmo+iL+SnYN/AOUDbbzMQe5GQMUZN/6c3d1rbCo4=\n");
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
  CHECK(error_of("sha:abc\n").find("m/versions.sum:1: expected h1:") == 0);
  CHECK(error_of("h1:abc\nversions/a.yaml\n").find("m/versions.sum:2: expected '<file>") == 0);
  CHECK(error_of("h1:abc\nversions/a.yaml h1:a b!\n").find("m/versions.sum:2:") == 0);
  CHECK(error_of("h1:abc\n\nversions/a.yaml h1:x\n").find("m/versions.sum:2: empty line") == 0);
  std::string conflict =
      "<<<<<<< HEAD\nh1:abc\n=======\nh1:def\n>>>>>>> other\nversions/a.yaml h1:x\n";
  CHECK(error_of(conflict).find("m/versions.sum:1: git conflict markers") == 0);
  CHECK(error_of(conflict).find("migrate hash") != std::string::npos);
}

TEST_CASE("revision sum: the first difference names the file") {
  RevisionSum before = two_files();
  CHECK_FALSE(sum_difference(before, before));

  RevisionSum edited = compute_sum({{"versions/a.yaml", "x2"}, {"versions/b.yaml", "y"}});
  CHECK(sum_difference(before, edited) == "versions/a.yaml was changed");
  RevisionSum edited_last = compute_sum({{"versions/a.yaml", "x"}, {"versions/b.yaml", "y2"}});
  CHECK(sum_difference(before, edited_last) == "versions/b.yaml was changed");

  RevisionSum added =
      compute_sum({{"versions/a.yaml", "x"}, {"versions/b.yaml", "y"}, {"versions/0.yaml", "z"}});
  CHECK(sum_difference(before, added) == "versions/0.yaml was added");
  RevisionSum removed = compute_sum({{"versions/b.yaml", "y"}});
  CHECK(sum_difference(before, removed) == "versions/a.yaml was removed");
  CHECK(sum_difference(before, compute_sum({})) == "versions/a.yaml was removed");

  RevisionSum bad_total = before;
  bad_total.total = compute_sum({}).total;
  CHECK(sum_difference(bad_total, before) == "its first line does not match the lines below it");
  RevisionSum swapped = before;
  std::swap(swapped.entries[0], swapped.entries[1]);
  CHECK(sum_difference(swapped, before) == "its lines are not in name order");
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
