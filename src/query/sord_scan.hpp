#pragma once
// One pass over the quads of a Sord model matching a pattern, choosing the
// graph semantics queries need. Queries see the union of all graphs as the
// default graph: a triple stated in two named graphs is one triple there,
// so duplicates across graphs are skipped. Sord's indexes order the graph
// last (SPOG, POSG, OPSG...) when the graph is unbound, so those duplicates
// are adjacent and skipping them needs no memory.
#include <array>

#include <sord/sord.h>

#include "rdf/handles.hpp"

namespace newsgraph::query {

enum class GraphScope {
  Union,  // every graph, each distinct (s, p, o) once; graph node not reported
  Named,  // named graphs only (graph != null), each quad
  Exact,  // the one graph given
};

class SordScan {
 public:
  // s, p, o, g may be null (wildcards); g is used only with GraphScope::Exact.
  SordScan(SordModel* model, const SordNode* s, const SordNode* p, const SordNode* o,
           GraphScope scope = GraphScope::Union, const SordNode* g = nullptr)
      : scope_(scope) {
    const SordQuad pattern = {s, p, o, scope == GraphScope::Exact ? g : nullptr};
    iter_.reset(sord_find(model, pattern));
    skip_unwanted();
  }

  bool done() const { return !iter_ || sord_iter_end(iter_.get()); }
  const SordNode* node(SordQuadIndex part) const { return quad_[part]; }

  void next() {
    const SordQuad previous = {quad_[0], quad_[1], quad_[2], quad_[3]};
    sord_iter_next(iter_.get());
    if (scope_ == GraphScope::Union) {
      while (!done()) {
        load();
        if (quad_[0] != previous[0] || quad_[1] != previous[1] || quad_[2] != previous[2]) break;
        sord_iter_next(iter_.get());
      }
    }
    skip_unwanted();
  }

 private:
  void load() { sord_iter_get(iter_.get(), quad_); }

  void skip_unwanted() {
    while (!done()) {
      load();
      if (scope_ != GraphScope::Named || quad_[SORD_GRAPH] != nullptr) return;
      sord_iter_next(iter_.get());
    }
  }

  GraphScope scope_;
  rdf::SordIterPtr iter_;
  SordQuad quad_ = {nullptr, nullptr, nullptr, nullptr};
};

}  // namespace newsgraph::query
