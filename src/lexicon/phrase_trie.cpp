#include "lexicon/phrase_trie.hpp"

#include <algorithm>

namespace newsgraph {

void PhraseTrie::add(const std::vector<std::uint32_t>& keys, std::uint32_t payload) {
  if (keys.empty() || std::find(keys.begin(), keys.end(), Vocabulary::kUnknown) != keys.end()) return;
  std::uint32_t node = 0;
  for (const std::uint32_t key : keys) {
    if (const std::uint32_t next = child(node, key); next != 0) {
      node = next;
      continue;
    }
    const auto next = static_cast<std::uint32_t>(payloads_.size());
    payloads_.emplace_back();
    if (node == 0) {
      if (root_.size() <= key) root_.resize(key + 1, 0);
      root_[key] = next;
    } else {
      edges_.emplace(edge(node, key), next);
    }
    node = next;
  }
  auto& p = payloads_[node];
  if (std::find(p.begin(), p.end(), payload) == p.end()) p.push_back(payload);
}

}  // namespace newsgraph
