#pragma once
// Word ids: every word the lexicons know gets a small integer, so a token is
// hashed once (when the sentence is tokenised) and every later lookup (phrase
// tries, word classes) compares integers instead of strings.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph {

class Vocabulary {
 public:
  // Id 0 is no word: what find() returns for a word the lexicons never added.
  static constexpr std::uint32_t kUnknown = 0;

  // The id of `word`, added when new. Ids are dense: 1, 2, 3, ... in the order added.
  std::uint32_t add(std::string_view word);
  // The id of `word`, or kUnknown.
  std::uint32_t find(std::string_view word) const {
    if (slots_.empty()) return kUnknown;
    const std::uint64_t h = hash(word);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == kUnknown) return kUnknown;
      if (s.tag == tag && words_[s.id - 1] == word) return s.id;
    }
  }
  // One more than the largest id: a vector of this size can be indexed by any id.
  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(words_.size()) + 1; }

 private:
  // Every token of every article is looked up here, most of them words no
  // lexicon has: an open-addressing table of (hash tag, id) pairs answers a
  // miss mostly without touching a string, and FNV-1a is cheap on short words.
  struct Slot {
    std::uint32_t tag = 0;  // the hash's high half
    std::uint32_t id = kUnknown;
  };
  static std::uint64_t hash(std::string_view word) noexcept {
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : word) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h ^ (h >> 29);  // the low bits index the table: mix the high ones in
  }
  void insert_slot(std::uint64_t h, std::uint32_t id);
  void grow();

  std::vector<std::string> words_;  // by id - 1
  std::vector<Slot> slots_;         // power-of-two size, at most half full
  std::size_t mask_ = 0;
};

}  // namespace newsgraph
