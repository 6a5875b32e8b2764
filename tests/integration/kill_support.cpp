#include "kill_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace itest::kill {
namespace {

std::string n(int i) {
  return std::to_string(i);
}

// Field `i` of an "a|b|c" row.
std::string field(const std::string& row, int i) {
  std::stringstream ss(row);
  std::string f;
  for (int k = 0; k <= i; ++k) std::getline(ss, f, '|');
  return f;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The revisions' shapes, by position in a group of five: a table with rows;
// a column and an index on it; a table with a foreign key and an index; a
// column plus a row written by raw SQL; a two-column index.
struct Body {
  std::string up, down;
};

Body body(int i) {
  const std::string I = n(i);
  switch ((i - 1) % 5) {
    case 0:
      return {
          "  - create_table:\n"
          "      table: a" +
              I +
              "\n"
              "      columns:\n"
              "        - {name: id, type: integer, primary_key: true}\n"
              "        - {name: name, type: varchar(40), nullable: false}\n"
              "        - {name: n, type: integer}\n"
              "  - bulk_insert: {table: a" +
              I + ", rows: [{id: 1, name: \"r" + I + "-1\", n: 1}, {id: 2, name: \"r" + I +
              "-2\", n: 2}, {id: 3, name: \"r" + I + "-3\", n: 3}]}\n",
          "  - drop_table: {table: a" + I + "}\n"};
    case 1: {
      const std::string t = "a" + n(i - 1);
      return {"  - add_column: {table: " + t + ", column: {name: c" + I +
                  ", type: varchar(20)}}\n"
                  "  - create_index: {table: " +
                  t + ", name: ix_k" + I + ", columns: [c" + I + "]}\n",
              "  - drop_index: {table: " + t + ", name: ix_k" + I +
                  "}\n"
                  "  - drop_column: {table: " +
                  t + ", column: c" + I + "}\n"};
    }
    case 2:
      return {
          "  - create_table:\n"
          "      table: b" +
              I +
              "\n"
              "      columns:\n"
              "        - {name: id, type: integer, primary_key: true}\n"
              "        - {name: a_id, type: integer, references: a" +
              n(i - 2) +
              ".id}\n"
              "        - {name: label, type: varchar(30)}\n"
              "      indexes:\n"
              "        - {name: ix_k" +
              I + ", columns: [label]}\n",
          "  - drop_table: {table: b" + I + "}\n"};
    case 3: {
      const std::string a = "a" + n(i - 3), b = "b" + n(i - 1);
      return {"  - add_column: {table: " + b + ", column: {name: d" + I +
                  ", type: integer}}\n"
                  "  - execute: \"INSERT INTO " +
                  a + " (id, name, n) VALUES (4, 'extra" + I + "', 4)\"\n",
              "  - execute: \"DELETE FROM " + a +
                  " WHERE id = 4\"\n"
                  "  - drop_column: {table: " +
                  b + ", column: d" + I + "}\n"};
    }
    default: {
      const std::string t = "a" + n(i - 4);
      return {"  - create_index: {table: " + t + ", name: ix_k" + I + ", columns: [name, n]}\n",
              "  - drop_index: {table: " + t + ", name: ix_k" + I + "}\n"};
    }
  }
}

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// After a kill on SQLite/PostgreSQL: one "upgrade"/"done" row per applied
// revision, in order, numbered 1..k, and nothing else.
std::vector<std::string> boundary_history(int k) {
  std::vector<std::string> rows;
  for (int i = 1; i <= k; ++i) rows.push_back(n(i) + "|" + rev_id(i) + "|upgrade|done");
  return rows;
}

// A lap's history at its end: numbered 1..N without gaps, nothing left
// "started", no revision upgraded "done" twice, and a replay of the rows
// (upgrade and stamp add a revision, neither may add one already there)
// ends with the whole chain applied.
void check_lap_history(const std::vector<std::string>& rows, bool boundary) {
  if (boundary) {
    CHECK(rows == boundary_history(kRevisions));
    return;
  }
  std::set<std::string> applied;
  std::map<std::string, int> upgraded;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string& row = rows[i];
    CAPTURE(row);
    CHECK(field(row, 0) == n(static_cast<int>(i) + 1));
    const std::string rev = field(row, 1), direction = field(row, 2), state = field(row, 3);
    if (state == "interrupted") {
      // A MySQL step the kill cut short, closed by the stamp that followed.
      CHECK(direction == "upgrade");
      CHECK(!applied.count(rev));
      continue;
    }
    CHECK(state == "done");
    CHECK((direction == "upgrade" || direction == "stamp"));
    CHECK(!applied.count(rev));
    applied.insert(rev);
    if (direction == "upgrade") ++upgraded[rev];
  }
  CHECK(applied.size() == static_cast<size_t>(kRevisions));
  for (const auto& [rev, times] : upgraded) {
    CAPTURE(rev);
    CHECK(times == 1);
  }
}

}  // namespace

std::string rev_id(int i) {
  if (i == 0) return "";
  char id[16];
  std::snprintf(id, sizeof id, "k%011d", i);
  return id;
}

void write_chain(const Project& p) {
  for (int i = 1; i <= kRevisions; ++i) {
    Body b = body(i);
    p.revision(rev_id(i), rev_id(i - 1), b.up, b.down);
  }
}

unsigned seed_from_env(unsigned fallback) {
  const char* s = std::getenv("MIGRATE_KILL_SEED");
  return s && *s ? static_cast<unsigned>(std::stoul(s)) : fallback;
}

std::string describe(const std::string& dialect, const Options& o, const Report& r) {
  std::ostringstream ss;
  ss << dialect << " kill test: seed " << o.seed << ", " << r.kills << " kills in " << r.runs
     << " runs over " << r.laps << " lap(s), " << r.in_steps << " kill(s) after a step had begun, "
     << r.progressed << " kill(s) after some revisions had committed; clean run " << r.clean_seconds
     << " s; wall " << r.wall_seconds << " s";
  if (!o.boundary)
    ss << "; " << r.mid_revision << " kill(s) inside a revision (stamped REV " << r.stamped_rev
       << ", stamped down_revision " << r.stamped_down << ", undone by hand " << r.undone << ")";
  return ss.str();
}

std::vector<std::string> mysql_undo(int i) {
  const std::string I = n(i);
  switch ((i - 1) % 5) {
    case 0:
      return {"DROP TABLE IF EXISTS a" + I};
    case 1:
      return {"DROP INDEX IF EXISTS ix_k" + I + " ON a" + n(i - 1),
              "ALTER TABLE a" + n(i - 1) + " DROP COLUMN IF EXISTS c" + I};
    case 2:
      return {"DROP TABLE IF EXISTS b" + I};
    case 3:
      return {"DELETE FROM a" + n(i - 3) + " WHERE id = 4",
              "ALTER TABLE b" + n(i - 1) + " DROP COLUMN IF EXISTS d" + I};
    default:
      return {"DROP INDEX IF EXISTS ix_k" + I + " ON a" + n(i - 4)};
  }
}

std::vector<std::string> state(KillTarget& db) {
  std::vector<std::string> out = db.catalog();
  for (const auto& t : db.tables()) {
    if (t.size() < 2 || t[0] != 'a' || t.find_first_not_of("0123456789", 1) != std::string::npos)
      continue;
    for (const auto& row :
         db.query("SELECT COUNT(*), COALESCE(SUM(n), 0), MAX(name) FROM " + t + ""))
      out.push_back("rows " + t + ": " + row);
  }
  std::sort(out.begin(), out.end());
  return out;
}

int version(KillTarget& db) {
  if (!has(db.tables(), "migrate_version")) return 0;
  auto rows = db.query("SELECT version_num FROM migrate_version");
  REQUIRE_MESSAGE(rows.size() <= 1, "several version rows");
  if (rows.empty()) return 0;
  for (int i = 1; i <= kRevisions; ++i)
    if (rows[0] == rev_id(i)) return i;
  FAIL("unknown version row " << rows[0]);
  return -1;
}

std::vector<std::string> history(KillTarget& db) {
  if (!has(db.tables(), "migrate_history")) return {};
  return db.query("SELECT seq, revision, direction, state FROM migrate_history ORDER BY seq");
}

Outcome spawn(const Project& p, const std::vector<std::string>& args, double kill_after,
              const std::string& kill_once_logged) {
  const std::filesystem::path out = p.path(".spawn.out");
  std::vector<std::string> argv_s{MIGRATE_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || chdir(p.dir().c_str()) != 0) _exit(127);
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
    execv(MIGRATE_BINARY, argv.data());
    _exit(127);
  }
  int status = 0;
  if (kill_after >= 0) {
    // Poll, so a run that ends early is seen as ended, not killed.
    auto deadline = t0 + std::chrono::duration<double>(kill_after);
    bool logged = kill_once_logged.empty();
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (!logged && slurp(out).find(kill_once_logged) != std::string::npos) {
        logged = true;
        deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(kill_after);
      }
      if (logged && std::chrono::steady_clock::now() >= deadline) {
        ::kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  } else {
    waitpid(pid, &status, 0);
  }
  Outcome o;
  o.seconds = since(t0);
  o.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.output = slurp(out);
  return o;
}

Report kill_loop(KillTarget& db, KillTarget& ref, const Options& options) {
  const auto t0 = std::chrono::steady_clock::now();
  Report r;
  Project rp, kp;

  // The clean run: its time spreads the delays, its end state is the goal.
  rp.init_url(ref.fresh());
  write_chain(rp);
  Outcome clean = spawn(rp, {"upgrade", "head"});
  REQUIRE_MESSAGE(clean.code == 0, clean.output);
  r.clean_seconds = clean.seconds;
  CHECK(history(ref) == boundary_history(kRevisions));
  std::map<int, std::vector<std::string>> states;
  states[kRevisions] = state(ref);
  int ref_at = kRevisions;
  // The state a clean database has at revision k (moving the reference there).
  auto ref_state = [&](int k) -> const std::vector<std::string>& {
    if (auto it = states.find(k); it != states.end()) return it->second;
    auto moved = rp.run({k > ref_at ? "upgrade" : "downgrade", k == 0 ? "base" : rev_id(k)});
    REQUIRE_MESSAGE(moved.code == 0, moved.err);
    ref_at = k;
    REQUIRE(version(ref) == k);
    return states[k] = state(ref);
  };

  write_chain(kp);
  std::mt19937 rng(options.seed);
  std::string url;
  bool lap_open = false;
  auto finish_lap = [&](bool at_head) {
    if (!at_head) {
      auto res = kp.run({"upgrade", "head", "--lock-timeout", "20"});
      REQUIRE_MESSAGE(res.code == 0, res.err);
    }
    CHECK(version(db) == kRevisions);
    CHECK(state(db) == states[kRevisions]);
    check_lap_history(history(db), options.boundary);
    // Every applied revision's recorded checksum matches its file.
    auto validated = kp.run({"validate"});
    CHECK_MESSAGE(validated.code == 0, validated.err);
    CHECK(validated.out == "ok: " + n(kRevisions) + " applied revision(s) match their files\n");
    ++r.laps;
    lap_open = false;
  };

  for (int iteration = 0; r.kills < options.kills; ++iteration) {
    REQUIRE_MESSAGE(iteration < 10 * options.kills, "most runs ended before their kill");
    if (!lap_open) {
      url = db.fresh();
      lap_open = true;
    }
    const bool per_revision = options.alternate_transaction_modes && iteration % 2 == 1;
    kp.init_url(url, per_revision ? "transaction_per_migration: true\n" : "");
    const double delay = r.clean_seconds * static_cast<double>(rng() % 10000) / 10000.0;
    const int before = version(db);
    // A bounded lock wait: a lock the killed run failed to release fails the test (exit 3).
    Outcome o = spawn(kp, {"upgrade", "head", "--lock-timeout", "20"}, delay);
    ++r.runs;
    CAPTURE(iteration);
    CAPTURE(delay);
    CAPTURE(per_revision);
    if (!o.killed) {  // it finished first: the lap is at head
      CHECK_MESSAGE(o.code == 0, o.output);
      finish_lap(true);
      continue;
    }
    ++r.kills;
    if (o.output.find("Running upgrade") != std::string::npos) ++r.in_steps;
    const int k = version(db);
    CAPTURE(k);
    CHECK(k >= before);
    if (k > before) ++r.progressed;
    const auto rows = history(db);
    std::vector<std::string> started;
    for (const auto& row : rows)
      if (field(row, 3) == "started") started.push_back(row);

    if (options.boundary) {
      // The next run just continues: the database is exactly a clean one at k.
      CHECK(rows == boundary_history(k));
      CHECK(state(db) == ref_state(k));
    } else if (started.empty()) {
      CHECK(state(db) == ref_state(k));
    } else {
      // MySQL/MariaDB: the kill landed inside revision k+1, whose DDL committed as it ran.
      ++r.mid_revision;
      const std::string rev = rev_id(k + 1);
      REQUIRE(started.size() == 1);
      CHECK(field(started[0], 1) == rev);
      CHECK(field(started[0], 2) == "upgrade");
      auto refused = kp.run({"upgrade", "head", "--lock-timeout", "20"});
      CHECK(refused.code == 3);
      CHECK(refused.err.find("migration lock") == std::string::npos);
      CHECK_MESSAGE(refused.err.find("revision " + rev + " started") != std::string::npos,
                    refused.err);
      CHECK(refused.err.find("never finished") != std::string::npos);
      for (int j = 1; j <= kRevisions; ++j)
        if (j != k + 1) CHECK_MESSAGE(refused.err.find(rev_id(j)) == std::string::npos, j);
      CHECK(version(db) == k);
      auto validated = kp.run({"validate"});
      CHECK(validated.code == 1);
      CHECK(validated.out.find("interrupted: the upgrade of revision " + rev + " started") !=
            std::string::npos);
      // Do what the message says: look, finish or undo by hand, then stamp.
      const auto now = state(db);
      std::string stamp_to;
      if (now == ref_state(k + 1)) {
        stamp_to = rev;
        ++r.stamped_rev;
      } else {
        if (now == ref_state(k)) {
          ++r.stamped_down;
        } else {
          for (const auto& sql : mysql_undo(k + 1)) db.exec(sql);
          CHECK(state(db) == ref_state(k));
          ++r.undone;
        }
        stamp_to = k == 0 ? "base" : rev_id(k);
      }
      auto stamped = kp.run({"stamp", stamp_to, "--lock-timeout", "20"});
      REQUIRE_MESSAGE(stamped.code == 0, stamped.err);
      CHECK(version(db) == (stamp_to == rev ? k + 1 : k));
      for (const auto& row : history(db)) CHECK(field(row, 3) != "started");
    }
  }
  if (lap_open) finish_lap(false);
  r.wall_seconds = since(t0);
  return r;
}

void check_interrupted_step(KillTarget& db, const std::string& slow_sql,
                            const std::string& outside) {
  Project p;
  p.init_url(db.fresh());
  const std::string r1 = "s00000000001", r2 = "s00000000002", r3 = "s00000000003";
  p.revision(r1, "",
             "  - create_table: {table: t1, columns: [{name: id, type: integer, primary_key: "
             "true}, {name: x, type: integer}]}\n",
             "  - drop_table: {table: t1}\n");
  p.revision(r2, r1,
             "  - create_index: {table: t1, name: ix_t1_x, columns: [x]}\n  - execute: \"" +
                 slow_sql + "\"\n",
             "  - drop_index: {table: t1, name: ix_t1_x}\n", outside);
  p.revision(r3, r2,
             "  - create_table: {table: t3, columns: [{name: id, type: integer, primary_key: "
             "true}]}\n",
             "  - drop_table: {table: t3}\n");
  Outcome o = spawn(p, {"upgrade", "head"}, 1.0, "Running upgrade " + r1 + " -> " + r2);
  REQUIRE_MESSAGE(o.killed, o.output);
  CHECK(db.query("SELECT version_num FROM migrate_version") == std::vector<std::string>{r1});
  // The index committed before the kill; the row says the step never ended.
  bool index_made = false;
  for (const auto& row : db.catalog()) index_made |= row.find("ix_t1_x") != std::string::npos;
  CHECK(index_made);
  CHECK(history(db) ==
        std::vector<std::string>{"1|" + r1 + "|upgrade|done", "2|" + r2 + "|upgrade|started"});

  // The killed session's lock is gone (a lock wait would end in a lock message).
  auto refused = p.run({"upgrade", "head", "--lock-timeout", "20"});
  CHECK(refused.code == 3);
  CHECK_MESSAGE(
      refused.err.find("the upgrade of revision " + r2 + " started at") != std::string::npos,
      refused.err);
  CHECK(refused.err.find("never finished") != std::string::npos);
  CHECK(refused.err.find("migrate stamp REV") != std::string::npos);
  CHECK(refused.err.find(r1) == std::string::npos);
  CHECK(refused.err.find(r3) == std::string::npos);
  auto down = p.run({"downgrade", "base"});
  CHECK(down.code == 3);  // downgrade refuses too
  CHECK(down.err.find("revision " + r2 + " started") != std::string::npos);
  auto validated = p.run({"validate"});
  CHECK(validated.code == 1);
  CHECK(validated.out.find("interrupted: the upgrade of revision " + r2) != std::string::npos);
  CHECK(db.query("SELECT version_num FROM migrate_version") == std::vector<std::string>{r1});

  // The index is there and the rest of r2 only read: r2 stands done.
  auto stamped = p.run({"stamp", r2});
  REQUIRE_MESSAGE(stamped.code == 0, stamped.err);
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(db.query("SELECT version_num FROM migrate_version") == std::vector<std::string>{r3});
  CHECK(history(db) ==
        std::vector<std::string>{"1|" + r1 + "|upgrade|done", "2|" + r2 + "|upgrade|interrupted",
                                 "3|" + r2 + "|stamp|done", "4|" + r3 + "|upgrade|done"});
  auto ok = p.run({"validate"});
  CHECK_MESSAGE(ok.code == 0, (ok.out + ok.err));
}

}  // namespace itest::kill
