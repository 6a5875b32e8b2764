#include <doctest/doctest.h>

#include <stdexcept>

#include "core/schema/naming.hpp"
#include "core/schema/type.hpp"

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

TEST_CASE("type: time types take a fractional seconds precision from 0 to 6") {
  CHECK(Type::parse("timestamp(6)").args == std::vector<std::string>{"6"});
  CHECK(Type::parse("TIMESTAMPTZ(3)").str() == "timestamptz(3)");
  CHECK(Type::parse("time(0)").str() == "time(0)");
  CHECK(Type::parse("datetime(6)").str() == "datetime(6)");  // not portable: as written
  CHECK_THROWS_WITH_AS(Type::parse("timestamp(7)"), doctest::Contains("from 0 to 6, not 7"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("time(10)"), doctest::Contains("from 0 to 6, not 10"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("timestamp(3,2)"),
                       doctest::Contains("timestamp takes 0 to 1 integer argument(s), e.g. "
                                         "timestamp(6)"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Type::parse("time(x)"), doctest::Contains("integer arguments, not 'x'"),
                       std::invalid_argument);
}
