#pragma once
// CHECK, index and default expressions the way compare should see them on
// PostgreSQL: the catalog stores them rewritten (casts added, parentheses
// doubled, `x IN ('a', 'b')` as `x = ANY (ARRAY['a'::text, 'b'::text])`),
// and the model's spelling and the stored one must come out alike.
#include <string>

namespace migrate::postgresql {

// "((score >= (0)::numeric))" -> "score >= 0"; "lower((email)::text)" ->
// "lower ( email )"; "s = ANY (ARRAY['a'::text, 'b'::text])" and
// "s IN ('a','b')" -> "s IN ( 'a' , 'b' )" (either case of IN); "s <> ALL
// (ARRAY[...])" -> "s NOT IN ( ... )"; a one-element list as PostgreSQL
// stores it, "s IN ('a')" -> "s = 'a'". Dropping grouping parentheses can make
// two different expressions look alike (a missed change), never two alike
// ones differ (a false positive); the result is only compared, never run.
// Text that does not tokenize comes back unchanged.
std::string comparable_expression(const std::string& expression);

}  // namespace migrate::postgresql
