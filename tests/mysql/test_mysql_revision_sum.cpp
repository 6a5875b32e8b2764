// The versions.sum flows of the Alembic inner loop (tests/integration/sum_flows.hpp)
// on MariaDB: each goes on with one warning while the sum is stale.
#include <doctest/doctest.h>

#include "../integration/sum_flows.hpp"
#include "my_support.hpp"

TEST_CASE("mysql versions.sum: edit a revision not yet applied") {
  mytest::Database db;
  itest::flow_edit_unapplied_revision(db.url());
}

TEST_CASE("mysql versions.sum: drop a hand-written file into versions/") {
  mytest::Database db;
  itest::flow_hand_written_file(db.url());
}

TEST_CASE("mysql versions.sum: delete a generated revision never applied") {
  mytest::Database db;
  itest::flow_delete_unapplied_revision(db.url());
}

TEST_CASE("mysql versions.sum: copy in a branch's revisions") {
  mytest::Database db;
  itest::flow_copy_branch_revisions(db.url());
}
