#include "rdf/sord_store.hpp"

#include <string>

#include "rdf/terms.hpp"
#include "util/error.hpp"

namespace newsgraph::rdf {
namespace {

const uint8_t* utf8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.c_str()); }

std::string node_string(const SordNode* node) {
  std::size_t length = 0;
  const uint8_t* text = sord_node_get_string_counted(node, &length);
  return {reinterpret_cast<const char*>(text), length};
}

// Sord measures strings with strlen, so a NUL would silently cut a term short.
bool has_nul(const Term& term) {
  return term.value.find('\0') != std::string::npos || term.datatype.find('\0') != std::string::npos ||
         term.language.find('\0') != std::string::npos;
}

// Sord picks, for each pattern, an index led by a bound position: SPO serves
// (s,?,?), (s,p,?) and (s,?,o) (filtering on o); OPS serves (?,?,o) and
// (?,p,o); PSO serves (?,p,?). Three indices cover every pattern without a
// full scan; kWithGraphs adds the graph indices for N-Quads/TriG input.
constexpr unsigned kIndices = SORD_SPO | SORD_OPS | SORD_PSO;
constexpr bool kWithGraphs = true;

// Sord reports misuse on stderr unless given a sink. add() checks what Sord
// would reject before calling it, so nothing reaches this one.
SerdStatus ignore_sord_error(void* /*handle*/, const SerdError* /*error*/) noexcept { return SERD_SUCCESS; }

}  // namespace

Term to_term(const SordNode* node) {
  if (node == nullptr) return Term::iri("");
  switch (sord_node_get_type(node)) {
    case SORD_URI: return Term::iri(node_string(node));
    case SORD_BLANK: return Term::blank(node_string(node));
    case SORD_LITERAL: break;
  }
  Term literal = Term::literal(node_string(node));
  if (const char* language = sord_node_get_language(node); language != nullptr) {
    literal.language = language;
  }
  if (const SordNode* datatype = sord_node_get_datatype(node); datatype != nullptr) {
    literal.datatype = node_string(datatype);
  }
  return literal;
}

SordNodePtr make_sord_node(SordWorld* world, const Term& term) {
  SordNode* node = nullptr;
  switch (term.kind) {
    case TermKind::Iri: node = sord_new_uri(world, utf8(term.value)); break;
    case TermKind::Blank: node = sord_new_blank(world, utf8(term.value)); break;
    case TermKind::Literal: {
      // A language tag implies rdf:langString, so the datatype is only kept without one.
      SordNodePtr datatype{term.datatype.empty() || !term.language.empty()
                               ? nullptr
                               : sord_new_uri(world, utf8(term.datatype)),
                           SordNodeRelease{world}};
      node = sord_new_literal(world, datatype.get(), utf8(term.value),
                              term.language.empty() ? nullptr : term.language.c_str());
      break;
    }
  }
  return checked(SordNodePtr(node, SordNodeRelease{world}));
}

SordStore::SordStore()
    : world_(checked(SordWorldPtr(sord_world_new()))),
      model_(checked(SordModelPtr(sord_new(world_.get(), kIndices, kWithGraphs)))) {
  sord_world_set_error_sink(world_.get(), ignore_sord_error, nullptr);
}

void SordStore::add(const Triple& triple) {
  std::string problem = position_problem(triple);
  if (problem.empty() && (has_nul(triple.subject) || has_nul(triple.predicate) || has_nul(triple.object) ||
                          has_nul(triple.graph))) {
    problem = "a term contains a NUL character";
  }
  if (!problem.empty()) throw InputError("cannot store triple: " + problem);
  const SordNodePtr subject = node(triple.subject);
  const SordNodePtr predicate = node(triple.predicate);
  const SordNodePtr object = node(triple.object);
  const SordNodePtr graph =
      is_default_graph(triple.graph) ? SordNodePtr(nullptr, SordNodeRelease{}) : node(triple.graph);
  const SordQuad quad = {subject.get(), predicate.get(), object.get(), graph.get()};
  // false also means "already present", which is fine for a set.
  sord_add(model_.get(), quad);
}

void SordStore::add_prefix(std::string_view name, std::string_view iri) {
  Prefix given{std::string(name), std::string(iri)};
  for (const Prefix& known : prefixes_) {
    if (known == given) return;
  }
  prefixes_.push_back(std::move(given));
}

std::size_t SordStore::size() const { return sord_num_quads(model_.get()); }

void SordStore::for_each_match(const std::optional<Term>& subject, const std::optional<Term>& predicate,
                               const std::optional<Term>& object,
                               const std::function<bool(const Triple&)>& visit) const {
  const auto pattern_node = [this](const std::optional<Term>& term) {
    return term ? node(*term) : SordNodePtr(nullptr, SordNodeRelease{});
  };
  const SordNodePtr s = pattern_node(subject);
  const SordNodePtr p = pattern_node(predicate);
  const SordNodePtr o = pattern_node(object);
  // sord_search returns null when nothing matches.
  const SordIterPtr iter(sord_search(model_.get(), s.get(), p.get(), o.get(), nullptr));
  for (SordIter* it = iter.get(); it != nullptr && !sord_iter_end(it); sord_iter_next(it)) {
    SordQuad quad;
    sord_iter_get(it, quad);
    const Triple triple{to_term(quad[SORD_SUBJECT]), to_term(quad[SORD_PREDICATE]),
                        to_term(quad[SORD_OBJECT]), to_term(quad[SORD_GRAPH])};
    if (!visit(triple)) break;
  }
}

}  // namespace newsgraph::rdf
