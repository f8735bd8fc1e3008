#include "lexicon/vocabulary.hpp"

namespace newsgraph {

std::uint32_t Vocabulary::add(std::string_view word) {
  if (const std::uint32_t id = find(word); id != kUnknown) return id;
  if (2 * (words_.size() + 1) > slots_.size()) grow();
  words_.emplace_back(word);
  const std::uint32_t id = size() - 1;
  insert_slot(hash(word), id);
  return id;
}

void Vocabulary::insert_slot(std::uint64_t h, std::uint32_t id) {
  std::size_t i = h & mask_;
  while (slots_[i].id != kUnknown) i = (i + 1) & mask_;
  slots_[i] = Slot{static_cast<std::uint32_t>(h >> 32), id};
}

void Vocabulary::grow() {
  slots_.assign(slots_.empty() ? 64 : 2 * slots_.size(), Slot{});
  mask_ = slots_.size() - 1;
  for (std::uint32_t id = 1; id <= words_.size(); ++id) insert_slot(hash(words_[id - 1]), id);
}

}  // namespace newsgraph
