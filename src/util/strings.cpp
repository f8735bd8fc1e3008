#include "util/strings.hpp"

#include <cstdio>

namespace newsgraph {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (is_ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string xml_escaped(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  return ascii_lower(s.substr(0, prefix.size())) == ascii_lower(prefix);
}

namespace {

// Latin-1 supplement letters (U+00C0..U+00FF) folded to ASCII.
const char* latin1_fold(unsigned cp) {
  static const char* table[64] = {"a", "a", "a", "a", "a",  "a",  "ae", "c", "e", "e", "e",  "e", "i",
                                  "i", "i", "i", "d", "n",  "o",  "o",  "o", "o", "o", "x",  "o", "u",
                                  "u", "u", "u", "y", "th", "ss", "a",  "a", "a", "a", "a",  "a", "ae",
                                  "c", "e", "e", "e", "e",  "i",  "i",  "i", "i", "d", "n",  "o", "o",
                                  "o", "o", "o", "-", "o",  "u",  "u",  "u", "u", "y", "th", "y"};
  if (cp >= 0xC0 && cp <= 0xFF) return table[cp - 0xC0];
  return nullptr;
}

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i.
// An invalid byte b comes back as 0xDC00 + b (a lone surrogate, as Python's
// surrogateescape does), so it can never pass for a real letter.
unsigned next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xDC00 + b0;
  }
  unsigned cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xDC00 + b0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

// Combining marks (accents written after their letter, as in decomposed
// "e\u0301"): dropped, so "José" slugs alike however its é is encoded.
bool is_combining_mark(unsigned cp) {
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

}  // namespace

std::string slugify(std::string_view s) {
  std::string out;
  bool dash = false;
  auto put = [&](std::string_view piece) {
    if (dash && !out.empty()) out += '-';
    dash = false;
    out += piece;
  };
  for (std::size_t i = 0; i < s.size();) {
    const unsigned cp = next_code_point(s, i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (is_ascii_alpha(c) || is_ascii_digit(c)) {
        const char lower = is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
        put(std::string_view(&lower, 1));
      } else if (c != '\'') {
        dash = true;
      }
    } else if (const char* folded = latin1_fold(cp); folded && folded[0] != '-' && folded[0] != 'x') {
      put(folded);
    } else if (cp == 0xD7 || cp == 0xF7) {
      dash = true;
    } else if (is_combining_mark(cp)) {
      continue;
    } else {
      char hex[16];
      std::snprintf(hex, sizeof hex, "u%x", cp);
      put(hex);
    }
  }
  return out.empty() ? std::string("x") : out;
}

std::string fold_key(std::string_view s) {
  std::string slug = slugify(s);
  std::string out;
  for (char c : slug) {
    if (c != '-') out += c;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace newsgraph
