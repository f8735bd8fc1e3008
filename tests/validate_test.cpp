// Tests of the ontology (ontology/*.ttl), the SHACL shapes and `newsgraph validate`.
// Each run of the binary that reaches the SHACL engine starts a JVM (1-2 s), so
// broken graphs are checked together in one run: each names the focus node and
// path it must be reported with in "# expect:" lines.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "emit/vocab.hpp"
#include "rdf/reader.hpp"
#include "rdf/recording_sink.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"
#include "validate/data_graph.hpp"
#include "validate/report_format.hpp"
#include "validate/scratch_dir.hpp"
#include "validate/shacl_report.hpp"

using namespace newsgraph;
using rdf::Term;
using rdf::TermKind;
using rdf::Triple;

namespace {

namespace fs = std::filesystem;

const std::string kSource = NEWSGRAPH_TEST_SOURCE_DIR;
const std::string kData = kSource + "/tests/data/validate";
const std::string kNg(vocab::kOntology);
const std::string kPlover = "https://w3id.org/newsgraph/plover#";
const std::string kRdfType = std::string(vocab::kRdf) + "type";

std::string rdfs(const char* local) { return std::string(vocab::kRdfs) + local; }
std::string owl(const char* local) { return std::string(vocab::kOwl) + local; }
std::string skos(const char* local) { return std::string(vocab::kSkos) + local; }

struct Run {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Runs a program with `env` set for the child only (restored afterwards).
Run run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {}) {
  std::map<std::string, std::optional<std::string>> saved;
  for (const auto& [name, value] : env) {
    const char* old = std::getenv(name.c_str());
    saved[name] = old != nullptr ? std::optional<std::string>(old) : std::nullopt;
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  const validate::ScratchDir scratch;
  const auto result = run_process(argv, scratch.file("out"), scratch.file("err"));
  for (const auto& [name, value] : saved) {
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
  return {result.exit_code, validate::read_text_file(scratch.file("out")),
          validate::read_text_file(scratch.file("err"))};
}

Run run_newsgraph(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), NEWSGRAPH_TEST_BINARY);
  return run(args, env);
}

std::vector<Triple> read_graph(const std::string& path) {
  rdf::RecordingSink sink;
  rdf::read_rdf_file(path, std::nullopt, sink);
  return sink.triples();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The ontology and the PLOVER scheme, as the tests need them.
struct Ontology {
  std::set<std::string> classes;
  std::set<std::string> properties;
  std::set<std::string> concepts;  // PLOVER concepts
  std::set<std::string> ranges;    // every rdfs:range
  std::map<std::string, std::set<std::string>> super_classes;
  std::map<std::string, std::set<std::string>> categories;  // class -> ng:ploverCategory
  std::set<std::pair<std::string, std::string>>
      annotated;  // (subject, rdfs:label / rdfs:comment / skos:definition ...)

  // The values of a map entry, empty when there is none.
  static const std::set<std::string>& of(const std::map<std::string, std::set<std::string>>& m,
                                         const std::string& key) {
    static const std::set<std::string> none;
    const auto it = m.find(key);
    return it == m.end() ? none : it->second;
  }
  bool declared(const std::string& iri) const {
    return classes.count(iri) || properties.count(iri) || concepts.count(iri);
  }
};

const Ontology& ontology() {
  static const Ontology o = [] {
    Ontology o;
    std::vector<Triple> triples = read_graph(kSource + "/ontology/newsgraph.ttl");
    const auto plover = read_graph(kSource + "/ontology/plover.ttl");
    triples.insert(triples.end(), plover.begin(), plover.end());
    const std::set<std::string> class_types = {owl("Class"), rdfs("Class")};
    const std::set<std::string> property_types = {owl("ObjectProperty"), owl("DatatypeProperty"),
                                                  owl("AnnotationProperty"),
                                                  std::string(vocab::kRdf) + "Property"};
    for (const auto& t : triples) {
      const std::string& s = t.subject.value;
      const std::string& p = t.predicate.value;
      if (t.subject.kind != TermKind::Iri) continue;
      if (p == kRdfType && class_types.count(t.object.value)) o.classes.insert(s);
      if (p == kRdfType && property_types.count(t.object.value)) o.properties.insert(s);
      if (p == kRdfType && t.object.value == skos("Concept")) o.concepts.insert(s);
      if (p == rdfs("range")) o.ranges.insert(t.object.value);
      if (p == rdfs("subClassOf")) o.super_classes[s].insert(t.object.value);
      if (p == kNg + "ploverCategory") o.categories[s].insert(t.object.value);
      if (t.object.kind == TermKind::Literal) o.annotated.insert({s, p});
    }
    return o;
  }();
  return o;
}

// Every term `triples` use that the ontology does not declare: predicates,
// classes, datatypes, and any IRI in the ng: or plover: namespaces.
std::set<std::string> undeclared_terms(const std::vector<Triple>& triples) {
  const Ontology& o = ontology();
  std::set<std::string> datatypes = o.ranges;
  datatypes.insert(std::string(vocab::kXsd) + "string");
  datatypes.insert(std::string(vocab::kRdf) + "langString");
  std::set<std::string> missing;
  const auto check_namespace = [&](const Term& term) {
    if (term.kind != TermKind::Iri) return;
    if ((term.value.starts_with(kNg) || term.value.starts_with(kPlover)) && !o.declared(term.value)) {
      missing.insert(term.value);
    }
  };
  for (const auto& t : triples) {
    if (t.predicate.value == kRdfType) {
      if (!o.classes.count(t.object.value)) missing.insert(t.object.value);
    } else if (!o.properties.count(t.predicate.value)) {
      missing.insert(t.predicate.value);
    }
    if (t.object.kind == TermKind::Literal && !t.object.datatype.empty() &&
        !datatypes.count(t.object.datatype)) {
      missing.insert(t.object.datatype);
    }
    check_namespace(t.subject);
    check_namespace(t.object);
  }
  return missing;
}

// Incidents whose ng:ploverCategory is not the one their kind's class names.
std::vector<std::string> miscategorised_incidents(const std::vector<Triple>& triples) {
  std::map<std::string, std::set<std::string>> types, categories;
  for (const auto& t : triples) {
    if (t.predicate.value == kRdfType) types[t.subject.value].insert(t.object.value);
    if (t.predicate.value == kNg + "ploverCategory") categories[t.subject.value].insert(t.object.value);
  }
  std::vector<std::string> wrong;
  for (const auto& [node, classes] : types) {
    for (const auto& c : classes) {
      const auto kind = ontology().categories.find(c);
      if (kind != ontology().categories.end() && categories[node] != kind->second)
        wrong.push_back(node + " " + c);
    }
  }
  return wrong;
}

// data/events.tsv: kind -> PLOVER categories (a set, so a kind with two shows up).
std::map<std::string, std::set<std::string>> event_kinds() {
  std::ifstream in(kSource + "/data/events.tsv");
  REQUIRE(in);
  std::map<std::string, std::set<std::string>> kinds;
  for (std::string line; std::getline(in, line);) {
    if (trim(line).empty() || line.front() == '#') continue;
    const auto fields = split(line, '\t');
    REQUIRE(fields.size() >= 2);
    kinds[std::string(trim(fields[0]))].insert(std::string(trim(fields[1])));
  }
  return kinds;
}

struct Expectation {
  std::string file;
  std::string focus;
  std::string path;  // "-" for a result without a path
};

std::vector<Expectation> expectations_in(const std::string& dir) {
  std::vector<Expectation> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      if (!line.starts_with("# expect: ")) continue;
      std::istringstream fields(line.substr(10));
      Expectation e{entry.path().filename().string(), "", ""};
      fields >> e.focus >> e.path;
      out.push_back(e);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.file < b.file; });
  return out;
}

std::vector<std::string> ttl_files(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".ttl") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

// ---------------------------------------------------------------------------
// The ontology

TEST_CASE("validate: the ontology, PLOVER scheme and shapes parse with our reader and with rapper",
          "[validate]") {
  for (const char* file : {"ontology/newsgraph.ttl", "ontology/plover.ttl", "ontology/shapes.ttl"}) {
    INFO(file);
    CHECK(read_graph(kSource + "/" + file).size() > 100);
    const Run r = run({"rapper", "-q", "-i", "turtle", "-c", kSource + "/" + file});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
  }
}

TEST_CASE("validate: the ontology has a versioned, licensed owl:Ontology header", "[validate]") {
  const auto triples = read_graph(kSource + "/ontology/newsgraph.ttl");
  const Term header = Term::iri("https://w3id.org/newsgraph/ontology");
  std::set<std::string> predicates;
  for (const auto& t : triples) {
    if (t.subject == header) predicates.insert(t.predicate.value);
  }
  for (const std::string& p :
       {std::string(vocab::kDcterms) + "title", std::string(vocab::kDcterms) + "description",
        std::string(vocab::kDcterms) + "license", owl("versionInfo"), owl("versionIRI")}) {
    INFO(p);
    CHECK(predicates.count(p));
  }
}

TEST_CASE("validate: every ng: class and property has a label and a comment", "[validate]") {
  const Ontology& o = ontology();
  std::set<std::string> terms = o.classes;
  terms.insert(o.properties.begin(), o.properties.end());
  for (const auto& term : terms) {
    if (!term.starts_with(kNg)) continue;
    INFO(term);
    CHECK(o.annotated.count({term, rdfs("label")}));
    CHECK(o.annotated.count({term, rdfs("comment")}));
  }
}

TEST_CASE("validate: the PLOVER scheme has the 18 PLOVER 2021 categories", "[validate]") {
  const Ontology& o = ontology();
  const std::vector<std::string> names = {"AGREE",  "CONSULT",  "SUPPORT",     "CONCEDE",  "COOPERATE",
                                          "AID",    "RETREAT",  "INVESTIGATE", "DEMAND",   "DISAPPROVE",
                                          "REJECT", "THREATEN", "PROTEST",     "MOBILIZE", "SANCTION",
                                          "COERCE", "ASSAULT",  "FIGHT"};
  CHECK(o.concepts.size() == names.size());
  for (const auto& name : names) {
    INFO(name);
    CHECK(o.concepts.count(kPlover + name));
    CHECK(o.annotated.count({kPlover + name, skos("prefLabel")}));
    CHECK(o.annotated.count({kPlover + name, skos("definition")}));
  }
}

TEST_CASE("validate: every kind in data/events.tsv is an Incident subclass with its PLOVER category",
          "[validate]") {
  const Ontology& o = ontology();
  const auto kinds = event_kinds();
  REQUIRE(!kinds.empty());
  for (const auto& [kind, categories] : kinds) {
    INFO(kind);
    const std::string iri = kNg + kind;
    CHECK(categories.size() == 1);  // a kind is one class: one category
    CHECK(o.classes.count(iri));
    CHECK(Ontology::of(o.super_classes, iri).count(kNg + "Incident"));
    CHECK(o.annotated.count({iri, rdfs("label")}));
    CHECK(o.annotated.count({iri, rdfs("comment")}));
    std::set<std::string> expected;
    for (const auto& c : categories) expected.insert(kPlover + c);
    CHECK(Ontology::of(o.categories, iri) == expected);
  }
}

TEST_CASE("validate: every Incident subclass in the ontology has exactly one PLOVER category", "[validate]") {
  const Ontology& o = ontology();
  for (const auto& [cls, supers] : o.super_classes) {
    if (!supers.count(kNg + "Incident")) continue;
    INFO(cls);
    REQUIRE(o.categories.count(cls));
    CHECK(o.categories.at(cls).size() == 1);
    CHECK(o.concepts.count(*o.categories.at(cls).begin()));
  }
}

TEST_CASE("validate: the full example graph uses only declared terms, and every ng: term", "[validate]") {
  const auto triples = read_graph(kData + "/full.ttl");
  CHECK(undeclared_terms(triples) == std::set<std::string>{});
  CHECK(miscategorised_incidents(triples).empty());
  // The example is "full": every ng: property of the ontology appears in it,
  // and every ng: class except the kinds (one stands for all) and the
  // superclass the emitter never writes.
  std::set<std::string> used;
  for (const auto& t : triples) {
    used.insert(t.predicate.value);
    if (t.predicate.value == kRdfType) used.insert(t.object.value);
  }
  const Ontology& o = ontology();
  for (const auto& p : o.properties) {
    if (p.starts_with(kNg)) {
      INFO(p);
      CHECK(used.count(p));
    }
  }
  for (const auto& c : o.classes) {
    const bool kind = Ontology::of(o.super_classes, c).count(kNg + "Incident") > 0;
    if (c.starts_with(kNg) && !kind && c != kNg + "Actor") {
      INFO(c);
      CHECK(used.count(c));
    }
  }
}

TEST_CASE("validate: docs/ontology.md is generated from the current ontology", "[validate]") {
  const validate::ScratchDir scratch;
  const Run r =
      run({"/usr/bin/python3", kSource + "/scripts/ontology-doc", "-o", scratch.file("ontology.md")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(validate::read_text_file(scratch.file("ontology.md")) ==
        validate::read_text_file(kSource + "/docs/ontology.md"));
}

// ---------------------------------------------------------------------------
// Reading reports and merging inputs (no JVM)

TEST_CASE("validate: a SHACL engine's report is read, sorted and printed deterministically", "[validate]") {
  auto report = validate::parse_shacl_report(read_graph(kData + "/jena-report.ttl"), "jena-report.ttl");
  validate::normalise_results(report);
  std::ostringstream text;
  validate::write_report_text(report, text);
  CHECK(text.str() ==
        "<http://example.org/one> (<http://example.org/a>|<http://example.org/b>*): violation: maxCount[0]: "
        "Invalid cardinality: expected max 0: Got count = 2\n"
        "<http://example.org/one> (<http://example.org/knows>/^<http://example.org/memberOf>): violation: "
        "needs a member of someone it knows\n"
        "<http://example.org/one> <http://example.org/date>: warning: DatatypeConstraint[xsd:date] : Got "
        "datatype "
        "xsd:date : Node \"2020-01-01\" (value: \"2020-01-01\")\n"
        "_:B2 (<http://example.org/a>|<http://example.org/b>*): violation: maxCount[0]: Invalid cardinality: "
        "expected max 0: Got count = 1\n"
        "_:B2 (<http://example.org/knows>/^<http://example.org/memberOf>): violation: needs a member of "
        "someone "
        "it knows\n"
        "does not conform: 4 violations and 1 warning on 2 nodes\n");

  // The Turtle form is a report again: an independent parser reads it, and
  // reading it back gives the same text.
  const validate::ScratchDir scratch;
  const std::string ttl = scratch.file("report.ttl");
  {
    std::FILE* out = std::fopen(ttl.c_str(), "w");
    REQUIRE(out != nullptr);
    validate::write_report_turtle(report, out);
    REQUIRE(std::fclose(out) == 0);
  }
  CHECK(run({"rapper", "-q", "-i", "turtle", "-c", ttl}).exit_code == 0);
  auto again = validate::parse_shacl_report(read_graph(ttl), ttl);
  validate::normalise_results(again);
  std::ostringstream text_again;
  validate::write_report_text(again, text_again);
  CHECK(text_again.str() == text.str());
}

TEST_CASE("validate: a report without sh:conforms is an input error", "[validate]") {
  const std::vector<Triple> none;
  CHECK_THROWS_AS(validate::parse_shacl_report(none, "empty"), InputError);
}

TEST_CASE("validate: blank nodes of several inputs stay apart and come back as blank nodes", "[validate]") {
  const validate::ScratchDir scratch;
  const std::string a = scratch.file("a.ttl");
  const std::string b = scratch.file("b.nt");
  std::ofstream(a) << "_:x <http://example.org/p> \"a\" .\n";
  std::ofstream(b) << "_:x <http://example.org/p> \"b\" .\n";
  const std::string merged = scratch.file("merged.nt");
  CHECK(validate::write_merged_ntriples({a, b}, merged, true) == 2);
  const auto triples = read_graph(merged);
  REQUIRE(triples.size() == 2);
  CHECK(triples[0].subject.kind == TermKind::Iri);
  CHECK(triples[0].subject != triples[1].subject);
  const Term first = validate::restore_blank_node(triples[0].subject);
  const Term second = validate::restore_blank_node(triples[1].subject);
  CHECK(first.kind == TermKind::Blank);
  CHECK(first.value.starts_with("g1_"));
  CHECK(second.value.starts_with("g2_"));
  CHECK(validate::restore_blank_node(Term::iri("http://example.org/p")) == Term::iri("http://example.org/p"));
}

// ---------------------------------------------------------------------------
// newsgraph validate (each test below that reaches the engine starts one JVM)

TEST_CASE("validate: each broken graph is reported with its focus node and path", "[validate]") {
  const auto expectations = expectations_in(kData + "/bad");
  REQUIRE(expectations.size() >= 10);
  std::vector<std::string> args = {"validate", kData + "/full.ttl"};
  for (const auto& f : ttl_files(kData + "/bad")) args.push_back(f);
  const Run r = run_newsgraph(args);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  const auto lines = lines_of(r.out);
  REQUIRE(!lines.empty());
  CHECK(lines.back().starts_with("does not conform: "));

  std::set<std::string> expected_focus;
  for (const auto& e : expectations) {
    INFO(e.file << ": " << e.focus << ' ' << e.path);
    expected_focus.insert(e.focus);
    const std::string prefix = e.path == "-" ? e.focus + ": " : e.focus + " " + e.path + ": ";
    CHECK(std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.starts_with(prefix); }));
  }
  // Nothing else is reported: the conforming nodes of full.ttl stay quiet.
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(expected_focus.count(lines[i].substr(0, lines[i].find('>') + 1)));
  }
}

TEST_CASE("validate: the full example graph conforms, reported as a SHACL report graph", "[validate]") {
  const Run r = run_newsgraph({"validate", "--format", "turtle", kData + "/full.ttl"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  rdf::RecordingSink sink;
  rdf::read_rdf_string(r.out, rdf::RdfSyntax::Turtle, sink, "stdout");
  const auto report = validate::parse_shacl_report(sink.triples(), "stdout");
  CHECK(report.conforms);
  CHECK(report.results.empty());
}

TEST_CASE("validate: a syntax error is reported with file, line and column", "[validate]") {
  const validate::ScratchDir scratch;
  const std::string bad = scratch.file("broken.ttl");
  std::ofstream(bad) << "@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n<a> ng:p \"unterminated .\n";
  const Run r = run_newsgraph({"validate", bad});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(bad + ":2:") != std::string::npos);
  CHECK(r.out.empty());

  const Run shapes = run_newsgraph({"validate", kData + "/full.ttl", "--shapes", bad});
  CHECK(shapes.exit_code == 1);
  CHECK(shapes.err.find(bad + ":2:") != std::string::npos);

  const Run missing = run_newsgraph({"validate", scratch.file("no-such-graph.ttl")});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no-such-graph.ttl") != std::string::npos);
}

TEST_CASE("validate: bad usage exits 2", "[validate]") {
  CHECK(run_newsgraph({"validate"}).exit_code == 2);
  CHECK(run_newsgraph({"validate", "--format", "json", kData + "/full.ttl"}).exit_code == 2);
  CHECK(run_newsgraph({"validate", "--no-such-option", kData + "/full.ttl"}).exit_code == 2);
  const Run help = run_newsgraph({"validate", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("usage: newsgraph validate GRAPH...") != std::string::npos);
}

TEST_CASE("validate: a missing Jena or Java names the Debian packages to install", "[validate]") {
  const Run no_jena =
      run_newsgraph({"validate", kData + "/full.ttl"},
                    {{"NEWSGRAPH_JAVA_DIR", "/nonexistent"}, {"NEWSGRAPH_JENA_CLASSPATH", ""}});
  CHECK(no_jena.exit_code == 1);
  CHECK(no_jena.err.find("libapache-jena-java") != std::string::npos);

  const Run no_java =
      run_newsgraph({"validate", kData + "/full.ttl"}, {{"NEWSGRAPH_JENA_CLASSPATH", "/nonexistent.jar"},
                                                        {"JAVA_HOME", "/nonexistent"},
                                                        {"PATH", "/nonexistent"}});
  CHECK(no_java.exit_code == 1);
  CHECK(no_java.err.find("default-jre-headless") != std::string::npos);
}

TEST_CASE("validate: the graph of samples/ conforms and uses only declared terms", "[validate]") {
  const validate::ScratchDir scratch;
  const std::string graph = scratch.file("samples.ttl");
  const Run build = run_newsgraph({"build", kSource + "/samples", "-o", graph});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  const auto triples = read_graph(graph);
  CHECK(!triples.empty());
  CHECK(undeclared_terms(triples) == std::set<std::string>{});
  CHECK(miscategorised_incidents(triples).empty());
  const Run r = run_newsgraph({"validate", graph});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "conforms\n");
}
