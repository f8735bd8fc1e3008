#pragma once
// What the fuzz targets share: an invariant check that aborts (libFuzzer then
// saves the input), and the view of the fuzzer's bytes as text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace newsgraph::fuzz {

// A broken promise of the code under test: report it and abort, so the input
// is saved as a crash and becomes a regression test.
inline void check(bool holds, const char* promise) {
  if (holds) return;
  std::fprintf(stderr, "fuzz: broken invariant: %s\n", promise);
  std::abort();
}

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace newsgraph::fuzz
