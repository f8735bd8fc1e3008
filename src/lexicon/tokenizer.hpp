#pragma once
// Splits text into word and punctuation tokens with byte spans. Lexicon
// phrases are tokenised by the same rules, so "U.S.", "al-Qaeda" or
// "South Korea's" match the way they appear in articles.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph {

struct Token {
  std::uint32_t begin = 0;  // byte offsets into the tokenised text
  std::uint32_t end = 0;
  std::string lower;         // ASCII-lowercased surface form
  bool is_word = false;      // letters/digits (vs punctuation)
  bool capitalised = false;  // first character is an uppercase letter
  bool all_caps = false;     // every letter uppercase (and at least two letters)
  bool has_digit = false;
  bool glued = false;         // no whitespace between this token and the previous one
  std::uint32_t classes = 0;  // WordClass bits of `lower`, filled in once by the extractor
  // Vocabulary ids (0: a word no lexicon has) of `lower` and of the surface
  // text, filled in with `classes` (Lexicon::classify).
  std::uint32_t word = 0;
  std::uint32_t surface_word = 0;
};

// Tokenises text[range_begin, range_end). Rules: words are runs of letters
// and digits (non-ASCII bytes count as letters) with internal apostrophes;
// a trailing "'s" or "'" (possessive) is its own token; dotted initialisms
// ("U.S.", "a.m.") are one token; a hyphen between word characters is its
// own glued "-" token; numbers keep internal ',' and '.'; every other
// non-space byte is a one-character punctuation token.
std::vector<Token> tokenize(std::string_view text, std::size_t range_begin, std::size_t range_end);
inline std::vector<Token> tokenize(std::string_view text) { return tokenize(text, 0, text.size()); }

inline std::string_view token_text(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

}  // namespace newsgraph
