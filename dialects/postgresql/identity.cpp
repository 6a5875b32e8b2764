#include "dialects/postgresql/identity.hpp"

#include <limits>

namespace migrate::postgresql {

IntegerRange integer_range(const std::string& type) {
  if (type == "smallint") return {-32768, 32767};
  if (type == "integer") return {-2147483648LL, 2147483647LL};
  return {std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max()};
}

SequenceOptions with_defaults(const SequenceOptions& s, const std::string& type) {
  const IntegerRange r = integer_range(type);
  SequenceOptions out = s;
  out.increment = s.increment.value_or(1);
  const bool up = *out.increment > 0;
  out.min_value = s.min_value.value_or(up ? 1 : r.lo);
  out.max_value = s.max_value.value_or(up ? r.hi : -1);
  out.start = s.start.value_or(up ? *out.min_value : *out.max_value);
  out.cache = s.cache.value_or(1);
  return out;
}

SequenceOptions without_defaults(SequenceOptions s, const std::string& type) {
  const SequenceOptions full = with_defaults(s, type);
  const bool up = *full.increment > 0;
  const IntegerRange r = integer_range(type);
  if (s.increment == 1) s.increment.reset();
  if (s.min_value == (up ? 1 : r.lo)) s.min_value.reset();
  if (s.max_value == (up ? r.hi : -1)) s.max_value.reset();
  // The start's default follows the bounds the sequence has, stated or not.
  if (s.start == (up ? full.min_value : full.max_value)) s.start.reset();
  if (s.cache == 1) s.cache.reset();
  return s;
}

std::string identity_clauses(const SequenceOptions& s) {
  std::string out;
  auto num = [&](const char* clause, const std::optional<long long>& v) {
    if (v) out += std::string(out.empty() ? "" : " ") + clause + " " + std::to_string(*v);
  };
  num("START WITH", s.start);
  num("INCREMENT BY", s.increment);
  num("MINVALUE", s.min_value);
  num("MAXVALUE", s.max_value);
  num("CACHE", s.cache);
  if (s.cycle) out += std::string(out.empty() ? "" : " ") + "CYCLE";
  return out;
}

}  // namespace migrate::postgresql
