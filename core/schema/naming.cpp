#include "core/schema/naming.hpp"

namespace migrate {

std::string NamingConvention::apply(const std::string& pattern, const std::string& table,
                                    const std::vector<std::string>& columns,
                                    const std::string& referred_table,
                                    const std::vector<std::string>& referred_columns,
                                    const std::string& constraint) {
  auto joined = [](const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? "_" : "") + v[i];
    return out;
  };
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i);
      if (close != std::string::npos) {
        std::string token = pattern.substr(i + 1, close - i - 1);
        std::string value;
        bool known = true;
        if (token == "table")
          value = table;
        else if (token == "column_0")
          value = columns.empty() ? "" : columns[0];
        else if (token == "column_0_N")
          value = joined(columns);
        else if (token == "referred_table")
          value = referred_table;
        else if (token == "referred_column_0")
          value = referred_columns.empty() ? "" : referred_columns[0];
        else if (token == "constraint")
          value = constraint;
        else
          known = false;
        if (known) {
          out += value;
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace migrate
