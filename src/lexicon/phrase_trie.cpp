#include "lexicon/phrase_trie.hpp"

#include <algorithm>

namespace newsgraph {

void PhraseTrie::add(const std::vector<std::string>& keys, std::uint32_t payload) {
  if (keys.empty()) return;
  std::uint32_t node = 0;
  for (const auto& key : keys) {
    const auto it = nodes_[node].next.find(key);
    if (it != nodes_[node].next.end()) {
      node = it->second;
      continue;
    }
    const auto child = static_cast<std::uint32_t>(nodes_.size());
    nodes_[node].next.emplace(key, child);
    nodes_.emplace_back();
    node = child;
  }
  auto& p = nodes_[node].payloads;
  if (std::find(p.begin(), p.end(), payload) == p.end()) p.push_back(payload);
}

}  // namespace newsgraph
