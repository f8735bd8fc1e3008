#include "rdf/reader.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>

#include "rdf/handles.hpp"
#include "rdf/serd_nodes.hpp"
#include "rdf/sord_store.hpp"
#include "util/error.hpp"

namespace newsgraph::rdf {
namespace {

// Everything the C callbacks need; they reach it through Serd's handle.
struct ReadState {
  TripleSink* sink = nullptr;              // statements and prefixes, or only prefixes when `store` is set
  SordStore* store = nullptr;              // statements go straight into it (read_rdf_file into a store)
  SerdEnvPtr env;                          // base URI and prefixes, to expand CURIEs and relative IRIs
  std::string name;                        // for messages
  std::optional<InputError> syntax_error;  // Serd's first reported error
  std::exception_ptr failure;              // what a callback threw, rethrown after Serd returns
};

std::string text_of(const SerdNode* node) { return std::string(serd_node_text(*node)); }

// The absolute IRI for a URI or CURIE node as the document means it.
std::string expand(const ReadState& state, const SerdNode* node) {
  if (node->type == SERD_URI && serd_uri_string_has_scheme(node->buf)) return text_of(node);
  const SerdNodeValue expanded(serd_env_expand_node(state.env.get(), node));
  if (expanded.empty()) {
    throw InputError(Location{state.name}, "undefined prefix in '" + text_of(node) + "'");
  }
  return text_of(expanded.get());
}

Term to_term(const ReadState& state, const SerdNode* node, const SerdNode* datatype,
             const SerdNode* language) {
  switch (node->type) {
    case SERD_URI:
    case SERD_CURIE: return Term::iri(expand(state, node));
    case SERD_BLANK: return Term::blank(text_of(node));
    case SERD_LITERAL: {
      Term literal = Term::literal(text_of(node));
      if (language != nullptr && language->buf != nullptr)
        literal.language = text_of(language);
      else if (datatype != nullptr && datatype->buf != nullptr)
        literal.datatype = expand(state, datatype);
      return literal;
    }
    case SERD_NOTHING: break;
  }
  return Term::iri("");
}

// The trampolines below are what Serd calls: C code, so nothing may unwind
// through them. Each catches, parks the exception and returns an error
// status, which stops a strict reader; read() rethrows after Serd returns.
template <typename Body>
SerdStatus guarded(void* handle, Body body) noexcept {
  auto* state = static_cast<ReadState*>(handle);
  try {
    body(*state);
    return SERD_SUCCESS;
  } catch (...) {
    if (!state->failure) state->failure = std::current_exception();
    return SERD_ERR_INTERNAL;
  }
}

SerdStatus on_base(void* handle, const SerdNode* uri) noexcept {
  return guarded(handle, [uri](ReadState& state) { serd_env_set_base_uri(state.env.get(), uri); });
}

SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) noexcept {
  return guarded(handle, [name, uri](ReadState& state) {
    const std::string iri = expand(state, uri);  // a prefix IRI may be relative to the base
    const SerdNode absolute = serd_node_view(SERD_URI, iri);
    serd_env_set_prefix(state.env.get(), name, &absolute);
    state.sink->prefix(serd_node_text(*name), iri);
  });
}

SerdStatus on_statement(void* handle, SerdStatementFlags /*flags*/, const SerdNode* graph,
                        const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                        const SerdNode* datatype, const SerdNode* language) noexcept {
  return guarded(handle, [&](ReadState& state) {
    Triple triple{
        to_term(state, subject, nullptr, nullptr), to_term(state, predicate, nullptr, nullptr),
        to_term(state, object, datatype, language),
        graph != nullptr && graph->buf != nullptr ? to_term(state, graph, nullptr, nullptr) : Term::iri("")};
    state.sink->add(triple);
  });
}

// The Sord node for a node Serd read, interned from Serd's own buffer: the
// direct path allocates no Term or std::string per statement (about twice
// as fast as on_statement into a SordInserterSink on a large graph).
SordNodePtr intern(const ReadState& state, const SerdNode* node, const SerdNode* datatype = nullptr,
                   const SerdNode* language = nullptr) {
  SordWorld* world = state.store->world();
  if (node == nullptr || node->buf == nullptr) return SordNodePtr(nullptr, SordNodeRelease{world});
  // Sord measures strings with strlen, so a NUL would silently cut a term short.
  if (std::memchr(node->buf, '\0', node->n_bytes) != nullptr) {
    throw InputError(Location{state.name}, "cannot store triple: a term contains a NUL character");
  }
  SordNodePtr out(sord_node_from_serd_node(world, state.env.get(), node, datatype, language),
                  SordNodeRelease{world});
  if (!out) {
    if (node->type == SERD_CURIE) expand(state, node);  // throws "undefined prefix"
    if (datatype != nullptr && datatype->type == SERD_CURIE) expand(state, datatype);
    throw InputError(Location{state.name}, "cannot store the term '" + text_of(node) + "'");
  }
  return out;
}

SerdStatus on_store_statement(void* handle, SerdStatementFlags /*flags*/, const SerdNode* graph,
                              const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                              const SerdNode* datatype, const SerdNode* language) noexcept {
  return guarded(handle, [&](ReadState& state) {
    const SordNodePtr s = intern(state, subject);
    const SordNodePtr p = intern(state, predicate);
    const SordNodePtr o = intern(state, object, datatype, language);
    const SordNodePtr g = intern(state, graph);
    const SordQuad quad = {s.get(), p.get(), o.get(), g.get()};
    sord_add(state.store->model(), quad);  // false means already present: the store is a set
  });
}

SerdStatus on_error(void* handle, const SerdError* error) noexcept {
  return guarded(handle, [error](ReadState& state) {
    if (state.syntax_error) return;  // the first error is the one that matters
    // Serd starts line 1 at column 1 but every later line at column 0, so
    // its columns after the first line are 0-based; Location's are 1-based.
    const std::size_t column = error->line > 1 ? error->col + 1 : error->col;
    const Location where{state.name, error->line, column};
    state.syntax_error.emplace(where, serd_error_text(*error));
  });
}

// Runs `start_read` (a serd_reader_read_* call) and turns what went wrong
// into one exception: a callback's own, else Serd's first error, else the status.
template <typename StartRead>
void read(RdfSyntax syntax, ReadState& state, StartRead start_read) {
  const SerdReaderPtr reader = checked(
      SerdReaderPtr(serd_reader_new(to_serd_syntax(syntax), &state, nullptr, on_base, on_prefix,
                                    state.store != nullptr ? on_store_statement : on_statement, nullptr)));
  serd_reader_set_strict(reader.get(), true);
  serd_reader_set_error_sink(reader.get(), on_error, &state);
  const SerdStatus status = start_read(reader.get());
  if (state.failure) std::rethrow_exception(state.failure);
  if (state.syntax_error) throw *state.syntax_error;
  if (status > SERD_FAILURE) {
    throw InputError(Location{state.name}, reinterpret_cast<const char*>(serd_strerror(status)));
  }
}

struct FileCloser {
  void operator()(std::FILE* file) const noexcept {
    if (file != nullptr && file != stdin) std::fclose(file);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr open_input(const std::string& path) {
  if (path == "-") return FilePtr(stdin);
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) throw InputError(Location{path}, std::string("cannot open: ") + std::strerror(errno));
  return file;
}

// file:// URI of `path`, the base for its relative IRIs (as serdi does).
SerdNodeValue file_base_uri(const std::string& path) {
  if (path == "-") return {};
  std::error_code ignored;
  const std::string absolute = std::filesystem::absolute(path, ignored).string();
  return SerdNodeValue(
      serd_node_new_file_uri(reinterpret_cast<const uint8_t*>(absolute.c_str()), nullptr, nullptr, true));
}

void read_file(const std::string& path, std::optional<RdfSyntax> syntax, ReadState& state) {
  const FilePtr file = open_input(path);
  const SerdNodeValue base = file_base_uri(path);
  state.name = path;
  state.env = checked(SerdEnvPtr(serd_env_new(base.empty() ? nullptr : base.get())));
  read(syntax.value_or(syntax_for_path(path)), state, [&](SerdReader* reader) {
    return serd_reader_read_file_handle(reader, file.get(), reinterpret_cast<const uint8_t*>(path.c_str()));
  });
  if (std::ferror(file.get())) {
    throw InputError(Location{path}, std::string("cannot read: ") + std::strerror(errno));
  }
}

}  // namespace

void read_rdf_file(const std::string& path, std::optional<RdfSyntax> syntax, TripleSink& sink) {
  ReadState state;
  state.sink = &sink;
  read_file(path, syntax, state);
}

void read_rdf_file(const std::string& path, std::optional<RdfSyntax> syntax, SordStore& store) {
  SordInserterSink prefixes(store);
  ReadState state;
  state.sink = &prefixes;
  state.store = &store;
  read_file(path, syntax, state);
}

void read_rdf_string(std::string_view text, RdfSyntax syntax, TripleSink& sink,
                     const std::string& name_for_errors) {
  const std::string document(text);  // Serd reads a NUL-terminated string
  ReadState state;
  state.sink = &sink;
  state.name = name_for_errors;
  state.env = checked(SerdEnvPtr(serd_env_new(nullptr)));
  read(syntax, state, [&](SerdReader* reader) {
    return serd_reader_read_string(reader, reinterpret_cast<const uint8_t*>(document.c_str()));
  });
}

}  // namespace newsgraph::rdf
