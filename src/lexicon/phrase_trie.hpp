#pragma once
// Token-sequence dictionary: finds the longest lexicon phrase starting at a
// token. One trie holds every phrase of one matching mode, so a sentence is
// scanned once per mode, not once per entry.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/tokenizer.hpp"

namespace newsgraph {

class PhraseTrie {
 public:
  // Adds a phrase given as token keys (already case-folded or not, as the
  // caller matches) with a payload id.
  void add(const std::vector<std::string>& keys, std::uint32_t payload);
  // Longest match at tokens[start]: returns the token count (0 = none) and
  // fills payloads. key_of(token) gives the key each token is looked up by;
  // it may return a std::string_view (or a reference) to spare a copy per token.
  template <typename KeyOf>
  std::size_t longest(const std::vector<Token>& tokens, std::size_t start, KeyOf key_of,
                      const std::vector<std::uint32_t>** payloads) const {
    std::uint32_t node = 0;
    std::size_t best = 0;
    *payloads = nullptr;
    for (std::size_t i = start; i < tokens.size(); ++i) {
      const auto& next = nodes_[node].next;
      const auto it = next.find(key_of(tokens[i]));
      if (it == next.end()) break;
      node = it->second;
      if (!nodes_[node].payloads.empty()) {
        best = i - start + 1;
        *payloads = &nodes_[node].payloads;
      }
    }
    return best;
  }
  // The payloads of the one-key phrase `key`, or null when there is none.
  const std::vector<std::uint32_t>* word(std::string_view key) const {
    const auto& next = nodes_[0].next;
    const auto it = next.find(key);
    return it == next.end() || nodes_[it->second].payloads.empty() ? nullptr : &nodes_[it->second].payloads;
  }
  bool empty() const { return nodes_.size() <= 1; }

 private:
  // Lets find() take a std::string_view: looking a token up builds no string.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
  };
  struct Node {
    std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> next;
    std::vector<std::uint32_t> payloads;
  };
  std::vector<Node> nodes_{1};
};

}  // namespace newsgraph
