#pragma once
// Which version folder a new revision file goes to (Alembic's rules for
// version_locations and --version-path).
#include <filesystem>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/script/script.hpp"

namespace migrate::project {

// `version_path` (--version-path) must be one of the configured folders. Without
// it: the one folder, or with several, the folder of the first parent.
// A configured folder that does not exist yet is created.
std::filesystem::path version_folder(const Config& cfg, const std::string& version_path,
                                     const std::vector<const Revision*>& parents);

}  // namespace migrate::project
