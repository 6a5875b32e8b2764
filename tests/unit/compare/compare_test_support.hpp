#pragma once
// What the compare unit tests share: a model from YAML text, and the kinds of
// a list of ops, to assert on in order.
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "core/ops/ops.hpp"

namespace migrate::test {

inline Schema schema(const std::string& yaml) {
  return load_model_text(yaml, "schema.yaml", NamingConvention{});
}

inline std::vector<std::string> kinds(const std::vector<Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) out.push_back(op.kind());
  return out;
}

}  // namespace migrate::test
