#pragma once
// What every fuzz target holds its code under test to: bad input may only
// ever end in migrate's InputError (exit 2 with file:line). Any other
// exception escaping is a finding, reported as a crash so libFuzzer keeps
// the input; crashes, hangs and leaks the sanitizers and libFuzzer catch.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

#include "core/base/error.hpp"

namespace fuzz {

template <class F>
void only_input_errors(F&& f) {
  try {
    f();
  } catch (const migrate::InputError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: %s escaped: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz: a non-std exception escaped\n");
    std::abort();
  }
}

inline std::string text(const std::uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace fuzz
