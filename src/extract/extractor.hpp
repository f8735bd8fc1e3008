#pragma once
// The extraction stage: one Article in, everything it says out. Driven
// entirely by the Lexicon; holds no state between articles, so articles can
// be extracted in any order or in parallel.
#include "lexicon/lexicon.hpp"
#include "model/model.hpp"
#include "text/sentences.hpp"

namespace newsgraph {

class Extractor {
 public:
  explicit Extractor(const Lexicon& lexicon);
  ArticleFacts extract(Article article) const;

 private:
  const Lexicon& lex_;
  SentenceSplitter splitter_;
};

}  // namespace newsgraph
