#pragma once
// `merge` writes its revision through the same code as `revision`
// (cmd_revision.cpp), so both fill the project's template the same way.
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace migrate::cli {

struct MergeRequest {
  std::vector<std::string> heads;  // expressions: ids, prefixes, labels, "heads"
  std::string message;
  std::vector<std::string> branch_labels;
  std::string rev_id;  // empty: a random one
};

int write_merge_revision(const Globals& g, const MergeRequest& m);

}  // namespace migrate::cli
