#include "core/versions/header_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <system_error>
#include <thread>

#include "core/base/unique_fd.hpp"
#include "core/script/script_header.hpp"

namespace migrate {
namespace fs = std::filesystem;

namespace {

// Bump the number whenever the fields or what the header reader makes of a
// file change: a cache written by another version is then not used.
constexpr std::string_view kMagic = "migrate header cache 2\n";

bool racy(const FileStamp& s, std::int64_t now_ns) {
  return s.mtime_ns >= now_ns - kRacyWindowNs || s.ctime_ns >= now_ns - kRacyWindowNs;
}

// The cache is machine-local: integers in the machine's own byte order.
class Writer {
 public:
  std::string out;
  template <typename T>
  void num(T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.append(b, sizeof(T));
  }
  void str(std::string_view s) {
    num<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    out.append(s);
  }
  void strs(const std::vector<std::string>& v) {
    num<std::uint32_t>(static_cast<std::uint32_t>(v.size()));
    for (const auto& s : v) str(s);
  }
  void stamp(const FileStamp& s) {
    num(s.size);
    num(s.mtime_ns);
    num(s.ctime_ns);
    num(s.inode);
    num(s.device);
  }
  void digest(const Sha256Digest& d) {
    out.append(reinterpret_cast<const char*>(d.data()), d.size());
  }
};

// Every read is bounds-checked; the first failure sticks and the parse is void.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok = true;
  bool at_end() const { return pos_ == in_.size(); }
  template <typename T>
  T num() {
    T v{};
    if (!take(sizeof(T))) return v;
    std::memcpy(&v, in_.data() + pos_ - sizeof(T), sizeof(T));
    return v;
  }
  std::string str() {
    auto n = num<std::uint32_t>();
    if (!take(n)) return {};
    return std::string(in_.substr(pos_ - n, n));
  }
  // A count of items that each take at least `min_bytes`: larger than what is
  // left means corruption, not a huge allocation.
  std::uint32_t count(size_t min_bytes) {
    auto n = num<std::uint32_t>();
    if (static_cast<std::uint64_t>(n) * min_bytes > in_.size() - pos_) ok = false;
    return ok ? n : 0;
  }
  std::vector<std::string> strs() {
    std::vector<std::string> v(count(4));
    for (auto& s : v) s = str();
    return v;
  }
  FileStamp stamp() {
    FileStamp s;
    s.size = num<std::uint64_t>();
    s.mtime_ns = num<std::int64_t>();
    s.ctime_ns = num<std::int64_t>();
    s.inode = num<std::uint64_t>();
    s.device = num<std::uint64_t>();
    return s;
  }
  Sha256Digest digest() {
    Sha256Digest d{};
    if (take(d.size())) std::memcpy(d.data(), in_.data() + pos_ - d.size(), d.size());
    return d;
  }

 private:
  bool take(size_t n) {
    if (!ok || n > in_.size() - pos_) return ok = false;
    pos_ += n;
    return true;
  }
  std::string_view in_;
  size_t pos_ = 0;
};

std::string folder_prefix(const fs::path& folder) {
  // As load_revision_headers() names the files: folder / name.
  std::string prefix = folder.string();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  return prefix;
}

std::string hex(const Sha256Digest& d) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (auto b : d) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// Whether the entries [first, last) trusted by their stamp still have it.
bool stamps_equal(int dir_fd, const std::vector<CachedHeader>& entries, size_t first, size_t last,
                  std::atomic<bool>& differs) {
  for (size_t i = first; i < last; ++i) {
    if (differs.load(std::memory_order_relaxed)) return false;  // the other half found one
    const CachedHeader& e = entries[i];
    if (e.content) continue;
    struct stat st {};
    if (::fstatat(dir_fd, e.name.c_str(), &st, 0) != 0 || file_stamp(st) != e.stamp) {
      differs = true;
      return false;
    }
  }
  return true;
}

}  // namespace

std::int64_t wall_clock_ns() {
  timespec t{};
  ::clock_gettime(CLOCK_REALTIME, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

Sha256Digest sha256_of(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.digest();
}

fs::path header_cache_file(const std::vector<fs::path>& folders) {
  fs::path base;
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and to be ignored.
  if (xdg && *xdg == '/')
    base = xdg;
  else if (home && *home)
    base = fs::path(home) / ".cache";
  else
    return {};
  std::string key;
  for (const auto& f : folders) {
    if (!key.empty()) key += '\n';
    key += fs::absolute(f).lexically_normal().string();
  }
  return base / "migrate" / (hex(sha256_of(key)) + ".idx");
}

std::string render_header_cache(const HeaderCache& cache, std::int64_t now_ns) {
  Writer w;
  w.out.reserve(128 * 1024);
  w.out.append(kMagic);
  w.str(cache.context);
  w.num<std::uint8_t>(cache.sum ? 1 : 0);
  if (cache.sum) w.digest(*cache.sum);
  w.strs(cache.report.changed);
  w.strs(cache.report.added);
  w.strs(cache.report.removed);
  w.num<std::uint8_t>(cache.report.total_differs ? 1 : 0);
  w.str(cache.report.unreadable);
  w.num<std::uint32_t>(static_cast<std::uint32_t>(cache.folders.size()));
  for (const auto& folder : cache.folders) {
    w.stamp(folder.stamp);
    w.num<std::uint8_t>(racy(folder.stamp, now_ns) ? 0 : 1);
    std::vector<const CachedHeader*> kept;
    kept.reserve(folder.files.size());
    for (const auto& e : folder.files)
      if (!racy(e.stamp, now_ns) || e.content) kept.push_back(&e);
    // An entry left out makes the names differ: the files are all read.
    w.num<std::uint32_t>(static_cast<std::uint32_t>(kept.size()));
    for (const auto* e : kept) {
      w.str(e->name);
      w.stamp(e->stamp);
      const bool check_content = racy(e->stamp, now_ns);
      w.num<std::uint8_t>(check_content ? 1 : 0);
      if (check_content) w.digest(*e->content);
      const Revision& r = e->header;
      w.str(r.id);
      w.strs(r.down_revisions);
      w.strs(r.branch_labels);
      w.strs(r.depends_on);
      w.str(r.message);
      w.str(r.created);
      w.num<std::uint8_t>(r.transactional ? 1 : 0);
      w.num<std::int32_t>(r.mark.line);
      w.num<std::int32_t>(r.mark.column);
    }
  }
  w.digest(sha256_of(w.out));
  return std::move(w.out);
}

std::optional<HeaderCache> parse_header_cache(std::string_view bytes) {
  const size_t digest_size = sizeof(Sha256Digest);
  if (bytes.size() < kMagic.size() + digest_size || bytes.substr(0, kMagic.size()) != kMagic)
    return std::nullopt;
  std::string_view body = bytes.substr(0, bytes.size() - digest_size);
  Sha256Digest recorded{};
  std::memcpy(recorded.data(), bytes.data() + body.size(), digest_size);
  if (sha256_of(body) != recorded) return std::nullopt;
  Reader in(body.substr(kMagic.size()));
  HeaderCache cache;
  cache.context = in.str();
  if (in.num<std::uint8_t>()) cache.sum = in.digest();
  cache.report.changed = in.strs();
  cache.report.added = in.strs();
  cache.report.removed = in.strs();
  cache.report.total_differs = in.num<std::uint8_t>() != 0;
  cache.report.unreadable = in.str();
  cache.folders.resize(in.count(45));
  for (auto& folder : cache.folders) {
    folder.stamp = in.stamp();
    folder.stamp_trusted = in.num<std::uint8_t>() != 0;
    folder.files.resize(in.count(64));
    for (auto& e : folder.files) {
      e.name = in.str();
      e.stamp = in.stamp();
      if (in.num<std::uint8_t>()) e.content = in.digest();
      Revision& r = e.header;
      r.id = in.str();
      r.down_revisions = in.strs();
      r.branch_labels = in.strs();
      r.depends_on = in.strs();
      r.message = in.str();
      r.created = in.str();
      r.transactional = in.num<std::uint8_t>() != 0;
      r.mark.line = in.num<std::int32_t>();
      r.mark.column = in.num<std::int32_t>();
    }
  }
  if (!in.ok || !in.at_end()) return std::nullopt;
  return cache;
}

std::optional<HeaderCache> read_header_cache(const fs::path& file, std::string_view context,
                                             const std::optional<Sha256Digest>& sum) {
  if (file.empty()) return std::nullopt;
  UniqueFd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (in.fd < 0 || ::fstat(in.fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
    return std::nullopt;
  // Mapped, not read: the pages of the page cache serve as they are, with no
  // copy into fresh memory (a megabyte or two at 10,000 files).
  const auto size = static_cast<size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, in.fd, 0);
  if (map == MAP_FAILED) return std::nullopt;
  std::optional<HeaderCache> cache;
  try {
    const std::string_view bytes(static_cast<const char*>(map), size);
    // After `migrate revision` the sum differs: say so before checking and
    // parsing megabytes (a refusal needs no trust in the bytes).
    if (bytes.substr(0, kMagic.size()) == kMagic) {
      Reader in(bytes.substr(kMagic.size()));
      const bool same_context = in.str() == context;
      const bool same_sum = same_context && (in.num<std::uint8_t>() != 0) == sum.has_value() &&
                            (!sum || in.digest() == *sum);
      if (in.ok && same_sum) cache = parse_header_cache(bytes);
    }
  } catch (const std::exception&) {  // out of memory on a huge corrupt count
  }
  ::munmap(map, size);
  return cache;
}

bool write_header_cache(const fs::path& file, const HeaderCache& cache) {
  if (file.empty()) return false;
  try {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return false;
    const std::string bytes = render_header_cache(cache, wall_clock_ns());
    fs::path tmp = file;
    tmp += ".tmp." + std::to_string(::getpid());
    bool ok = false;
    {
      UniqueFd out(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
      if (out.fd < 0) return false;
      size_t done = 0;
      while (done < bytes.size()) {
        ssize_t n = ::write(out.fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
      }
      ok = done == bytes.size();
    }
    if (ok && ::rename(tmp.c_str(), file.c_str()) == 0) return true;
    ::unlink(tmp.c_str());
    return false;
  } catch (const std::exception&) {
    return false;
  }
}

bool cache_matches(HeaderCache& cache, const std::vector<fs::path>& folders,
                   const std::optional<Sha256Digest>& sum, bool& refresh) {
  refresh = false;
  if (cache.folders.size() != folders.size() || cache.sum != sum) return false;
  const std::int64_t now = wall_clock_ns();
  std::string text;
  for (size_t f = 0; f < folders.size(); ++f) {
    CachedFolder& folder = cache.folders[f];
    auto& entries = folder.files;
    UniqueFd dir(::open(folders[f].c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    struct stat dir_st {};
    if (dir.fd < 0 || ::fstat(dir.fd, &dir_st) != 0) return false;
    const FileStamp dir_stamp = file_stamp(dir_st);
    if (!folder.stamp_trusted || dir_stamp != folder.stamp) {
      // Added, removed or renamed files show here.
      const auto names = revision_file_names(folders[f]);
      if (names.size() != entries.size()) return false;
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] != entries[i].name) return false;
      // Listed after the stamp was taken: the names are at least that new.
      folder.stamp = dir_stamp;
      if (!racy(dir_stamp, now)) refresh = true;
    }
    // The stat calls are most of the time: on large folders a second thread
    // takes half of them.
    std::atomic<bool> differs = false;
    const size_t half = entries.size() < 512 ? entries.size() : entries.size() / 2;
    std::thread helper;
    if (half < entries.size())
      helper = std::thread([&] { stamps_equal(dir.fd, entries, half, entries.size(), differs); });
    stamps_equal(dir.fd, entries, 0, half, differs);
    if (helper.joinable()) helper.join();
    if (differs) return false;
    for (auto& e : entries) {
      if (!e.content) continue;
      // Racy: the bytes decide. Equal bytes, equal header and sum.
      FileStamp now_stamp;
      if (!read_whole_at(dir.fd, e.name.c_str(), text, now_stamp) || sha256_of(text) != *e.content)
        return false;
      e.stamp = now_stamp;
      if (!racy(now_stamp, now)) refresh = true;
    }
  }
  return true;
}

std::vector<Revision> take_headers(HeaderCache& cache, const std::vector<fs::path>& folders) {
  std::vector<Revision> out;
  for (size_t f = 0; f < folders.size(); ++f) {
    const std::string prefix = folder_prefix(folders[f]);
    out.reserve(out.size() + cache.folders[f].files.size());
    for (auto& e : cache.folders[f].files) {
      Revision r = std::move(e.header);
      r.path = prefix + e.name;
      r.mark.file = r.path;
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace migrate
