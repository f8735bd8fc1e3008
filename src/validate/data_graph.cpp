#include "validate/data_graph.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "rdf/reader.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "util/error.hpp"

namespace newsgraph::validate {
namespace {

constexpr std::string_view kSkolemBase = "urn:x-newsgraph:blank:";

// Forwards the triples of input `input` to `next` in the default graph (the
// SHACL data graph is the union of all graphs), blank nodes renamed to skolem
// IRIs when asked.
class MergeSink final : public rdf::TripleSink {
 public:
  MergeSink(rdf::TripleSink& next, std::size_t input, bool skolemize)
      : next_(next), input_(input), skolemize_(skolemize) {}
  void add(const rdf::Triple& triple) override {
    next_.add({rename(triple.subject), triple.predicate, rename(triple.object), {}});
    ++count_;
  }
  std::size_t count() const noexcept { return count_; }

 private:
  rdf::Term rename(const rdf::Term& term) const {
    if (!skolemize_ || term.kind != rdf::TermKind::Blank) return term;
    return rdf::Term::iri(std::string(kSkolemBase) + std::to_string(input_ + 1) + ":" + term.value);
  }
  rdf::TripleSink& next_;
  std::size_t input_;
  bool skolemize_;
  std::size_t count_ = 0;
};

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

}  // namespace

std::size_t write_merged_ntriples(const std::vector<std::string>& graphs, const std::string& path,
                                  bool skolemize) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
  if (!file) throw InputError(Location{path}, std::string("cannot write: ") + std::strerror(errno));
  rdf::SerdWriterSink writer(file.get(), rdf::RdfSyntax::NTriples);
  std::size_t count = 0;
  for (std::size_t i = 0; i < graphs.size(); ++i) {
    MergeSink sink(writer, i, skolemize);
    rdf::read_rdf_file(graphs[i], std::nullopt, sink);
    count += sink.count();
  }
  writer.finish();
  if (std::fclose(file.release()) != 0) {
    throw InputError(Location{path}, std::string("cannot write: ") + std::strerror(errno));
  }
  return count;
}

rdf::Term restore_blank_node(const rdf::Term& term) {
  if (term.kind != rdf::TermKind::Iri || !term.value.starts_with(kSkolemBase)) return term;
  const std::string_view rest = std::string_view(term.value).substr(kSkolemBase.size());
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return term;
  return rdf::Term::blank("g" + std::string(rest.substr(0, colon)) + "_" +
                          std::string(rest.substr(colon + 1)));
}

}  // namespace newsgraph::validate
