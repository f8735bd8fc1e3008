#pragma once
// The file writer: a TripleSink that serialises to a FILE* in Turtle,
// N-Triples, N-Quads or TriG.
//
//   Turtle/TriG: written by Serd, abbreviated (subjects grouped, "a" for
//     rdf:type), IRIs written as CURIEs of the prefixes given through
//     prefix() or in full, never relative; every literal on one line,
//     escaped by Serd.
//   N-Triples/N-Quads: one statement per line, written by line_writer.hpp
//     (the bytes Serd's writer gave, at a fraction of its cost).
//   A named graph (Triple::graph non-empty) is written in N-Quads and TriG
//     and dropped in Turtle and N-Triples.
//
// Output is a function of the calls alone: the same prefixes and triples in
// the same order give byte-identical output. It reaches `out` in blocks of
// 64 KiB and at finish(); a sink destroyed unfinished drops its last block. Terms are checked before they
// reach Serd (see terms.hpp), so what we write parses anywhere.
//
// A sink can also write into a std::string: in N-Triples or N-Quads, that is
// how worker threads render statements that the file's sink then writes with
// add_rendered() (see TripleSink::line_syntax()).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rdf/handles.hpp"
#include "rdf/sink.hpp"
#include "rdf/syntax.hpp"

namespace newsgraph::rdf {

namespace detail {
struct SerdWriterOutput;  // the state Serd's C callbacks write into
}

class SerdWriterSink final : public TripleSink {
 public:
  // `out` stays the caller's (it is never closed here) and must outlive the
  // sink, or at least its finish().
  SerdWriterSink(std::FILE* out, RdfSyntax syntax);
  // Appends to `out` instead (unbuffered); `out` must outlive the sink.
  SerdWriterSink(std::string& out, RdfSyntax syntax);
  ~SerdWriterSink() override;
  SerdWriterSink(SerdWriterSink&&) noexcept;
  SerdWriterSink& operator=(SerdWriterSink&&) noexcept;
  SerdWriterSink(const SerdWriterSink&) = delete;
  SerdWriterSink& operator=(const SerdWriterSink&) = delete;

  // Declares `name:` for `iri` in Turtle/TriG; ignored in N-Triples/N-Quads.
  // Call before the first add(): a prefix given later is ignored (its IRIs
  // are written in full) so that a document stays one header plus body.
  // Throws InputError for a name or IRI that Turtle cannot declare.
  void prefix(std::string_view name, std::string_view iri) override;

  // Throws InputError when the triple is not valid RDF (the sink stays
  // usable) or when writing fails (the sink is then broken).
  void add(const Triple& triple) override;

  // Ends the document (closing punctuation) and flushes `out`; throws
  // InputError on a write failure. Idempotent. add() after it is a logic error.
  void finish() override;

  RdfSyntax syntax() const noexcept { return syntax_; }

  // N-Triples and N-Quads: the syntax; nullopt for Turtle and TriG, whose
  // abbreviations depend on the statements before.
  std::optional<RdfSyntax> line_syntax() const override;
  // Writes `text` (statements another sink of line_syntax() rendered) as it
  // is; logic error in Turtle and TriG.
  void add_rendered(std::string_view text) override;

 private:
  void open(RdfSyntax syntax);
  void throw_if_failed(SerdStatus status) const;
  std::string writable_problem(const Triple& triple);
  // term_problem(term), or nothing when `term` equals `last_passed` (which
  // becomes `term` when it passes) or is a trusted IRI.
  static std::string check_once(const Term& term, Term& last_passed);
  bool abbreviates() const noexcept;
  void write_line(const Triple& triple);

  std::unique_ptr<detail::SerdWriterOutput> output_;
  // Turtle and TriG only (null in the line syntaxes, which Serd does not write).
  SerdEnvPtr env_;
  SerdWriterPtr writer_;  // after output_ and env_: it refers to both, so it is freed first
  RdfSyntax syntax_;
  std::vector<Prefix> prefixes_;
  // The last subject, predicate and graph that passed the checks: consecutive
  // triples mostly share them, so each is checked once per run, not per triple.
  // An empty literal at first: position_problem() refuses it in both places.
  Term checked_subject_{TermKind::Literal, {}, {}, {}, false};
  Term checked_predicate_{TermKind::Literal, {}, {}, {}, false};
  Term checked_graph_{TermKind::Literal, {}, {}, {}, false};  // a stream's graph: one per article
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace newsgraph::rdf
