#pragma once
// compare_schemas' work on one table present on both sides (internal to
// core/compare/compare*.cpp, exposed for its unit tests).
#include <vector>

#include "core/compare/compare.hpp"

namespace migrate {

// One table's ops by phase; compare_schemas interleaves the phases of all
// tables so that foreign keys are dropped before anything they depend on
// and created after.
struct TableDiff {
  std::vector<Op> drop_foreign_keys;
  std::vector<Op> drop_other;  // indexes, unique and check constraints, the primary key
  std::vector<Op> columns;     // add, then alter, then drop (a table never loses its last column)
  std::vector<Op> create_other;
  std::vector<Op> create_foreign_keys;
  // The primary key or a unique constraint is dropped or created: a new
  // table's foreign key to this one waits until that is done.
  bool keys_change = false;
  bool empty() const;
};

struct TableSides {
  // Each side with every constraint named (name_unnamed), as create ops and
  // drop ops (`existing`) carry it, and normalised from the side as given.
  const Table& model;
  const Table& model_norm;
  const Table& live;
  const Table& live_norm;
};

TableDiff diff_table(const TableSides& t, const DiffRules& dialect, const CompareSettings& s);

}  // namespace migrate
