#include "text/utf8.hpp"

#include <algorithm>
#include <cstdio>

namespace newsgraph {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

unsigned byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

// One decoded UTF-8 sequence, or why the bytes at that position are not one.
struct Decoded {
  char32_t cp = 0;
  std::size_t length = 0;       // 0 = ill-formed
  const char* fault = nullptr;  // set when length == 0
};

// Decodes the sequence starting at s[i] by the well-formedness table of the
// Unicode standard (3.9, table 3-7): this rejects overlongs, surrogates,
// code points above U+10FFFF, stray continuation bytes and truncation.
Decoded decode(std::string_view s, std::size_t i) {
  const unsigned b0 = byte_at(s, i);
  if (b0 < 0x80) return {b0, 1, nullptr};
  if (b0 < 0xC0) return {0, 0, "unexpected continuation byte"};
  if (b0 < 0xC2) return {0, 0, "overlong encoding"};
  if (b0 > 0xF4) return {0, 0, "byte that never occurs in UTF-8"};
  std::size_t length = 4;
  char32_t cp = b0 & 0x07;
  unsigned low = 0x80, high = 0xBF;  // allowed range of the second byte
  const char* range_fault = "overlong encoding";
  if (b0 < 0xE0) {
    length = 2;
    cp = b0 & 0x1F;
  } else if (b0 < 0xF0) {
    length = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) low = 0xA0;
    if (b0 == 0xED) high = 0x9F, range_fault = "UTF-16 surrogate code point";
  } else {
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F, range_fault = "code point above U+10FFFF";
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= s.size()) return {0, 0, "truncated sequence at end of input"};
    const unsigned b = byte_at(s, i + k);
    if ((b & 0xC0) != 0x80) return {0, 0, "truncated sequence"};
    if (k == 1 && (b < low || b > high)) return {0, 0, range_fault};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, length, nullptr};
}

// "invalid UTF-8 (overlong encoding: bytes 0xC0 0xAF)": up to four bytes shown.
TextFault utf8_fault(std::string_view s, std::size_t i, const char* what) {
  std::string reason = std::string("invalid UTF-8 (") + what + ": bytes";
  const std::size_t end = std::min(s.size(), i + 4);
  for (std::size_t k = i; k < end; ++k) {
    if (k > i && (byte_at(s, k) & 0xC0) != 0x80) break;
    char hex[8];
    std::snprintf(hex, sizeof hex, " 0x%02X", byte_at(s, k));
    reason += hex;
  }
  reason += ')';
  return {i, reason};
}

TextFault nul_fault(std::size_t i) { return {i, "NUL byte: this looks like a binary file, not UTF-8 text"}; }

bool is_unicode_space(char32_t cp) {
  return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

// Soft hyphen, zero-width space, word joiner, zero-width no-break space (a BOM
// inside the text). ZWJ/ZWNJ stay: they shape Arabic, Persian, Indic and emoji.
bool is_invisible(char32_t cp) { return cp == 0x00AD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF; }

bool is_line_separator(char32_t cp) { return cp == 0x0085 || cp == 0x2028 || cp == 0x2029; }

bool is_double_quote(char32_t cp) {
  return cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x00AB || cp == 0x00BB ||
         cp == 0x2033;
}

bool is_single_quote(char32_t cp) {
  return cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0x2032;
}

// Joining dashes become '-' between two words; U+2010/U+2011 are hyphens proper.
bool is_en_dash(char32_t cp) { return cp == 0x2012 || cp == 0x2013; }
bool is_hyphen(char32_t cp) { return cp == 0x2010 || cp == 0x2011; }
bool is_em_dash(char32_t cp) { return cp == 0x2014 || cp == 0x2015; }

// Whether the character at s[i] reads as a space (or there is none).
bool space_or_end_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return true;
  const unsigned b = byte_at(s, i);
  if (b == ' ' || b == '\t' || b == '\n' || b == '\r') return true;
  if (b < 0x80) return false;
  const Decoded d = decode(s, i);
  return d.length > 0 && (is_unicode_space(d.cp) || is_line_separator(d.cp));
}

// The single pass. Output never needs more room than the input, so reserving
// raw.size() up front means no reallocation and no per-character allocation.
class Normaliser {
 public:
  Normaliser(std::string_view raw, NormalisedText& out)
      : raw_(raw), text_(out.text), offset_(out.original_offset) {
    text_.clear();
    offset_ = OffsetMap{};
    text_.reserve(raw.size());
  }

  std::optional<TextFault> run() {
    std::size_t i = raw_.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
    while (i < raw_.size()) {
      const unsigned b = byte_at(raw_, i);
      if (b >= 0x80) {
        const Decoded d = decode(raw_, i);
        if (d.length == 0) return utf8_fault(raw_, i, d.fault);
        put_code_point(d, i);
        i += d.length;
      } else if (b == 0) {
        return nul_fault(i);
      } else if (b == '\r') {
        line_break(i);
        i += (i + 1 < raw_.size() && raw_[i + 1] == '\n') ? 2 : 1;
      } else if (b == '\n') {
        line_break(i);
        ++i;
      } else if (b == ' ' || b == '\t') {
        space(static_cast<char>(b), i);
        ++i;
      } else {
        visible(static_cast<char>(b), i);
        i = copy_ascii_run(i + 1);
      }
    }
    offset_.append(raw_.size());
    return std::nullopt;
  }

 private:
  void put(char c, std::size_t from) {
    text_.push_back(c);
    offset_.append(from);
  }

  // The common case: printable ASCII and spaces copied in bulk up to the next
  // byte that needs a decision.
  std::size_t copy_ascii_run(std::size_t i) {
    const std::size_t start = i;
    while (i < raw_.size()) {
      const unsigned b = byte_at(raw_, i);
      if (b < 0x20 || b >= 0x80) break;
      ++i;
    }
    text_.append(raw_.data() + start, i - start);
    offset_.append(start, i - start);
    return i;
  }

  // A visible character: first the space owed after a spaced dash.
  void visible(char c, std::size_t from) {
    if (dash_gap_) {
      put(' ', dash_from_);
      dash_gap_ = false;
    }
    put(c, from);
  }

  void space(char c, std::size_t from) {
    if (!dash_gap_) put(c, from);
  }

  void line_break(std::size_t from) {
    dash_gap_ = false;  // no space owed at the end of a line
    put('\n', from);
  }

  // " - " with exactly one space each side: spaces already written before the
  // dash are dropped, spaces after it skipped, and one space is written when
  // the next visible character comes (none at a line end).
  void spaced_dash(std::size_t from) {
    if (dash_gap_) return;  // "——" or "— –" is one dash
    while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t')) {
      text_.pop_back();
      offset_.pop_back();
    }
    if (!text_.empty() && text_.back() != '\n') put(' ', from);
    put('-', from);
    dash_gap_ = true;
    dash_from_ = from;
  }

  void put_code_point(const Decoded& d, std::size_t from) {
    const char32_t cp = d.cp;
    if (is_invisible(cp)) return;
    if (is_unicode_space(cp)) return space(' ', from);
    if (is_line_separator(cp)) return line_break(from);
    if (is_double_quote(cp)) return visible('"', from);
    if (is_single_quote(cp)) return visible('\'', from);
    if (is_hyphen(cp)) return visible('-', from);
    if (is_em_dash(cp)) return spaced_dash(from);
    if (is_en_dash(cp)) {
      const bool joined = !dash_gap_ && !text_.empty() && text_.back() != ' ' && text_.back() != '\t' &&
                          text_.back() != '\n' && !space_or_end_at(raw_, from + d.length);
      return joined ? visible('-', from) : spaced_dash(from);
    }
    if (cp == 0x2026) {
      visible('.', from);
      put('.', from);
      return put('.', from);
    }
    visible(raw_[from], from);
    for (std::size_t k = 1; k < d.length; ++k) put(raw_[from + k], from + k);
  }

  std::string_view raw_;
  std::string& text_;
  OffsetMap& offset_;
  bool dash_gap_ = false;      // a spaced dash was written; its trailing space is owed
  std::size_t dash_from_ = 0;  // raw offset of that dash
};

}  // namespace

std::optional<TextFault> find_text_fault(std::string_view raw) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const unsigned b = byte_at(raw, i);
    if (b == 0) return nul_fault(i);
    if (b < 0x80) {
      ++i;
      continue;
    }
    const Decoded d = decode(raw, i);
    if (d.length == 0) return utf8_fault(raw, i, d.fault);
    i += d.length;
  }
  return std::nullopt;
}

Location locate_offset(std::string_view raw, std::size_t offset, const std::string& file) {
  Location where{file, 1, 1, offset, true};
  std::size_t i = (offset >= kBom.size() && raw.substr(0, kBom.size()) == kBom) ? kBom.size() : 0;
  for (; i < offset && i < raw.size(); ++i) {
    const unsigned b = byte_at(raw, i);
    const bool crlf = b == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n';
    if ((b == '\n' || b == '\r') && !crlf) {
      ++where.line;
      where.column = 1;
    } else if (!crlf && (b & 0xC0) != 0x80) {
      ++where.column;  // count characters, not bytes: continuation bytes add nothing
    }
  }
  return where;
}

NormalisedText normalise_text(std::string_view raw, const std::string& origin) {
  NormalisedText out;
  if (const auto fault = Normaliser(raw, out).run()) {
    throw InputError(locate_offset(raw, fault->offset, origin), fault->reason);
  }
  return out;
}

}  // namespace newsgraph
