// The fast header reader must give what the full parser gives (minus the
// operations), or step aside: never a different answer.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "core/base/error.hpp"
#include "core/script/script_header.hpp"

using namespace migrate;

namespace {

void same_as_full(const std::string& text) {
  CAPTURE(text);
  auto fast = read_revision_header(text, "v/x.yaml");
  REQUIRE(fast.has_value());
  Revision full = load_revision_text(text, "v/x.yaml", NamingConvention{});
  CHECK(fast->id == full.id);
  CHECK(fast->down_revisions == full.down_revisions);
  CHECK(fast->branch_labels == full.branch_labels);
  CHECK(fast->depends_on == full.depends_on);
  CHECK(fast->message == full.message);
  CHECK(fast->created == full.created);
  CHECK(fast->transactional == full.transactional);
  CHECK(fast->path == full.path);
  CHECK(fast->mark.str() == full.mark.str());
  CHECK(fast->upgrade.empty());
}

const char* kOps = R"(upgrade:
  - add_column:
      table: users
      column: {name: email, type: varchar(255)}
  - execute: "SELECT 1"
downgrade:
# block items may also start at column 0
- drop_column: {table: users, column: email}
)";

}  // namespace

TEST_CASE("header: the shapes the writer and people produce read like the full parser") {
  same_as_full(
      "revision: \"3f2a9c1b7d4e\"\ndown_revision: null\nbranch_labels: []\n"
      "depends_on: null\nmessage: \"add user email\"\ncreated: 2026-11-21T10:15:00Z\n"
      "transactional: true\n" +
      std::string(kOps));
  same_as_full(
      "revision: 0123\ndown_revision: [\"a1\", b2 , 'c3']  # a merge\n"
      "branch_labels: [billing]\ndepends_on: x9\nmessage: ratio 3:1, it's fine #1\n"
      "transactional: no\nupgrade: []\ndowngrade: []\n");
  same_as_full(
      "# a comment first\n\nrevision: abc # trailing\r\ndown_revision: ~\r\n"
      "message: 'O''Brien says \"hi\"'\nupgrade:\ndowngrade:\n");
  same_as_full("message: \"tab\\tand \\\"quotes\\\"\"\nrevision: r1\ndown_revision: r0\n");
  same_as_full("revision: r1\ndown_revision: r0\nmessage:\nupgrade: []\n");
}

TEST_CASE("header: anything unusual goes to the full parser") {
  // Block lists, multi-line scalars, anchors, unknown keys, escapes it does not know.
  for (const char* text :
       {"revision: r1\ndown_revision:\n  - a\n  - b\n", "revision: r1\nmessage: one\n  two\n",
        "revision: r1\nmessage: |\n  text\n", "revision: &x r1\n", "revision: r1\nextra: 1\n",
        "revision: r1\nmessage: \"\\u00e9\"\n", "revision: r1\nrevision: r2\n",
        "---\nrevision: r1\n", "revision: r1\ndown_revision: [a,\n  b]\n", "down_revision: a\n",
        "revision: \"\"\n", "revision: r1\ntransactional: maybe\n", "revision: a@b\n",
        "\xEF\xBB\xBFrevision: r1\n", "revision: r1\nmessage: {a: 1}\n"}) {
    CAPTURE(text);
    CHECK_FALSE(read_revision_header(text, "v/x.yaml").has_value());
  }
}

TEST_CASE("header: loading a folder falls back per file and reports errors like the full load") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "migrate-header-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  };
  write("a.yaml", "revision: a1\ndown_revision: null\nmessage: first\n" + std::string(kOps));
  write("b.yaml", "revision: b2\ndown_revision:\n  - a1\nmessage: |\n  second\n");
  write(".#b.yaml", "not: a revision\n");
  write("notes.txt", "ignored\n");
  auto fast = load_revision_headers({dir}, NamingConvention{});
  auto full = load_revisions({dir}, NamingConvention{});
  REQUIRE(fast.size() == 2);
  REQUIRE(full.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(fast[i].id == full[i].id);
    CHECK(fast[i].path == full[i].path);
    CHECK(fast[i].down_revisions == full[i].down_revisions);
    CHECK(fast[i].message == full[i].message);
    CHECK(fast[i].upgrade.empty());
  }
  CHECK(fast[1].message == "second\n");
  write("c.yaml", "revision: c3\nbogus: 1\n");
  CHECK_THROWS_WITH_AS(load_revision_headers({dir}, NamingConvention{}),
                       doctest::Contains("c.yaml:2:1: unknown key 'bogus'"), InputError);
  fs::remove_all(dir);
  CHECK_THROWS_WITH_AS(load_revision_headers({dir}, NamingConvention{}),
                       doctest::Contains("revision folder not found"), InputError);
}

TEST_CASE("header: random header lines never read differently from the full parser") {
  // Values built from the characters YAML treats specially; whenever the fast
  // reader answers, the full parser must accept the text and agree.
  const std::string plain = "abxyz019_.", special = " :#'\"[],{}&*!|>-?@%`\\~\tnul";
  unsigned seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  auto value = [&] {
    std::string v;
    for (unsigned n = next() % 9; n > 0; --n)
      v += next() % 3 ? plain[next() % plain.size()] : special[next() % special.size()];
    return v;
  };
  int answered = 0;
  for (int i = 0; i < 10000; ++i) {
    std::string text = "revision: r" + std::to_string(i) + "\ndown_revision: " + value() +
                       "\nmessage: " + value() + "\ndepends_on: " + value() + "\n";
    auto fast = read_revision_header(text, "v/x.yaml");
    if (!fast) continue;
    ++answered;
    CAPTURE(text);
    Revision full;
    REQUIRE_NOTHROW(full = load_revision_text(text, "v/x.yaml", NamingConvention{}));
    CHECK(fast->down_revisions == full.down_revisions);
    CHECK(fast->message == full.message);
    CHECK(fast->depends_on == full.depends_on);
  }
  CHECK(answered > 1000);  // the fast path is taken for ordinary values
}
