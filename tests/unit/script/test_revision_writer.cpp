// The pieces of a new revision's file: id, slug, file name, quoted lists.
#include <doctest/doctest.h>

#include <set>

#include "core/base/error.hpp"
#include "core/script/revision_writer.hpp"

using namespace migrate;

TEST_CASE("revision writer: ids are 12 hex digits and differ") {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string id = new_rev_id();
    CHECK(id.size() == 12);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    seen.insert(id);
  }
  CHECK(seen.size() == 50);
}

TEST_CASE("revision writer: Alembic's slug") {
  CHECK(slugify("Add email to Users!") == "add_email_to_users");
  CHECK(slugify("  --  ") == "");
  // Cut at the last word boundary within 40 characters.
  CHECK(slugify("one two three four five six seven eight nine ten") ==
        "one_two_three_four_five_six_seven_eight");
  CHECK(slugify(std::string(50, 'x')) == std::string(40, 'x'));
}

TEST_CASE("revision writer: file_template tokens") {
  std::tm t{};
  t.tm_year = 126;
  t.tm_mon = 0;
  t.tm_mday = 5;
  t.tm_hour = 7;
  t.tm_min = 8;
  t.tm_sec = 9;
  CHECK(file_name("{rev}_{slug}", "abc", "add_x", t) == "abc_add_x.yaml");
  CHECK(file_name("{year}{month}{day}_{hour}{minute}{second}_{rev}", "abc", "", t) ==
        "20260105_070809_abc.yaml");
  // An empty slug leaves no trailing separator.
  CHECK(file_name("{rev}_{slug}", "abc", "", t) == "abc.yaml");
  CHECK_THROWS_AS(file_name("{rev}_{nope}", "abc", "s", t), InputError);
}

TEST_CASE("revision writer: ids stay strings inside lists") {
  CHECK(quoted_list({}) == "[]");
  CHECK(quoted_list({"145589613528", "b"}) == "[\"145589613528\", \"b\"]");
}
