#include "query/sord_source.hpp"

#include <array>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>

#include "query/query_rewrite.hpp"
#include "query/sord_scan.hpp"

namespace newsgraph::query {

namespace {

// Per-source state Rasqal allocates for us (user_data_size bytes, zeroed).
struct SourceState {
  SourceContext* context;
};

// The matches of one triple pattern, given the bindings in force when
// Rasqal started it.
class PatternMatch {
 public:
  PatternMatch(SourceContext& context, const std::array<const SordNode*, 4>& fixed, GraphScope scope,
               const PathExpr* path)
      : context_(context) {
    if (path != nullptr) {
      PathEvaluator evaluator(context.world, context.model, *context.deadline);
      path_matches_ = evaluator.evaluate(*path, fixed[0], fixed[2]);
      predicate_ = fixed[1];
    } else {
      scan_.emplace(context.model, fixed[0], fixed[1], fixed[2], scope, fixed[3]);
    }
  }

  static PatternMatch empty(SourceContext& context) { return PatternMatch(context); }

  bool done() const {
    if (context_.deadline->fired()) return true;
    if (scan_) return scan_->done();
    return path_index_ >= path_matches_.size();
  }

  void next() {
    if (context_.deadline->expired()) return;
    if (scan_) {
      scan_->next();
    } else {
      ++path_index_;
    }
  }

  SourceContext& context() const { return context_; }

  const SordNode* node(int part) const {
    if (scan_) return scan_->node(static_cast<SordQuadIndex>(part));
    const PathMatch& m = path_matches_[path_index_];
    switch (part) {
      case 0: return m.start;
      case 1: return predicate_;
      case 2: return m.end;
      default: return nullptr;
    }
  }

 private:
  explicit PatternMatch(SourceContext& context) : context_(context) {}

  SourceContext& context_;
  std::optional<SordScan> scan_;
  std::vector<PathMatch> path_matches_;
  std::size_t path_index_ = 0;
  const SordNode* predicate_ = nullptr;
};

const PathExpr* path_for(const SourceContext& context, const SordNode* predicate) {
  if (predicate == nullptr || sord_node_get_type(predicate) != SORD_URI || context.paths == nullptr) {
    return nullptr;
  }
  const std::string_view iri = reinterpret_cast<const char*>(sord_node_get_string(predicate));
  if (iri.substr(0, kPathPlaceholder.size()) != kPathPlaceholder) return nullptr;
  const std::size_t index = std::stoul(std::string(iri.substr(kPathPlaceholder.size())));
  return index < context.paths->size() ? &(*context.paths)[index] : nullptr;
}

// Resolves the pattern's constants and already-bound variables to Sord
// nodes. Returns false when a part can never match (e.g. a value that is
// not an RDF term).
bool resolve(SourceContext& context, rasqal_triple* t, rasqal_variable** bindings,
             std::array<const SordNode*, 4>& fixed) {
  rasqal_literal* parts[4] = {t->subject, t->predicate, t->object, t->origin};
  bool matchable = true;
  for (int i = 0; i < 4; ++i) {
    fixed[i] = nullptr;
    rasqal_literal* literal = parts[i];
    if (literal == nullptr) {
      if (bindings != nullptr) bindings[i] = nullptr;
      continue;
    }
    rasqal_variable* variable = rasqal_literal_as_variable(literal);
    if (bindings != nullptr) bindings[i] = variable;
    if (variable != nullptr) literal = variable->value;
    if (literal == nullptr) continue;
    fixed[i] = context.bridge->to_sord(literal);
    if (fixed[i] == nullptr) matchable = false;
  }
  return matchable;
}

GraphScope scope_of(rasqal_triple* t, const std::array<const SordNode*, 4>& fixed) {
  if (t->origin == nullptr) return GraphScope::Union;
  return fixed[3] != nullptr ? GraphScope::Exact : GraphScope::Named;
}

void fail(SourceContext& context, const char* what) noexcept {
  try {
    if (context.error.empty()) context.error = what;
  } catch (...) {
  }
}

// --- rasqal_triples_match callbacks ------------------------------------
// All are noexcept: an exception must not unwind through Rasqal's C frames.

rasqal_triple_parts bind_match(rasqal_triples_match* rtm, void*, rasqal_variable* bindings[4],
                               rasqal_triple_parts parts) noexcept {
  auto* match = static_cast<PatternMatch*>(rtm->user_data);
  const SordNode* current[4] = {match->node(0), match->node(1), match->node(2), match->node(3)};
  unsigned result = 0;
  for (int i = 0; i < 4; ++i) {
    const unsigned bit = 1u << i;
    if (bindings[i] == nullptr || (parts & bit) == 0) continue;
    bool repeated = false;
    for (int j = 0; j < i; ++j) {
      if (bindings[j] == bindings[i] && (parts & (1u << j)) != 0) {
        if (current[j] != current[i]) return RASQAL_TRIPLE_NONE;  // ?x :p ?x, but x differs
        repeated = true;
      }
    }
    if (repeated) continue;
    if (current[i] == nullptr) return RASQAL_TRIPLE_NONE;
    rasqal_literal* value = match->context().bridge->to_rasqal(current[i]);
    if (value == nullptr) {
      fail(match->context(), "out of memory");
      return RASQAL_TRIPLE_NONE;
    }
    rasqal_variable_set_value(bindings[i], value);
    result |= bit;
  }
  return static_cast<rasqal_triple_parts>(result);
}

void next_match(rasqal_triples_match* rtm, void*) noexcept {
  static_cast<PatternMatch*>(rtm->user_data)->next();
}

int is_end(rasqal_triples_match* rtm, void*) noexcept {
  return static_cast<PatternMatch*>(rtm->user_data)->done() ? 1 : 0;
}

void finish(rasqal_triples_match* rtm, void*) noexcept {
  delete static_cast<PatternMatch*>(rtm->user_data);
  rtm->user_data = nullptr;
}

// --- rasqal_triples_source callbacks -----------------------------------

// Rasqal 0.9.33 marks a variable for binding (m->parts) only in the first
// triple pattern of the query that mentions it, and expects every later
// pattern to find it already bound. Its joins (OPTIONAL, nested groups) do
// not guarantee that: the right-hand side may start while the variable is
// unbound, and because that side's rows then leave it unbound, Rasqal's
// compatibility check lets every row through and the join degenerates into
// a cross product (e.g. { ?i a :I , ?c . OPTIONAL { ?i :src ?s } } gives
// sources of other incidents). So every variable that is unbound when a
// pattern starts is bound by that pattern; Rasqal then also resets it when
// the pattern is exhausted, as it does for the variables it marked itself.
void bind_all_unbound(rasqal_triple_meta* m) {
  unsigned parts = m->parts;
  for (int i = 0; i < 4; ++i) {
    rasqal_variable* variable = m->bindings[i];
    if (variable == nullptr) continue;
    if (variable->value == nullptr) {
      parts |= 1u << i;
    } else {
      parts &= ~(1u << i);
    }
  }
  m->parts = static_cast<rasqal_triple_parts>(parts);
}

int init_triples_match(rasqal_triples_match* rtm, rasqal_triples_source*, void* user_data,
                       rasqal_triple_meta* m, rasqal_triple* t) noexcept {
  SourceContext& context = *static_cast<SourceState*>(user_data)->context;
  rtm->bind_match = bind_match;
  rtm->next_match = next_match;
  rtm->is_end = is_end;
  rtm->finish = finish;
  rtm->user_data = nullptr;
  try {
    std::array<const SordNode*, 4> fixed{};
    const bool matchable = resolve(context, t, m->bindings, fixed);
    bind_all_unbound(m);
    const PathExpr* path = path_for(context, fixed[1]);
    rtm->user_data = matchable ? new PatternMatch(context, fixed, scope_of(t, fixed), path)
                               : new PatternMatch(PatternMatch::empty(context));
    return 0;
  } catch (const std::exception& e) {
    fail(context, e.what());
  } catch (...) {
    fail(context, "unknown error while matching a triple pattern");
  }
  return 1;
}

int triple_present(rasqal_triples_source*, void* user_data, rasqal_triple* t) noexcept {
  SourceContext& context = *static_cast<SourceState*>(user_data)->context;
  try {
    std::array<const SordNode*, 4> fixed{};
    if (!resolve(context, t, nullptr, fixed)) return 0;
    const PathExpr* path = path_for(context, fixed[1]);
    return PatternMatch(context, fixed, scope_of(t, fixed), path).done() ? 0 : 1;
  } catch (const std::exception& e) {
    fail(context, e.what());
  } catch (...) {
    fail(context, "unknown error while matching a triple");
  }
  return 0;
}

void free_triples_source(void*) noexcept {
  // Rasqal frees the SourceState block itself; the context is the engine's.
}

int support_feature(void*, rasqal_triples_source_feature) noexcept { return 0; }

void setup_source(SourceContext* context, void* user_data, rasqal_triples_source* rts) noexcept {
  static_cast<SourceState*>(user_data)->context = context;
  rts->version = 2;
  rts->init_triples_match = init_triples_match;
  rts->triple_present = triple_present;
  rts->free_triples_source = free_triples_source;
  rts->support_feature = support_feature;
}

// --- rasqal_triples_source_factory callbacks ---------------------------

int new_triples_source(rasqal_query*, void* factory_user_data, void* user_data,
                       rasqal_triples_source* rts) noexcept {
  setup_source(static_cast<SourceContext*>(factory_user_data), user_data, rts);
  return 0;
}

int init_triples_source(rasqal_query*, void* factory_user_data, void* user_data, rasqal_triples_source* rts,
                        rasqal_triples_error_handler) noexcept {
  setup_source(static_cast<SourceContext*>(factory_user_data), user_data, rts);
  return 0;
}

int register_factory(rasqal_triples_source_factory* factory) noexcept {
  factory->version = 2;
  factory->user_data_size = sizeof(SourceState);
  factory->new_triples_source = new_triples_source;
  factory->init_triples_source = init_triples_source;
  return 0;
}

}  // namespace

bool install_sord_source(rasqal_world* world, SourceContext* context) {
  return rasqal_set_triples_source_factory(world, register_factory, context) == 0;
}

}  // namespace newsgraph::query
