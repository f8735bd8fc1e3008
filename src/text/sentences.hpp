#pragma once
// Normalised article text -> sentence spans.
//
// A line break always ends a sentence (news paragraphs are lines). Inside a
// line, '.', '!' or '?' (and any closing quotes or brackets after it) followed
// by a space and a capital letter, digit or opening quote ends one, except
// after an abbreviation from the list ("Gen.", "U.S."), an initial ("John F.
// Kennedy") or a time abbreviation before a weekday ("11 a.m. Thursday"). A
// period glued to the next sentence ("the staff.The soldiers") also ends one,
// but never inside numbers ("2.5", "$12.5M") or URLs.
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "model/model.hpp"

namespace newsgraph {

class SentenceSplitter {
 public:
  // Entries as in data/abbreviations.txt: the abbreviation with its periods,
  // optionally followed by a class. No class: the period never ends a sentence.
  // "time" ("a.m. time"): it does, unless a weekday, month or time zone follows.
  // Throws UsageError on an unknown class.
  explicit SentenceSplitter(const std::vector<std::string>& abbreviations);

  // Reads one entry per line; '#' starts a comment. Throws InputError when the
  // file cannot be read or a line is malformed (with its line number).
  static SentenceSplitter from_file(const std::string& path);

  // Spans into `text`, in order, trimmed of surrounding whitespace, never empty.
  std::vector<Sentence> split(std::string_view text) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  using WordSet = std::unordered_set<std::string, Hash, std::equal_to<>>;

  void split_line(std::string_view text, std::size_t begin, std::size_t end,
                  std::vector<Sentence>& out) const;
  bool ends_sentence(std::string_view text, std::size_t line_begin, std::size_t line_end, std::size_t period,
                     std::size_t next_word) const;
  bool is_abbreviation(const WordSet& set, std::string_view token) const;

  WordSet abbreviations_;       // the period never ends a sentence
  WordSet time_abbreviations_;  // it does, unless a weekday, month or time zone follows
};

}  // namespace newsgraph
