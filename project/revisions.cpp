#include "project/revisions.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "core/script/script.hpp"
#include "core/script/script_header.hpp"
#include "core/versions/header_cache.hpp"
#include "core/versions/revision_sum_file.hpp"

namespace migrate::project {

std::vector<std::filesystem::path> revision_dirs(const Config& cfg) {
  auto dirs = cfg.version_dirs();
  if (!cfg.version_locations.empty())
    dirs.erase(std::remove_if(dirs.begin(), dirs.end(),
                              [](const auto& d) { return !std::filesystem::is_directory(d); }),
               dirs.end());
  return dirs;
}

namespace {

// Everything besides the files that the cached headers and the verified sum
// depend on.
std::string header_cache_context(const Config& cfg,
                                 const std::vector<std::filesystem::path>& dirs) {
  std::string c;
  auto add = [&c](const std::string& s) {
    c += s;
    c += '\0';
  };
  add(cfg.sum_file().string());
  for (const auto& d : dirs) {
    add(d.string());
    add(sum_name_prefix(cfg.script_dir(), d));
  }
  for (const auto* pattern :
       {&cfg.naming.ix, &cfg.naming.uq, &cfg.naming.fk, &cfg.naming.ck, &cfg.naming.pk})
    add(*pattern);
  return c;
}

// Files changed this recently get their bytes' digest in the cache, which a
// racy entry needs (core/versions/header_cache.hpp); the margin covers the time until
// the cache is written.
constexpr std::int64_t kDigestRecentNs = kRacyWindowNs + 60'000'000'000;

// The graph fields of every file, from the header cache when it still
// describes the files, else read (and checked against versions.sum), which
// writes the cache again. `report`: what the check found, then or now.
std::vector<Revision> load_headers(const Config& cfg,
                                   const std::vector<std::filesystem::path>& dirs,
                                   const std::optional<std::string>& recorded, SumReport& report) {
  std::filesystem::path cache_file;
  std::string context;
  std::optional<Sha256Digest> sum;
  if (recorded) sum = sha256_of(*recorded);
  try {
    cache_file = header_cache_file(dirs);
    context = header_cache_context(cfg, dirs);
    if (auto cache = read_header_cache(cache_file, context, sum)) {
      bool refresh = false;
      if (cache_matches(*cache, dirs, sum, refresh)) {
        if (refresh) write_header_cache(cache_file, *cache);
        spdlog::debug("revision headers from the header cache {}", cache_file.string());
        report = std::move(cache->report);
        return take_headers(*cache, dirs);
      }
    }
  } catch (const std::exception& e) {  // only an accelerator: read the files
    spdlog::debug("header cache not used: {}", e.what());
    cache_file.clear();
  }
  HeaderCache fresh;
  fresh.context = context;
  fresh.sum = sum;
  const std::int64_t recent = wall_clock_ns() - kDigestRecentNs;
  std::vector<std::string> texts, names;
  size_t count = 0;
  for (const auto& dir : dirs) {
    std::vector<std::string> dir_texts;
    std::vector<FileStamp> stamps;
    auto& folder = fresh.folders.emplace_back();
    // Stamped before it is listed: a change after that shows as another stamp.
    struct stat dir_st {};
    if (::stat(dir.c_str(), &dir_st) == 0) folder.stamp = file_stamp(dir_st);
    auto headers =
        load_revision_headers({dir}, cfg.naming, recorded ? &dir_texts : nullptr, &stamps);
    const std::string prefix = recorded ? sum_name_prefix(cfg.script_dir(), dir) : "";
    auto& entries = folder.files;
    entries.reserve(headers.size());
    count += headers.size();
    for (size_t i = 0; i < headers.size(); ++i) {
      // The headers stay in the cache until it is written: moved, not copied.
      auto& r = headers[i];
      CachedHeader& e = entries.emplace_back();
      e.name = r.path.substr(r.path.rfind('/') + 1);
      e.stamp = stamps[i];
      if (recorded && (stamps[i].mtime_ns >= recent || stamps[i].ctime_ns >= recent))
        e.content = sha256_of(dir_texts[i]);
      if (recorded) {
        names.push_back(prefix + e.name);
        texts.push_back(std::move(dir_texts[i]));
      }
      e.header = std::move(r);
    }
  }
  if (recorded) {
    // The loader handed back the bytes it read, so checking costs no second read.
    std::vector<SumInput> inputs;
    inputs.reserve(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) inputs.push_back({std::move(names[i]), texts[i]});
    fresh.report = check_sum(cfg.sum_file(), *recorded, compute_sum(std::move(inputs)));
    report = fresh.report;
  } else {
    spdlog::debug("no {}: revision files are not checked (`migrate hash` writes one)",
                  cfg.sum_file().string());
  }
  if (!cache_file.empty() && !write_header_cache(cache_file, fresh))
    spdlog::debug("cannot write the header cache {}", cache_file.string());
  std::vector<Revision> revisions;
  revisions.reserve(count);
  for (auto& folder : fresh.folders)
    for (auto& e : folder.files) revisions.push_back(std::move(e.header));
  return revisions;
}

}  // namespace

void warn_or_refuse(const Config& cfg, const SumReport& report) {
  if (report.ok()) return;
  const std::string problem = sum_problem(cfg, report);
  if (cfg.sum == SumMode::strict) {
    if (!report.unreadable.empty()) throw InputError(problem);
    throw Error(ExitCode::check_failed,
                problem +
                    ": run `migrate hash` if the change was intended, otherwise undo it "
                    "(e.g. `git checkout`)");
  }
  // Once per process: a command that reads the graph twice still says it once.
  static bool warned = false;
  if (warned) return;
  warned = true;
  if (!report.unreadable.empty())
    spdlog::warn("warning: {}; until then the revision files are not checked against it", problem);
  else
    spdlog::warn(
        "warning: {}: run `migrate hash` once the files are as intended (`migrate validate`, "
        "`migrate lint` and --strict-sum refuse a stale sum)",
        problem);
}

std::string sum_problem(const Config& cfg, const SumReport& report) {
  if (!report.unreadable.empty()) return report.unreadable;
  if (!report.stale()) return "";
  return cfg.sum_file().string() + " is out of date (" + describe(report) + ")";
}

Graph load_graph(const Config& cfg, Operations ops, SumReport* out) {
  // The caller's report, or this one to act on before returning.
  SumReport own;
  SumReport& report = out ? *out : own;
  const auto dirs = revision_dirs(cfg);
  const auto recorded = read_sum_file(cfg.sum_file());
  if (ops == Operations::skip) {
    Graph graph(load_headers(cfg, dirs, recorded, report));
    if (!out) warn_or_refuse(cfg, report);
    return graph;
  }
  if (!recorded) {
    spdlog::debug("no {}: revision files are not checked (`migrate hash` writes one)",
                  cfg.sum_file().string());
    return Graph(load_revisions(dirs, cfg.naming, nullptr));
  }
  // The loader hands back the bytes it read, so checking costs no second read.
  std::vector<Revision> revisions;
  std::vector<std::string> texts, names;
  for (const auto& dir : dirs) {
    const std::string prefix = sum_name_prefix(cfg.script_dir(), dir);
    for (auto& r : load_revisions({dir}, cfg.naming, &texts)) {
      names.push_back(prefix + r.path.substr(r.path.rfind('/') + 1));
      revisions.push_back(std::move(r));
    }
  }
  std::vector<SumInput> inputs;
  inputs.reserve(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) inputs.push_back({std::move(names[i]), texts[i]});
  report = check_sum(cfg.sum_file(), *recorded, compute_sum(std::move(inputs)));
  if (!out) warn_or_refuse(cfg, report);
  return Graph(std::move(revisions));
}

RevisionSum write_revision_sum(const Config& cfg) {
  RevisionSum sum = sum_of_folders(cfg.script_dir(), revision_dirs(cfg));
  write_sum_file(cfg.sum_file(), sum);
  return sum;
}

void add_to_revision_sum(const Config& cfg, const std::filesystem::path& file,
                         std::string_view bytes) {
  const auto recorded = read_sum_file(cfg.sum_file());
  if (!recorded) {
    write_revision_sum(cfg);
    return;
  }
  RevisionSum sum;
  try {
    sum = parse_sum(*recorded, cfg.sum_file().string());
  } catch (const InputError& e) {
    // load_graph has said so; rewriting it whole would hide what it was guarding.
    spdlog::debug("{} not updated: {}", cfg.sum_file().string(), e.what());
    return;
  }
  std::string name =
      sum_name_prefix(cfg.script_dir(), file.parent_path()) + file.filename().string();
  write_sum_file(cfg.sum_file(), with_entry(std::move(sum), sum_entry(std::move(name), bytes)));
}

}  // namespace migrate::project
