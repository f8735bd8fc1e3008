#include "rdf/serd_writer_sink.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "rdf/iri.hpp"
#include "rdf/line_writer.hpp"
#include "rdf/serd_nodes.hpp"
#include "rdf/terms.hpp"
#include "util/error.hpp"

namespace newsgraph::rdf {

// What the C callbacks see. Kept on the heap so its address survives a move
// of the sink (Serd holds a pointer to it).
struct detail::SerdWriterOutput {
  std::FILE* file = nullptr;    // null once detached: bytes are then discarded
  std::string* text = nullptr;  // instead of `file`, when writing into a string
  // Serd hands over a few bytes at a time (a token, a quote); gathering them
  // here and writing whole blocks spares a locked fwrite() per token.
  std::string pending;
  int write_errno = 0;  // errno of the first short write
  bool write_failed = false;
  bool callback_failed = false;  // an exception stopped at the C boundary
  std::string serd_error;        // Serd's first error message
};

namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

constexpr std::size_t kBlockSize = std::size_t{1} << 16;

// Writes out what write_bytes() gathered; false (and the error recorded) on a short write.
bool flush_pending(detail::SerdWriterOutput& output) noexcept {
  if (output.file == nullptr || output.write_failed || output.pending.empty()) return !output.write_failed;
  const size_t written = std::fwrite(output.pending.data(), 1, output.pending.size(), output.file);
  if (written != output.pending.size()) {
    output.write_failed = true;
    output.write_errno = errno;
  }
  output.pending.clear();
  return !output.write_failed;
}

// SerdSink: bytes from Serd to the FILE*, a block at a time. Serd is C: nothing
// may unwind through it.
size_t write_bytes(const void* bytes, size_t length, void* stream) noexcept {
  auto* output = static_cast<detail::SerdWriterOutput*>(stream);
  if (output->write_failed) return 0;
  if (output->text != nullptr) {
    try {
      output->text->append(static_cast<const char*>(bytes), length);
    } catch (...) {
      output->write_failed = true;
      output->write_errno = ENOMEM;
      return 0;
    }
    return length;
  }
  if (output->file == nullptr) return length;
  if (output->pending.size() + length > kBlockSize && !flush_pending(*output)) return 0;
  if (length > kBlockSize) {
    const size_t written = std::fwrite(bytes, 1, length, output->file);
    if (written != length) {
      output->write_failed = true;
      output->write_errno = errno;
    }
    return written;
  }
  // Within the capacity reserved at construction: no allocation, so no exception.
  output->pending.append(static_cast<const char*>(bytes), length);
  return length;
}

// SerdErrorSink: keeps the first message instead of printing to stderr.
SerdStatus record_error(void* handle, const SerdError* error) noexcept {
  auto* output = static_cast<detail::SerdWriterOutput*>(handle);
  try {
    if (output->serd_error.empty()) output->serd_error = serd_error_text(*error);
  } catch (...) {
    output->callback_failed = true;
  }
  return SERD_SUCCESS;
}

bool is_trusted_iri(const Term& term) { return term.trusted && term.kind == TermKind::Iri; }

std::string untrusted_problem(const Term& term) {
  return is_trusted_iri(term) ? std::string() : term_problem(term);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}
std::string_view without_sign(std::string_view s) {
  return !s.empty() && (s[0] == '+' || s[0] == '-') ? s.substr(1) : s;
}

// Serd's Turtle writer prints xsd:integer and xsd:boolean literals, and
// xsd:decimal ones with an inner '.', bare (42, true, 1.5) without checking
// the lexical form, so "abc"^^xsd:integer would come out as the bare word
// abc. We refuse those instead of writing a broken document.
std::string bare_literal_problem(const Term& object) {
  if (object.kind != TermKind::Literal || !object.language.empty()) return {};
  const std::string_view datatype = object.datatype;
  if (datatype.substr(0, kXsd.size()) != kXsd) return {};
  const std::string_view local = datatype.substr(kXsd.size());
  const std::string_view value = object.value;
  bool ok = true;
  if (local == "integer") {
    ok = all_digits(without_sign(value));
  } else if (local == "boolean") {
    ok = value == "true" || value == "false";
  } else if (local == "decimal" && value.find('.') != std::string_view::npos && value.back() != '.') {
    const std::string_view unsigned_value = without_sign(value);
    const std::size_t dot = unsigned_value.find('.');
    const std::string_view whole = unsigned_value.substr(0, dot);
    ok = (whole.empty() || all_digits(whole)) && all_digits(unsigned_value.substr(dot + 1));
  }
  if (ok) return {};
  return "'" + object.value + "' is not a valid xsd:" + std::string(local) +
         " and Turtle would write it unquoted; write N-Triples or fix the value";
}

// Abbreviated syntaxes get CURIEs; relative IRIs are never written because
// the writer has no base URI and SERD_STYLE_RESOLVED is off.
SerdStyle style_for(RdfSyntax syntax) {
  const bool abbreviated = syntax == RdfSyntax::Turtle || syntax == RdfSyntax::TriG;
  return abbreviated ? static_cast<SerdStyle>(SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED)
                     : static_cast<SerdStyle>(0);
}

[[noreturn]] void throw_write_error(const std::string& why) {
  throw InputError("cannot write output: " + why);
}

}  // namespace

SerdWriterSink::SerdWriterSink(std::FILE* out, RdfSyntax syntax)
    : output_(std::make_unique<detail::SerdWriterOutput>()), syntax_(syntax) {
  if (out == nullptr) throw std::invalid_argument("SerdWriterSink: null FILE*");
  output_->file = out;
  output_->pending.reserve(kBlockSize);
  open(syntax);
}

SerdWriterSink::SerdWriterSink(std::string& out, RdfSyntax syntax)
    : output_(std::make_unique<detail::SerdWriterOutput>()), syntax_(syntax) {
  output_->text = &out;
  open(syntax);
}

void SerdWriterSink::open(RdfSyntax syntax) {
  if (!abbreviates()) return;  // N-Triples and N-Quads: write_line()
  env_ = checked(SerdEnvPtr(serd_env_new(nullptr)));
  writer_ = checked(SerdWriterPtr(serd_writer_new(to_serd_syntax(syntax), style_for(syntax), env_.get(),
                                                  nullptr, write_bytes, output_.get())));
  serd_writer_set_error_sink(writer_.get(), record_error, output_.get());
}

SerdWriterSink::~SerdWriterSink() {
  // serd_writer_free() ends the document itself; by now `out` may be closed
  // or abandoned, so detach it and let those bytes go nowhere.
  if (output_) {
    output_->file = nullptr;
    output_->text = nullptr;
  }
}

SerdWriterSink::SerdWriterSink(SerdWriterSink&&) noexcept = default;

SerdWriterSink& SerdWriterSink::operator=(SerdWriterSink&& other) noexcept {
  if (this != &other) {
    if (output_) {
      output_->file = nullptr;
      output_->text = nullptr;
    }
    writer_.reset();  // before the state it writes into
    output_ = std::move(other.output_);
    env_ = std::move(other.env_);
    writer_ = std::move(other.writer_);
    syntax_ = other.syntax_;
    prefixes_ = std::move(other.prefixes_);
    checked_subject_ = std::move(other.checked_subject_);
    checked_predicate_ = std::move(other.checked_predicate_);
    checked_graph_ = std::move(other.checked_graph_);
    started_ = other.started_;
    finished_ = other.finished_;
  }
  return *this;
}

bool SerdWriterSink::abbreviates() const noexcept {
  return syntax_ == RdfSyntax::Turtle || syntax_ == RdfSyntax::TriG;
}

void SerdWriterSink::prefix(std::string_view name, std::string_view iri) {
  if (!abbreviates() || started_ || finished_) return;
  if (!is_valid_prefix_name(name)) throw_write_error("invalid prefix name '" + std::string(name) + "'");
  if (!is_valid_iri(iri))
    throw_write_error("invalid IRI '" + std::string(iri) + "' for prefix '" + std::string(name) + "'");
  Prefix declared{std::string(name), std::string(iri)};
  for (const Prefix& known : prefixes_) {
    if (known == declared) return;  // declared once, however often it is given
  }
  const SerdNode name_node = serd_node_view(SERD_LITERAL, declared.name);
  const SerdNode iri_node = serd_node_view(SERD_URI, declared.iri);
  throw_if_failed(serd_writer_set_prefix(writer_.get(), &name_node, &iri_node));
  prefixes_.push_back(std::move(declared));
}

// triple_problem(), minus the terms known to pass: a subject or predicate
// equal to the last one that passed is not checked again (a problem, when
// there is one, is still the first in triple_problem()'s order).
// Trusted IRIs (Term::trusted) are not checked at all.
std::string SerdWriterSink::writable_problem(const Triple& triple) {
  std::string problem = position_problem(triple);
  if (problem.empty()) problem = check_once(triple.subject, checked_subject_);
  if (problem.empty()) problem = check_once(triple.predicate, checked_predicate_);
  if (problem.empty()) problem = untrusted_problem(triple.object);
  if (problem.empty() && !is_default_graph(triple.graph)) problem = check_once(triple.graph, checked_graph_);
  if (problem.empty() && abbreviates()) problem = bare_literal_problem(triple.object);
  return problem;
}

std::string SerdWriterSink::check_once(const Term& term, Term& last_passed) {
  if (is_trusted_iri(term) || term == last_passed) return {};
  std::string problem = term_problem(term);
  if (problem.empty()) last_passed = term;
  return problem;
}

void SerdWriterSink::add(const Triple& triple) {
  if (finished_) throw std::logic_error("SerdWriterSink: add() after finish()");
  if (const std::string problem = writable_problem(triple); !problem.empty()) {
    throw_write_error(problem);
  }
  started_ = true;
  if (!abbreviates()) {
    write_line(triple);
    return;
  }
  const SerdTermView subject = serd_term_view(triple.subject);
  const SerdTermView predicate = serd_term_view(triple.predicate);
  const SerdTermView object = serd_term_view(triple.object);
  const SerdTermView graph = serd_term_view(triple.graph);
  const bool named = syntax_has_graphs(syntax_) && !is_default_graph(triple.graph);
  // Literal flags are left 0 (serd_node_view), which keeps Serd from using
  // Turtle's """long""" form: every newline, CR and quote is escaped, so each
  // literal stays on one line and no raw CR reaches the file.
  throw_if_failed(serd_writer_write_statement(writer_.get(), 0, named ? &graph.node : nullptr, &subject.node,
                                              &predicate.node, &object.node, object.datatype_or_null(),
                                              object.language_or_null()));
}

// A statement into the buffers Serd's callback fills for Turtle (the string,
// or the block flushed at kBlockSize), so that it is written and its
// failures reported as in every syntax.
void SerdWriterSink::write_line(const Triple& triple) {
  detail::SerdWriterOutput& output = *output_;
  throw_if_failed(SERD_SUCCESS);  // a failed write before: the sink is broken
  if (output.text != nullptr) {
    append_statement_line(*output.text, syntax_, triple);
    return;
  }
  append_statement_line(output.pending, syntax_, triple);
  if (output.pending.size() >= kBlockSize) {
    flush_pending(output);
    throw_if_failed(SERD_SUCCESS);
  }
}

std::optional<RdfSyntax> SerdWriterSink::line_syntax() const {
  if (abbreviates()) return std::nullopt;
  return syntax_;
}

void SerdWriterSink::add_rendered(std::string_view text) {
  if (abbreviates()) throw std::logic_error("SerdWriterSink: add_rendered() in an abbreviated syntax");
  if (finished_) throw std::logic_error("SerdWriterSink: add_rendered() after finish()");
  started_ = true;
  if (text.empty()) return;
  write_bytes(text.data(), text.size(), output_.get());
  throw_if_failed(SERD_SUCCESS);
}

void SerdWriterSink::finish() {
  if (finished_) return;
  finished_ = true;
  const SerdStatus status = writer_ ? serd_writer_finish(writer_.get()) : SERD_SUCCESS;
  if (output_->text != nullptr) {
    throw_if_failed(status);
    return;
  }
  flush_pending(*output_);
  if (std::fflush(output_->file) != 0 && !output_->write_failed) {
    output_->write_failed = true;
    output_->write_errno = errno;
  }
  throw_if_failed(status);
}

void SerdWriterSink::throw_if_failed(SerdStatus status) const {
  if (output_->write_failed) {
    throw_write_error(output_->write_errno != 0 ? std::strerror(output_->write_errno) : "short write");
  }
  if (output_->file != nullptr && std::ferror(output_->file))
    throw_write_error("the output stream reports an error");
  if (!output_->serd_error.empty()) throw_write_error(output_->serd_error);
  if (output_->callback_failed) throw_write_error("out of memory while reporting an error");
  if (status > SERD_FAILURE) {
    throw_write_error(reinterpret_cast<const char*>(serd_strerror(status)));
  }
}

}  // namespace newsgraph::rdf
