#pragma once
// Agreement mentions ("the mutual defense pact", "a treaty between Russia and
// North Korea", "the 2018 military accords") and the article's agreements.
#include <vector>

#include "extract/analysis.hpp"

namespace newsgraph::extract {

struct AgreementMention {
  std::size_t first = 0;  // token range of the noun phrase
  std::size_t last = 0;
  std::size_t agreement = 0;  // index into the article's agreements
};

class AgreementTable {
 public:
  std::vector<AgreementFact> agreements;
  // Finds the agreement mentions of a sentence, creating or reusing agreements.
  std::vector<AgreementMention> scan(const ArticleContext& ctx, const SentenceView& s);
  void add_party(std::size_t agreement, const std::string& iso3);

 private:
  std::size_t resolve(const std::string& label, bool specific, const std::vector<std::string>& parties,
                      const std::string& kind);
  std::vector<std::string> labels_;  // lowercase label per agreement, for specific ones
  std::vector<bool> specific_;
  std::optional<std::size_t> salient_;  // the agreement a bare "the pact" refers to
};

}  // namespace newsgraph::extract
