#include "pipeline/graph_sinks.hpp"

#include <algorithm>
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
  const Fingerprint print{mixed(f.a), mixed(f.b)};
  return print == Fingerprint{} ? Fingerprint{0, 1} : print;
}

std::size_t TripleSet::slot_of(const Fingerprint& f) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(f.a) & mask;
  while (!(slots_[i] == f) && !(slots_[i] == Fingerprint{})) i = (i + 1) & mask;
  return i;
}

void TripleSet::insert(const Fingerprint& f) {
  if (2 * (size_ + 1) > slots_.size()) grow();
  Fingerprint& slot = slots_[slot_of(f)];
  if (slot == Fingerprint{}) {
    slot = f;
    ++size_;
  }
}

bool TripleSet::contains(const Fingerprint& f) const { return size_ != 0 && slots_[slot_of(f)] == f; }

void TripleSet::grow() {
  std::vector<Fingerprint> old(std::max<std::size_t>(1024, 2 * slots_.size()));
  old.swap(slots_);
  for (const Fingerprint& f : old) {
    if (!(f == Fingerprint{})) slots_[slot_of(f)] = f;
  }
}

// Keeps the array (windows are alike in size) but empties it.
void TripleSet::clear() noexcept {
  std::fill(slots_.begin(), slots_.end(), Fingerprint{});
  size_ = 0;
}

void NamedGraphSink::add(const rdf::Triple& triple) {
  if (fingerprints_ != nullptr) fingerprints_->push_back(TripleSet::fingerprint(triple));
  copy_triple(quad_, triple);
  next_.add(quad_);
}

void NewTriplesSink::add(const rdf::Triple& triple) {
  if (known_.contains(triple)) return;
  copy_triple(quad_, triple);
  next_.add(quad_);
  ++written_;
}

}  // namespace newsgraph
