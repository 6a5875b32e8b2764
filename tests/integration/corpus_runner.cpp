#include "corpus_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "core/yaml/yaml_node.hpp"
#include "harness.hpp"

namespace itest::corpus {
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Case> read_file(const fs::path& path) {
  const std::string file = fs::relative(path, MIGRATE_SOURCE_DIR).string();
  const auto root = migrate::yaml::parse(slurp(path), file);
  auto where = [&](const migrate::yaml::Node& n) {
    return file + ":" + std::to_string(n.mark().line + 1);
  };
  if (!root.is_map()) throw std::runtime_error(file + ": expected a map with `cases:`");
  std::vector<Case> out;
  for (const auto& [key, value] : root.pairs()) {
    if (key.scalar() != "cases")
      throw std::runtime_error(where(key) + ": unknown key `" + key.scalar() + "` (known: cases)");
    if (!value.is_sequence()) throw std::runtime_error(where(value) + ": `cases` is a list");
    for (const auto& item : value.items()) {
      if (!item.is_map()) throw std::runtime_error(where(item) + ": a case is a map");
      Case c;
      c.file = file;
      c.line = item.mark().line + 1;
      for (const auto& [k, v] : item.pairs()) {
        const std::string& name = k.scalar();
        if (!v.is_scalar() && !v.is_null())
          throw std::runtime_error(where(v) + ": `" + name + "` is text");
        if (name == "name")
          c.name = v.scalar();
        else if (name == "current")
          c.current = v.scalar();
        else if (name == "desired")
          c.desired = v.scalar();
        else if (name == "known_bug")
          c.known_bug = v.scalar();
        else if (name == "database_limit")
          c.database_limit = v.scalar();
        else
          throw std::runtime_error(where(k) + ": unknown key `" + name +
                                   "` (known: name, current, desired, known_bug, database_limit)");
      }
      if (c.name.empty()) throw std::runtime_error(where(item) + ": a case needs a name");
      if (c.desired.empty()) throw std::runtime_error(where(item) + ": a case needs `desired`");
      out.push_back(std::move(c));
    }
  }
  return out;
}

// Blank, `{}`, or only empty sections: there is nothing to autogenerate.
bool empty_model(const std::string& text) {
  const auto root = migrate::yaml::parse(text, "current");
  if (root.is_null()) return true;
  if (!root.is_map()) return false;
  for (const auto& [key, value] : root.pairs())
    if (value.size() != 0) return false;
  return true;
}

std::vector<std::string> sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Lines only in `want` (-) and only in `got` (+); both sorted.
std::string diff(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  std::vector<std::string> gone, extra;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(gone));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
  std::string out;
  for (const auto& l : gone) out += "  - " + l + "\n";
  for (const auto& l : extra) out += "  + " + l + "\n";
  if (out.empty()) out = "  (the same lines, another multiplicity)\n";
  return out;
}

std::string shown(const Result& r) {
  return "exit " + std::to_string(r.code) + "\n--- stdout:\n" + r.out + "--- stderr:\n" + r.err;
}

// One case's walk. Each failure is a message; a failed command that later
// steps need ends the walk.
class Walk {
 public:
  Walk(const Case& c, const Factory& fresh) : c_(c), fresh_(fresh) {}

  std::vector<std::string> run() {
    try {
      steps();
    } catch (const Stop&) {
    } catch (const std::exception& e) {
      fail("(runner)", std::string("exception: ") + e.what());
    } catch (...) {
      fail("(runner)", "an exception that is no std::exception");
    }
    return failures_;
  }

 private:
  struct Stop {};
  static constexpr const char* kDesired = "de5ired";

  // The model as schema.yaml, and (unless it is empty) its revision applied.
  void build(const Project& p, const std::string& model, const std::string& rev,
             const std::string& side, const std::string& step) {
    p.write("schema.yaml", model);
    if (empty_model(model)) return;
    revision(p, rev, side, step + "revision --autogenerate, " + side + ")");
    must(p, {"upgrade", "head"}, step + "upgrade head, " + side + ")");
  }

  void steps() {
    auto a = fresh_();
    Project p;
    p.init_url(a->url());

    // 1-2: the current model, made and checked.
    build(p, c_.current, "c0rrent", "current", "2 (");
    expect_check(p, "2 (check, current: no false positive)");
    const auto cur = sorted(a->catalog());

    // 3: to the desired model; something must change.
    p.write("schema.yaml", c_.desired);
    const std::string text =
        revision(p, kDesired, "desired", "3 (revision --autogenerate, desired)");
    revision_ = "--- revision (current -> desired):\n" + text;
    must(p, {"upgrade", "head"}, "3 (upgrade head, desired)");
    expect_check(p, "3 (check, desired)");
    const auto des = sorted(a->catalog());

    // 4: the upgraded database is the one the desired model describes.
    {
      auto b = fresh_();
      Project q;
      q.init_url(b->url());
      build(q, c_.desired, "b0000000", "desired", "4 (database B: ");
      expect_catalog(des, sorted(b->catalog()),
                     "4 (catalog of A upgraded = catalog of B built from desired; - A, + B)");
    }

    // 5: the downgrade gives the current database back exactly.
    must(p, {"downgrade", "-1"}, "5 (downgrade -1)");
    expect_catalog(cur, sorted(a->catalog()),
                   "5 (catalog after downgrade = catalog at current; - current, + downgraded)");
    // check wants the database at head: the desired revision steps aside
    // (the revision files then differ from versions.sum, a mere warning).
    p.write("schema.yaml", c_.current);
    const fs::path desired_file = p.path("migrations/versions") / desired_name_;
    const fs::path aside = p.path("migrations") / desired_name_;
    fs::rename(desired_file, aside);
    expect_check(p, "5 (check, current after downgrade, desired revision set aside)");
    fs::rename(aside, desired_file);

    // 6: and the upgrade runs again from there.
    must(p, {"upgrade", "head"}, "6 (upgrade head again)");
    expect_catalog(des, sorted(a->catalog()),
                   "6 (catalog after the second upgrade = catalog at desired; - first, + second)");
  }

  void fail(const std::string& step, const std::string& detail) {
    failures_.push_back(c_.file + ":" + std::to_string(c_.line) + ": case '" + c_.name +
                        "', step " + step + ":\n" + detail + (revision_.empty() ? "" : revision_));
  }

  Result must(const Project& p, const std::vector<std::string>& args, const std::string& step) {
    auto r = p.run(args);
    last_ = "--- the last command, `migrate " + join(args) + "`: " + shown(r);
    if (r.code != 0) {
      fail(step, "`migrate " + join(args) + "` failed: " + shown(r));
      throw Stop{};
    }
    return r;
  }

  void expect_check(const Project& p, const std::string& step) {
    auto r = p.run({"check"});
    if (r.code != 0) fail(step, "`migrate check` must exit 0: " + shown(r));
  }

  void expect_catalog(const std::vector<std::string>& want, const std::vector<std::string>& got,
                      const std::string& step) {
    if (want != got) fail(step, "catalogs differ:\n" + diff(want, got) + last_);
  }

  // Writes a revision from the model to the database; returns its text. The
  // model differs from the database whenever this runs, so an upgrade with no
  // op is a failure.
  std::string revision(const Project& p, const std::string& id, const std::string& message,
                       const std::string& step) {
    auto r = must(p, {"revision", "--autogenerate", "-m", message, "--rev-id", id}, step);
    std::string text;
    for (const auto& entry : fs::directory_iterator(p.path("migrations/versions")))
      if (entry.path().filename().string().rfind(id + "_", 0) == 0) {
        text = slurp(entry.path());
        if (id == kDesired) desired_name_ = entry.path().filename().string();
      }
    if (text.empty()) {
      fail(step, "no revision file " + id + "_*.yaml was written: " + shown(r));
      throw Stop{};
    }
    size_t ops = 0;
    const auto root = migrate::yaml::parse(text, id);
    for (const auto& [key, value] : root.pairs())
      if (key.scalar() == "upgrade") ops = value.size();
    if (ops == 0) {
      fail(step, "the revision has no upgrade op, yet the model differs from the database:\n" +
                     text + shown(r));
      throw Stop{};
    }
    return text;
  }

  static std::string join(const std::vector<std::string>& args) {
    std::string out;
    for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
    return out;
  }

  const Case& c_;
  const Factory& fresh_;
  std::vector<std::string> failures_;
  std::string revision_;
  std::string last_;          // what the last command run by must() printed
  std::string desired_name_;  // the file name of A's desired revision
};

}  // namespace

std::vector<Case> load(const std::string& dialect) {
  const fs::path dir = fs::path(MIGRATE_SOURCE_DIR) / "tests" / "corpus" / dialect;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  if (ec) FAIL_CHECK("cannot read the corpus folder " << dir.string() << ": " << ec.message());
  std::sort(files.begin(), files.end());
  std::vector<Case> out;
  for (const auto& f : files) {
    try {
      auto cases = read_file(f);
      out.insert(out.end(), cases.begin(), cases.end());
    } catch (const std::exception& e) {
      FAIL_CHECK("corpus file does not read: " << e.what());
    }
  }
  return out;
}

void run_all(const std::string& dialect, const Factory& fresh) {
  const auto cases = load(dialect);
  const char* only = std::getenv("MIGRATE_CORPUS_CASE");
  std::vector<const Case*> chosen;
  for (const auto& c : cases)
    if (!only || !*only || (c.file + ": " + c.name).find(only) != std::string::npos)
      chosen.push_back(&c);

  // A case spends its time waiting on migrate processes and the server, so
  // several run at once; doctest hears of them afterwards, in corpus order,
  // from this thread alone.
  const char* jobs_env = std::getenv("MIGRATE_CORPUS_JOBS");
  const size_t jobs = std::clamp<size_t>(jobs_env ? std::strtoul(jobs_env, nullptr, 10) : 4, 1,
                                         std::max<size_t>(chosen.size(), 1));
  std::vector<std::vector<std::string>> results(chosen.size());
  std::atomic<size_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> pool;
    for (size_t j = 0; j < jobs; ++j)
      pool.emplace_back([&] {
        for (size_t i; (i = next++) < chosen.size();) results[i] = Walk(*chosen[i], fresh).run();
      });
  }
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  int passed = 0, failed = 0, known = 0, limits = 0;
  for (size_t i = 0; i < chosen.size(); ++i) {
    const Case& c = *chosen[i];
    const auto& failures = results[i];
    if (failures.empty()) {
      ++passed;
      if (!c.known_bug.empty() || !c.database_limit.empty())
        WARN_MESSAGE(false, c.file << ":" << c.line << ": case '" << c.name
                                   << "' is marked known_bug or database_limit (" << c.known_bug
                                   << c.database_limit << ") but passes: remove the mark");
    } else if (!c.known_bug.empty()) {
      ++known;
      for (const auto& f : failures)
        WARN_MESSAGE(false, "known bug (" << c.known_bug << "): " << f);
    } else if (!c.database_limit.empty()) {
      ++limits;
      for (const auto& f : failures)
        WARN_MESSAGE(false, "database limit (" << c.database_limit << "): " << f);
    } else {
      ++failed;
      for (const auto& f : failures) ADD_FAIL_CHECK_AT(c.file.c_str(), c.line, f);
    }
  }
  MESSAGE("corpus " << dialect << ": " << chosen.size() << " case(s), " << passed << " passed, "
                    << failed << " failed, " << known << " known bug(s), " << limits
                    << " database limit(s), " << seconds << " s with " << jobs << " job(s)");
  CHECK_MESSAGE(!chosen.empty(), "no corpus case ran for " << dialect);
}

}  // namespace itest::corpus
