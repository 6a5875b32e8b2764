#pragma once
// The project's revision files: the folders they are read from, the graph
// they make, and versions.sum, the record of them that review and CI check.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/graph/graph.hpp"
#include "core/versions/revision_sum.hpp"

namespace migrate::project {

// The folders revisions are read from: version_dirs() less configured
// version_locations that do not exist yet (as Alembic, they hold nothing).
std::vector<std::filesystem::path> revision_dirs(const Config& cfg);

// Graph commands (heads, history, ...) read only the revision files' graph
// fields, fast; commands that run operations need them parsed and checked.
//
// When versions.sum exists the files are checked against it. One that no
// longer matches (a file edited, added or removed since it was written) is a
// warning on stderr naming the files, once per process, and the command goes
// on: the sum is for review and CI, and what matters at deploy time, an
// applied revision that changed, is the history checksums' business. With
// `sum: strict` (--strict-sum) it is an Error (exit 1) instead, and a sum that
// cannot be read an InputError (exit 2). Given `report`, the caller gets what
// was found instead and nothing is said (validate and lint count it as a
// problem of their own). Without a versions.sum nothing is checked.
enum class Operations { load, skip };
Graph load_graph(const Config& cfg, Operations ops = Operations::load, SumReport* report = nullptr);

// "migrations/versions.sum is out of date (changed: ...)", or why it cannot be
// read; empty for a report that is ok().
std::string sum_problem(const Config& cfg, const SumReport& report);
// What load_graph does with a report it was not asked to hand back.
void warn_or_refuse(const Config& cfg, const SumReport& report);

// Writes versions.sum for the revision files as they are now.
RevisionSum write_revision_sum(const Config& cfg);

// Records one file just written (by revision or merge) in versions.sum and
// leaves every other line as it was, so files that were already stale stay
// reported until `migrate hash`. Without a versions.sum it writes one for all
// the files; a sum that cannot be read is left for `migrate hash`.
void add_to_revision_sum(const Config& cfg, const std::filesystem::path& file,
                         std::string_view bytes);

}  // namespace migrate::project
