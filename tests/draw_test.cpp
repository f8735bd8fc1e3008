// newsgraph draw: a small handwritten graph gives the expected actors,
// clusters and arrows, and the DOT is valid for Graphviz (dot -Tsvg).
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "draw/dot_writer.hpp"
#include "draw/picture.hpp"
#include "draw/render.hpp"
#include "rdf/reader.hpp"
#include "rdf/sord_store.hpp"
#include "support/run.hpp"
#include "util/error.hpp"

using namespace newsgraph;
using namespace test_support;
using namespace newsgraph::draw;
namespace fs = std::filesystem;

namespace {

const std::string kSource = NEWSGRAPH_TEST_SOURCE_DIR;
const std::string kBinary = NEWSGRAPH_TEST_BINARY;
const std::string kR = "http://example.org/r/";

// Two states, a person of each, a summons between the persons reported by
// two sources, a sanction with sources that disagree on the date, a
// one-sided border crossing, and one incident with a quote in a label.
const char* const kGraph = R"(
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix plover: <https://w3id.org/newsgraph/plover#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix r: <http://example.org/r/> .

r:kor a ng:State ; rdfs:label "South Korea"@en .
r:rus a ng:State ; rdfs:label "Russia"@en .
r:prk a ng:State ; rdfs:label "North Korea"@en .
r:kim a ng:Person ; rdfs:label "Kim Hong-kyun"@en ; ng:represents r:kor .
r:zin a ng:Person ; rdfs:label "Georgy \"Zina\" Zinoviev"@en ; ng:represents r:rus .

r:summons a ng:Incident , ng:Summons ; rdfs:label "Summons: Kim -> Zinoviev"@en ;
  ng:ploverCategory plover:DISAPPROVE ; ng:agent r:kim ; ng:target r:zin ;
  ng:date "2024-06-21"^^xsd:date ; prov:wasDerivedFrom r:a1 , r:a2 .
r:sanction a ng:Incident , ng:Sanction ; rdfs:label "Sanction"@en ;
  ng:ploverCategory plover:SANCTION ; ng:agent r:kor ; ng:target r:prk , r:rus ;
  ng:date "2024-06-14"^^xsd:date , "2024-06-15"^^xsd:date ; prov:wasDerivedFrom r:a1 .
r:crossing a ng:Incident , ng:BorderCrossing ; rdfs:label "Border crossing"@en ;
  ng:ploverCategory plover:MOBILIZE ; ng:agent r:prk ; prov:wasDerivedFrom r:a2 .
r:nobody a ng:Incident , ng:Statement ; rdfs:label "no actors"@en .
)";

rdf::SordStore store_of(const std::string& turtle, rdf::RdfSyntax syntax = rdf::RdfSyntax::Turtle) {
  rdf::SordStore store;
  rdf::SordInserterSink sink(store);
  rdf::read_rdf_string(turtle, syntax, sink, "test graph");
  return store;
}

// Every "a" -> "b" [label="..."] edge line of a DOT text, as "a -> b: label".
std::set<std::string> edges_of(const std::string& dot) {
  std::set<std::string> edges;
  const std::regex edge(R"re("([^"]+)" -> "([^"]+)" \[(?:label="((?:[^"\\]|\\.)*)")?)re");
  for (std::sregex_iterator it(dot.begin(), dot.end(), edge), end; it != end; ++it) {
    edges.insert((*it)[1].str() + " -> " + (*it)[2].str() + ": " + (*it)[3].str());
  }
  return edges;
}

}  // namespace

TEST_CASE("draw: a graph's incidents and the actors they name", "[draw]") {
  const Picture p = read_picture(store_of(kGraph));
  REQUIRE(p.incidents.size() == 3);  // the one with no actors is not drawn
  CHECK(p.incidents[0].iri == kR + "crossing");
  CHECK(p.incidents[0].kind == "BorderCrossing");
  CHECK(p.incidents[1].iri == kR + "sanction");
  CHECK(p.incidents[1].dates == std::vector<std::string>{"2024-06-14", "2024-06-15"});
  CHECK(p.incidents[1].targets == std::vector<std::string>{kR + "prk", kR + "rus"});
  CHECK(p.incidents[2].kind == "Summons");
  CHECK(p.incidents[2].plover == "DISAPPROVE");
  CHECK(p.incidents[2].sources == 2);

  REQUIRE(p.actors.size() == 5);
  CHECK(p.actors[0].iri == kR + "kim");
  CHECK(p.actors[0].type == ActorType::Person);
  CHECK(p.actors[0].state == kR + "kor");
  CHECK(p.actors[1].iri == kR + "kor");
  CHECK(p.actors[1].type == ActorType::State);
  CHECK(p.actors[1].label == "South Korea");
}

TEST_CASE("draw: the DOT has an arrow per agent and target, labelled and coloured", "[draw]") {
  const std::string dot = dot_text(read_picture(store_of(kGraph)), "test");
  const std::set<std::string> expected = {
      kR + "kim -> " + kR + "zin: Summons\\n2024-06-21",
      kR + "kor -> " + kR + "prk: Sanction\\n2024-06-14 or 2024-06-15",
      kR + "kor -> " + kR + "rus: Sanction\\n2024-06-14 or 2024-06-15",
      kR + "prk -> " + kR + "crossing: ",  // one-sided: an arrow to the incident's own node
  };
  CHECK(edges_of(dot) == expected);
  // Coloured by PLOVER category; sources that disagree on the date: dashed.
  CHECK(dot.find("color=\"" + std::string(plover_colour("DISAPPROVE")) + "\"") != std::string::npos);
  CHECK(dot.find("style=dashed") != std::string::npos);
  CHECK(plover_colour("DISAPPROVE") != plover_colour("SANCTION"));
  CHECK(plover_colour("NO-SUCH-CATEGORY") == "#737373");
  // States are clusters holding their persons; a state without persons is a plain node.
  const auto kor_cluster = dot.find("label=\"South Korea\"; style=\"rounded,filled\"");
  REQUIRE(kor_cluster != std::string::npos);
  CHECK(dot.find("\"" + kR + "kim\" [label=\"Kim Hong-kyun\"", kor_cluster) != std::string::npos);
  CHECK(dot.find("label=\"North Korea\"; style") == std::string::npos);
  CHECK(dot.find("\"" + kR + "prk\" [label=\"North Korea\", shape=box") != std::string::npos);
  // Quotes in labels are escaped.
  CHECK(dot.find("Georgy \\\"Zina\\\" Zinoviev") != std::string::npos);
  // The legend lists the categories drawn.
  CHECK(dot.find(">MOBILIZE<") != std::string::npos);
  CHECK(dot.find(">AGREE<") == std::string::npos);
  // Deterministic.
  CHECK(dot_text(read_picture(store_of(kGraph)), "test") == dot);
}

TEST_CASE("draw: Graphviz accepts the DOT (dot -Tsvg)", "[draw]") {
  const std::string dot = dot_text(read_picture(store_of(kGraph)), "a \"quoted\" title");
  std::FILE* svg = std::tmpfile();
  REQUIRE(svg != nullptr);
  render_dot(dot, "svg", svg);
  std::rewind(svg);
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, svg)) > 0;) text.append(buf, n);
  std::fclose(svg);
  CHECK(text.find("<svg") != std::string::npos);
  CHECK(text.find("Kim Hong&#45;kyun") != std::string::npos);
  CHECK(text.find("Summons") != std::string::npos);

  std::FILE* sink = std::tmpfile();
  REQUIRE(sink != nullptr);
  CHECK_THROWS_AS(render_dot("digraph { a -> }", "svg", sink), InputError);
  std::fclose(sink);
}

TEST_CASE("draw: a picture restricted to a query's answer", "[draw]") {
  const Picture all = read_picture(store_of(kGraph));
  // Incidents named: just those.
  const Picture named = restrict_picture(all, {kR + "summons", kR + "kim"});
  REQUIRE(named.incidents.size() == 1);
  CHECK(named.incidents[0].iri == kR + "summons");
  CHECK(named.actors.size() == 4);  // kim, zin and their states
  // Only actors named: the incidents between them.
  const Picture between = restrict_picture(all, {kR + "kor", kR + "rus"});
  REQUIRE(between.incidents.size() == 1);
  CHECK(between.incidents[0].iri == kR + "sanction");
  CHECK(restrict_picture(all, {}).incidents.empty());
}

TEST_CASE("draw: the same incident in several named graphs is one arrow", "[draw]") {
  const std::string nq =
      "<http://example.org/r/i> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
      "<https://w3id.org/newsgraph/ontology#Incident> <http://example.org/g1> .\n"
      "<http://example.org/r/i> <https://w3id.org/newsgraph/ontology#agent> <http://example.org/r/a> "
      "<http://example.org/g1> .\n"
      "<http://example.org/r/i> <https://w3id.org/newsgraph/ontology#target> <http://example.org/r/b> "
      "<http://example.org/g1> .\n"
      "<http://example.org/r/i> <https://w3id.org/newsgraph/ontology#agent> <http://example.org/r/a> "
      "<http://example.org/g2> .\n"
      "<http://example.org/r/i> <https://w3id.org/newsgraph/ontology#target> <http://example.org/r/b> "
      "<http://example.org/g2> .\n";
  const Picture p = read_picture(store_of(nq, rdf::RdfSyntax::NQuads));
  REQUIRE(p.incidents.size() == 1);
  CHECK(p.incidents[0].agents.size() == 1);
  CHECK(edges_of(dot_text(p)).size() == 1);
}

TEST_CASE("draw: format by extension", "[draw]") {
  CHECK(format_for_path("x.svg") == "svg");
  CHECK(format_for_path("dir.v2/x.PNG") == "png");
  CHECK(format_for_path("x.gv") == "dot");
  CHECK(format_for_path("x.dot") == "dot");
  CHECK(format_for_path("x.ttl").empty());
  CHECK(format_for_path("dir.svg/x").empty());
}

TEST_CASE("draw: newsgraph draw writes DOT, SVG and PNG", "[draw][cli]") {
  TempDir dir;
  { std::ofstream(dir.file("g.ttl")) << kGraph; }
  const std::string bin = "'" + kBinary + "' draw ";
  const Result dot = shell("cd '" + kSource + "' && " + bin + "'" + dir.file("g.ttl") + "' 2>&1");
  REQUIRE(dot.code == 0);
  CHECK(dot.out.rfind("digraph newsgraph {", 0) == 0);

  CHECK(shell(bin + "'" + dir.file("g.ttl") + "' -o '" + dir.file("g.svg") + "' 2>&1").code == 0);
  CHECK(slurp(dir.file("g.svg")).find("<svg") != std::string::npos);
  CHECK(shell(bin + "'" + dir.file("g.ttl") + "' -o '" + dir.file("g.png") + "' 2>&1").code == 0);
  CHECK(slurp(dir.file("g.png")).substr(1, 3) == "PNG");

  // Articles are built first; --query keeps what a canned query returns.
  const Result articles =
      shell("cd '" + kSource + "' && " + bin + "samples -j 2 --query summons 2>/dev/null");
  REQUIRE(articles.code == 0);
  CHECK(articles.out.find("Summons") != std::string::npos);
  const Result everything = shell("cd '" + kSource + "' && " + bin + "samples 2>/dev/null");
  CHECK(edges_of(articles.out).size() < edges_of(everything.out).size());

  CHECK(shell(bin + "'" + dir.file("g.ttl") + "' -o '" + dir.file("g.txt") + "' 2>&1").code == 2);
  CHECK(shell(bin + "'" + dir.file("g.ttl") + "' --query no-such-query 2>&1").code == 2);
  CHECK(!fs::exists(dir.file("g.txt")));
}
