#include "pipeline/graph_sinks.hpp"

namespace newsgraph {

namespace {

// Length-prefixed, so no value can run into the next whatever bytes it holds.
void append_field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

}  // namespace

std::string TripleSet::key(const rdf::Triple& t) {
  std::string k;
  k.reserve(t.subject.value.size() + t.predicate.value.size() + t.object.value.size() + t.object.datatype.size() + 32);
  k += static_cast<char>('0' + static_cast<int>(t.subject.kind));
  append_field(k, t.subject.value);
  append_field(k, t.predicate.value);
  k += static_cast<char>('0' + static_cast<int>(t.object.kind));
  append_field(k, t.object.value);
  append_field(k, t.object.datatype);
  append_field(k, t.object.language);
  return k;
}

void NamedGraphSink::add(const rdf::Triple& triple) {
  rdf::Triple quad = triple;
  quad.graph = graph_;
  next_.add(quad);
  if (remember_ != nullptr) remember_->insert(triple);
}

void NewTriplesSink::add(const rdf::Triple& triple) {
  if (known_.contains(triple)) return;
  rdf::Triple quad = triple;
  quad.graph = graph_;
  next_.add(quad);
  ++written_;
}

}  // namespace newsgraph
