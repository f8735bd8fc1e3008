#include "lexicon/vocabulary.hpp"

namespace newsgraph {

std::uint32_t Vocabulary::add(std::string_view word) {
  if (const std::uint32_t id = find(word); id != kUnknown) return id;
  const std::uint32_t id = size();
  ids_.emplace(std::string(word), id);
  return id;
}

}  // namespace newsgraph
