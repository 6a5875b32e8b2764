#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

int main(int argc, char** argv) {
  // Graph commands keep a header cache under XDG_CACHE_HOME (else ~/.cache):
  // every migrate the tests start inherits a scratch one instead.
  std::string cache =
      (std::filesystem::temp_directory_path() / "migrate-itest-cache-XXXXXX").string();
  const bool scratch = ::mkdtemp(cache.data()) != nullptr;
  if (scratch) ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  doctest::Context context(argc, argv);
  const int code = context.run();
  if (scratch) {
    std::error_code ec;
    std::filesystem::remove_all(cache, ec);
  }
  return code;
}
