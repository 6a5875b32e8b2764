// The model loader (core/model/model): schema.yaml text -> Schema.
#include "core/model/model.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  fuzz::only_input_errors([&] {
    migrate::load_model_text(fuzz::text(data, size), "schema.yaml", migrate::NamingConvention{});
  });
  return 0;
}
