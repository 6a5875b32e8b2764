#include <doctest/doctest.h>

#include <stdexcept>

#include "core/naming.hpp"
#include "core/type.hpp"

using namespace migrate;

TEST_CASE("type: portable and pass-through spellings") {
  CHECK(Type::parse("VARCHAR( 100 )").str() == "varchar(100)");
  CHECK(Type::parse("numeric(10, 2)").args == std::vector<std::string>{"10", "2"});
  CHECK(Type::parse("double   precision").str() == "double precision");
  CHECK(Type::parse("int(10) unsigned").suffix == "unsigned");
  CHECK(Type::parse("enum('a,b', 'c')").args == std::vector<std::string>{"'a,b'", "'c'"});
  CHECK(Type::parse("jsonb").is_portable() == false);
  CHECK(Type::parse("timestamptz").is_portable());
  CHECK(Type::parse("integer[]").str() == "integer[]");
}

TEST_CASE("type: malformed types say what is wrong") {
  CHECK_THROWS_WITH_AS(Type::parse(""), "the type is empty", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("varchar(10"), doctest::Contains("unbalanced"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("varchar)"), doctest::Contains("unbalanced"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("varchar(x)"), doctest::Contains("integer arguments, not 'x'"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("varchar"), doctest::Contains("varchar takes 1"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("integer(3)"), doctest::Contains("integer takes no arguments"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("numeric(1,2,3)"), doctest::Contains("numeric takes 0 to 2"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("numeric(10,)"), doctest::Contains("empty argument"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("var;char"), doctest::Contains("unexpected character ';'"),
                       std::invalid_argument);
}

TEST_CASE("naming convention tokens") {
  CHECK(NamingConvention::apply("fk_{table}_{column_0}_{referred_table}", "posts", {"user_id"},
                                "users") == "fk_posts_user_id_users");
  CHECK(NamingConvention::apply("ix_{table}_{column_0_N}", "t", {"a", "b"}) == "ix_t_a_b");
  CHECK(NamingConvention::apply("ck_{table}_{constraint}", "t", {}, "", {}, "2") == "ck_t_2");
  CHECK(NamingConvention::apply("{unknown}_{table}", "t", {}) == "{unknown}_t");
}
