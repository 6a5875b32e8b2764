#include "project/inventory.hpp"

#include <spdlog/spdlog.h>

namespace migrate::project {

std::vector<NotModelled> not_modelled(Database& db, const CompareSettings& s) {
  std::vector<NotModelled> out;
  for (auto& item : db.dialect->not_modelled(*db.conn)) {
    if (!item.table.empty()) {
      Table shell;
      shell.name = item.table;
      shell.schema = item.schema;
      if (!table_included(shell, s)) continue;
    }
    out.push_back(std::move(item));
  }
  return out;
}

void warn_not_compared(const std::vector<NotModelled>& items) {
  if (items.empty()) return;
  spdlog::warn(
      "warning: not compared, since migrate does not model them yet: {}; a difference in them "
      "is not seen",
      describe_not_modelled(items));
}

}  // namespace migrate::project
