// Arbitrary text through the whole graph build: up to three articles (the
// input split at form feeds) are extracted with the real lexicon, merged and
// emitted as Turtle; that Turtle must parse back into as many triples as were
// written. Finds crashes and hangs in extract/, resolve/ and emit/, and any
// output another RDF parser would refuse.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "emit/graph_writer.hpp"
#include "extract/extractor.hpp"
#include "fuzz_check.hpp"
#include "lexicon/lexicon.hpp"
#include "rdf/reader.hpp"
#include "rdf/recording_sink.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "resolve/merge.hpp"
#include "text/article_reader.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"
#include "util/strings.hpp"

using namespace newsgraph;
using fuzz::check;

namespace {

constexpr std::size_t kMaxArticles = 3;

const Lexicon& lexicon() {
  static const Lexicon lex = Lexicon::load(data_root());
  return lex;
}

const Extractor& extractor() {
  static const Extractor e(lexicon());
  return e;
}

bool inside(const Span& s, const std::string& text) { return s.begin <= s.end && s.end <= text.size(); }

void check_facts(const ArticleFacts& f) {
  const std::string& text = f.article.text;
  for (const Sentence& s : f.sentences) check(inside(s.span, text), "sentence spans lie inside the text");
  for (const PersonFact& p : f.persons) {
    check(!p.name.empty(), "a person has a name");
    for (const Span& m : p.mentions) check(inside(m, text), "person mentions lie inside the text");
  }
  for (const OrganisationFact& o : f.organisations) {
    for (const Span& m : o.mentions) check(inside(m, text), "organisation mentions lie inside the text");
  }
}

// The graph as Turtle, in memory.
std::string write_turtle(const KnowledgeGraph& graph, std::size_t& triples) {
  char* buffer = nullptr;
  std::size_t length = 0;
  std::FILE* out = ::open_memstream(&buffer, &length);
  check(out != nullptr, "open_memstream");
  {
    rdf::SerdWriterSink sink(out, rdf::RdfSyntax::Turtle);
    triples = emit_graph(graph, EmitOptions{}, sink);
    sink.finish();
  }
  std::fclose(out);
  std::string turtle(buffer, length);
  std::free(buffer);
  return turtle;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  extractor();  // load the lexicon once; a broken data file fails here
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<ArticleFacts> facts;
  std::size_t n = 0;
  for (std::string_view part : split(fuzz::bytes(data, size), '\f')) {
    if (n == kMaxArticles) break;
    const std::string id = "a" + std::to_string(n++);
    try {
      Article article = parse_plain_article(part, id, id + ".txt");
      if (article.date.empty() && n == 1) article.date = "2024-06-21";  // relative dates get resolved
      facts.push_back(extractor().extract(std::move(article)));
    } catch (const InputError&) {
      continue;  // not text: the reader's business (article_reader_fuzz)
    }
    check_facts(facts.back());
  }
  if (facts.empty()) return 0;
  const KnowledgeGraph graph = merge_articles(std::move(facts), lexicon());
  std::size_t written = 0;
  std::string turtle;
  try {
    turtle = write_turtle(graph, written);
  } catch (const InputError& e) {
    std::fprintf(stderr, "fuzz: the graph could not be written: %s\n", e.what());
    check(false, "every graph we build can be written");
  }
  rdf::RecordingSink read_back;
  try {
    rdf::read_rdf_string(turtle, rdf::RdfSyntax::Turtle, read_back, "fuzz.ttl");
  } catch (const InputError& e) {
    std::fprintf(stderr, "fuzz: our Turtle does not parse: %s\n", e.what());
    check(false, "the Turtle we write parses");
  }
  check(read_back.triples().size() == written, "the Turtle holds every triple written");
  return 0;
}
