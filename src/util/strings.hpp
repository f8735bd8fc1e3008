#pragma once
// Small ASCII-aware string helpers shared by every stage.
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph {

std::string ascii_lower(std::string_view s);
std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
bool starts_with_icase(std::string_view s, std::string_view prefix);
// Inline: called per byte in the tokenizer, slugify() and the IRI checks.
inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || is_ascii_upper(c); }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// A lowercase ASCII slug for IRIs: letters and digits kept, everything else
// folded into single '-'. Non-ASCII letters are transliterated where common
// (Latin-1 accents) or percent-free hex-encoded, so the result is always a
// valid IRI path segment; combining marks are dropped, so a decomposed "é"
// slugs as a precomposed one does. Never empty ("x" for an empty input).
std::string slugify(std::string_view s);

// `s` with & < > " as XML character entities, for XML text and
// double-quoted attribute values (SPARQL XML results, Graphviz HTML-like
// labels, which Graphviz parses as XML). Not for Turtle or SPARQL strings,
// which escape with backslashes (rdf::quoted_string).
std::string xml_escaped(std::string_view s);

// Key for comparing names across spellings: lowercase ASCII letters and digits
// only ("Kim Hong-kyun" == "Kim Hong Kyun" == "kim hongkyun").
std::string fold_key(std::string_view s);

// Appends code point `cp` (at most U+10FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace newsgraph
