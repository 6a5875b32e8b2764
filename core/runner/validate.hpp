#pragma once
// Revisions that changed after they were applied: what `migrate validate`
// reports and what every upgrade and downgrade checks first, as Flyway's
// validate does. Pure: the caller reads the history table.
#include <map>
#include <string>
#include <vector>

#include "core/graph/graph.hpp"
#include "core/script/script.hpp"

namespace migrate {

// What a revision does, hashed: its graph fields and its ops as migrate
// writes them, so a comment, the message or the layout of the file may
// change, but not one thing that runs. "sha256:<base64>".
std::string revision_checksum(const Revision& r);

struct Tampering {
  std::string revision;
  bool missing = false;  // applied, but no file has it any more
  std::string recorded;  // the checksum it was applied with
  std::string current;   // the file's checksum now ("" when missing)
  std::string path;      // the file ("" when missing)
};

// `applied`: revision -> checksum from the history (applied_checksums).
// Only revisions the database stands on (ancestry of `heads`) or that have
// no file are reported; history from before they were stamped away is not.
std::vector<Tampering> find_tampering(const Graph& graph, const std::vector<std::string>& heads,
                                      const std::map<std::string, std::string>& applied);

// One line per revision, for errors and `validate`.
std::string describe(const Tampering& t);

}  // namespace migrate
