#pragma once
// naming_convention (SPEC §2): names for constraints and indexes the model
// leaves unnamed, so the names autogenerate compares are stable.
#include <string>
#include <vector>

namespace migrate {

struct NamingConvention {
  std::string ix = "ix_{table}_{column_0}";
  std::string uq = "uq_{table}_{column_0}";
  std::string fk = "fk_{table}_{column_0}_{referred_table}";
  std::string ck = "ck_{table}_{constraint}";
  std::string pk = "pk_{table}";

  // Tokens: {table} {column_0} {column_0_N} (all columns joined by "_")
  // {referred_table} {referred_column_0} {constraint}.
  static std::string apply(const std::string& pattern, const std::string& table,
                           const std::vector<std::string>& columns,
                           const std::string& referred_table = "",
                           const std::vector<std::string>& referred_columns = {},
                           const std::string& constraint = "");
};

}  // namespace migrate
