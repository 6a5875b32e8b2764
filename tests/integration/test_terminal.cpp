// Terminal manners: colour only on a terminal and without NO_COLOR; the
// progress line on a terminal, plain lines to a pipe; -v timings; -q.
// A terminal is given with script(1), which runs the command on a pty.
#include <doctest/doctest.h>

#include <regex>

#include "harness.hpp"

using namespace itest;

namespace {

bool has_escape(const std::string& text) {
  return contains(text, "\x1b");
}

// A chain of `n` revisions, each creating a table t<i>.
void chain(const Project& p, int n) {
  p.init_sqlite();
  std::string down;
  for (int i = 1; i <= n; ++i) {
    char id[13];
    std::snprintf(id, sizeof id, "%012d", i);
    p.revision(id, down,
               "  - create_table: {table: t" + std::to_string(i) +
                   ", columns: [{name: id, type: integer, primary_key: true}]}\n",
               "  - drop_table: {table: t" + std::to_string(i) + "}\n");
    down = id;
  }
}

// A revision whose upgrade fails in the database (the table exists).
void failing(const Project& p) {
  p.init_sqlite();
  p.revision("aaaa00000001", "", "  - execute: \"CREATE TABLE dup (x INTEGER)\"\n", "[]");
  p.revision("bbbb00000002", "aaaa00000001", "  - execute: \"CREATE TABLE dup (x INTEGER)\"\n",
             "[]");
}

// `migrate ARGS` on a pty: stdout and stderr together, as the terminal shows them.
Result on_tty(const Project& p, const std::string& args, const std::string& env = "") {
  return p.sh(env + " script -qec \"" + std::string(MIGRATE_BINARY) + " " + args + "\" /dev/null");
}

}  // namespace

TEST_CASE("to a pipe: no escape bytes, whatever NO_COLOR says, in logs and errors") {
  Project p;
  failing(p);
  for (const char* no_color : {"", "1"}) {
    auto r = p.run({"upgrade", "head"}, {{"NO_COLOR", no_color}});
    CHECK(r.code == 3);
    CHECK(contains(r.err, "Running upgrade  -> aaaa00000001"));
    CHECK(contains(r.err, "error: "));
    CHECK(!has_escape(r.err));
    CHECK(!has_escape(r.out));
  }
  auto bad = p.run({"upgrade"});
  CHECK(bad.code == 2);
  CHECK(!has_escape(bad.err));
}

TEST_CASE("on a terminal: the error is coloured unless NO_COLOR is set and not empty") {
  Project p;
  failing(p);
  auto coloured = on_tty(p, "upgrade head");
  CHECK(coloured.code == 3);
  CHECK(contains(coloured.out, "\x1b[1;31merror:\x1b[0m "));
  auto empty = on_tty(p, "upgrade head", "NO_COLOR=");
  CHECK(contains(empty.out, "\x1b[1;31merror:"));
  auto plain = on_tty(p, "upgrade head", "NO_COLOR=1");
  CHECK(plain.code == 3);
  CHECK(contains(plain.out, "error: "));
  CHECK(!has_escape(plain.out));
}

TEST_CASE("many revisions: one progress line on a terminal, a line per step to a pipe") {
  Project p;
  chain(p, 12);
  auto tty = on_tty(p, "upgrade head", "NO_COLOR=1");
  REQUIRE_MESSAGE(tty.code == 0, tty.out);
  CHECK(contains(tty.out, "\r[ 1/12] 000000000001 rev 000000000001"));
  CHECK(contains(tty.out, "\r[12/12] 000000000012 rev 000000000012"));
  CHECK(!contains(tty.out, "Running upgrade"));
  CHECK(contains(tty.out, "rev 000000000012\r\nDone: 12 revision(s) upgraded"));
  CHECK(!has_escape(tty.out));

  auto down = p.run({"downgrade", "base"});
  REQUIRE(down.code == 0);
  CHECK(!contains(down.err, "\r"));
  CHECK(contains(down.err, "Running downgrade 000000000012 -> 000000000011, rev 000000000012\n"));
  CHECK(contains(down.err, "Running downgrade 000000000001 -> , rev 000000000001\n"));

  // -v on a terminal: statements would break the line, so plain lines.
  auto verbose = on_tty(p, "upgrade +2 -v", "NO_COLOR=1");
  REQUIRE(verbose.code == 0);
  CHECK(contains(verbose.out, "Running upgrade  -> 000000000001"));
  CHECK(!contains(verbose.out, "[1/2]"));
}

TEST_CASE("a failure on a terminal ends the progress line before the error") {
  Project p;
  failing(p);
  auto r = on_tty(p, "upgrade head", "NO_COLOR=1");
  CHECK(r.code == 3);
  CHECK(contains(r.out, "\r[2/2] bbbb00000002 rev bbbb00000002\r\nerror: "));
}

TEST_CASE("-v: each statement and then its time") {
  Project p;
  chain(p, 2);
  auto r = p.run({"upgrade", "head", "-v"});
  REQUIRE(r.code == 0);
  CHECK(std::regex_search(r.err,
                          std::regex("CREATE TABLE \"t1\" \\([^-]*\\)\n  -- [0-9]+\\.[0-9] ms\n")));
  CHECK(std::regex_search(
      r.err, std::regex("INSERT INTO \"migrate_version\" [^\n]*\n  -- [0-9]+\\.[0-9] ms\n")));
}

TEST_CASE("-q: nothing on success, only the error on failure") {
  Project p;
  chain(p, 3);
  auto ok = p.run({"-q", "upgrade", "head"});
  CHECK(ok.code == 0);
  CHECK(ok.out.empty());
  CHECK(ok.err.empty());
  auto ok_tty = on_tty(p, "-q downgrade base");
  CHECK(ok_tty.code == 0);
  CHECK(ok_tty.out.empty());

  Project f;
  failing(f);
  auto bad = f.run({"-q", "upgrade", "head"});
  CHECK(bad.code == 3);
  CHECK(bad.out.empty());
  CHECK(bad.err.rfind("error: ", 0) == 0);
  CHECK(bad.err.find('\n') == bad.err.size() - 1);  // one line
}

TEST_CASE("lint's severities are coloured on a terminal only, and not with NO_COLOR") {
  Project p;
  p.init_sqlite();
  p.revision("aaaa00000001", "", "  - drop_table: {table: gone}\n", "[]");
  auto tty = on_tty(p, "lint");
  CHECK(tty.code == 1);
  CHECK(contains(tty.out, ": \x1b[1;31merror\x1b[0m DS101: drop_table gone"));
  auto no_color = on_tty(p, "lint", "NO_COLOR=yes");
  CHECK(contains(no_color.out, ": error DS101: drop_table gone"));
  CHECK(!has_escape(no_color.out));
  auto pipe = p.run({"lint"});
  CHECK(pipe.code == 1);
  CHECK(contains(pipe.out, ": error DS101: drop_table gone"));
  CHECK(!has_escape(pipe.out));
}

TEST_CASE("the progress line is cut to the terminal's width, by characters not bytes") {
  Project p;
  p.init_sqlite();
  p.write("migrations/versions/aaaa00000001_x.yaml",
          "revision: \"aaaa00000001\"\ndown_revision: null\n"
          "message: \"créer la table des éléments, avec un très long message\"\n"
          "upgrade:\n  - execute: \"CREATE TABLE t (x INTEGER)\"\ndowngrade: []\n");
  // 30 columns: 29 characters, so the terminal never wraps the line.
  auto r = p.sh("NO_COLOR=1 script -qec \"stty cols 30; " + std::string(MIGRATE_BINARY) +
                " upgrade head\" /dev/null");
  REQUIRE_MESSAGE(r.code == 0, r.out);
  CHECK(contains(r.out, "\r[1/1] aaaa00000001 créer la t\r\n"));
}
