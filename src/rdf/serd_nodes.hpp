#pragma once
// Glue between our plain Terms and Serd's C structs, shared by the writer
// sink and the reader. Internal to rdf/: other stages see only Terms.
#include <string>
#include <string_view>

#include <serd/serd.h>

#include "rdf/sink.hpp"
#include "rdf/syntax.hpp"

namespace newsgraph::rdf {

SerdSyntax to_serd_syntax(RdfSyntax syntax);

// A non-owning SerdNode over a whole std::string (whose buffer is NUL
// terminated, as parts of Serd expect). The length is explicit, so NUL
// bytes inside a literal survive. Flags stay 0: see serd_writer_sink.cpp.
SerdNode serd_node_view(SerdType type, const std::string& text);

// A Term as the three nodes Serd's statement functions take.
struct SerdTermView {
  SerdNode node = SERD_NODE_NULL;
  SerdNode datatype = SERD_NODE_NULL;
  SerdNode language = SERD_NODE_NULL;

  const SerdNode* datatype_or_null() const { return datatype.buf ? &datatype : nullptr; }
  const SerdNode* language_or_null() const { return language.buf ? &language : nullptr; }
};
// Views into `term`, which must outlive the result. A language tag wins
// over a datatype (rdf:langString is implied by the tag).
SerdTermView serd_term_view(const Term& term);

inline std::string_view serd_node_text(const SerdNode& node) {
  return node.buf ? std::string_view(reinterpret_cast<const char*>(node.buf), node.n_bytes)
                  : std::string_view();
}

// Serd's printf-style error message, formatted, without the trailing newline.
std::string serd_error_text(const SerdError& error);

}  // namespace newsgraph::rdf
