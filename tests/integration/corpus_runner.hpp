#pragma once
// The sqldef-style corpus (tests/corpus/<dialect>/*.yaml): each case is a
// current and a desired model; the built binary must take a database from
// one to the other (autogenerate, upgrade), leave it as a database built
// from the desired model directly, and give the current one back exactly on
// downgrade. The runner knows no dialect: each suite brings fresh databases
// and its catalog reader.
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace itest::corpus {

struct Case {
  std::string file;  // path of the corpus file, for messages
  int line = 0;      // 1-based line of the case in it
  std::string name;
  std::string current;    // model text; blank or `{}` is an empty database
  std::string desired;    // model text
  std::string known_bug;  // non-empty: failures are warnings, naming this
  // Non-empty: what the database itself cannot do that the case asks (not a
  // tool bug); failures are warnings naming it, as for known_bug.
  std::string database_limit;
};

// Every case of tests/corpus/<dialect>/*.yaml, files in name order. A file
// that does not read (bad YAML, an unknown key, a case without a name) is a
// test failure naming it, and its cases are left out.
std::vector<Case> load(const std::string& dialect);

// One fresh, empty database; destroyed when the case is done with it.
class Database {
 public:
  virtual ~Database() = default;
  virtual std::string url() const = 0;
  // The database's own catalog as lines (sorted by the runner), migrate's
  // version and history tables left out.
  virtual std::vector<std::string> catalog() const = 0;
};

using Factory = std::function<std::unique_ptr<Database>()>;

// Runs every case of the dialect's corpus and reports each failure on its
// own (at the case's file:line): a failing case never hides the others.
// Cases run MIGRATE_CORPUS_JOBS at a time (default 4), so `fresh` and the
// catalogs must be safe to call from several threads. MIGRATE_CORPUS_CASE (a
// substring of a case's "file: name") runs only the cases it matches.
void run_all(const std::string& dialect, const Factory& fresh);

}  // namespace itest::corpus
