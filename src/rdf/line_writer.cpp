#include "rdf/line_writer.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include "rdf/terms.hpp"

namespace newsgraph::rdf {
namespace {

// Per byte, whether it is written escaped. Non-ASCII bytes never are: Serd
// copies a UTF-8 sequence whole, so its bytes can be copied one by one.
using EscapeTable = std::array<bool, 256>;

constexpr bool is_control(unsigned c) { return c < 0x20 || c == 0x7F; }

constexpr EscapeTable kLiteralEscapes = [] {
  EscapeTable table{};
  for (unsigned c = 0; c < 0x80; ++c) table[c] = is_control(c) || c == '"' || c == '\\';
  return table;
}();

// Serd's uri_must_escape(), less non-ASCII.
constexpr EscapeTable kIriEscapes = [] {
  EscapeTable table{};
  for (unsigned c = 0; c < 0x80; ++c) table[c] = is_control(c) || c == ' ';
  for (const char c : std::string_view("\"<>\\^`{|}")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

void append_code_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
  out.append(escape, sizeof escape);
}

void append_literal_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out.append("\\\""); break;
    case '\\': out.append("\\\\"); break;
    case '\n': out.append("\\n"); break;
    case '\r': out.append("\\r"); break;
    case '\t': out.append("\\t"); break;
    default: append_code_escape(out, c);
  }
}

// `text` with the bytes `escapes` marks replaced by `escape(out, byte)`,
// the runs between them copied whole.
template <typename Escape>
void append_escaped(std::string& out, std::string_view text, const EscapeTable& escapes, Escape escape) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!escapes[c]) continue;
    out.append(text.data() + run, i - run);
    escape(out, c);
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

void append_iri(std::string& out, std::string_view iri) {
  out.push_back('<');
  append_escaped(out, iri, kIriEscapes, append_code_escape);
  out.push_back('>');
}

void append_literal(std::string& out, const Term& literal) {
  out.push_back('"');
  append_escaped(out, literal.value, kLiteralEscapes, append_literal_escape);
  out.push_back('"');
  if (!literal.language.empty()) {
    out.push_back('@');
    out.append(literal.language);
  } else if (!literal.datatype.empty()) {
    out.append("^^");
    append_iri(out, literal.datatype);
  }
}

}  // namespace

void append_ntriples_term(std::string& out, const Term& term) {
  switch (term.kind) {
    case TermKind::Iri: append_iri(out, term.value); return;
    case TermKind::Blank:
      out.append("_:");
      out.append(term.value);
      return;
    case TermKind::Literal: append_literal(out, term); return;
  }
}

void append_statement_line(std::string& out, RdfSyntax syntax, const Triple& triple) {
  if (syntax != RdfSyntax::NTriples && syntax != RdfSyntax::NQuads) {
    throw std::logic_error("append_statement_line: not a line syntax");
  }
  append_ntriples_term(out, triple.subject);
  out.push_back(' ');
  append_ntriples_term(out, triple.predicate);
  out.push_back(' ');
  append_ntriples_term(out, triple.object);
  if (syntax == RdfSyntax::NQuads && !is_default_graph(triple.graph)) {
    out.push_back(' ');
    append_ntriples_term(out, triple.graph);
  }
  out.append(" .\n");
}

}  // namespace newsgraph::rdf
