#pragma once
// versions.sum on disk: read, write, and the revision files it covers.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/versions/revision_sum.hpp"

namespace migrate {

// How the sum in `sum_dir` names the files of `folder`: "versions/" for
// SCRIPT_LOCATION/versions, "../modules/billing/" for a folder beside it.
std::string sum_name_prefix(const std::filesystem::path& sum_dir,
                            const std::filesystem::path& folder);

// Reads every revision file of the folders (as revision_files() lists them)
// and sums them.
RevisionSum sum_of_folders(const std::filesystem::path& sum_dir,
                           const std::vector<std::filesystem::path>& folders);

// The file's text; nullopt when it does not exist.
std::optional<std::string> read_sum_file(const std::filesystem::path& file);
// Replaces the file whole (written beside it, then renamed).
void write_sum_file(const std::filesystem::path& file, const RevisionSum& sum);

// How the files differ from the recorded text. Never throws for the text:
// when it cannot be read (malformed, git conflict markers), the report says
// why in `unreadable`.
SumReport check_sum(const std::filesystem::path& file, std::string_view recorded,
                    const RevisionSum& now);

}  // namespace migrate
