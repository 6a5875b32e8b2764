#pragma once
// "Never silently drop" (issue #18), as a user meets it on any database:
// what the model cannot say is named by inspect (stderr and the file it
// writes) and by check, diff and autogenerate (not compared), and
// include/exclude_tables apply to it. Run by the SQLite, PostgreSQL and
// MariaDB suites, each on a database it filled with such objects.
#include <string>
#include <vector>

#include "harness.hpp"

namespace itest {

struct NotModelledCase {
  std::string url;  // a database holding the objects, and tables
  // Fragments each report must hold: "1 view (adults)", "1 trigger (trg on users)".
  std::vector<std::string> expected;
  // A table to exclude, and fragments that must then be gone (its trigger,
  // its generated column) while the others stay.
  std::string exclude_table;
  std::vector<std::string> gone_when_excluded;
  // A kind `check --format json` lists under not_compared.
  std::string json_kind = "view";
};

void flow_not_modelled(const NotModelledCase& c);

// A database holding only tables: reports stay as before, nothing is warned.
void flow_nothing_unmodelled(const std::string& url);

}  // namespace itest
