// The header index cache of graph commands (core/versions/header_cache.hpp): it must
// never hide a change to the revision files (a stale versions.sum warns on
// every run, from the cache too), and never get in the way when it cannot be
// read or written.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <thread>

#include "harness.hpp"
#include "sum_flows.hpp"

using namespace itest;
namespace fs = std::filesystem;

namespace {

const std::string kFirst = "migrations/versions/aaaa00000001_first.yaml";

std::map<std::string, std::string> cache_env(const Project& p) {
  return {{"XDG_CACHE_HOME", p.path("xdg").string()}};
}

// The one cache file of the project, or an empty path.
fs::path cache_file(const Project& p) {
  std::error_code ec;
  fs::path found;
  for (const auto& e : fs::directory_iterator(p.path("xdg/migrate"), ec))
    if (e.path().extension() == ".idx") found = e.path();
  return found;
}

Result heads(const Project& p) {
  return p.run({"heads"}, cache_env(p));
}

// Whether `migrate -v heads` took the headers from the cache (and succeeded).
bool used_cache(const Project& p) {
  auto r = p.run({"-v", "heads"}, cache_env(p));
  return r.code == 0 && contains(r.err, "revision headers from the header cache");
}

void three_revisions(const Project& p, bool with_sum = true) {
  p.init_sqlite();
  for (auto [id, message] : {std::pair{"aaaa00000001", "first"},
                             {"bbbb00000002", "second"},
                             {"cccc00000003", "third"}}) {
    auto r = p.run({"revision", "-m", message, "--rev-id", id}, cache_env(p));
    REQUIRE_MESSAGE(r.code == 0, r.err);
  }
  if (!with_sum) fs::remove(p.path("migrations/versions.sum"));
}

// An edit that keeps the size, with the mtime put back as it was (ctime moves on).
void sneaky_edit(const Project& p, const std::string& file, const std::string& from,
                 const std::string& to) {
  REQUIRE(from.size() == to.size());
  auto text = p.read(file);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(p.sh("touch -r " + file + " mtime.ref").code == 0);
  p.write(file, text.replace(at, from.size(), to));
  REQUIRE(p.sh("touch -r mtime.ref " + file).code == 0);
}

// The command went on, with the one warning of a stale versions.sum naming `names`.
bool warns(const Result& r, const std::string& names) {
  return r.code == 0 && sum_warnings(r.err) == 1 && warnings(r.err) == 1 &&
         contains(r.err, "versions.sum is out of date (" + names + ")");
}

// Files this old are trusted by their stamp alone (the racy window is 2 s).
void let_files_age() {
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
}

}  // namespace

TEST_CASE("header cache: written by a graph command, used by the next, same answers") {
  Project p;
  three_revisions(p);
  let_files_age();
  auto first = heads(p);
  REQUIRE_MESSAGE(first.code == 0, first.err);
  CHECK(first.out == "cccc00000003 (head)\n");
  REQUIRE_FALSE(cache_file(p).empty());
  CHECK(cache_file(p).parent_path() == p.path("xdg/migrate"));
  CHECK(used_cache(p));
  auto second = heads(p);
  CHECK(second.code == 0);
  CHECK(second.out == first.out);
  CHECK(second.err.empty());
  auto history = p.run({"history"}, cache_env(p));
  CHECK(history.code == 0);
  CHECK(contains(history.out, "aaaa00000001 -> bbbb00000002, second"));
}

TEST_CASE("header cache: an edit keeping size and mtime is still caught by versions.sum") {
  Project p;
  three_revisions(p);
  let_files_age();
  REQUIRE(heads(p).code == 0);
  REQUIRE(used_cache(p));  // every entry trusted by its stamp from here on
  sneaky_edit(p, kFirst, "first", "FIRST");
  const std::string changed = "changed: versions/aaaa00000001_first.yaml";
  auto r = heads(p);
  CHECK(warns(r, changed));
  CHECK(r.out == "cccc00000003 (head)\n");
  // The stale state is cached with what was found: used, and said again every time.
  let_files_age();
  CHECK(warns(heads(p), changed));
  CHECK(used_cache(p));
  CHECK(warns(heads(p), changed));
  auto strict = p.run({"heads", "--strict-sum"}, cache_env(p));
  CHECK(strict.code == 1);
  CHECK(contains(strict.err, "(" + changed + ")"));
  auto history = p.run({"history"}, cache_env(p));
  CHECK(warns(history, changed));
  CHECK(contains(history.out, "<base> -> aaaa00000001, FIRST"));
  // Put back: the bytes are the recorded ones again.
  sneaky_edit(p, kFirst, "FIRST", "first");
  r = heads(p);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("header cache: a racy entry (changed just now) is checked by its bytes") {
  Project p;
  three_revisions(p);
  REQUIRE(heads(p).code == 0);
  // Within the racy window the entries carry a digest of the bytes: the cache
  // is used, the files read.
  REQUIRE(used_cache(p));
  sneaky_edit(p, kFirst, "first", "FIRST");
  CHECK(warns(heads(p), "changed: versions/aaaa00000001_first.yaml"));
}

TEST_CASE("header cache: without versions.sum an edit keeping size and mtime still shows") {
  Project p;
  three_revisions(p, false);
  let_files_age();
  REQUIRE(heads(p).code == 0);
  REQUIRE(used_cache(p));
  sneaky_edit(p, "migrations/versions/cccc00000003_third.yaml", "third", "THIRD");
  auto r = p.run({"history"}, cache_env(p));
  CHECK(r.code == 0);
  CHECK(contains(r.out, "bbbb00000002 -> cccc00000003 (head), THIRD"));
}

TEST_CASE("header cache: files added, removed or renamed are caught") {
  Project p;
  three_revisions(p);
  let_files_age();
  REQUIRE(heads(p).code == 0);
  REQUIRE(used_cache(p));
  const std::string third = "migrations/versions/cccc00000003_third.yaml";
  const std::string text = p.read(third);

  SUBCASE("added") {
    p.write("migrations/versions/dddd00000004_fourth.yaml",
            "revision: \"dddd00000004\"\ndown_revision: \"cccc00000003\"\nupgrade: []\n"
            "downgrade: []\n");
    CHECK(warns(heads(p), "added: versions/dddd00000004_fourth.yaml"));
  }
  SUBCASE("removed") {
    fs::remove(p.path(third));
    auto r = heads(p);
    CHECK(warns(r, "removed: versions/cccc00000003_third.yaml"));
    CHECK(r.out == "bbbb00000002 (head)\n");
  }
  SUBCASE("renamed") {
    fs::rename(p.path(third), p.path("migrations/versions/cccc00000003_renamed.yaml"));
    CHECK(warns(heads(p),
                "added: versions/cccc00000003_renamed.yaml; removed: "
                "versions/cccc00000003_third.yaml"));
  }
  SUBCASE("two files swapped by renames") {
    const std::string second = "migrations/versions/bbbb00000002_second.yaml";
    fs::rename(p.path(second), p.path("swap.tmp"));
    fs::rename(p.path(third), p.path(second));
    fs::rename(p.path("swap.tmp"), p.path(third));
    CHECK(warns(heads(p),
                "changed: versions/bbbb00000002_second.yaml, "
                "versions/cccc00000003_third.yaml"));
  }
  SUBCASE("versions.sum rewritten") {
    p.write(third, text + "# reviewed\n");
    REQUIRE(p.run({"hash"}, cache_env(p)).code == 0);
    auto r = heads(p);
    CHECK(r.code == 0);
    CHECK(r.out == "cccc00000003 (head)\n");
  }
}

TEST_CASE("header cache: a corrupt or foreign cache file is ignored and replaced") {
  Project p;
  three_revisions(p);
  REQUIRE(heads(p).code == 0);
  const fs::path file = cache_file(p);
  REQUIRE_FALSE(file.empty());
  const std::string good = [&] {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  REQUIRE(good.size() > 100);
  auto put = [&](const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
  };
  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x20;
  for (const std::string& bytes :
       {std::string("not a cache\n"), good.substr(0, good.size() / 2), flipped,
        std::string("migrate header cache 999\n") + good.substr(23), std::string()}) {
    CAPTURE(bytes.size());
    put(bytes);
    auto r = heads(p);
    CHECK(r.code == 0);
    CHECK(r.out == "cccc00000003 (head)\n");
    CHECK(r.err.empty());
    CHECK(used_cache(p));  // written again whole
  }
  // A corrupt cache hides no edit either.
  put(flipped);
  sneaky_edit(p, kFirst, "first", "FIRST");
  CHECK(warns(heads(p), "changed: versions/aaaa00000001_first.yaml"));
}

TEST_CASE("header cache: an unusable cache folder changes nothing and says nothing") {
  Project p;
  three_revisions(p);
  p.write("not-a-folder", "x");
  for (const std::string& xdg : {p.path("not-a-folder").string(),
                                 p.path("not-a-folder/below").string(), std::string("relative")}) {
    CAPTURE(xdg);
    auto r = p.run({"heads"}, {{"XDG_CACHE_HOME", xdg}, {"HOME", p.path("home").string()}});
    CHECK(r.code == 0);
    CHECK(r.out == "cccc00000003 (head)\n");
    CHECK(r.err.empty());
    sneaky_edit(p, kFirst, "first", "FIRST");
    r = p.run({"heads"}, {{"XDG_CACHE_HOME", xdg}, {"HOME", p.path("home").string()}});
    CHECK(warns(r, "changed: versions/aaaa00000001_first.yaml"));
    sneaky_edit(p, kFirst, "FIRST", "first");
  }
  // A relative XDG_CACHE_HOME is ignored (XDG spec): $HOME/.cache instead.
  CHECK(fs::exists(p.path("home/.cache/migrate")));
  CHECK_FALSE(fs::exists(p.path("relative")));
  // Neither variable set: no cache at all, still the same answer.
  auto r = p.sh("env -u XDG_CACHE_HOME -u HOME '" + std::string(MIGRATE_BINARY) + "' heads");
  CHECK(r.code == 0);
  CHECK(r.out == "cccc00000003 (head)\n");
  CHECK(r.err.empty());
}

TEST_CASE("header cache: a read-only cache folder is left alone") {
  Project p;
  three_revisions(p);
  fs::create_directories(p.path("ro/migrate"));
  fs::permissions(p.path("ro/migrate"), fs::perms::owner_read | fs::perms::owner_exec);
  auto r = p.run({"heads"}, {{"XDG_CACHE_HOME", p.path("ro").string()}});
  CHECK(r.code == 0);
  CHECK(r.out == "cccc00000003 (head)\n");
  CHECK(r.err.empty());
  fs::permissions(p.path("ro/migrate"), fs::perms::owner_all);
}
