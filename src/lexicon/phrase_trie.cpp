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
      add_edge(edge(node, key), next);
    }
    node = next;
  }
  auto& p = payloads_[node];
  if (std::find(p.begin(), p.end(), payload) == p.end()) p.push_back(payload);
}

void PhraseTrie::add_edge(std::uint64_t e, std::uint32_t to) {
  auto place = [this](const Edge& x) {
    std::size_t i = slot_of(x.edge);
    while (edges_[i].edge != 0) i = (i + 1) & (edges_.size() - 1);
    edges_[i] = x;
  };
  if (2 * (edge_count_ + 1) > edges_.size()) {
    std::vector<Edge> old(edges_.empty() ? 16 : 2 * edges_.size());
    old.swap(edges_);
    for (const Edge& x : old) {
      if (x.edge != 0) place(x);
    }
  }
  place(Edge{e, to});
  ++edge_count_;
}

}  // namespace newsgraph
