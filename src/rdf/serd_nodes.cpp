#include "rdf/serd_nodes.hpp"

#include <cstdarg>
#include <cstdio>

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

SerdNode serd_node_view(SerdType type, const std::string& text) {
  std::size_t chars = 0;
  for (const char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return SerdNode{reinterpret_cast<const uint8_t*>(text.c_str()), text.size(), chars, 0, type};
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
