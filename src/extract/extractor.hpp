#pragma once
// The extraction stage: one Article in, everything it says out. Driven
// entirely by the Lexicon; holds no state between articles, so articles can
// be extracted in any order or in parallel.
//
// A long article is extracted in windows of whole sentences, about
// `window_bytes` of text each and cut at a paragraph end when one is near, so
// the working set (tokens, entity matches, chunks: 30-40 bytes per byte of
// text) is bounded by the window, not the article. What the article as a
// whole decides is carried from window to window (its persons, organisations,
// agreements, the last actor and speaker), and the states it names are read
// in a first pass over all windows (tokenising a long article twice), so the
// facts are the same as for one window (tested) unless a paragraph is longer
// than a window, where a quote may be cut. An article shorter than the
// window is one window, extracted as ever.
#include <cstddef>

#include "lexicon/lexicon.hpp"
#include "model/model.hpp"
#include "text/sentences.hpp"

namespace newsgraph {

class Extractor {
 public:
  static constexpr std::size_t kWindowBytes = std::size_t{4} << 20;

  explicit Extractor(const Lexicon& lexicon, std::size_t window_bytes = kWindowBytes);
  ArticleFacts extract(Article article) const;

 private:
  const Lexicon& lex_;
  SentenceSplitter splitter_;
  std::size_t window_bytes_;
};

}  // namespace newsgraph
