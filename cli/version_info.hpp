#pragma once
#include <string>

namespace migrate::cli {

// `migrate --version`: "migrate X.Y.Z", then the libraries it runs with, as
// they report themselves at run time where they can (a shared library may be
// newer than the headers it was built with), else as built.
std::string version_text();

}  // namespace migrate::cli
