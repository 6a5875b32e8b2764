#pragma once
// The project templates of templates/, compiled into the binary.
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

struct EmbeddedFile {
  std::string path;  // relative to templates/: "generic/migrate.yaml"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_templates();

}  // namespace migrate
