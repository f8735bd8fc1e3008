#pragma once
// Converts RDF terms between Sord nodes (the store), Rasqal literals (the
// query engine) and rdf::Term (what we hand to callers). Sord nodes are
// interned per world, so a node pointer identifies a term; the bridge keeps
// one Rasqal literal per node it has seen during a query, which makes
// binding a variable a reference-count increment instead of an allocation.
#include <string>
#include <unordered_map>
#include <vector>

#include <rasqal.h>
#include <sord/sord.h>

#include "rdf/handles.hpp"
#include "rdf/sink.hpp"

namespace newsgraph::query {

class NodeBridge {
 public:
  NodeBridge(rasqal_world* rasqal, SordWorld* sord) : rasqal_(rasqal), sord_(sord) {}
  ~NodeBridge() { clear(); }
  NodeBridge(const NodeBridge&) = delete;
  NodeBridge& operator=(const NodeBridge&) = delete;

  // A new reference to the Rasqal literal for `node` (the caller owns it).
  // Null only when out of memory.
  rasqal_literal* to_rasqal(const SordNode* node);

  // The Sord node for a constant or a bound value; null for values that are
  // not RDF terms. Owned by the bridge, valid until clear().
  const SordNode* to_sord(rasqal_literal* literal);

  // Releases everything cached (call between queries).
  void clear();

 private:
  SordNode* make_sord(rasqal_literal* literal);

  rasqal_world* rasqal_;
  SordWorld* sord_;
  std::unordered_map<const SordNode*, rasqal_literal*> literals_;
  std::unordered_map<const rasqal_literal*, const SordNode*> from_store_;
  std::unordered_map<std::string, SordNode*> by_content_;
};

// rdf::Term of a Sord node / a Rasqal literal / a Raptor term.
rdf::Term term_of(const SordNode* node);
rdf::Term term_of(rasqal_literal* literal);
rdf::Term term_of(const raptor_term* term);

}  // namespace newsgraph::query
