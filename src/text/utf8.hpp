#pragma once
// Raw bytes -> the normalised UTF-8 text every later stage reads.
//
// One pass over the input: it validates UTF-8 (and rejects NUL bytes), strips a
// BOM, turns CRLF and lone CR into LF, folds typographic quotes, dashes,
// ellipses and Unicode spaces to ASCII, drops soft hyphens and zero-width
// characters, and records for every output byte the raw byte it came from.
// Everything else (accents, CJK, RTL, ZWJ/ZWNJ) is kept as it is.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/offset_map.hpp"
#include "util/error.hpp"

namespace newsgraph {

struct NormalisedText {
  std::string text;
  // original_offset[i] is the raw byte offset of text[i]; one extra entry
  // (raw.size()) maps the end, so the map has text.size() + 1 entries.
  OffsetMap original_offset;
};

// Throws InputError naming `origin` with the line, column (in characters) and
// byte offset of the first invalid UTF-8 byte or NUL.
NormalisedText normalise_text(std::string_view raw, const std::string& origin);

// Why some bytes are not text: `offset` is the first bad byte (the start of an
// ill-formed sequence, or the NUL), `reason` says what is wrong with it.
struct TextFault {
  std::size_t offset = 0;
  std::string reason;
};

// The first fault in `raw`, if any; same rules as normalise_text, nothing built.
std::optional<TextFault> find_text_fault(std::string_view raw);

// Line and column (1-based; the column counts characters, CRLF and CR are one
// line break) of a byte offset into `raw`, with the offset itself.
Location locate_offset(std::string_view raw, std::size_t offset, const std::string& file);

}  // namespace newsgraph
