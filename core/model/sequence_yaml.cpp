#include "core/model/sequence_yaml.hpp"

#include <cerrno>
#include <cstdlib>

namespace migrate {
namespace {

std::optional<long long> read_number(const yaml::MapReader& m, const std::string& key) {
  auto text = m.optional(key);
  if (!text) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno == ERANGE)
    throw InputError(m.mark_of(key), "'" + key + "' of " + m.what() +
                                         " must be a whole number, got '" + *text + "'");
  return v;
}

}  // namespace

const std::vector<std::string>& sequence_option_keys() {
  static const std::vector<std::string> keys = {"start",     "increment", "min_value",
                                                "max_value", "cache",     "cycle"};
  return keys;
}

void read_sequence_options(const yaml::MapReader& m, SequenceOptions& s) {
  s.start = read_number(m, "start");
  s.increment = read_number(m, "increment");
  s.min_value = read_number(m, "min_value");
  s.max_value = read_number(m, "max_value");
  s.cache = read_number(m, "cache");
  s.cycle = m.boolean("cycle", false);
  // The database refuses these too, but only when the revision runs.
  if (s.increment && *s.increment == 0)
    throw InputError(m.mark_of("increment"), "'increment' of " + m.what() + " cannot be 0");
  if (s.min_value && s.max_value && *s.min_value >= *s.max_value)
    throw InputError(m.mark_of("min_value"), "'min_value' of " + m.what() + " (" +
                                                 std::to_string(*s.min_value) +
                                                 ") must be less than its 'max_value' (" +
                                                 std::to_string(*s.max_value) + ")");
  if (s.cache && *s.cache < 1)
    throw InputError(m.mark_of("cache"), "'cache' of " + m.what() + " must be at least 1, got " +
                                             std::to_string(*s.cache));
}

void put_sequence_options(yaml::Fields& f, const SequenceOptions& s) {
  auto num = [&](const char* key, const std::optional<long long>& v) {
    if (v) f.emplace_back(key, std::to_string(*v));
  };
  num("start", s.start);
  num("increment", s.increment);
  num("min_value", s.min_value);
  num("max_value", s.max_value);
  num("cache", s.cache);
  if (s.cycle) f.emplace_back("cycle", "true");
}

}  // namespace migrate
