// The config loader (core/config/config): migrate.yaml text, with ${VAR} expansion.
#include <optional>

#include "core/config/config.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  // A fixed environment: DATABASE_URL and HOME are set, nothing else.
  const migrate::EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "DATABASE_URL") return "sqlite:///app.db";
    if (name == "HOME") return "/home/$user";
    return std::nullopt;
  };
  fuzz::only_input_errors(
      [&] { migrate::parse_config(fuzz::text(data, size), "/project/migrate.yaml", env); });
  return 0;
}
