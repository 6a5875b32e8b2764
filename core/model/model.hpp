#pragma once
// schema.yaml (SPEC §3) -> Schema. Every error names file:line:column.
#include <filesystem>
#include <string>

#include "core/schema/naming.hpp"
#include "core/schema/schema.hpp"

namespace migrate {

// `path` is a file, or a folder whose *.yaml files are merged (in name order;
// a table declared twice is an error). Unnamed constraints and indexes get
// names from `naming`. Throws InputError.
Schema load_model(const std::filesystem::path& path, const NamingConvention& naming);

// The same, from text (for tests and for `file` in messages).
Schema load_model_text(const std::string& text, const std::string& file,
                       const NamingConvention& naming);

}  // namespace migrate
