#pragma once
// The one place that knows every dialect: the project layer asks here for
// the dialect a URL's scheme names, and core never needs to.
#include <memory>
#include <string>

#include "core/dialect/dialect.hpp"

namespace migrate {

// The dialect for a URL's scheme; throws InputError for an unsupported one.
std::unique_ptr<Dialect> make_dialect(const std::string& name);

}  // namespace migrate
