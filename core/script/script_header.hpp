#pragma once
// The graph fields of revision files, read fast: heads, history and the other
// graph commands must answer on 10,000 files in well under a second, and
// building a YAML tree of every operation costs ~100 µs a file. The header
// reader understands the plain one-line YAML the writer produces (scalars,
// quoted strings, flow lists, comments) and hands any file it is not sure
// about to the full parser, so each Revision equals load_revision()'s, minus
// the upgrade/downgrade operations, which are left empty and unchecked.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/file_stamp.hpp"
#include "core/script/script.hpp"

namespace migrate {

// nullopt: the text uses YAML this reader does not handle (the caller then
// parses it fully, which also reports any error with file:line:column).
std::optional<Revision> read_revision_header(std::string_view text, const std::string& file);

// The whole file `name` (relative to `dir_fd`) into `text`, reusing its
// capacity; `stamp` is taken before the read, so a change after it shows as a
// different stamp later. false when it cannot be opened or read.
bool read_whole_at(int dir_fd, const char* name, std::string& text, FileStamp& stamp);

// load_revisions() without the operations: same files, same order, same errors
// for the graph fields; `texts` as there, `stamps` each file's as it was read.
std::vector<Revision> load_revision_headers(const std::vector<std::filesystem::path>& folders,
                                            const NamingConvention& naming,
                                            std::vector<std::string>* texts = nullptr,
                                            std::vector<FileStamp>* stamps = nullptr);

}  // namespace migrate
