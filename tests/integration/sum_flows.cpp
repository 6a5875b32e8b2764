#include "sum_flows.hpp"

#include <filesystem>
#include <sstream>
#include <vector>

namespace itest {
namespace fs = std::filesystem;

namespace {

const std::string kSumFile = "migrations/versions.sum";

int count_lines(const std::string& text, bool (*match)(const std::string&)) {
  int n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) n += match(line);
  return n;
}

std::string joined(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

std::string create_table(const std::string& table) {
  return "  - create_table:\n      table: " + table +
         "\n      columns:\n        - {name: id, type: integer, primary_key: true}\n";
}

std::string drop_table(const std::string& table) {
  return "  - drop_table: {table: " + table + "}\n";
}

// A new project on `url`, its model the one table the first revision makes.
void start(const Project& p, const std::string& url) {
  auto init = p.run({"init", "migrations", "--url", url});
  REQUIRE_MESSAGE(init.code == 0, init.err);
  p.write("schema.yaml",
          "tables:\n  widgets:\n    columns:\n      - {name: id, type: integer, primary_key: "
          "true}\n");
}

// `migrate revision`, no warning, its file's path.
std::string revision(const Project& p, const std::string& id, const std::string& message,
                     const std::string& slug) {
  auto r = p.run({"revision", "-m", message, "--rev-id", id});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(warnings(r.err) == 0);
  return "migrations/versions/" + id + "_" + slug + ".yaml";
}

// What the developer does next: fill in the operations of a generated revision.
void fill_in(const Project& p, const std::string& file, const std::string& upgrade,
             const std::string& downgrade) {
  std::string text = p.read(file);
  auto up = text.find("upgrade: []\n");
  REQUIRE(up != std::string::npos);
  text.replace(up, 12, "upgrade:\n" + upgrade);
  auto down = text.find("downgrade: []\n");
  REQUIRE(down != std::string::npos);
  text.replace(down, 14, "downgrade:\n" + downgrade);
  p.write(file, text);
}

void hand_written(const Project& p, const std::string& file, const std::string& id,
                  const std::string& down, const std::string& upgrade,
                  const std::string& downgrade) {
  p.write(file, "revision: \"" + id + "\"\ndown_revision: \"" + down + "\"\nmessage: \"by hand " +
                    id + "\"\nupgrade:\n" + upgrade + "downgrade:\n" + downgrade);
}

// A command that goes on past the stale sum: exit `code` as ever, and exactly
// one warning, naming the files (`names`, the whole list) and `migrate hash`.
Result goes_on(const Project& p, const std::vector<std::string>& args, const std::string& names,
               int code = 0) {
  auto r = p.run(args);
  CAPTURE(joined(args));
  CHECK_MESSAGE(r.code == code, r.err);
  CHECK_MESSAGE(sum_warnings(r.err) == 1, r.err);
  CHECK_MESSAGE(warnings(r.err) == 1, r.err);
  CHECK_MESSAGE(contains(r.err, "warning: " + kSumFile + " is out of date (" + names +
                                    "): run `migrate hash`"),
                r.err);
  return r;
}

// A command with the sum current again: not a word about it.
Result clean(const Project& p, const std::vector<std::string>& args) {
  auto r = p.run(args);
  CAPTURE(joined(args));
  CHECK_MESSAGE(r.code == 0, r.err);
  CHECK_MESSAGE(warnings(r.err) == 0, r.err);
  CHECK_FALSE(contains(r.err, "versions.sum"));
  return r;
}

bool has_table(const Project& p, const std::string& table) {
  auto r = p.run({"inspect"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  return contains(r.out, "  " + table + ":\n");
}

// CI's side of the same sum: validate and lint fail with the list, and so does
// any command in strict mode (the flag, or the key in migrate.yaml).
void ci_refuses(const Project& p, const std::string& names) {
  const std::string stale = kSumFile + " is out of date (" + names + ")";
  auto validate = p.run({"validate"});
  CHECK(validate.code == 1);
  CHECK_MESSAGE(contains(validate.out, "stale: " + stale), validate.out);
  CHECK(warnings(validate.err) == 0);
  auto lint = p.run({"lint"});
  CHECK(lint.code == 1);
  CHECK_MESSAGE(contains(lint.err, "error: " + stale + ": run `migrate hash`"), lint.err);
  CHECK(warnings(lint.err) == 0);
  for (const auto& args : std::vector<std::vector<std::string>>{{"--strict-sum", "upgrade", "head"},
                                                                {"heads", "--strict-sum"}}) {
    CAPTURE(joined(args));
    auto r = p.run(args);
    CHECK(r.code == 1);
    CHECK_MESSAGE(contains(r.err, "error: " + stale + ": run `migrate hash`"), r.err);
    CHECK(warnings(r.err) == 0);
  }
  const std::string config = p.read("migrate.yaml");
  p.write("migrate.yaml", config + "sum: strict\n");
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"heads"}, {"upgrade", "head", "--sql"}}) {
    CAPTURE(joined(args));
    auto r = p.run(args);
    CHECK(r.code == 1);
    CHECK_MESSAGE(contains(r.err, "error: " + stale), r.err);
  }
  p.write("migrate.yaml", config);
}

}  // namespace

int sum_warnings(const std::string& err) {
  return count_lines(err, [](const std::string& line) {
    return line.rfind("warning: ", 0) == 0 && line.find("versions.sum") != std::string::npos;
  });
}

int warnings(const std::string& err) {
  return count_lines(err, [](const std::string& line) { return line.rfind("warning: ", 0) == 0; });
}

void flow_edit_unapplied_revision(const std::string& url) {
  Project p;
  start(p, url);
  const std::string file = revision(p, "aaaa00000001", "add widgets", "add_widgets");
  fill_in(p, file, create_table("widgets"), drop_table("widgets"));
  const std::string changed = "changed: versions/aaaa00000001_add_widgets.yaml";

  CHECK(contains(goes_on(p, {"heads"}, changed).out, "aaaa00000001 (head)"));
  goes_on(p, {"history"}, changed);
  goes_on(p, {"branches"}, changed);
  goes_on(p, {"show", "aaaa00000001"}, changed);
  CHECK(contains(goes_on(p, {"upgrade", "head", "--sql"}, changed).out, "widgets"));
  goes_on(p, {"upgrade", "head"}, changed);
  CHECK(has_table(p, "widgets"));  // the edited revision is what ran
  CHECK(contains(goes_on(p, {"current"}, changed).out, "aaaa00000001 (head)"));
  goes_on(p, {"check"}, changed);
  goes_on(p, {"downgrade", "base"}, changed);
  CHECK_FALSE(has_table(p, "widgets"));
  goes_on(p, {"stamp", "aaaa00000001"}, changed);
  goes_on(p, {"stamp", "base"}, changed);
  goes_on(p, {"upgrade", "head"}, changed);
  CHECK(has_table(p, "widgets"));

  // A revision written meanwhile goes into the sum; the edited file stays reported.
  goes_on(p, {"revision", "-m", "next", "--rev-id", "bbbb00000002"}, changed);
  CHECK(contains(p.read(kSumFile), "\nversions/bbbb00000002_next.yaml h2:"));
  goes_on(p, {"upgrade", "head"}, changed);

  ci_refuses(p, changed);

  // An applied revision edited again still stops upgrade and downgrade, as ever.
  const std::string applied = p.read(file);
  p.write(file, applied + "  - drop_table: {table: nothing_here}\n");
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"upgrade", "head"}, {"downgrade", "base"}}) {
    auto r = goes_on(p, args, changed, 1);
    CHECK(contains(r.err, "refused: 1 applied revision(s) no longer match what ran"));
  }
  p.write(file, applied);

  auto hash = p.run({"hash"});
  REQUIRE_MESSAGE(hash.code == 0, hash.err);
  clean(p, {"heads"});
  clean(p, {"upgrade", "head"});
  CHECK(contains(clean(p, {"validate"}).out, "ok: 2 applied revision(s) match"));
  clean(p, {"lint"});
}

void flow_hand_written_file(const std::string& url) {
  Project p;
  start(p, url);
  const std::string first = revision(p, "aaaa00000001", "add widgets", "add_widgets");
  fill_in(p, first, create_table("widgets"), drop_table("widgets"));
  REQUIRE(p.run({"hash"}).code == 0);
  clean(p, {"upgrade", "head"});

  hand_written(p, "migrations/versions/bbbb00000002_gadgets.yaml", "bbbb00000002", "aaaa00000001",
               create_table("gadgets"), drop_table("gadgets"));
  const std::string added = "added: versions/bbbb00000002_gadgets.yaml";
  CHECK(contains(goes_on(p, {"heads"}, added).out, "bbbb00000002 (head)"));
  goes_on(p, {"history"}, added);
  CHECK(contains(goes_on(p, {"upgrade", "aaaa00000001:head", "--sql"}, added).out, "gadgets"));
  goes_on(p, {"upgrade", "head"}, added);
  CHECK(has_table(p, "gadgets"));
  // The model has no gadgets: check's answer is its own, exit 1.
  CHECK(contains(goes_on(p, {"check"}, added, 1).out, "gadgets"));
  goes_on(p, {"downgrade", "-1"}, added);
  CHECK_FALSE(has_table(p, "gadgets"));
  goes_on(p, {"upgrade", "head"}, added);

  ci_refuses(p, added);
  REQUIRE(p.run({"hash"}).code == 0);
  clean(p, {"heads"});
  clean(p, {"validate"});
}

void flow_delete_unapplied_revision(const std::string& url) {
  Project p;
  start(p, url);
  const std::string first = revision(p, "aaaa00000001", "add widgets", "add_widgets");
  fill_in(p, first, create_table("widgets"), drop_table("widgets"));
  REQUIRE(p.run({"hash"}).code == 0);
  clean(p, {"upgrade", "head"});
  const std::string oops = revision(p, "bbbb00000002", "oops", "oops");
  fs::remove(p.path(oops));

  const std::string removed = "removed: versions/bbbb00000002_oops.yaml";
  CHECK(goes_on(p, {"heads"}, removed).out == "aaaa00000001 (head)\n");
  goes_on(p, {"upgrade", "head"}, removed);
  CHECK(contains(goes_on(p, {"current"}, removed).out, "aaaa00000001 (head)"));
  goes_on(p, {"upgrade", "base:head", "--sql"}, removed);
  goes_on(p, {"downgrade", "base"}, removed);
  CHECK_FALSE(has_table(p, "widgets"));
  goes_on(p, {"upgrade", "head"}, removed);
  CHECK(has_table(p, "widgets"));
  // Its replacement goes into the sum; the removal stays reported.
  goes_on(p, {"revision", "-m", "instead", "--rev-id", "cccc00000003"}, removed);
  goes_on(p, {"heads"}, removed);

  ci_refuses(p, removed);
  REQUIRE(p.run({"hash"}).code == 0);
  clean(p, {"heads"});
  clean(p, {"upgrade", "head"});
}

void flow_copy_branch_revisions(const std::string& url) {
  Project p;
  start(p, url);
  const std::string first = revision(p, "aaaa00000001", "add widgets", "add_widgets");
  fill_in(p, first, create_table("widgets"), drop_table("widgets"));
  REQUIRE(p.run({"hash"}).code == 0);
  clean(p, {"upgrade", "head"});
  revision(p, "bbbb00000002", "mine", "mine");
  // A colleague's two revisions, copied from their branch.
  hand_written(p, "migrations/versions/cccc00000003_theirs.yaml", "cccc00000003", "aaaa00000001",
               create_table("gadgets"), drop_table("gadgets"));
  hand_written(p, "migrations/versions/dddd00000004_theirs_too.yaml", "dddd00000004",
               "cccc00000003", "  - execute: \"SELECT 1\"\n", "  - execute: \"SELECT 1\"\n");

  const std::string added =
      "added: versions/cccc00000003_theirs.yaml, versions/dddd00000004_theirs_too.yaml";
  auto heads = goes_on(p, {"heads"}, added);
  CHECK(contains(heads.out, "bbbb00000002 (head)"));
  CHECK(contains(heads.out, "dddd00000004 (head)"));
  // Two heads: upgrade head refuses as it always has (exit 2), the warning said once.
  CHECK(contains(goes_on(p, {"upgrade", "head"}, added, 2).err, "heads"));
  goes_on(p, {"merge", "heads", "-m", "join", "--rev-id", "eeee00000005"}, added);
  // The merge is in the sum; the copied files are still reported.
  CHECK(goes_on(p, {"heads"}, added).out == "eeee00000005 (head)\n");
  goes_on(p, {"upgrade", "head"}, added);
  CHECK(has_table(p, "gadgets"));
  goes_on(p, {"history"}, added);

  ci_refuses(p, added);
  REQUIRE(p.run({"hash"}).code == 0);
  clean(p, {"heads"});
  CHECK(contains(clean(p, {"validate"}).out, "ok: 5 applied revision(s) match"));
}

}  // namespace itest
