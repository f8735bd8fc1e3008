#pragma once
// Word ids: every word the lexicons know gets a small integer, so a token is
// hashed once (when the sentence is tokenised) and every later lookup (phrase
// tries, word classes) compares integers instead of strings.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace newsgraph {

class Vocabulary {
 public:
  // Id 0 is no word: what find() returns for a word the lexicons never added.
  static constexpr std::uint32_t kUnknown = 0;

  // The id of `word`, added when new. Ids are dense: 1, 2, 3, ... in the order added.
  std::uint32_t add(std::string_view word);
  // The id of `word`, or kUnknown.
  std::uint32_t find(std::string_view word) const {
    const auto it = ids_.find(word);
    return it == ids_.end() ? kUnknown : it->second;
  }
  // One more than the largest id: a vector of this size can be indexed by any id.
  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(ids_.size()) + 1; }

 private:
  // Lets find() take a std::string_view: looking a token up builds no string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
};

}  // namespace newsgraph
