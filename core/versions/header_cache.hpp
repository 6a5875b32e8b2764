#pragma once
// The header index cache, as git's index: the graph fields of every revision
// file with the stat stamp the file had when it was read, the digest of the
// versions.sum that was checked against those files and what that check
// found (a stale sum is only a warning, so a cache may stand for one). A graph
// command that finds every stamp and the sum unchanged takes the headers and
// the finding from here (one fstatat a file, no open or read); any difference
// sends it to the full read, which writes the cache again. Only an accelerator: any failure to read
// or write it is silent.
//
// Racy files: a file whose mtime or ctime is within kRacyWindow of the time
// the cache is written may change again within the same timestamp tick,
// keeping its stamp. Such an entry keeps the digest of the bytes instead and
// is read and compared every time, until it has aged (then the cache is
// written again without the digest).
//
// Lives in ${XDG_CACHE_HOME:-$HOME/.cache}/migrate/<hex SHA-256 of the
// absolute version folders>.idx, outside the project.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/digest.hpp"
#include "core/base/file_stamp.hpp"
#include "core/script/script.hpp"
#include "core/versions/revision_sum.hpp"

namespace migrate {

inline constexpr std::int64_t kRacyWindowNs = 2'000'000'000;

struct CachedHeader {
  std::string name;  // the file's name in its folder
  FileStamp stamp;
  // The digest of the bytes, when known. Written only for racy entries, which
  // are checked by it (a racy entry without one is left out of the cache).
  std::optional<Sha256Digest> content;
  // The graph fields; path and mark.file are the folder's prefix + name.
  Revision header;
};

struct CachedFolder {
  // Adding, removing or renaming a file changes the folder's mtime and ctime:
  // while its stamp is equal (and not racy) the names are as listed here.
  FileStamp stamp;
  bool stamp_trusted = false;       // as read back; written from the racy rule
  std::vector<CachedHeader> files;  // names sorted
};

struct HeaderCache {
  // What the headers and the verified sum depend on besides the files: the
  // folders as named, the sum file and its names, the naming convention. A
  // cache for another context is not used.
  std::string context;
  // versions.sum's bytes when it was checked; nullopt: the project had none.
  std::optional<Sha256Digest> sum;
  // How the files differed from it: the same files and sum bytes give the same.
  SumReport report;
  std::vector<CachedFolder> folders;  // in the order of the folders
};

// Empty when neither XDG_CACHE_HOME nor HOME is set.
std::filesystem::path header_cache_file(const std::vector<std::filesystem::path>& folders);

// The format: a magic line with its version, the fields, a SHA-256 of all
// that. nullopt for anything else (corrupt, truncated, another version).
std::string render_header_cache(const HeaderCache& cache, std::int64_t now_ns);
std::optional<HeaderCache> parse_header_cache(std::string_view bytes);

// nullopt also when it was written for another context or versions.sum.
std::optional<HeaderCache> read_header_cache(const std::filesystem::path& file,
                                             std::string_view context,
                                             const std::optional<Sha256Digest>& sum);
// Atomically (a temporary beside it, renamed); false when it could not, never throws.
bool write_header_cache(const std::filesystem::path& file, const HeaderCache& cache);

Sha256Digest sha256_of(std::string_view bytes);

// Whether `cache` still describes the folders' files and `sum` (of
// versions.sum's bytes, if any) is the one verified. `refresh`: racy entries
// have aged, write the cache again (their stamps in `cache` are updated).
bool cache_matches(HeaderCache& cache, const std::vector<std::filesystem::path>& folders,
                   const std::optional<Sha256Digest>& sum, bool& refresh);
// The headers, moved out of a matching cache, as load_revision_headers() gives them.
std::vector<Revision> take_headers(HeaderCache& cache,
                                   const std::vector<std::filesystem::path>& folders);

std::int64_t wall_clock_ns();

}  // namespace migrate
