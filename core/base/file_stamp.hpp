#pragma once
// What stat() says about a file that changes whenever its bytes do (git's
// index keeps the same): the header cache trusts a file unchanged while its
// stamp is equal, within the racy window of core/versions/header_cache.hpp.
#include <sys/stat.h>

#include <cstdint>

namespace migrate {

struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  bool operator==(const FileStamp&) const = default;
};

inline FileStamp file_stamp(const struct stat& st) {
  auto ns = [](const timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
  };
  return FileStamp{static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                   static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
}

}  // namespace migrate
