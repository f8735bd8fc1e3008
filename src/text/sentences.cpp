#include "text/sentences.hpp"

#include <fstream>
#include <sstream>

#include "text/dates.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_terminal(char c) { return c == '.' || c == '!' || c == '?'; }
bool is_closer(char c) { return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}'; }
bool is_opener(char c) { return c == '"' || c == '\'' || c == '(' || c == '['; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Full-width terminal punctuation (。！？) and closing brackets (」』）) of CJK text.
constexpr std::string_view kWideTerminals[] = {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F"};
constexpr std::string_view kWideClosers[] = {"\xE3\x80\x8D", "\xE3\x80\x8F", "\xEF\xBC\x89"};

template <std::size_t N>
std::size_t match_any(std::string_view text, std::size_t i, const std::string_view (&options)[N]) {
  for (std::string_view o : options) {
    if (text.substr(i, o.size()) == o) return o.size();
  }
  return 0;
}

// Decodes the code point at text[i] (text is valid UTF-8 after normalisation).
char32_t code_point_at(std::string_view text, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  const int length = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  char32_t cp = b0 & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
  for (int k = 1; k < length && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
  return cp;
}

// Whether a non-ASCII letter can begin a sentence: a capital of Latin, Greek
// or Cyrillic, or any character of a script without case (CJK, Arabic, ...).
bool non_ascii_can_start(char32_t cp) {
  if (cp < 0xC0) return false;                                        // Latin-1 punctuation and signs
  if (cp <= 0xDE) return cp != 0xD7;                                  // À..Þ, not ×
  if (cp <= 0xFF) return false;                                       // ß..ÿ
  if (cp <= 0x137) return cp % 2 == 0;                                // Ā ā .. Ķ ķ
  if (cp <= 0x148) return cp % 2 == 1;                                // Ĺ ĺ .. Ň ň
  if (cp <= 0x177) return cp % 2 == 0;                                // Ŋ ŋ .. Ŷ ŷ
  if (cp <= 0x17F) return cp == 0x178 || cp % 2 == 1;                 // Ÿ Ź ź .. Ž ž
  if (cp >= 0x370 && cp <= 0x3FF) return cp >= 0x386 && cp <= 0x3AB;  // Greek capitals
  if (cp >= 0x400 && cp <= 0x4FF) return cp <= 0x42F;                 // Cyrillic capitals
  return cp >= 0x180;
}

// What may begin a new sentence after ". ": a capital, a digit, an opening quote or bracket.
bool can_start_sentence(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (is_ascii_upper(c) || is_ascii_digit(c) || is_opener(c)) return true;
  return static_cast<unsigned char>(c) >= 0x80 && non_ascii_can_start(code_point_at(text, i));
}

// Looking further than this around a period finds no abbreviation or URL
// worth knowing and would make a long run without spaces quadratic.
constexpr std::size_t kMaxToken = 64;
constexpr std::size_t kMaxLink = 512;

// The word before a period, with the period: "Gen." in "(Gen. Smith", "U.S." in "the U.S. said".
std::string_view token_ending_at(std::string_view text, std::size_t begin, std::size_t period) {
  std::size_t start = period;
  while (start > begin && period - start < kMaxToken && !is_blank(text[start - 1]) &&
         !is_opener(text[start - 1]))
    --start;
  return text.substr(start, period + 1 - start);
}

// "F." and "U.S." and "J.R.R.": single capitals each followed by a period.
bool is_initials(std::string_view token) {
  if (token.size() < 2 || token.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < token.size(); i += 2) {
    if (!is_ascii_upper(token[i]) || token[i + 1] != '.') return false;
  }
  return true;
}

// A word that keeps a time abbreviation inside its sentence: "11 a.m. Thursday",
// "9 p.m. June 5", "10 a.m. GMT" (a time zone: 2-4 capitals ending in T, or UTC).
bool continues_time(std::string_view text, std::size_t i, std::size_t end) {
  std::size_t j = i;
  while (j < end && is_ascii_alpha(text[j])) ++j;
  const std::string_view word = text.substr(i, j - i);
  if (weekday_number(word) != 0 || month_number(word) != 0) return true;
  if (word == "UTC") return true;
  if (word.size() < 2 || word.size() > 4 || word.back() != 'T') return false;
  for (char c : word) {
    if (!is_ascii_upper(c)) return false;
  }
  return true;
}

// A whitespace-delimited token that is a URL, an address or a path: periods
// inside it are not sentence ends.
bool inside_link(std::string_view text, std::size_t begin, std::size_t end, std::size_t i) {
  std::size_t a = i, b = i;
  while (a > begin && i - a < kMaxLink && !is_blank(text[a - 1])) --a;
  while (b < end && b - i < kMaxLink && !is_blank(text[b])) ++b;
  const std::string_view token = text.substr(a, b - a);
  return token.find("://") != std::string_view::npos || token.find("www.") != std::string_view::npos ||
         token.find('@') != std::string_view::npos || token.find('/') != std::string_view::npos;
}

void push_trimmed(std::string_view text, std::size_t begin, std::size_t end, std::vector<Sentence>& out) {
  while (begin < end && is_blank(text[begin])) ++begin;
  while (end > begin && is_blank(text[end - 1])) --end;
  if (begin < end) out.push_back(Sentence{Span{begin, end}});
}

std::vector<std::string> read_entries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Location{path}, "cannot read the abbreviation list");
  std::vector<std::string> entries;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view entry = trim(std::string_view(line).substr(0, line.find('#')));
    if (entry.empty()) continue;
    std::istringstream words{std::string(entry)};
    std::string abbreviation, kind, extra;
    words >> abbreviation >> kind >> extra;
    if (!extra.empty() || (!kind.empty() && kind != "time")) {
      throw InputError(Location{path, number}, "expected an abbreviation and an optional class \"time\"");
    }
    entries.emplace_back(entry);
  }
  return entries;
}

}  // namespace

SentenceSplitter::SentenceSplitter(const std::vector<std::string>& abbreviations) {
  for (const std::string& entry : abbreviations) {
    std::istringstream words(entry);
    std::string abbreviation, kind;
    words >> abbreviation >> kind;
    if (abbreviation.empty()) continue;
    if (kind.empty()) {
      abbreviations_.insert(abbreviation);
    } else if (kind == "time") {
      time_abbreviations_.insert(abbreviation);
    } else {
      throw UsageError("abbreviation \"" + abbreviation + "\": unknown class \"" + kind + "\"");
    }
  }
}

SentenceSplitter SentenceSplitter::from_file(const std::string& path) {
  return SentenceSplitter(read_entries(path));
}

bool SentenceSplitter::is_abbreviation(const WordSet& set, std::string_view token) const {
  if (set.find(token) != set.end()) return true;
  // A sentence-initial "E.g." or "Etc." is the listed "e.g." or "etc.".
  if (token.empty() || !is_ascii_upper(token[0])) return false;
  std::string lowered(token);
  lowered[0] = static_cast<char>(lowered[0] - 'A' + 'a');
  return set.find(lowered) != set.end();
}

// A single '.' at `period`, with whitespace and then a possible sentence start
// at `next_word`: a sentence end unless the word before it is an abbreviation.
bool SentenceSplitter::ends_sentence(std::string_view text, std::size_t line_begin, std::size_t line_end,
                                     std::size_t period, std::size_t next_word) const {
  const std::string_view token = token_ending_at(text, line_begin, period);
  if (token.size() == 1) return true;  // a period after a space or a quote
  if (is_abbreviation(abbreviations_, token) || is_initials(token)) return false;
  if (is_abbreviation(time_abbreviations_, token)) {
    return !continues_time(text, next_word, line_end);
  }
  return true;
}

void SentenceSplitter::split_line(std::string_view text, std::size_t begin, std::size_t end,
                                  std::vector<Sentence>& out) const {
  std::size_t start = begin;
  std::size_t i = begin;
  while (i < end) {
    const char c = text[i];
    const auto lead = static_cast<unsigned char>(c);
    const bool maybe_wide = lead == 0xE3 || lead == 0xEF;  // first byte of 。 or ！？
    if (const std::size_t wide = maybe_wide ? match_any(text, i, kWideTerminals) : 0; wide > 0) {
      std::size_t k = i + wide;
      while (k < end) {
        const std::size_t closer = is_closer(text[k]) ? 1 : match_any(text, k, kWideClosers);
        if (closer == 0) break;
        k += closer;
      }
      push_trimmed(text, start, k, out);
      start = i = k;
      continue;
    }
    if (!is_terminal(c)) {
      ++i;
      continue;
    }
    std::size_t j = i;  // past a run of terminals: "?!", "..."
    while (j < end && is_terminal(text[j])) ++j;
    std::size_t k = j;  // past closing quotes and brackets: `mistake."`
    while (k < end && is_closer(text[k])) ++k;
    const bool single_period = c == '.' && j == i + 1 && k == j;
    if (k < end && is_blank(text[k])) {
      std::size_t next = k;
      while (next < end && is_blank(text[next])) ++next;
      if (next < end && can_start_sentence(text, next) &&
          (!single_period || ends_sentence(text, begin, end, i, next))) {
        push_trimmed(text, start, k, out);
        start = next;
      }
    } else if (single_period && i + 2 < end && is_ascii_upper(text[i + 1]) && is_lower(text[i + 2])) {
      // Glued: "the staff.The soldiers". The word before must be a lowercase
      // word ("staff", "News"), not an initial, acronym, abbreviation or URL.
      std::size_t w = i, lowercase = 0;
      while (w > begin && lowercase < 2 && is_ascii_alpha(text[w - 1]))
        lowercase += is_lower(text[--w]) ? 1 : 0;
      if (lowercase >= 2 && !is_abbreviation(abbreviations_, token_ending_at(text, begin, i)) &&
          !inside_link(text, begin, end, i)) {
        push_trimmed(text, start, i + 1, out);
        start = i + 1;
      }
    }
    i = k;
  }
  push_trimmed(text, start, end, out);
}

std::vector<Sentence> SentenceSplitter::split(std::string_view text) const {
  std::vector<Sentence> out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    split_line(text, begin, end, out);
    begin = end + 1;
  }
  return out;
}

}  // namespace newsgraph
