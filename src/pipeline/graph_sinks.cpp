#include "pipeline/graph_sinks.hpp"

#include <cstring>

namespace newsgraph {

namespace {

// Two 64-bit multiply-xor streams with different seeds and multipliers, fed
// eight bytes at a time; each field is followed by its length, so no field
// can run into the next.
struct Fingerprinter {
  std::uint64_t a = 0xcbf29ce484222325ULL;
  std::uint64_t b = 0x84222325cbf29ce4ULL;

  void word(std::uint64_t w) noexcept {
    a = ((a ^ w) * 0x100000001b3ULL) ^ (a >> 29);
    b = ((b ^ w) * 0x9e3779b97f4a7c15ULL) ^ (b >> 31);
  }
  void field(const std::string& s) noexcept {
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      word(w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    word(tail);
    word(s.size());
  }
  void term(const rdf::Term& t) noexcept {
    word(static_cast<std::uint64_t>(t.kind));
    field(t.value);
    field(t.datatype);
    field(t.language);
  }
};

// Moves the 64-bit mix of `h` towards all bits (splitmix64's finaliser).
std::uint64_t mixed(std::uint64_t h) noexcept {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

void copy_triple(rdf::Triple& to, const rdf::Triple& from) {
  to.subject = from.subject;
  to.predicate = from.predicate;
  to.object = from.object;
}

}  // namespace

TripleSet::Fingerprint TripleSet::fingerprint(const rdf::Triple& t) noexcept {
  Fingerprinter f;
  f.term(t.subject);
  f.term(t.predicate);
  f.term(t.object);
  return {mixed(f.a), mixed(f.b)};
}

void GraphRecorder::add(const rdf::Triple& triple) {
  if (with_fingerprints_) fingerprints.push_back(TripleSet::fingerprint(triple));
  quads.push_back(triple);
  quads.back().graph = graph_;
}

void NewTriplesSink::add(const rdf::Triple& triple) {
  if (known_.contains(triple)) return;
  copy_triple(quad_, triple);
  next_.add(quad_);
  ++written_;
}

}  // namespace newsgraph
