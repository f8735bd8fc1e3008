#pragma once
// The one interface between producing triples and consuming them. The Serd
// writer (files in four syntaxes), the Sord inserter (the in-memory store
// queries run on) and the test recorder all implement TripleSink, so nothing
// that produces triples knows where they go.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>

#include "rdf/syntax.hpp"

namespace newsgraph::rdf {

enum class TermKind { Iri, Blank, Literal };

struct Term {
  TermKind kind = TermKind::Iri;
  std::string value;     // IRI, blank node label, or literal lexical form
  std::string datatype;  // literal datatype IRI; empty for plain/language literals
  std::string language;  // literal language tag; empty when none
  // An IRI its producer built from parts known to be valid (a vocabulary
  // constant, IriMinter's output): writers need not check it again, which
  // was a tenth of writing a graph. Not part of the term's identity.
  bool trusted = false;

  static Term iri(std::string v) { return {TermKind::Iri, std::move(v), {}, {}, false}; }
  static Term trusted_iri(std::string v) { return {TermKind::Iri, std::move(v), {}, {}, true}; }
  static Term blank(std::string v) { return {TermKind::Blank, std::move(v), {}, {}, false}; }
  static Term literal(std::string v) { return {TermKind::Literal, std::move(v), {}, {}, false}; }
  static Term text(std::string v, std::string lang = "en") {
    return {TermKind::Literal, std::move(v), {}, std::move(lang), false};
  }
  static Term typed(std::string v, std::string datatype) {
    return {TermKind::Literal, std::move(v), std::move(datatype), {}, false};
  }
  friend bool operator==(const Term& a, const Term& b) {
    return a.kind == b.kind && a.value == b.value && a.datatype == b.datatype && a.language == b.language;
  }
  friend auto operator<=>(const Term& a, const Term& b) {
    return std::tie(a.kind, a.value, a.datatype, a.language) <=>
           std::tie(b.kind, b.value, b.datatype, b.language);
  }
};

// A namespace prefix declaration, as passed to TripleSink::prefix().
struct Prefix {
  std::string name;  // without the ':'; empty for the default prefix
  std::string iri;
  friend bool operator==(const Prefix&, const Prefix&) = default;
};

struct Triple {
  Term subject;
  Term predicate;
  Term object;
  Term graph;  // named graph; an empty IRI value means the default graph
  friend bool operator==(const Triple&, const Triple&) = default;
  friend auto operator<=>(const Triple&, const Triple&) = default;
};

class TripleSink {
 public:
  virtual ~TripleSink() = default;
  // A prefix for abbreviated output; sinks that have no use for it ignore it.
  virtual void prefix(std::string_view /*name*/, std::string_view /*iri*/) {}
  // Throws InputError when the triple cannot be stored or written.
  virtual void add(const Triple& triple) = 0;
  // Ends the stream: flushes buffered output. Throws InputError on failure.
  virtual void finish() {}

  // A sink that writes a line-based syntax (N-Triples, N-Quads), where each
  // statement is one line that depends on nothing written before it, returns
  // that syntax: statements can then be rendered elsewhere (on worker
  // threads, by a SerdWriterSink into a string) and handed to add_rendered()
  // in order, which writes the same bytes as add() of each. Sinks that need
  // the triples themselves return nullopt (the default).
  virtual std::optional<RdfSyntax> line_syntax() const { return std::nullopt; }
  // Text rendered in line_syntax(); throws InputError on a write failure.
  virtual void add_rendered(std::string_view /*text*/) {
    throw std::logic_error("TripleSink: add_rendered() on a sink without line_syntax()");
  }
};

}  // namespace newsgraph::rdf
