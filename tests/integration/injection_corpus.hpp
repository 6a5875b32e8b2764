#pragma once
// The injection corpus (issue #25): hostile names and values in every place
// a model or a revision can put them, each run through autogenerate and
// upgrade online and as an --sql script fed to the dialect's own client,
// beside a canary table that must survive every case. Each case either
// works, with the name or value stored exactly as written, or exits 2 naming
// file:line before the database is touched. Shared by the SQLite,
// PostgreSQL and MariaDB suites.
#include <functional>
#include <string>

namespace itest::corpus {

struct Target {
  std::string dialect;  // "sqlite", "postgresql", "mysql"
  // The database's URL.
  std::string url;
  // Empties the database, through one connection kept for the whole run (a
  // server's connect costs more than the case); none: `reset` below.
  std::string reset_sql;
  // Empties the database without a kept connection (SQLite: a new file).
  std::function<void()> reset;
  // A shell command that runs the SQL script in file `path` with the
  // dialect's own client and fails on the first error.
  std::function<std::string(const std::string& path)> client;
};

struct Tally {
  int cases = 0;
  int worked = 0;   // exit 0, stored as written
  int refused = 0;  // exit 2 at file:line, nothing touched
  int failed_sql = 0;  // raw SQL positions only: the server refused the SQL (exit 3)
};

enum class Part { names, literals, all };

// Runs the corpus; each case's failure is a doctest CHECK naming the case.
Tally run(const Target& target, Part part = Part::all);

}  // namespace itest::corpus
