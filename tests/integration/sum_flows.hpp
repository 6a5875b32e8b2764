#pragma once
// The Alembic inner loop against versions.sum (issue #16), as a new user runs
// it, on any database URL: each flow must go on with exactly one warning per
// command while the sum is stale, and the CI side (validate, lint,
// --strict-sum, `sum: strict`) must refuse it. Run by the SQLite, PostgreSQL
// and MariaDB suites with their own URLs.
#include <string>

#include "harness.hpp"

namespace itest {

// Lines of `err` that warn about versions.sum, and lines that warn at all.
int sum_warnings(const std::string& err);
int warnings(const std::string& err);

// Each starts from `migrate init --url URL` in a fresh project of its own.
// `url` must name an empty database (a new one per flow).

// migrate revision, edit the new file, upgrade: the edited, unapplied
// revision runs; validate, lint and strict mode refuse; an applied revision
// edited again still stops upgrade (history checksums, exit 1); hash clears it.
void flow_edit_unapplied_revision(const std::string& url);
// A revision file written by hand into versions/.
void flow_hand_written_file(const std::string& url);
// A generated revision, never applied, deleted.
void flow_delete_unapplied_revision(const std::string& url);
// A colleague's branch copied in beside a revision of one's own, then merged.
void flow_copy_branch_revisions(const std::string& url);

}  // namespace itest
