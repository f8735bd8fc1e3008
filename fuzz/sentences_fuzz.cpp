// Normalised text of any shape through the sentence splitter (with the real
// abbreviation list): spans in order, inside the text, trimmed, never empty,
// never across a line break, never cutting a UTF-8 character.
#include <string>

#include "fuzz_check.hpp"
#include "text/sentences.hpp"
#include "text/utf8.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

using namespace newsgraph;
using fuzz::check;

namespace {

const SentenceSplitter& splitter() {
  static const SentenceSplitter s = SentenceSplitter::from_file(data_path("data/abbreviations.txt"));
  return s;
}

bool char_start(std::string_view text, std::size_t i) {
  return i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  splitter();  // a broken data file fails here, once, not as a "crash" per input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  NormalisedText normalised;
  try {
    normalised = normalise_text(fuzz::bytes(data, size), "fuzz");
  } catch (const InputError&) {
    return 0;  // the splitter only ever sees normalised text
  }
  const std::string& text = normalised.text;
  std::size_t previous_end = 0;
  for (const Sentence& s : splitter().split(text)) {
    const Span span = s.span;
    check(span.begin < span.end, "a sentence is never empty");
    check(span.end <= text.size(), "a sentence lies inside the text");
    check(span.begin >= previous_end, "sentences are in order and never overlap");
    check(!blank(text[span.begin]) && !blank(text[span.end - 1]), "a sentence is trimmed");
    check(text.substr(span.begin, span.end - span.begin).find('\n') == std::string::npos,
          "a line break always ends a sentence");
    check(char_start(text, span.begin) && char_start(text, span.end), "a sentence never cuts a character");
    previous_end = span.end;
  }
  return 0;
}
