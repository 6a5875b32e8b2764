#pragma once
// Small string helpers every layer needs, kept in one place.
#include <string>
#include <string_view>
#include <vector>

namespace migrate::text {

std::string trim(std::string_view s);
// Lower-cased, trimmed, inner runs of white space folded to one space:
// "SET  NULL" and "set null" agree.
std::string lower_collapsed(std::string_view s);
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");
std::string upper(std::string s);  // ASCII upper case: SQL keywords

}  // namespace migrate::text

namespace migrate {

// std::visit over lambdas.
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace migrate
