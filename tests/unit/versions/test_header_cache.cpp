// The header cache's file format and its racy rule (core/versions/header_cache.hpp);
// the integration tests drive it through the binary.
#include <doctest/doctest.h>
#include <stdlib.h>

#include "core/versions/header_cache.hpp"

using namespace migrate;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kNow = 1'800'000'000 * kSecond;

CachedHeader entry(const std::string& name, std::int64_t changed_ns) {
  CachedHeader e;
  e.name = name;
  e.stamp = FileStamp{123, changed_ns, changed_ns, 42, 7};
  e.header.id = name.substr(0, 4);
  e.header.down_revisions = {"prev"};
  e.header.branch_labels = {"one", "two"};
  e.header.depends_on = {};
  e.header.message = "a message\nover two lines";
  e.header.created = "2026-01-01T00:00:00Z";
  e.header.transactional = false;
  e.header.mark.line = 3;
  e.header.mark.column = 1;
  return e;
}

HeaderCache sample() {
  HeaderCache c;
  c.context = std::string("migrations/versions.sum\0migrations/versions\0", 44);
  c.sum = sha256_of("h2:x\n");
  // A stale sum is cached with what its check found.
  c.report.changed = {"versions/aaaa_first.yaml"};
  c.report.added = {"versions/bbbb_second.yaml", "../other/x.yaml"};
  c.report.removed = {"versions/gone.yaml"};
  CachedFolder f;
  f.stamp = FileStamp{4096, kNow - 10 * kSecond, kNow - 10 * kSecond, 9, 7};
  f.files.push_back(entry("aaaa_first.yaml", kNow - 60 * kSecond));
  f.files.push_back(entry("bbbb_second.yaml", kNow - kSecond));  // racy
  f.files.back().content = sha256_of("revision: bbbb\n");
  f.files.push_back(entry("cccc_third.yaml", kNow));  // racy, bytes unknown
  c.folders.push_back(f);
  c.folders.push_back(CachedFolder{});  // a second folder, empty, stamped just now
  c.folders.back().stamp.mtime_ns = kNow;
  return c;
}

}  // namespace

TEST_CASE("header cache: what is written reads back, under the racy rule") {
  const std::string bytes = render_header_cache(sample(), kNow);
  auto back = parse_header_cache(bytes);
  REQUIRE(back);
  CHECK(back->context == sample().context);
  CHECK(back->sum == sample().sum);
  CHECK(back->report.changed == sample().report.changed);
  CHECK(back->report.added == sample().report.added);
  CHECK(back->report.removed == sample().report.removed);
  CHECK_FALSE(back->report.total_differs);
  CHECK(back->report.unreadable.empty());
  REQUIRE(back->folders.size() == 2);
  const auto& f = back->folders[0];
  CHECK(f.stamp == sample().folders[0].stamp);
  CHECK(f.stamp_trusted);
  CHECK_FALSE(back->folders[1].stamp_trusted);  // changed within the window
  // The racy entry whose bytes are unknown is left out; the other racy one
  // keeps its digest; an old entry is trusted by its stamp alone.
  REQUIRE(f.files.size() == 2);
  CHECK(f.files[0].name == "aaaa_first.yaml");
  CHECK_FALSE(f.files[0].content);
  CHECK(f.files[1].name == "bbbb_second.yaml");
  CHECK(f.files[1].content == sha256_of("revision: bbbb\n"));
  const Revision& r = f.files[0].header;
  const HeaderCache written = sample();
  const Revision& want = written.folders[0].files[0].header;
  CHECK(f.files[0].stamp == written.folders[0].files[0].stamp);
  CHECK(r.id == want.id);
  CHECK(r.down_revisions == want.down_revisions);
  CHECK(r.branch_labels == want.branch_labels);
  CHECK(r.depends_on.empty());
  CHECK(r.message == want.message);
  CHECK(r.created == want.created);
  CHECK(r.transactional == false);
  CHECK(r.mark.line == 3);
  CHECK(r.mark.column == 1);

  // Later, the same entries are all out of the window.
  auto later = parse_header_cache(render_header_cache(sample(), kNow + 3 * kSecond));
  REQUIRE(later);
  CHECK(later->folders[0].files.size() == 3);
  CHECK_FALSE(later->folders[0].files[1].content);
  CHECK(later->folders[1].stamp_trusted);

  HeaderCache no_sum = sample();
  no_sum.sum.reset();
  auto none = parse_header_cache(render_header_cache(no_sum, kNow));
  REQUIRE(none);
  CHECK_FALSE(none->sum);

  HeaderCache unreadable = sample();
  unreadable.report = SumReport{};
  unreadable.report.unreadable = "migrations/versions.sum:1: git conflict markers";
  unreadable.report.total_differs = true;
  auto conflict = parse_header_cache(render_header_cache(unreadable, kNow));
  REQUIRE(conflict);
  CHECK(conflict->report.unreadable == unreadable.report.unreadable);
  CHECK(conflict->report.total_differs);
  CHECK(conflict->report.changed.empty());
}

TEST_CASE("header cache: a truncated, altered or foreign file is refused") {
  const std::string bytes = render_header_cache(sample(), kNow);
  for (size_t n = 0; n < bytes.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(parse_header_cache(bytes.substr(0, n)));
  }
  for (size_t i = 0; i < bytes.size(); i += 7) {
    CAPTURE(i);
    std::string altered = bytes;
    altered[i] ^= 0x01;
    CHECK_FALSE(parse_header_cache(altered));
  }
  CHECK_FALSE(parse_header_cache(bytes + "x"));
  CHECK_FALSE(parse_header_cache("DIRC\0\0\0\2 a git index"));
}

TEST_CASE("header cache: its file is named for the absolute version folders") {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const std::string saved = xdg ? xdg : "";
  ::setenv("XDG_CACHE_HOME", "/cache-root", 1);
  const auto a = header_cache_file({"/p/migrations/versions"});
  CHECK(a.parent_path() == "/cache-root/migrate");
  CHECK(a.extension() == ".idx");
  // echo -n /p/migrations/versions | sha256sum
  CHECK(a.stem() == "43eda79fd45ca4c14704ef830ca0edcf07cf1cf88d7baceb1aca07feb9d3d49e");
  CHECK(a == header_cache_file({"/p/migrations/./versions"}));
  CHECK(a != header_cache_file({"/q/migrations/versions"}));
  CHECK(a != header_cache_file({"/p/migrations/versions", "/p/modules"}));
  if (xdg)
    ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  else
    ::unsetenv("XDG_CACHE_HOME");
}
