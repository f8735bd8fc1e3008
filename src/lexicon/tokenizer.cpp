#include "lexicon/tokenizer.hpp"

#include "util/strings.hpp"

namespace newsgraph {

namespace {

bool is_word_byte(unsigned char c) {
  return c >= 0x80 || is_ascii_alpha(static_cast<char>(c)) || is_ascii_digit(static_cast<char>(c));
}
bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of a dotted initialism starting at i ("U.S.", "a.m.", "U.S.A."), 0 if none.
std::size_t initialism_length(std::string_view s, std::size_t i, std::size_t end) {
  std::size_t j = i;
  int letters = 0;
  while (j + 1 < end && is_ascii_alpha(s[j]) && s[j + 1] == '.' &&
         (j + 2 >= end || !is_ascii_alpha(s[j + 2]) || j + 3 >= end || s[j + 3] == '.' ||
          !is_word_byte(static_cast<unsigned char>(s[j + 3])))) {
    ++letters;
    j += 2;
  }
  if (letters >= 2 && (j >= end || !is_word_byte(static_cast<unsigned char>(s[j])))) return j - i;
  return 0;
}

std::size_t number_length(std::string_view s, std::size_t i, std::size_t end) {
  std::size_t j = i;
  while (j < end) {
    if (is_ascii_digit(s[j])) {
      ++j;
    } else if ((s[j] == ',' || s[j] == '.') && j + 1 < end && is_ascii_digit(s[j + 1]) && j > i) {
      ++j;
    } else {
      break;
    }
  }
  return j - i;
}

std::size_t word_length(std::string_view s, std::size_t i, std::size_t end) {
  std::size_t j = i;
  while (j < end) {
    const auto c = static_cast<unsigned char>(s[j]);
    if (is_word_byte(c)) {
      ++j;
    } else if (c == '\'' && j + 1 < end && is_word_byte(static_cast<unsigned char>(s[j + 1]))) {
      // "'s" followed by a non-letter is a possessive: stop before it.
      if ((s[j + 1] == 's' || s[j + 1] == 'S') &&
          (j + 2 >= end || !is_word_byte(static_cast<unsigned char>(s[j + 2])))) {
        break;
      }
      ++j;
    } else {
      break;
    }
  }
  return j - i;
}

// One pass over the surface: the flags, and `lower` written in place (no
// temporary string: this runs on every token of every article).
void set_flags(Token& t, std::string_view surface) {
  t.lower.assign(surface);
  const auto c0 = static_cast<unsigned char>(surface[0]);
  t.is_word = is_word_byte(c0);
  t.capitalised = is_ascii_upper(surface[0]) || (c0 >= 0xC3 && c0 <= 0xC3 && surface.size() > 1 &&
                                                 static_cast<unsigned char>(surface[1]) < 0x9F);
  int letters = 0;
  int upper = 0;
  for (char& c : t.lower) {
    if (is_ascii_alpha(c)) {
      ++letters;
      if (is_ascii_upper(c)) {
        ++upper;
        c = static_cast<char>(c - 'A' + 'a');
      }
    }
    if (is_ascii_digit(c)) t.has_digit = true;
  }
  t.all_caps = letters >= 2 && upper == letters;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s, std::size_t begin, std::size_t end) {
  std::vector<Token> out;
  out.reserve((end - begin) / 5 + 4);
  std::size_t i = begin;
  bool space_before = true;
  while (i < end) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (is_space(c)) {
      space_before = true;
      ++i;
      continue;
    }
    std::size_t len = 0;
    if (is_ascii_digit(static_cast<char>(c))) {
      len = number_length(s, i, end);
      len += word_length(s, i + len, end);  // "21-gun" -> "21" "-" "gun"; "1990s" stays whole
    } else if (is_word_byte(c)) {
      len = initialism_length(s, i, end);
      if (len == 0) len = word_length(s, i, end);
    } else if (c == '\'' && i + 1 < end && (s[i + 1] == 's' || s[i + 1] == 'S') &&
               (i + 2 >= end || !is_word_byte(static_cast<unsigned char>(s[i + 2])))) {
      len = 2;  // possessive 's
    }
    if (len == 0) len = 1;
    Token& t = out.emplace_back();
    t.begin = static_cast<std::uint32_t>(i);
    t.end = static_cast<std::uint32_t>(i + len);
    t.glued = !space_before;
    set_flags(t, s.substr(i, len));
    space_before = false;
    i += len;
  }
  return out;
}

}  // namespace newsgraph
