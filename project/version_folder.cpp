#include "project/version_folder.hpp"

#include <spdlog/spdlog.h>

#include "core/base/error.hpp"

namespace migrate::project {
namespace {

namespace fs = std::filesystem;

fs::path normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

}  // namespace

fs::path version_folder(const Config& cfg, const std::string& version_path,
                        const std::vector<const Revision*>& parents) {
  const auto dirs = cfg.version_dirs();
  fs::path folder;
  if (!version_path.empty()) {
    for (const auto& d : dirs)
      if (normal(d) == normal(version_path)) folder = d;
    if (folder.empty()) {
      std::string known;
      for (const auto& d : dirs) known += (known.empty() ? "" : ", ") + d.string();
      throw InputError("--version-path " + version_path + " is not one of the version folders (" +
                       known + "); add it to version_locations in " + cfg.file.string());
    }
  } else if (dirs.size() == 1) {
    folder = dirs[0];
  } else {
    // With several folders a branch stays where its parent lives.
    for (const auto* p : parents)
      if (folder.empty()) folder = fs::path(p->path).parent_path();
    if (folder.empty())
      throw InputError("there are several version folders (version_locations in " +
                       cfg.file.string() + "): pass --version-path DIR to say where it goes");
  }
  if (!fs::is_directory(folder)) {
    if (cfg.version_locations.empty())
      throw InputError("version folder not found: " + folder.string() +
                       " (run `migrate init`, or create it)");
    fs::create_directories(folder);
    spdlog::info("Creating directory {} ... done", folder.string());
  }
  return folder;
}

}  // namespace migrate::project
