#include "rdf/serd_nodes.hpp"

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace newsgraph::rdf {

SerdSyntax to_serd_syntax(RdfSyntax syntax) {
  switch (syntax) {
    case RdfSyntax::Turtle: return SERD_TURTLE;
    case RdfSyntax::NTriples: return SERD_NTRIPLES;
    case RdfSyntax::NQuads: return SERD_NQUADS;
    case RdfSyntax::TriG: return SERD_TRIG;
  }
  return SERD_TURTLE;
}

namespace {

// Characters in UTF-8 text: bytes that are not continuation bytes (10xxxxxx).
// Every term of every triple is counted, sentences included, so this takes
// eight bytes at a time.
std::size_t utf8_chars(std::string_view text) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::size_t continuations = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, sizeof word);
    // Bit 7 of each byte set where the byte's top bits are 1 then 0; those
    // bits as 0/1 per byte, summed by the multiply into the top byte
    // (std::popcount would be a library call without -mpopcnt).
    const std::uint64_t marks = (word & ~(word << 1) & kHigh) >> 7;
    continuations += static_cast<std::size_t>((marks * 0x0101010101010101ULL) >> 56);
  }
  for (; i < text.size(); ++i) continuations += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  return text.size() - continuations;
}

}  // namespace

SerdNode serd_node_view(SerdType type, const std::string& text) {
  return SerdNode{reinterpret_cast<const uint8_t*>(text.c_str()), text.size(), utf8_chars(text), 0, type};
}

SerdTermView serd_term_view(const Term& term) {
  SerdTermView view;
  switch (term.kind) {
    case TermKind::Iri: view.node = serd_node_view(SERD_URI, term.value); break;
    case TermKind::Blank: view.node = serd_node_view(SERD_BLANK, term.value); break;
    case TermKind::Literal:
      view.node = serd_node_view(SERD_LITERAL, term.value);
      if (!term.language.empty()) {
        view.language = serd_node_view(SERD_LITERAL, term.language);
      } else if (!term.datatype.empty()) {
        view.datatype = serd_node_view(SERD_URI, term.datatype);
      }
      break;
  }
  return view;
}

std::string serd_error_text(const SerdError& error) {
  char buffer[1024];
  va_list args;
  va_copy(args, *error.args);  // Serd may format the same error again
  const int n = std::vsnprintf(buffer, sizeof buffer, error.fmt, args);
  va_end(args);
  std::string text =
      n > 0 ? std::string(buffer) : std::string(reinterpret_cast<const char*>(serd_strerror(error.status)));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace newsgraph::rdf
