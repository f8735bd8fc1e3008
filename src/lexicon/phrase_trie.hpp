#pragma once
// Token-sequence dictionary: finds the longest lexicon phrase starting at a
// token. One trie holds every phrase of one matching mode, so a sentence is
// scanned once per mode, not once per entry. Keys are word ids (see
// vocabulary.hpp): the tokens are looked up in the vocabulary once, and a
// step through the trie compares integers.
#include <cstdint>
#include <vector>

#include "lexicon/tokenizer.hpp"
#include "lexicon/vocabulary.hpp"

namespace newsgraph {

class PhraseTrie {
 public:
  // Adds a phrase given as word ids (of keys already case-folded or not, as
  // the caller matches) with a payload id. Vocabulary::kUnknown is no key.
  void add(const std::vector<std::uint32_t>& keys, std::uint32_t payload);
  // Longest match at tokens[start]: returns the token count (0 = none) and
  // fills payloads. id_of(token) gives the word id each token is looked up
  // by (e.g. Token::word for lowercase keys).
  template <typename IdOf>
  std::size_t longest(const std::vector<Token>& tokens, std::size_t start, IdOf id_of,
                      const std::vector<std::uint32_t>** payloads) const {
    std::uint32_t node = 0;
    std::size_t best = 0;
    *payloads = nullptr;
    for (std::size_t i = start; i < tokens.size(); ++i) {
      node = child(node, id_of(tokens[i]));
      if (node == 0) break;
      if (!payloads_[node].empty()) {
        best = i - start + 1;
        *payloads = &payloads_[node];
      }
    }
    return best;
  }
  // The payloads of the one-key phrase `key`, or null when there is none.
  const std::vector<std::uint32_t>* word(std::uint32_t key) const {
    const std::uint32_t node = child(0, key);
    return node == 0 || payloads_[node].empty() ? nullptr : &payloads_[node];
  }
  bool empty() const { return payloads_.size() <= 1; }

 private:
  // The node reached from `node` by `key`; 0 (the root, never a child) when none.
  std::uint32_t child(std::uint32_t node, std::uint32_t key) const {
    if (node == 0) return key < root_.size() ? root_[key] : 0;
    if (edges_.empty()) return 0;
    const std::uint64_t e = edge(node, key);
    for (std::size_t i = slot_of(e);; i = (i + 1) & (edges_.size() - 1)) {
      if (edges_[i].edge == e) return edges_[i].child;
      if (edges_[i].edge == 0) return 0;
    }
  }
  static std::uint64_t edge(std::uint32_t node, std::uint32_t key) {
    return (static_cast<std::uint64_t>(node) << 32) | key;
  }
  std::size_t slot_of(std::uint64_t e) const {
    return static_cast<std::size_t>((e * 0x9E3779B97F4A7C15ull) >> 32) & (edges_.size() - 1);
  }
  void add_edge(std::uint64_t e, std::uint32_t to);

  // Every token is looked up at the root, so its children are a table
  // indexed by word id; deeper nodes have few children, kept in one
  // open-addressing table (edge 0, from the root, marks an empty slot; a
  // power-of-two size, at most half full): a step is a probe or two in one array.
  struct Edge {
    std::uint64_t edge = 0;  // edge(node, key)
    std::uint32_t child = 0;
  };
  std::vector<std::uint32_t> root_;
  std::vector<Edge> edges_;
  std::size_t edge_count_ = 0;
  std::vector<std::vector<std::uint32_t>> payloads_{1};  // per node
};

}  // namespace newsgraph
