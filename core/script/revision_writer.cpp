#include "core/script/revision_writer.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>

#include "core/base/error.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {

std::string quoted_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + yaml::quoted(v[i]);
  return out + "]";
}

std::string new_rev_id() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  std::uniform_int_distribution<std::uint64_t> dist(0, (1ULL << 48) - 1);
  char buf[13];
  std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(dist(gen)));
  return buf;
}

std::string slugify(const std::string& message) {
  std::string slug;
  bool sep = false;
  for (unsigned char c : message) {
    if (std::isalnum(c)) {
      if (sep && !slug.empty()) slug += '_';
      sep = false;
      slug += static_cast<char>(std::tolower(c));
    } else {
      sep = true;
    }
  }
  if (slug.size() > 40) {
    auto cut = slug.rfind('_', 40);
    slug.resize(cut == std::string::npos || cut == 0 ? 40 : cut);
  }
  return slug;
}

std::string file_name(const std::string& pattern, const std::string& rev, const std::string& slug,
                      const std::tm& t) {
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  std::map<std::string, std::string> tokens{{"rev", rev},
                                            {"slug", slug},
                                            {"year", std::to_string(t.tm_year + 1900)},
                                            {"month", two(t.tm_mon + 1)},
                                            {"day", two(t.tm_mday)},
                                            {"hour", two(t.tm_hour)},
                                            {"minute", two(t.tm_min)},
                                            {"second", two(t.tm_sec)}};
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i);
      if (close != std::string::npos) {
        auto it = tokens.find(pattern.substr(i + 1, close - i - 1));
        if (it == tokens.end())
          throw InputError("unknown token " + pattern.substr(i, close - i + 1) +
                           " in file_template (known: {rev} {slug} {year} {month} {day} {hour} "
                           "{minute} {second})");
        out += it->second;
        i = close;
        continue;
      }
    }
    out += pattern[i];
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out + ".yaml";
}

}  // namespace migrate
