// The one line that names what the model cannot say.
#include <doctest/doctest.h>

#include "core/schema/not_modelled.hpp"

using namespace migrate;

TEST_CASE("not modelled: counted per kind, in the order first seen, names shown") {
  std::vector<NotModelled> items = {{"view", "a", "a", ""},  {"trigger", "t on users", "users", ""},
                                    {"view", "b", "b", ""},  {"policy", "p on users", "users", ""},
                                    {"index", "ix", "", ""}, {"policy", "q on users", "users", ""}};
  CHECK(describe_not_modelled(items) ==
        "2 views (a, b), 1 trigger (t on users), 2 policies (p on users, q on users), "
        "1 index (ix)");
  CHECK(not_modelled_kinds(items) == "views, triggers, policies, indexes");
  CHECK(describe_not_modelled({}) == "");
}

TEST_CASE("not modelled: a long list shows its first names and says there are more") {
  std::vector<NotModelled> items;
  for (int i = 0; i < 8; ++i) items.push_back({"function", "f" + std::to_string(i), "", ""});
  CHECK(describe_not_modelled(items, 3) == "8 functions (f0, f1, f2, ...)");
}
