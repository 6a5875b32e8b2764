#pragma once
// Kill tests (issue #7): `migrate upgrade head` on a 50-revision chain is
// started as a child process and SIGKILLed after a seeded random delay, over
// and over; after each kill the database must be where the dialect promises
// (a revision boundary on SQLite and PostgreSQL; on MySQL/MariaDB either a
// boundary or a "started" history row that the next upgrade reports), and
// upgrading to the end must give what a clean run gives. One driver for the
// three dialects; each test file supplies its database as a KillTarget.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "harness.hpp"

namespace itest {

// One dialect's scratch database, replaced by a fresh one on demand.
class KillTarget {
 public:
  virtual ~KillTarget() = default;
  // Drops the current database (if any) and makes a new, empty one; returns its URL.
  virtual std::string fresh() = 0;
  virtual std::vector<std::string> query(const std::string& sql) = 0;
  virtual void exec(const std::string& sql) = 0;
  // The catalog helper of the dialect's test support, without version and history tables.
  virtual std::vector<std::string> catalog() = 0;
  // Names of every table in the database, migrate's own included.
  virtual std::vector<std::string> tables() = 0;
};

namespace kill {

constexpr int kRevisions = 50;

// Revision i of the chain (1..kRevisions); "" for 0 (base).
std::string rev_id(int i);
// Writes the chain into an initialised project.
void write_chain(const Project& p);
// MariaDB statements that undo whatever part of revision i ran (IF EXISTS
// everywhere): what a user does by hand for a half-applied revision.
std::vector<std::string> mysql_undo(int i);

// The database as a user would compare it: catalog plus the rows the chain wrote.
std::vector<std::string> state(KillTarget& db);
// 0..kRevisions: the one version row (fails the test on several).
int version(KillTarget& db);
// "seq|revision|direction|state" rows of migrate_history, in seq order.
std::vector<std::string> history(KillTarget& db);

struct Outcome {
  bool killed = false;  // SIGKILL arrived while it ran
  int code = -1;        // exit code when it was not killed
  double seconds = 0;   // wall time until it ended
  std::string output;   // stdout and stderr
};
// Runs `migrate ARGS` in the project's folder as a child process; when
// kill_after >= 0, sends SIGKILL after that many seconds (counted from when
// its output first contains `kill_once_logged`, when that is given).
Outcome spawn(const Project& p, const std::vector<std::string>& args, double kill_after = -1,
              const std::string& kill_once_logged = "");

struct Options {
  int kills = 20;
  unsigned seed = 1;
  // SQLite, PostgreSQL: every kill leaves a revision boundary and no "started" row.
  bool boundary = true;
  // Alternate between one transaction per run and per revision.
  bool alternate_transaction_modes = true;
};

struct Report {
  int kills = 0;             // SIGKILLs that landed while migrate ran
  int runs = 0;              // upgrade runs started in the kill loop
  int laps = 0;              // fresh databases taken to head
  int in_steps = 0;          // kills after the run had logged "Running upgrade" (a step had begun)
  int progressed = 0;        // kills after which the database stood further than before
  int mid_revision = 0;      // MySQL: kills that left a "started" row
  int stamped_rev = 0;       // ... where the revision had completed (stamp REV)
  int stamped_down = 0;      // ... where nothing of it had run (stamp its down_revision)
  int undone = 0;            // ... where it ran in part and was undone by hand first
  double clean_seconds = 0;  // the clean run's wall time (delays are drawn in [0, it))
  double wall_seconds = 0;   // the whole kill_loop
};

// $MIGRATE_KILL_SEED when set (to replay a failure), else `fallback`.
unsigned seed_from_env(unsigned fallback);
// One line of figures for the test log.
std::string describe(const std::string& dialect, const Options& o, const Report& r);

// The whole test: a timed clean run on `ref` (the reference for every
// state), then the kill loop on `db`, in laps of fresh databases, until
// options.kills kills have landed; each lap ends with an upgrade to head
// compared to the clean run.
Report kill_loop(KillTarget& db, KillTarget& ref, const Options& options);

// A step outside a transaction killed in the middle (after its first
// statement committed, during `slow_sql`): the next upgrade refuses naming
// it, validate reports it, `stamp` closes it and the upgrade goes on.
// `outside` is the revision header that puts the step outside a
// transaction ("transactional: false\n"; "" on MySQL, where every step is).
void check_interrupted_step(KillTarget& db, const std::string& slow_sql,
                            const std::string& outside);

}  // namespace kill
}  // namespace itest
