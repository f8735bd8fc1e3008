#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "rdf/handles.hpp"
#include "rdf/iri.hpp"
#include "rdf/line_writer.hpp"
#include "rdf/reader.hpp"
#include "rdf/recording_sink.hpp"
#include "rdf/serd_nodes.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "rdf/sord_store.hpp"
#include "rdf/syntax.hpp"
#include "rdf/terms.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

using namespace newsgraph;
using namespace newsgraph::rdf;

// Failing comparisons print triples in an N-Quads-like form.
namespace Catch {
template <>
struct StringMaker<newsgraph::rdf::Term> {
  static std::string convert(const newsgraph::rdf::Term& t) {
    switch (t.kind) {
      case TermKind::Iri: return "<" + t.value + ">";
      case TermKind::Blank: return "_:" + t.value;
      case TermKind::Literal: break;
    }
    std::string out = StringMaker<std::string>::convert(t.value);
    if (!t.language.empty()) out += "@" + t.language;
    if (!t.datatype.empty()) out += "^^<" + t.datatype + ">";
    return out;
  }
};
template <>
struct StringMaker<newsgraph::rdf::Triple> {
  static std::string convert(const newsgraph::rdf::Triple& t) {
    using Terms = StringMaker<newsgraph::rdf::Term>;
    return Terms::convert(t.subject) + " " + Terms::convert(t.predicate) + " " + Terms::convert(t.object) +
           (t.graph.value.empty() ? "" : " " + Terms::convert(t.graph));
  }
};
}  // namespace Catch

namespace {

const std::string kEx = "http://example.org/";
const std::string kNg = "https://w3id.org/newsgraph/ontology#";
const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";
const std::string kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

const RdfSyntax kAllSyntaxes[] = {RdfSyntax::Turtle, RdfSyntax::NTriples, RdfSyntax::NQuads, RdfSyntax::TriG};

Term ex(const std::string& local) { return Term::iri(kEx + local); }
Term ng(const std::string& local) { return Term::iri(kNg + local); }

// Every character a writer must escape, plus non-ASCII text.
std::string tricky_text() {
  return std::string(
      "He said \"no\" \\ then\nleft\ttab \r cr \x01 soh \x1F us \x7F del "
      "\b bs \f ff caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC");
}

class TempDir {
 public:
  TempDir() {
    const std::string pattern = (std::filesystem::temp_directory_path() / "newsgraph-rdf-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = buffer.data();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (std::filesystem::path(path_) / name).string(); }

 private:
  std::string path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes `triples` (after `prefixes`) in `syntax` and returns the bytes.
std::string write_rdf(RdfSyntax syntax, const std::vector<Triple>& triples,
                      const std::vector<Prefix>& prefixes = {}) {
  TempDir dir;
  const std::string path = dir.file("out");
  std::FILE* file = std::fopen(path.c_str(), "wb");
  REQUIRE(file != nullptr);
  {
    SerdWriterSink sink(file, syntax);
    for (const Prefix& p : prefixes) sink.prefix(p.name, p.iri);
    for (const Triple& t : triples) sink.add(t);
    sink.finish();
  }
  REQUIRE(std::fclose(file) == 0);
  return slurp(path);
}

std::vector<Triple> read_back(const std::string& text, RdfSyntax syntax) {
  RecordingSink sink;
  read_rdf_string(text, syntax, sink, "written");
  return sink.triples();
}

// The triples a syntax can carry: without named graphs in Turtle/N-Triples.
std::vector<Triple> as_written_in(RdfSyntax syntax, std::vector<Triple> triples) {
  if (!syntax_has_graphs(syntax)) {
    for (Triple& t : triples) t.graph = Term::iri("");
  }
  return triples;
}

std::vector<Triple> sorted(std::vector<Triple> triples) {
  std::sort(triples.begin(), triples.end());
  return triples;
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command, capturing stdout (stderr goes to the test log).
CommandResult run_command(const std::string& command) {
  CommandResult result;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A small graph with every kind of term: tricky and tagged literals, a
// date, an integer, blank nodes, non-ASCII IRIs and two named graphs.
std::vector<Triple> sample_graph() {
  const Term g1 = ex("graph/one");
  const Term g2 = ex("graph/two");
  return {
      {ex("kim"), Term::iri(kRdfType), ng("Person"), {}},
      {ex("kim"), ng("quote"), Term::text(tricky_text()), g1},
      {ex("kim"), ng("quote"), Term::literal("plain \"quoted\" words"), g1},
      {ex("pact"), ng("date"), Term::typed("2024-06-19", kXsd + "date"), g2},
      {ex("pact"), ng("sourceCount"), Term::typed("4", kXsd + "integer"), g2},
      {ex("pact"), Term::iri("http://www.w3.org/2000/01/rdf-schema#label"), Term::text("pacte", "fr-CA"), {}},
      {Term::blank("claim1"), ng("claimValue"), Term::literal("x\ny"), {}},
      {ex("pact"), ng("hasConflict"), Term::blank("claim1"), {}},
      {ex("caf\xC3\xA9"), ng("name"), Term::text("Caf\xC3\xA9", "fr"), g1},
  };
}

std::vector<Prefix> sample_prefixes() { return {{"ng", kNg}, {"ex", kEx}, {"xsd", kXsd}}; }

// What two parsers must agree on: blank node labels are the document's
// business and language tags are case-insensitive (rapper lowercases them
// when it reads N-Triples), so both are normalised away.
std::vector<Triple> comparable(std::vector<Triple> triples) {
  for (Triple& t : triples) {
    for (Term* term : {&t.subject, &t.object, &t.graph}) {
      if (term->kind == TermKind::Blank) term->value = "_";
      term->language = ascii_lower(term->language);
    }
  }
  return sorted(std::move(triples));
}

class ThrowingSink : public TripleSink {
 public:
  void add(const Triple&) override { throw std::runtime_error("sink is full"); }
};

}  // namespace

TEST_CASE("rdf: writer escapes quotes, backslashes, newlines, tabs and controls and re-reads them exactly",
          "[rdf]") {
  const std::string with_nul = tricky_text() + std::string(1, '\0') + "after nul";
  const std::vector<Triple> triples = {
      {ex("s"), ex("p"), Term::literal(tricky_text()), {}},
      {ex("s"), ex("p"), Term::text(tricky_text(), "en"), {}},
      {ex("s"), ex("p"), Term::literal(with_nul), {}},
  };
  for (const RdfSyntax syntax : kAllSyntaxes) {
    INFO("syntax " << syntax_name(syntax));
    const std::string text = write_rdf(syntax, triples);
    CHECK(text.find("\\\"no\\\"") != std::string::npos);
    CHECK(text.find("\\\\ then\\nleft\\ttab \\r cr \\u0001 soh \\u001F us \\u007F del") != std::string::npos);
    CHECK(text.find('\r') == std::string::npos);  // no raw CR: every literal stays on one line
    CHECK(text.find("\"\"\"") == std::string::npos);
    CHECK(read_back(text, syntax) == triples);
  }
}

TEST_CASE("rdf: quoted_string writes a literal's text as Turtle, N-Triples and SPARQL read it", "[rdf]") {
  CHECK(quoted_string("") == "\"\"");
  CHECK(quoted_string("say \"no\" \\ then\nleft\ttab \r cr 'it' caf\xC3\xA9") ==
        "\"say \\\"no\\\" \\\\ then\\nleft\\ttab \\r cr 'it' caf\xC3\xA9\"");
  const std::string value = "He said \"no\" \\ then\nleft\ttab \r cr caf\xC3\xA9";
  for (const RdfSyntax syntax : {RdfSyntax::NTriples, RdfSyntax::Turtle}) {
    const std::string text = "<" + kEx + "s> <" + kEx + "p> " + quoted_string(value) + " .\n";
    CHECK(read_back(text, syntax) == std::vector<Triple>{{ex("s"), ex("p"), Term::literal(value), {}}});
  }
}

TEST_CASE("rdf: language tags and xsd:date datatypes survive a round trip in every syntax", "[rdf]") {
  const std::vector<Triple> triples = {
      {ex("s"), ex("p"), Term::text("hello", "en-GB"), {}},
      {ex("s"), ex("p"), Term::typed("2024-06-19", kXsd + "date"), {}},
      {ex("s"), ex("p"), Term::typed("-7", kXsd + "integer"), {}},
      {ex("s"), ex("p"), Term::typed("true", kXsd + "boolean"), {}},
      {ex("s"), ex("p"), Term::typed("2.50", kXsd + "decimal"), {}},
  };
  for (const RdfSyntax syntax : kAllSyntaxes) {
    INFO("syntax " << syntax_name(syntax));
    const std::string text = write_rdf(syntax, triples, {{"xsd", kXsd}});
    CHECK(read_back(text, syntax) == triples);
  }
}

TEST_CASE("rdf: named graphs are written in N-Quads and TriG and dropped in Turtle and N-Triples", "[rdf]") {
  const std::vector<Triple> triples = {
      {ex("a"), ex("p"), ex("b"), ex("g")},
      {ex("a"), ex("p"), ex("c"), {}},
  };
  for (const RdfSyntax syntax : kAllSyntaxes) {
    INFO("syntax " << syntax_name(syntax));
    const std::string text = write_rdf(syntax, triples);
    CHECK((text.find(kEx + "g") != std::string::npos) == syntax_has_graphs(syntax));
    CHECK(read_back(text, syntax) == as_written_in(syntax, triples));
  }
  const std::string nquads = write_rdf(RdfSyntax::NQuads, triples);
  CHECK(nquads == "<" + kEx + "a> <" + kEx + "p> <" + kEx + "b> <" + kEx +
                      "g> .\n"
                      "<" +
                      kEx + "a> <" + kEx + "p> <" + kEx + "c> .\n");
}

TEST_CASE("rdf: N-Triples and N-Quads rendered into strings and appended write the same bytes", "[rdf]") {
  const std::vector<Triple> triples = {
      {ex("a"), ex("p"), Term::text("line\nbreak \"quoted\" caf\u00e9"), ex("g")},
      {ex("a"), ex("p"), Term::typed("42", kXsd + "integer"), {}},
      {ex("b"), ex("q"), ex("c"), ex("g")},
  };
  for (const RdfSyntax syntax : {RdfSyntax::NTriples, RdfSyntax::NQuads}) {
    INFO("syntax " << syntax_name(syntax));
    // Each statement rendered on its own, as a worker thread would.
    std::string parts;
    for (const Triple& t : triples) {
      std::string text;
      SerdWriterSink renderer(text, syntax);
      CHECK(renderer.line_syntax() == syntax);
      renderer.add(t);
      renderer.finish();
      parts += text;
    }
    TempDir dir;
    const std::string path = dir.file("out");
    std::FILE* file = std::fopen(path.c_str(), "wb");
    REQUIRE(file != nullptr);
    {
      SerdWriterSink sink(file, syntax);
      sink.add_rendered(parts.substr(0, parts.find('\n') + 1));
      sink.add_rendered(parts.substr(parts.find('\n') + 1));
      sink.finish();
      CHECK_THROWS_AS(sink.add_rendered("x"), std::logic_error);
    }
    REQUIRE(std::fclose(file) == 0);
    CHECK(slurp(path) == write_rdf(syntax, triples));
  }
}

// ---- Serd's N-Triples/N-Quads writer against ours (rdf/line_writer.hpp) ----

namespace {

// Serd's writer callback: appends to the std::string behind `stream`.
// Nothing may unwind into Serd, so a failed append returns 0 (a short write).
size_t append_to_string(const void* bytes, size_t length, void* stream) noexcept {
  try {
    static_cast<std::string*>(stream)->append(static_cast<const char*>(bytes), length);
    return length;
  } catch (...) {
    return 0;
  }
}

SerdStatus count_serd_error(void* handle, const SerdError* /*error*/) noexcept {
  ++*static_cast<int*>(handle);
  return SERD_SUCCESS;
}

// What Serd's own writer makes of `triples` in `syntax` (N-Triples or
// N-Quads), set up as SerdWriterSink set it up before it wrote these
// syntaxes itself: no base, no prefixes, style 0.
std::string serd_statement_lines(RdfSyntax syntax, const std::vector<Triple>& triples) {
  std::string out;
  int errors = 0;
  SerdEnvPtr env = checked(SerdEnvPtr(serd_env_new(nullptr)));
  {
    SerdWriterPtr writer = checked(SerdWriterPtr(serd_writer_new(
        to_serd_syntax(syntax), static_cast<SerdStyle>(0), env.get(), nullptr, append_to_string, &out)));
    serd_writer_set_error_sink(writer.get(), count_serd_error, &errors);
    for (const Triple& t : triples) {
      const SerdTermView s = serd_term_view(t.subject), p = serd_term_view(t.predicate),
                         o = serd_term_view(t.object), g = serd_term_view(t.graph);
      const bool named = syntax_has_graphs(syntax) && !is_default_graph(t.graph);
      REQUIRE(serd_writer_write_statement(writer.get(), 0, named ? &g.node : nullptr, &s.node, &p.node,
                                          &o.node, o.datatype_or_null(),
                                          o.language_or_null()) == SERD_SUCCESS);
    }
    REQUIRE(serd_writer_finish(writer.get()) == SERD_SUCCESS);
  }
  CHECK(errors == 0);
  return out;
}

std::string our_statement_lines(RdfSyntax syntax, const std::vector<Triple>& triples) {
  std::string out;
  for (const Triple& t : triples) append_statement_line(out, syntax, t);
  return out;
}

std::string utf8_of(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

// Code points at the edges of each UTF-8 length, C1 controls, separators
// and the non-BMP ones that need four bytes.
const char32_t kEdgeCodePoints[] = {0x80,   0x9F,   0xA0,   0xE9,   0x7FF,  0x800,   0x2028,  0x2029,
                                    0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};

// Compares both writers on `triples`, as one run and statement by statement.
void check_same_lines(const std::vector<Triple>& triples) {
  for (const RdfSyntax syntax : {RdfSyntax::NTriples, RdfSyntax::NQuads}) {
    INFO("syntax " << syntax_name(syntax));
    CHECK(our_statement_lines(syntax, triples) == serd_statement_lines(syntax, triples));
  }
}

}  // namespace

TEST_CASE("rdf: N-Triples and N-Quads lines are Serd's bytes for every ASCII byte in every position",
          "[rdf]") {
  std::vector<Triple> triples;
  for (unsigned b = 0; b < 0x80; ++b) {
    const std::string c(1, static_cast<char>(b));
    INFO("byte " << b);
    triples.push_back({ex("s"), ex("p"), Term::literal("a" + c + "z"), {}});
    triples.push_back({ex("s"), ex("p"), Term::literal(c), {}});
    triples.push_back({ex("s" + c), ex("p" + c), Term::iri(kEx + c + "o"), Term::iri(kEx + "g" + c)});
    triples.push_back({ex("s"), ex("p"), Term::typed(c, kEx + "type" + c), ex("g")});
    triples.push_back({ex("s"), ex("p"), Term::text(c + "x", "en"), Term::blank("g" + c)});
  }
  check_same_lines(triples);
}

TEST_CASE("rdf: N-Triples and N-Quads lines pass non-ASCII through as Serd does", "[rdf]") {
  std::vector<Triple> triples;
  for (const char32_t c : kEdgeCodePoints) {
    const std::string u = utf8_of(c);
    triples.push_back({ex("s"), ex("p"), Term::literal(u), {}});
    triples.push_back({ex("s"), ex("p"), Term::text("x" + u + "\"" + u + "\\"), ex("g")});
    triples.push_back({ex(u), ex("p" + u), Term::iri("urn:" + u + " <" + u + ">"), ex("g" + u)});
    triples.push_back({ex("s"), ex("p"), Term::typed(u, kEx + u + "%20"), {}});
  }
  check_same_lines(triples);
}

TEST_CASE("rdf: N-Triples and N-Quads lines match Serd on empty strings, tags, datatypes and blank nodes",
          "[rdf]") {
  const std::string lang_string = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
  Term tagged_and_typed = Term::text("both", "en-GB");
  tagged_and_typed.datatype = lang_string;  // the tag wins, as in serd_term_view()
  check_same_lines({
      {ex("s"), ex("p"), Term::literal(""), {}},
      {ex("s"), ex("p"), Term::text("", "en"), {}},
      {ex("s"), ex("p"), Term::typed("", kXsd + "string"), {}},
      {ex("s"), ex("p"), Term::text("colour", "en-GB"), ex("g")},
      {ex("s"), ex("p"), Term::text("\xE6\x97\xA5", "zh-Hant-TW"), {}},
      {ex("s"), ex("p"), tagged_and_typed, {}},
      {ex("s"), ex("p"), Term::typed("2024-06-19", kXsd + "date"), {}},
      {ex("s"), ex("p"), Term::typed("42", kXsd + "integer"), ex("g")},
      {ex("s"), ex("p"), Term::typed("x", "urn:a b<c>\\d\"e^f`g{h|i}j\x7Fk\x01l"), {}},
      {Term::blank("b0"), ex("p"), Term::blank("a.b-c_d"), Term::blank("g1")},
      {Term::blank("_x"), ex("p"), Term::blank("\xC3\xA9t\xC3\xA9"), ex("g")},
      {ex("s"), ex("p"), Term::literal(std::string("nul\0inside", 10)), {}},
      {ex("s"), ex("p"), Term::iri(std::string("urn:nul\0inside", 14)), {}},
      {ex("s"), ex("p"), Term::literal(std::string(100000, 'x') + "\n" + std::string(70000, '"')), {}},
  });
  check_same_lines({});
}

TEST_CASE("rdf: N-Triples and N-Quads lines match Serd on random nasty strings", "[rdf]") {
  // Pieces that need escaping, or look as if they might, drawn at random
  // (a fixed seed: the same strings every run).
  std::vector<std::string> pieces = {
      "",  " ", "\"", "\\", "\n", "\r", "\t",   "<",    ">",  "^^", "@",    "_:",      "{",   "}",
      "|", "`", "%",  "%2", "#",  ".",  "\x7F", "\x01", "\b", "\f", "\x1B", "\\u0041", "abc", "Kim Jong Un"};
  for (const char32_t c : kEdgeCodePoints) pieces.push_back(utf8_of(c));
  std::mt19937 random(20240619);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 12);
  auto nasty = [&] {
    std::string s;
    for (std::size_t n = length(random); n > 0; --n) s += pieces[piece(random)];
    return s;
  };
  std::vector<Triple> triples;
  for (int i = 0; i < 2000; ++i) {
    triples.push_back({Term::iri("http://e.org/" + nasty()), Term::iri("urn:" + nasty()),
                       i % 3 == 0   ? Term::text(nasty(), i % 2 ? "en" : "de-AT")
                       : i % 3 == 1 ? Term::typed(nasty(), "urn:t" + nasty())
                                    : Term::iri("urn:" + nasty()),
                       i % 4 == 0 ? Term::iri("") : Term::iri("http://g.org/" + nasty())});
  }
  check_same_lines(triples);
}

TEST_CASE("rdf: the writer sink's N-Triples and N-Quads are Serd's bytes, to a file and to a string",
          "[rdf]") {
  const std::vector<Triple> triples = {
      {ex("s"), ex("p"), Term::literal(tricky_text()), {}},
      {ex("s"), ex("p"), Term::text(tricky_text(), "en"), ex("g")},
      {Term::blank("b1"), ex("p"), Term::typed("2024-06-19", kXsd + "date"), Term::blank("g2")},
      {Term::trusted_iri(kEx + "s"), Term::trusted_iri(kEx + "p"), Term::trusted_iri(kEx + "has space"), {}},
      {ex("s"), ex("p"), Term::literal(std::string(200000, 'y')), ex("g")},  // across the 64 KiB blocks
  };
  for (const RdfSyntax syntax : {RdfSyntax::NTriples, RdfSyntax::NQuads}) {
    INFO("syntax " << syntax_name(syntax));
    const std::string serd = serd_statement_lines(syntax, triples);
    CHECK(write_rdf(syntax, triples) == serd);
    std::string text;
    SerdWriterSink sink(text, syntax);
    for (const Triple& t : triples) sink.add(t);
    sink.finish();
    CHECK(text == serd);
  }
}

TEST_CASE("rdf: Turtle and TriG take no rendered text, and a string sink still refuses bad terms", "[rdf]") {
  std::string text;
  for (const RdfSyntax syntax : {RdfSyntax::Turtle, RdfSyntax::TriG}) {
    SerdWriterSink sink(text, syntax);
    CHECK_FALSE(sink.line_syntax().has_value());
    CHECK_THROWS_AS(sink.add_rendered("<a> <b> <c> .\n"), std::logic_error);
  }
  SerdWriterSink sink(text, RdfSyntax::NQuads);
  CHECK_THROWS_AS(sink.add(Triple{ex("a"), Term::literal("not an IRI"), ex("b"), {}}), InputError);
  RecordingSink recorder;
  CHECK_FALSE(recorder.line_syntax().has_value());
}

TEST_CASE("rdf: Turtle output declares the given prefixes and writes CURIEs, never relative IRIs", "[rdf]") {
  const std::vector<Triple> triples = {
      {ex("kim"), Term::iri(kRdfType), ng("Person"), {}},
      {ex("kim"), ng("represents"), ex("PRK"), {}},
      {Term::iri("http://other.example/x"), ng("date"), Term::typed("2024-06-19", kXsd + "date"), {}},
  };
  const std::string text = write_rdf(RdfSyntax::Turtle, triples, sample_prefixes());
  INFO(text);
  CHECK(text.rfind(
            "@prefix ng: <" + kNg + "> .\n@prefix ex: <" + kEx + "> .\n@prefix xsd: <" + kXsd + "> .\n", 0) ==
        0);
  CHECK(text.find("ex:kim") != std::string::npos);
  CHECK(text.find("\ta ng:Person ;") != std::string::npos);
  CHECK(text.find("ng:represents ex:PRK") != std::string::npos);
  CHECK(text.find("\"2024-06-19\"^^xsd:date") != std::string::npos);
  CHECK(text.find("<http://other.example/x>") != std::string::npos);
  CHECK(text.find("<" + kNg) == text.rfind("<" + kNg));  // the namespace only in its declaration
  CHECK(text.find("<kim>") == std::string::npos);
  CHECK(read_back(text, RdfSyntax::Turtle) == triples);

  SECTION("a prefix given after the first triple is ignored, its IRIs written in full") {
    TempDir dir;
    const std::string path = dir.file("late.ttl");
    std::FILE* file = std::fopen(path.c_str(), "wb");
    REQUIRE(file != nullptr);
    SerdWriterSink sink(file, RdfSyntax::Turtle);
    sink.add(triples[1]);
    sink.prefix("ng", kNg);
    sink.finish();
    std::fclose(file);
    const std::string late = slurp(path);
    CHECK(late.find("@prefix") == std::string::npos);
    CHECK(late.find("<" + kNg + "represents>") != std::string::npos);
  }
  SECTION("N-Triples ignores prefixes") {
    const std::string nt = write_rdf(RdfSyntax::NTriples, triples, sample_prefixes());
    CHECK(nt.find("@prefix") == std::string::npos);
    CHECK(count_lines(nt) == triples.size());
  }
}

TEST_CASE("rdf: the same triples in the same order give byte-identical output", "[rdf]") {
  for (const RdfSyntax syntax : kAllSyntaxes) {
    INFO("syntax " << syntax_name(syntax));
    const std::string first = write_rdf(syntax, sample_graph(), sample_prefixes());
    const std::string second = write_rdf(syntax, sample_graph(), sample_prefixes());
    CHECK(!first.empty());
    CHECK(first == second);
  }
}

TEST_CASE("rdf: writer refuses terms that would make invalid RDF and stays usable", "[rdf]") {
  TempDir dir;
  const std::string path = dir.file("out.ttl");
  std::FILE* file = std::fopen(path.c_str(), "wb");
  REQUIRE(file != nullptr);
  SerdWriterSink sink(file, RdfSyntax::Turtle);
  const Triple bad[] = {
      {Term::literal("s"), ex("p"), ex("o"), {}},
      {ex("s"), Term::blank("p"), ex("o"), {}},
      {Term::iri("relative/iri"), ex("p"), ex("o"), {}},
      {Term::iri(kEx + "has space"), ex("p"), ex("o"), {}},
      {Term::iri(kEx + "a>b"), ex("p"), ex("o"), {}},
      {Term::blank("bad label"), ex("p"), ex("o"), {}},
      {ex("s"), ex("p"), Term::text("x", "en_GB"), {}},
      {ex("s"), ex("p"), Term::literal("\xFF\xFE"), {}},
      {ex("s"), ex("p"), Term::typed("abc", kXsd + "integer"), {}},    // Serd would write it bare
      {ex("s"), ex("p"), Term::typed("1.5e3", kXsd + "decimal"), {}},  // ... and re-read as a double
  };
  for (const Triple& t : bad) {
    INFO(t.subject.value << " " << t.predicate.value << " " << t.object.value);
    CHECK_THROWS_AS(sink.add(t), InputError);
  }
  sink.add({ex("s"), ex("p"), ex("o"), {}});
  sink.finish();
  std::fclose(file);
  CHECK(read_back(slurp(path), RdfSyntax::Turtle).size() == 1);
  // N-Triples never abbreviates, so an ill-typed literal is still correct syntax there.
  CHECK(count_lines(write_rdf(RdfSyntax::NTriples,
                              {{ex("s"), ex("p"), Term::typed("abc", kXsd + "integer"), {}}})) == 1);
}

TEST_CASE("rdf: trusted IRIs are written unchecked and compare as the same IRI", "[rdf]") {
  CHECK(Term::trusted_iri(kEx + "a") == ex("a"));
  CHECK_FALSE(Term::trusted_iri(kEx + "a") < ex("a"));
  // The writer takes the producer's word for it (here a wrong one, to show
  // the check is skipped); an untrusted IRI is still checked.
  const Triple vouched{
      Term::trusted_iri(kEx + "s"), Term::trusted_iri(kEx + "p"), Term::trusted_iri(kEx + "has space"), {}};
  CHECK_NOTHROW(write_rdf(RdfSyntax::NTriples, {vouched}));
  std::string out;
  SerdWriterSink sink(out, RdfSyntax::NTriples);
  CHECK_THROWS_AS(sink.add({ex("s"), ex("p"), Term::iri(kEx + "has space"), {}}), InputError);
  // Literals are checked whatever the flag says.
  Term literal = Term::literal("\xFF");
  literal.trusted = true;
  CHECK_THROWS_AS(sink.add({ex("s"), ex("p"), literal, {}}), InputError);
  // A trusted and an untrusted term of the same IRI write the same bytes.
  const Triple plain{ex("s"), ex("p"), ex("o"), ex("g")};
  const Triple trusted{Term::trusted_iri(kEx + "s"), Term::trusted_iri(kEx + "p"),
                       Term::trusted_iri(kEx + "o"), Term::trusted_iri(kEx + "g")};
  for (const RdfSyntax syntax :
       {RdfSyntax::Turtle, RdfSyntax::NTriples, RdfSyntax::NQuads, RdfSyntax::TriG}) {
    CHECK(write_rdf(syntax, {plain, plain}) == write_rdf(syntax, {trusted, trusted}));
  }
}

TEST_CASE("rdf: writer turns a failed write into InputError", "[rdf]") {
  TempDir dir;
  const std::string path = dir.file("readonly.ttl");
  { std::ofstream(path) << ""; }
  std::FILE* file = std::fopen(path.c_str(), "rb");  // a stream that refuses writes
  REQUIRE(file != nullptr);
  SerdWriterSink sink(file, RdfSyntax::NTriples);
  try {
    sink.add({ex("s"), ex("p"), Term::literal(std::string(100000, 'x')), {}});
    sink.finish();
    FAIL("no error reported");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("cannot write output: "));
  }
  std::fclose(file);
}

TEST_CASE("rdf: SordStore matches triple patterns with wildcards", "[rdf]") {
  SordStore store;
  SordInserterSink sink(store);
  const std::vector<Triple> triples = {
      {ex("kim"), Term::iri(kRdfType), ng("Person"), {}},
      {ex("kim"), ng("represents"), ex("PRK"), {}},
      {ex("putin"), Term::iri(kRdfType), ng("Person"), ex("graph")},
      {ex("putin"), ng("represents"), ex("RUS"), {}},
      {ex("pact"), ng("party"), ex("PRK"), {}},
      {ex("pact"), ng("count"), Term::literal("1"), {}},
      {ex("pact"), ng("count"), Term::typed("1", kXsd + "integer"), {}},
      {ex("pact"), ng("count"), Term::text("1", "en"), {}},
      {Term::blank("n1"), ng("quote"), Term::literal(tricky_text()), {}},
  };
  for (const Triple& t : triples) sink.add(t);
  sink.add(triples[0]);  // a set: added twice, stored once
  CHECK(store.size() == triples.size());

  const auto count = [&](const std::optional<Term>& s, const std::optional<Term>& p,
                         const std::optional<Term>& o) {
    std::size_t n = 0;
    store.for_each_match(s, p, o, [&](const Triple&) {
      ++n;
      return true;
    });
    return n;
  };
  const Term type = Term::iri(kRdfType);
  CHECK(count(std::nullopt, std::nullopt, std::nullopt) == triples.size());
  CHECK(count(ex("kim"), std::nullopt, std::nullopt) == 2);
  CHECK(count(std::nullopt, type, std::nullopt) == 2);
  CHECK(count(std::nullopt, std::nullopt, ex("PRK")) == 2);
  CHECK(count(ex("kim"), type, std::nullopt) == 1);
  CHECK(count(std::nullopt, type, ng("Person")) == 2);
  CHECK(count(ex("kim"), std::nullopt, ex("PRK")) == 1);
  CHECK(count(ex("kim"), ng("represents"), ex("PRK")) == 1);
  CHECK(count(ex("nobody"), std::nullopt, std::nullopt) == 0);
  CHECK(count(std::nullopt, std::nullopt, Term::typed("1", kXsd + "integer")) == 1);
  CHECK(count(std::nullopt, std::nullopt, Term::text("1", "en")) == 1);

  SECTION("visited triples carry their terms and graph back") {
    std::vector<Triple> seen;
    store.for_each_match(std::nullopt, std::nullopt, std::nullopt, [&](const Triple& t) {
      seen.push_back(t);
      return true;
    });
    CHECK(sorted(seen) == sorted(triples));
  }
  SECTION("visit returning false stops the walk") {
    std::size_t n = 0;
    store.for_each_match(std::nullopt, std::nullopt, std::nullopt, [&](const Triple&) { return ++n < 3; });
    CHECK(n == 3);
  }
  SECTION("terms RDF does not allow in a position are refused") {
    CHECK_THROWS_AS(store.add({Term::literal("s"), ex("p"), ex("o"), {}}), InputError);
    CHECK(store.size() == triples.size());
  }
}

TEST_CASE("rdf: SordInserterSink fills a store from the reader, prefixes included", "[rdf]") {
  SordStore store;
  SordInserterSink sink(store);
  read_rdf_string("@prefix ng: <" + kNg + "> .\n<" + kEx + "a> a ng:Person ; ng:role \"envoy\"@en .\n",
                  RdfSyntax::Turtle, sink, "inline");
  CHECK(store.size() == 2);
  REQUIRE(store.prefixes().size() == 1);
  CHECK(store.prefixes()[0] == Prefix{"ng", kNg});
  std::vector<Triple> roles;
  store.for_each_match(std::nullopt, ng("role"), std::nullopt, [&](const Triple& t) {
    roles.push_back(t);
    return true;
  });
  REQUIRE(roles.size() == 1);
  CHECK(roles[0].object == Term::text("envoy", "en"));
  CHECK(to_term(nullptr) == Term::iri(""));
  CHECK(to_term(store.node(ng("role")).get()) == ng("role"));
}

TEST_CASE("rdf: reading a file straight into a store gives what the sink path gives, errors included",
          "[rdf]") {
  TempDir dir;
  const std::string path = dir.file("g.trig");
  {
    std::ofstream out(path);
    out << "@prefix ng: <" << kNg << "> .\n@base <" << kEx << "> .\n"
        << "<a> a ng:Person ; ng:role \"envoy\"@en , \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> ;"
        << " ng:knows [ ng:name \"x\" ] .\n<g> { <a> ng:p <b> . }\n";
  }
  SordStore direct;
  read_rdf_file(path, std::nullopt, direct);
  SordStore through_sink;
  SordInserterSink sink(through_sink);
  read_rdf_file(path, std::nullopt, sink);
  REQUIRE(direct.size() == 6);
  CHECK(direct.prefixes() == through_sink.prefixes());
  std::vector<Triple> a;
  std::vector<Triple> b;
  direct.for_each_match(std::nullopt, std::nullopt, std::nullopt, [&](const Triple& t) {
    a.push_back(t);
    return true;
  });
  through_sink.for_each_match(std::nullopt, std::nullopt, std::nullopt, [&](const Triple& t) {
    b.push_back(t);
    return true;
  });
  CHECK(a == b);

  const std::string bad = dir.file("bad.ttl");
  {
    std::ofstream out(bad);
    out << "@prefix ng: <" << kNg << "> .\nng:a ng:p ng:b .\nng:a ng:p \"unterminated .\n";
  }
  SordStore store;
  CHECK_THROWS_WITH(read_rdf_file(bad, std::nullopt, store), Catch::StartsWith(bad + ":3:26: "));
  {
    std::ofstream out(bad);
    out << "nope:a <" << kEx << "p> <" << kEx << "o> .\n";
  }
  CHECK_THROWS_WITH(read_rdf_file(bad, std::nullopt, store), Catch::Contains("undefined prefix"));
  {
    std::ofstream out(bad);
    out << "<" << kEx << "s> <" << kEx << "p> \"a\\u0000b\" .\n";
  }
  CHECK_THROWS_WITH(read_rdf_file(bad, std::nullopt, store), Catch::Contains("NUL"));
}

TEST_CASE("rdf: reader forwards prefixes, expands CURIEs and keeps blank nodes", "[rdf]") {
  RecordingSink sink;
  read_rdf_string(
      "@base <http://example.org/base/> .\n"
      "@prefix ng: <" +
          kNg +
          "> .\n"
          "@prefix xsd: <" +
          kXsd +
          "> .\n"
          "<kim> ng:date \"2024-06-19\"^^xsd:date ; ng:knows _:friend , [ ng:role \"aide\" ] .\n"
          "_:friend ng:role \"envoy\" .\n",
      RdfSyntax::Turtle, sink, "inline");
  REQUIRE(sink.prefixes().size() == 2);
  CHECK(sink.prefixes()[0] == Prefix{"ng", kNg});
  const auto& t = sink.triples();
  REQUIRE(t.size() == 5);
  CHECK(t[0] == Triple{Term::iri("http://example.org/base/kim"),
                       ng("date"),
                       Term::typed("2024-06-19", kXsd + "date"),
                       {}});
  CHECK(t[1].object == Term::blank("friend"));
  CHECK(t[4].subject == Term::blank("friend"));  // the same label names the same node
  const Term anonymous = t[2].object;
  CHECK(anonymous.kind == TermKind::Blank);
  CHECK(t[3].subject == anonymous);
  CHECK(sink.finish_calls() == 0);
}

TEST_CASE("rdf: reader reports file, line and column of a syntax error", "[rdf]") {
  const std::string text = "@prefix ng: <" + kNg +
                           "> .\n"
                           "ng:a ng:p ng:b .\n"
                           "ng:a ng:p \"unterminated .\n";
  RecordingSink sink;
  try {
    read_rdf_string(text, RdfSyntax::Turtle, sink, "doc.ttl");
    FAIL("no error reported");
  } catch (const InputError& e) {
    CHECK(e.where().file == "doc.ttl");
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 26);  // the line end inside the string
    CHECK_THAT(e.what(), Catch::StartsWith("doc.ttl:3:26: "));
  }
  CHECK(sink.triples().size() == 1);  // what came before the error was delivered

  SECTION("columns count from 1 on the first line as on the others") {
    TempDir dir;
    const std::string path = dir.file("bad.nt");
    const std::string line = "<" + kEx + "a> <" + kEx + "p> oops .\n";
    { std::ofstream(path) << line << line; }
    try {
      read_rdf_file(path, std::nullopt, sink);
      FAIL("no error reported");
    } catch (const InputError& e) {
      CHECK(e.where().file == path);
      CHECK(e.where().line == 1);
      CHECK(e.where().column == line.find("oops") + 1);
    }
    { std::ofstream(path) << "\n" << line; }
    try {
      read_rdf_file(path, RdfSyntax::NTriples, sink);
      FAIL("no error reported");
    } catch (const InputError& e) {
      CHECK(e.where().line == 2);
      CHECK(e.where().column == line.find("oops") + 1);
    }
  }
}

TEST_CASE("rdf: reader reports unreadable files, undefined prefixes and sink failures", "[rdf]") {
  RecordingSink sink;
  TempDir dir;
  try {
    read_rdf_file(dir.file("missing.ttl"), std::nullopt, sink);
    FAIL("no error reported");
  } catch (const InputError& e) {
    CHECK(e.where().file == dir.file("missing.ttl"));
    CHECK_THAT(e.what(), Catch::Contains("cannot open"));
  }
  CHECK_THROWS_AS(read_rdf_file(dir.file(""), RdfSyntax::Turtle, sink), InputError);  // a directory
  CHECK_THROWS_WITH(
      read_rdf_string("nope:a <" + kEx + "p> <" + kEx + "o> .\n", RdfSyntax::Turtle, sink, "doc"),
      Catch::Contains("undefined prefix") && Catch::StartsWith("doc"));
  ThrowingSink throwing;
  CHECK_THROWS_WITH(read_rdf_string("<" + kEx + "s> <" + kEx + "p> <" + kEx + "o> .\n", RdfSyntax::NTriples,
                                    throwing, "doc"),
                    "sink is full");
}

TEST_CASE("rdf: syntax names and file extensions", "[rdf]") {
  CHECK(parse_syntax("turtle") == RdfSyntax::Turtle);
  CHECK(parse_syntax("ttl") == RdfSyntax::Turtle);
  CHECK(parse_syntax("ntriples") == RdfSyntax::NTriples);
  CHECK(parse_syntax("nt") == RdfSyntax::NTriples);
  CHECK(parse_syntax("nquads") == RdfSyntax::NQuads);
  CHECK(parse_syntax("nq") == RdfSyntax::NQuads);
  CHECK(parse_syntax("trig") == RdfSyntax::TriG);
  CHECK(parse_syntax("TriG") == RdfSyntax::TriG);
  CHECK_FALSE(parse_syntax("rdfxml").has_value());
  CHECK_FALSE(parse_syntax("").has_value());
  CHECK(syntax_for_path("out/graph.ttl") == RdfSyntax::Turtle);
  CHECK(syntax_for_path("graph.NT") == RdfSyntax::NTriples);
  CHECK(syntax_for_path("graph.nq") == RdfSyntax::NQuads);
  CHECK(syntax_for_path("graph.trig") == RdfSyntax::TriG);
  CHECK(syntax_for_path("graph") == RdfSyntax::Turtle);
  CHECK(syntax_for_path("graph.json") == RdfSyntax::Turtle);
  for (const RdfSyntax syntax : kAllSyntaxes) CHECK(parse_syntax(syntax_name(syntax)) == syntax);
}

TEST_CASE("rdf: IriMinter mints base, kind and slug", "[rdf]") {
  const IriMinter minter;
  CHECK(minter.base() == "https://w3id.org/newsgraph/resource/");
  CHECK(minter.mint("person", "Kim Jong Un") == "https://w3id.org/newsgraph/resource/person/kim-jong-un");
  CHECK(minter.mint("state", "PRK") == "https://w3id.org/newsgraph/resource/state/prk");
  CHECK(minter.mint("person", "Kim Jong-un") == minter.mint("person", "kim jong un"));
  CHECK(IriMinter("http://example.org/kb#").mint("incident", "") == "http://example.org/kb#incident/x");
  CHECK(is_valid_iri(minter.mint("person", "Ren\xC3\xA9 \"<M\xC3\xBCller>\" \\ {x}")));
  CHECK_THROWS_AS(minter.mint("per son", "x"), std::invalid_argument);
  CHECK_THROWS_AS(minter.mint("", "x"), std::invalid_argument);
}

TEST_CASE("rdf: IriMinter refuses a base that is not an absolute IRI ending in / or #", "[rdf]") {
  CHECK_NOTHROW(IriMinter("https://example.org/"));
  CHECK_NOTHROW(IriMinter("urn:example:kb#"));
  CHECK_THROWS_AS(IriMinter("https://example.org/kb"), UsageError);
  CHECK_THROWS_AS(IriMinter("example.org/kb/"), UsageError);
  CHECK_THROWS_AS(IriMinter("/kb/"), UsageError);
  CHECK_THROWS_AS(IriMinter("https://example.org/my kb/"), UsageError);
  CHECK_THROWS_AS(IriMinter(""), UsageError);
  CHECK_THROWS_WITH(IriMinter("https://example.org/kb"), Catch::Contains("'/' or '#'"));
}

TEST_CASE("rdf: is_valid_iri accepts absolute IRIs and refuses spaces, controls and brackets", "[rdf]") {
  CHECK(is_valid_iri("https://w3id.org/newsgraph/ontology#Person"));
  CHECK(is_valid_iri("urn:isbn:0451450523"));
  CHECK(is_valid_iri("http://example.org/caf\xC3\xA9?q=1&r=%C3%A9"));
  CHECK(is_valid_iri("http://www.wikidata.org/entity/Q884"));
  CHECK_FALSE(is_valid_iri(""));
  CHECK_FALSE(is_valid_iri("relative/path"));
  CHECK_FALSE(is_valid_iri("1http://example.org/"));
  CHECK_FALSE(is_valid_iri("http://example.org/a b"));
  CHECK_FALSE(is_valid_iri("http://example.org/a\tb"));
  CHECK_FALSE(is_valid_iri("http://example.org/a\x7F"));
  for (const char c : std::string("<>\"{}|\\^`")) {
    INFO("character " << c);
    CHECK_FALSE(is_valid_iri("http://example.org/a" + std::string(1, c)));
  }
  CHECK_FALSE(is_valid_iri("http://example.org/100%"));
  CHECK_FALSE(is_valid_iri("http://example.org/%zz"));
  CHECK_FALSE(is_valid_iri("http://example.org/\xFF"));
  CHECK_FALSE(is_valid_iri("http://example.org/\xC2\x85"));  // U+0085, a C1 control
}

TEST_CASE("rdf: term rules match the Turtle grammar", "[rdf]") {
  CHECK(is_valid_blank_label("b1"));
  CHECK(is_valid_blank_label("1a.b-c_d"));
  CHECK_FALSE(is_valid_blank_label(""));
  CHECK_FALSE(is_valid_blank_label("a."));
  CHECK_FALSE(is_valid_blank_label("-a"));
  CHECK_FALSE(is_valid_blank_label("a b"));
  CHECK(is_valid_language_tag("en"));
  CHECK(is_valid_language_tag("zh-Hant-TW"));
  CHECK(is_valid_language_tag("de-1996"));
  CHECK_FALSE(is_valid_language_tag("1996"));
  CHECK_FALSE(is_valid_language_tag("en-"));
  CHECK_FALSE(is_valid_language_tag("en_GB"));
  CHECK(is_valid_prefix_name(""));
  CHECK(is_valid_prefix_name("ng"));
  CHECK(is_valid_prefix_name("dc.terms"));
  CHECK_FALSE(is_valid_prefix_name("1ng"));
  CHECK_FALSE(is_valid_prefix_name("ng."));
  CHECK_FALSE(is_valid_prefix_name("_ng"));
}

TEST_CASE("rdf: RecordingSink keeps prefixes and triples in order", "[rdf]") {
  RecordingSink sink;
  sink.prefix("ng", kNg);
  sink.add({ex("a"), ex("p"), ex("b"), {}});
  sink.add({ex("a"), ex("p"), ex("c"), {}});
  sink.finish();
  REQUIRE(sink.prefixes().size() == 1);
  CHECK(sink.prefixes()[0] == Prefix{"ng", kNg});
  REQUIRE(sink.triples().size() == 2);
  CHECK(sink.triples()[1].object == ex("c"));
  CHECK(sink.finish_calls() == 1);
}

// What we write must load in parsers that are not Serd. serdi and rapper are
// installed by the project's dependency script; a missing tool fails the test.
TEST_CASE("rdf: independent parsers (serdi, rapper) read what we write in every syntax", "[rdf]") {
  TempDir dir;
  const std::vector<Triple> graph = sample_graph();
  for (const RdfSyntax syntax : kAllSyntaxes) {
    const std::string name(syntax_name(syntax));
    INFO("syntax " << name);
    const std::string path = dir.file("graph." + name);
    { std::ofstream(path, std::ios::binary) << write_rdf(syntax, graph, sample_prefixes()); }
    const std::vector<Triple> expected = as_written_in(syntax, graph);

    const CommandResult serdi = run_command("serdi -i " + name + " -o ntriples '" + path + "'");
    CHECK(serdi.exit_code == 0);
    CHECK(count_lines(serdi.out) == expected.size());

    const CommandResult rapper = run_command("rapper -q -i " + name + " '" + path + "'");
    CHECK(rapper.exit_code == 0);
    CHECK(count_lines(rapper.out) == expected.size());

    // Beyond the count: rapper must have read exactly our terms, tricky literals included.
    const CommandResult quads = run_command("rapper -q -i " + name + " -o nquads '" + path + "'");
    REQUIRE(quads.exit_code == 0);
    CHECK(comparable(read_back(quads.out, RdfSyntax::NQuads)) == comparable(expected));
  }
}
