#pragma once
// What a catalog holds that the model cannot say (yet). Inspect leaves these
// out of the Schema, and compare cannot see them, so both name them instead
// of dropping them silently: `inspect` warns with a count, `check` says what
// it did not compare.
#include <string>
#include <vector>

namespace migrate {

struct NotModelled {
  std::string kind;  // singular, lower case: "view", "trigger", "generated column"
  std::string name;  // as the user knows it: "adults", "trg on users", "users.full_name"
  // The table it belongs to, for include_tables / exclude_tables ("" when
  // none: a function, an extension); `name` itself when it is one.
  std::string table;
  std::string schema;  // the table's schema, "" for the current one
};

// "2 views (a, b), 1 trigger (trg on users)": a count per kind, kinds in the
// order first seen, at most `shown` names each ("..." after them).
std::string describe_not_modelled(const std::vector<NotModelled>& items, size_t shown = 5);

// The kinds, in the order first seen: "views, triggers".
std::string not_modelled_kinds(const std::vector<NotModelled>& items);

}  // namespace migrate
