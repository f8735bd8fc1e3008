#pragma once
// A TripleSink that only remembers what it was given, in order: the test
// double for anything that produces triples.
#include <string_view>
#include <vector>

#include "rdf/sink.hpp"

namespace newsgraph::rdf {

class RecordingSink final : public TripleSink {
 public:
  void prefix(std::string_view name, std::string_view iri) override {
    prefixes_.push_back(Prefix{std::string(name), std::string(iri)});
  }
  void add(const Triple& triple) override { triples_.push_back(triple); }
  void finish() override { ++finish_calls_; }

  const std::vector<Triple>& triples() const noexcept { return triples_; }
  const std::vector<Prefix>& prefixes() const noexcept { return prefixes_; }
  int finish_calls() const noexcept { return finish_calls_; }

 private:
  std::vector<Prefix> prefixes_;
  std::vector<Triple> triples_;
  int finish_calls_ = 0;
};

}  // namespace newsgraph::rdf
