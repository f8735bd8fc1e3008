// The emitter's triples, read back from a RecordingSink: classes, labels,
// typed dates, provenance, source conflicts and the IRIs nodes get.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "emit/graph_writer.hpp"
#include "emit/vocab.hpp"
#include "rdf/iri.hpp"
#include "rdf/recording_sink.hpp"
#include "util/error.hpp"

using namespace newsgraph;
using rdf::Term;
using rdf::TermKind;
using rdf::Triple;

namespace {

const std::string kNg(vocab::kOntology);
const std::string kBase(vocab::kResource);
const std::string kRdfType = std::string(vocab::kRdf) + "type";
const std::string kLabel = std::string(vocab::kRdfs) + "label";
const std::string kAltLabel = std::string(vocab::kSkos) + "altLabel";
const std::string kSameAs = std::string(vocab::kOwl) + "sameAs";
const std::string kDerived = std::string(vocab::kProv) + "wasDerivedFrom";
const std::string kXsdDate = std::string(vocab::kXsd) + "date";

std::string ng(const std::string& local) { return kNg + local; }

SourceRef source(const std::string& article, std::size_t sentence, std::size_t begin, std::size_t end) {
  return SourceRef{article, Evidence{sentence, Span{begin, end}}};
}

ArticleNode article(const std::string& id, const std::string& date, const std::string& text) {
  ArticleNode a;
  a.meta.id = id;
  a.meta.title = "Report " + id;
  a.meta.date = date;
  a.meta.publisher = "Test Wire";
  a.meta.text = text;
  a.sentences.push_back(Sentence{Span{0, text.size()}});
  return a;
}

// A small merged graph written by hand: Japan summons China's ambassador,
// reported by two articles that disagree on the date; an agreement between
// Peru and Ecuador; a statement by the Japanese minister.
KnowledgeGraph sample_graph() {
  KnowledgeGraph g;
  g.articles.push_back(article("kyodo-1", "2019-03-14", "Tokyo summoned the Chinese ambassador on Tuesday."));
  g.articles.push_back(article("asahi-7", "", "Japan summoned the Chinese envoy on Monday."));

  g.states.push_back(StateNode{"CHN", "China", {"People's Republic of China"}, "Q148"});
  g.states.push_back(StateNode{"ECU", "Ecuador", {}, "Q736"});
  g.states.push_back(StateNode{"JPN", "Japan", {}, "Q17"});
  g.states.push_back(StateNode{"PER", "Peru", {}, ""});  // no Wikidata id known: no owl:sameAs

  PersonNode kono;
  kono.key = "tarokono";
  kono.name = "Taro Kono";
  kono.alt_names = {"Kono Taro"};
  kono.roles = {"Foreign Minister"};
  kono.states = {"JPN"};
  kono.articles = {"kyodo-1"};
  g.persons.push_back(kono);
  PersonNode cheng;
  cheng.key = "chengyonghua";
  cheng.name = "Cheng Yonghua";
  cheng.roles = {"ambassador"};
  cheng.states = {"CHN"};
  cheng.articles = {"kyodo-1"};
  g.persons.push_back(cheng);

  AgreementNode pact;
  pact.key = "agreement-ECU-PER";
  pact.label = "border treaty";
  pact.kind = "treaty";
  pact.parties = {"ECU", "PER"};
  pact.signatories = {"chengyonghua"};
  pact.dates = {SourcedValue{"2019-03-11", {"kyodo-1"}}};
  pact.sources = {source("kyodo-1", 0, 0, 10)};
  g.agreements.push_back(pact);

  IncidentNode summons;
  summons.key = "Summons|JPN|CHN|2019-03-11";
  summons.kind = "Summons";
  summons.plover = "DISAPPROVE";
  summons.label = "Summons: Japan -> China";
  summons.agents = {NodeRef{ActorKind::State, "JPN"}, NodeRef{ActorKind::Person, "tarokono"}};
  summons.targets = {NodeRef{ActorKind::State, "CHN"}};
  summons.about = "agreement-ECU-PER";
  summons.dates = {SourcedValue{"2019-03-11", {"asahi-7"}}, SourcedValue{"2019-03-12", {"kyodo-1"}}};
  summons.date_texts = {"Monday", "Tuesday"};
  // Two pieces of evidence from one article: still one wasDerivedFrom.
  summons.sources = {source("kyodo-1", 0, 0, 20), source("asahi-7", 0, 0, 14), source("kyodo-1", 0, 21, 40)};
  g.incidents.push_back(summons);

  StatementNode said;
  said.key = "tarokono|thisisunacceptable";
  said.speaker = NodeRef{ActorKind::Person, "tarokono"};
  said.has_speaker = true;
  said.quote = "This is unacceptable";
  said.dates = {SourcedValue{"2019-03-12", {"kyodo-1"}}};
  said.sources = {source("kyodo-1", 0, 5, 25)};
  g.statements.push_back(said);
  return g;
}

struct Emitted {
  rdf::RecordingSink sink;
  std::size_t count = 0;
};

Emitted emit(const KnowledgeGraph& g, EmitOptions options = {}) {
  Emitted e;
  e.count = emit_graph(g, options, e.sink);
  return e;
}

std::vector<Term> objects(const rdf::RecordingSink& sink, const std::string& subject,
                          const std::string& predicate) {
  std::vector<Term> out;
  for (const auto& t : sink.triples()) {
    if (t.subject.value == subject && t.predicate.value == predicate) out.push_back(t.object);
  }
  return out;
}

std::vector<std::string> subjects_of_type(const rdf::RecordingSink& sink, const std::string& cls) {
  std::vector<std::string> out;
  for (const auto& t : sink.triples()) {
    if (t.predicate.value == kRdfType && t.object.value == cls) out.push_back(t.subject.value);
  }
  return out;
}

bool has(const rdf::RecordingSink& sink, const std::string& s, const std::string& p, const Term& o) {
  const auto objs = objects(sink, s, p);
  return std::find(objs.begin(), objs.end(), o) != objs.end();
}

std::string incident_iri(const rdf::RecordingSink& sink) {
  const auto incidents = subjects_of_type(sink, ng("Incident"));
  REQUIRE(incidents.size() == 1);
  return incidents.front();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Local names of the ng: terms ontology/newsgraph.ttl declares ("ng:X a ...").
std::set<std::string> declared_terms() {
  std::set<std::string> out;
  std::istringstream in(slurp(std::string(NEWSGRAPH_TEST_SOURCE_DIR) + "/ontology/newsgraph.ttl"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("ng:", 0) != 0) continue;
    const auto space = line.find(' ');
    if (space != std::string::npos && line.substr(space, 3) == " a ") out.insert(line.substr(3, space - 3));
  }
  return out;
}

// Every ng: class and property the triples use that the ontology does not declare.
std::vector<std::string> undeclared_terms(const rdf::RecordingSink& sink) {
  const auto declared = declared_terms();
  std::set<std::string> missing;
  auto check = [&](const Term& t) {
    if (t.kind == TermKind::Iri && t.value.rfind(kNg, 0) == 0) {
      const std::string local = t.value.substr(kNg.size());
      if (declared.count(local) == 0) missing.insert(local);
    }
  };
  for (const auto& t : sink.triples()) {
    check(t.predicate);
    if (t.predicate.value == kRdfType || t.predicate.value == ng("conflictProperty")) check(t.object);
  }
  return {missing.begin(), missing.end()};
}

}  // namespace

TEST_CASE("emit: every node gets its base class, incidents their kind class too", "[emit]") {
  const auto e = emit(sample_graph());
  CHECK(subjects_of_type(e.sink, ng("State")).size() == 4);
  CHECK(subjects_of_type(e.sink, ng("Person")).size() == 2);
  CHECK(subjects_of_type(e.sink, ng("Agreement")).size() == 1);
  CHECK(subjects_of_type(e.sink, ng("Statement")).size() == 1);
  CHECK(subjects_of_type(e.sink, ng("Article")).size() == 2);
  const auto incidents = subjects_of_type(e.sink, ng("Incident"));
  REQUIRE(incidents.size() == 1);
  CHECK(subjects_of_type(e.sink, ng("Summons")) == incidents);
  CHECK(has(e.sink, incidents[0], ng("ploverCategory"),
            Term::iri("https://w3id.org/newsgraph/plover#DISAPPROVE")));
}

TEST_CASE("emit: states carry isoCode, labels and owl:sameAs Wikidata where known", "[emit]") {
  const auto e = emit(sample_graph());
  const std::string jpn = kBase + "state/jpn";
  CHECK(objects(e.sink, jpn, ng("isoCode")) == std::vector<Term>{Term::literal("JPN")});
  CHECK(objects(e.sink, jpn, kLabel) == std::vector<Term>{Term::text("Japan")});
  CHECK(objects(e.sink, jpn, kSameAs) == std::vector<Term>{Term::iri("http://www.wikidata.org/entity/Q17")});
  const std::string chn = kBase + "state/chn";
  CHECK(objects(e.sink, chn, kAltLabel) == std::vector<Term>{Term::text("People's Republic of China")});
  const std::string per = kBase + "state/per";
  CHECK(objects(e.sink, per, ng("isoCode")) == std::vector<Term>{Term::literal("PER")});
  CHECK(objects(e.sink, per, kSameAs).empty());
}

TEST_CASE("emit: persons carry role, represents and alternative names", "[emit]") {
  const auto e = emit(sample_graph());
  const std::string kono = kBase + "person/tarokono";
  CHECK(objects(e.sink, kono, kRdfType) == std::vector<Term>{Term::iri(ng("Person"))});
  CHECK(objects(e.sink, kono, kLabel) == std::vector<Term>{Term::text("Taro Kono")});
  CHECK(objects(e.sink, kono, kAltLabel) == std::vector<Term>{Term::text("Kono Taro")});
  CHECK(objects(e.sink, kono, ng("role")) == std::vector<Term>{Term::text("Foreign Minister")});
  CHECK(objects(e.sink, kono, ng("represents")) == std::vector<Term>{Term::iri(kBase + "state/jpn")});
}

TEST_CASE("emit: a person linked to one Wikidata item gets owl:sameAs, to two gets none", "[emit]") {
  KnowledgeGraph g = sample_graph();
  g.persons[0].wikidata = {"Q123"};
  g.persons[1].wikidata = {"Q1", "Q2"};  // two people under one name, or one misidentified
  const auto e = emit(g);
  const std::string same_as = "http://www.w3.org/2002/07/owl#sameAs";
  CHECK(objects(e.sink, kBase + "person/tarokono", same_as) ==
        std::vector<Term>{Term::iri("http://www.wikidata.org/entity/Q123")});
  CHECK(objects(e.sink, kBase + "person/chengyonghua", same_as).empty());
}

TEST_CASE("emit: labels, roles and quotes are @en literals", "[emit]") {
  const auto e = emit(sample_graph());
  std::size_t labels = 0;
  for (const auto& t : e.sink.triples()) {
    if (t.predicate.value == kLabel || t.predicate.value == kAltLabel || t.predicate.value == ng("role") ||
        t.predicate.value == ng("quote") || t.predicate.value == ng("dateText")) {
      INFO(t.subject.value << " " << t.predicate.value << " " << t.object.value);
      CHECK(t.object.kind == TermKind::Literal);
      CHECK(t.object.language == "en");
      CHECK(t.object.datatype.empty());
      ++labels;
    }
  }
  CHECK(labels >= 10);
}

TEST_CASE("emit: every date is an xsd:date literal", "[emit]") {
  const auto e = emit(sample_graph());
  std::size_t dates = 0;
  for (const auto& t : e.sink.triples()) {
    if (t.predicate.value == ng("date") || t.predicate.value == std::string(vocab::kDcterms) + "date") {
      INFO(t.subject.value << " " << t.object.value);
      CHECK(t.object.kind == TermKind::Literal);
      CHECK(t.object.datatype == kXsdDate);
      CHECK(t.object.value.size() == 10);
      ++dates;
    }
  }
  // article kyodo-1, the agreement, the incident's two claims, the statement
  CHECK(dates == 5);
  // An undated article has no date at all, not an empty one.
  CHECK(objects(e.sink, kBase + "article/asahi-7", std::string(vocab::kDcterms) + "date").empty());
}

TEST_CASE("emit: articles carry identifier, title, date and publisher", "[emit]") {
  const auto e = emit(sample_graph());
  const std::string a = kBase + "article/kyodo-1";
  CHECK(objects(e.sink, a, kRdfType) == std::vector<Term>{Term::iri(ng("Article"))});
  CHECK(objects(e.sink, a, std::string(vocab::kDcterms) + "identifier") ==
        std::vector<Term>{Term::literal("kyodo-1")});
  CHECK(objects(e.sink, a, std::string(vocab::kDcterms) + "date") ==
        std::vector<Term>{Term::typed("2019-03-14", kXsdDate)});
  CHECK(objects(e.sink, a, std::string(vocab::kDcterms) + "title").size() == 1);
  CHECK(objects(e.sink, a, std::string(vocab::kDcterms) + "publisher").size() == 1);
}

TEST_CASE("emit: an incident is derived from each reporting article once", "[emit]") {
  const auto e = emit(sample_graph());
  const std::string inc = incident_iri(e.sink);
  auto derived = objects(e.sink, inc, kDerived);
  std::sort(derived.begin(), derived.end());
  CHECK(derived ==
        std::vector<Term>{Term::iri(kBase + "article/asahi-7"), Term::iri(kBase + "article/kyodo-1")});
  CHECK(objects(e.sink, inc, ng("sourceCount")) ==
        std::vector<Term>{Term::typed("2", std::string(vocab::kXsd) + "integer")});
  // Each piece of evidence is kept, with the sentence it came from.
  const auto evidence = objects(e.sink, inc, ng("evidence"));
  CHECK(evidence.size() == 3);
  for (const auto& ev : evidence) {
    CHECK(objects(e.sink, ev.value, kRdfType) == std::vector<Term>{Term::iri(ng("Evidence"))});
    const auto sentence = objects(e.sink, ev.value, ng("sentence"));
    REQUIRE(sentence.size() == 1);
    CHECK(objects(e.sink, sentence[0].value, kRdfType) == std::vector<Term>{Term::iri(ng("Sentence"))});
    CHECK(objects(e.sink, sentence[0].value, ng("sentenceText")).size() == 1);
  }
  // Statements and agreements carry provenance too.
  const auto statements = subjects_of_type(e.sink, ng("Statement"));
  REQUIRE(statements.size() == 1);
  CHECK(objects(e.sink, statements[0], kDerived) == std::vector<Term>{Term::iri(kBase + "article/kyodo-1")});
}

TEST_CASE("emit: a sentence cited by several facts is written once", "[emit]") {
  KnowledgeGraph g = sample_graph();
  // The same evidence twice (two mentions merged into one incident) is one Evidence.
  g.incidents[0].sources.push_back(source("kyodo-1", 0, 0, 20));
  const auto e = emit(g);
  // kyodo-1's only sentence backs two evidence spans of the summons and the statement.
  std::size_t texts = 0;
  std::set<std::string> distinct;
  for (const auto& t : e.sink.triples()) {
    if (t.predicate.value == ng("sentenceText")) ++texts;
    distinct.insert(t.subject.value + " " + t.predicate.value + " " + t.object.value);
  }
  CHECK(texts == 2);  // one per article sentence: kyodo-1 and asahi-7
  CHECK(distinct.size() == e.sink.triples().size());
  CHECK(objects(e.sink, incident_iri(e.sink), ng("evidence")).size() == 3);
  const auto sentence = kBase + "article/kyodo-1/sentence/0";
  CHECK(objects(e.sink, sentence, ng("sentenceText")) ==
        std::vector<Term>{Term::text("Tokyo summoned the Chinese ambassador on Tuesday.")});
  CHECK(objects(e.sink, sentence, ng("startOffset")) ==
        std::vector<Term>{Term::typed("0", std::string(vocab::kXsd) + "integer")});
}

TEST_CASE("emit: disagreeing dates are both written and marked as a SourceConflict", "[emit]") {
  const auto e = emit(sample_graph());
  const std::string inc = incident_iri(e.sink);
  auto dates = objects(e.sink, inc, ng("date"));
  std::sort(dates.begin(), dates.end());
  CHECK(dates == std::vector<Term>{Term::typed("2019-03-11", kXsdDate), Term::typed("2019-03-12", kXsdDate)});
  const auto conflicts = objects(e.sink, inc, ng("hasConflict"));
  REQUIRE(conflicts.size() == 1);
  const std::string c = conflicts[0].value;
  CHECK(objects(e.sink, c, kRdfType) == std::vector<Term>{Term::iri(ng("SourceConflict"))});
  CHECK(objects(e.sink, c, ng("conflictProperty")) == std::vector<Term>{Term::iri(ng("date"))});
  const auto claims = objects(e.sink, c, ng("claim"));
  REQUIRE(claims.size() == 2);
  std::vector<std::string> seen;
  for (const auto& claim : claims) {
    CHECK(objects(e.sink, claim.value, kRdfType) == std::vector<Term>{Term::iri(ng("Claim"))});
    const auto value = objects(e.sink, claim.value, ng("claimValue"));
    REQUIRE(value.size() == 1);
    CHECK(value[0].datatype == kXsdDate);
    const auto src = objects(e.sink, claim.value, ng("claimSource"));
    REQUIRE(src.size() == 1);
    seen.push_back(value[0].value + "<-" + src[0].value);
  }
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{"2019-03-11<-" + kBase + "article/asahi-7",
                                         "2019-03-12<-" + kBase + "article/kyodo-1"});
}

TEST_CASE("emit: a single date claim is no conflict", "[emit]") {
  const auto e = emit(sample_graph());
  const auto agreements = subjects_of_type(e.sink, ng("Agreement"));
  REQUIRE(agreements.size() == 1);
  CHECK(objects(e.sink, agreements[0], ng("date")) == std::vector<Term>{Term::typed("2019-03-11", kXsdDate)});
  CHECK(objects(e.sink, agreements[0], ng("hasConflict")).empty());
  CHECK(subjects_of_type(e.sink, ng("SourceConflict")).size() == 1);  // only the incident's
}

TEST_CASE("emit: agreements link parties and signatories; incidents agents, targets and about", "[emit]") {
  const auto e = emit(sample_graph());
  const std::string pact = subjects_of_type(e.sink, ng("Agreement")).at(0);
  auto parties = objects(e.sink, pact, ng("party"));
  std::sort(parties.begin(), parties.end());
  CHECK(parties == std::vector<Term>{Term::iri(kBase + "state/ecu"), Term::iri(kBase + "state/per")});
  CHECK(objects(e.sink, pact, ng("signatory")) ==
        std::vector<Term>{Term::iri(kBase + "person/chengyonghua")});
  const std::string inc = incident_iri(e.sink);
  auto agents = objects(e.sink, inc, ng("agent"));
  std::sort(agents.begin(), agents.end());
  CHECK(agents == std::vector<Term>{Term::iri(kBase + "person/tarokono"), Term::iri(kBase + "state/jpn")});
  CHECK(objects(e.sink, inc, ng("target")) == std::vector<Term>{Term::iri(kBase + "state/chn")});
  CHECK(objects(e.sink, inc, ng("about")) == std::vector<Term>{Term::iri(pact)});
  const std::string st = subjects_of_type(e.sink, ng("Statement")).at(0);
  CHECK(objects(e.sink, st, ng("speaker")) == std::vector<Term>{Term::iri(kBase + "person/tarokono")});
  CHECK(objects(e.sink, st, ng("quote")) == std::vector<Term>{Term::text("This is unacceptable")});
}

TEST_CASE("emit: every node an object points to is itself typed (no dangling IRIs)", "[emit]") {
  const auto e = emit(sample_graph());
  std::set<std::string> typed;
  for (const auto& t : e.sink.triples()) {
    if (t.predicate.value == kRdfType) typed.insert(t.subject.value);
  }
  for (const auto& t : e.sink.triples()) {
    if (t.object.kind != TermKind::Iri || t.object.value.rfind(kBase, 0) != 0) continue;
    INFO(t.subject.value << " " << t.predicate.value << " -> " << t.object.value);
    CHECK(typed.count(t.object.value) == 1);
  }
}

TEST_CASE("emit: every IRI is valid and the count returned is the triples written", "[emit]") {
  KnowledgeGraph g = sample_graph();
  // Awkward names: accents, spaces, punctuation, CJK.
  PersonNode p;
  p.key = "ren\xC3\xA9 m\xC3\xBCller o'brien";
  p.name = "Ren\xC3\xA9 M\xC3\xBCller";
  g.persons.push_back(p);
  PersonNode q;
  q.key = "\xE9\x87\x91\xE6\xAD\xA3\xE6\x81\xA9";
  q.name = "\xE9\x87\x91\xE6\xAD\xA3\xE6\x81\xA9";
  g.persons.push_back(q);
  g.articles.push_back(article("wire 2019/03 #5", "2019-03-14", "Kim arrived."));
  const auto e = emit(g);
  CHECK(e.count == e.sink.triples().size());
  CHECK(e.sink.finish_calls() == 0);  // finishing is the caller's job
  for (const auto& t : e.sink.triples()) {
    for (const Term* term : {&t.subject, &t.predicate, &t.object}) {
      if (term->kind != TermKind::Iri) continue;
      INFO(term->value);
      CHECK(rdf::is_valid_iri(term->value));
    }
  }
}

TEST_CASE("emit: the same graph gives the same triples in the same order", "[emit]") {
  const auto a = emit(sample_graph());
  const auto b = emit(sample_graph());
  CHECK(a.sink.triples() == b.sink.triples());
  CHECK(a.sink.prefixes() == b.sink.prefixes());
  // IRIs come from content keys: the same key in another graph mints the same IRI.
  KnowledgeGraph other;
  other.states.push_back(StateNode{"JPN", "Japan", {}, "Q17"});
  const auto c = emit(other);
  CHECK(subjects_of_type(c.sink, ng("State")) == std::vector<std::string>{kBase + "state/jpn"});
}

TEST_CASE("emit: different incidents never share an IRI", "[emit]") {
  // Japan and South Korea jointly warning no one vs Japan warning South Korea:
  // different keys, so different nodes.
  KnowledgeGraph g;
  IncidentNode joint;
  joint.key = "Threat|JPN+KOR|";
  joint.kind = "Threat";
  joint.plover = "THREATEN";
  joint.agents = {NodeRef{ActorKind::State, "JPN"}, NodeRef{ActorKind::State, "KOR"}};
  IncidentNode against = joint;
  against.key = "Threat|JPN|KOR";
  against.agents = {NodeRef{ActorKind::State, "JPN"}};
  against.targets = {NodeRef{ActorKind::State, "KOR"}};
  g.incidents = {joint, against};
  const auto e = emit(g);
  const auto incidents = subjects_of_type(e.sink, ng("Incident"));
  REQUIRE(incidents.size() == 2);
  CHECK(incidents[0] != incidents[1]);
}

TEST_CASE("emit: --base puts every resource under the given base", "[emit]") {
  EmitOptions options;
  options.base = "http://example.org/kg/";
  const auto e = emit(sample_graph(), options);
  std::size_t resources = 0;
  for (const auto& t : e.sink.triples()) {
    for (const Term* term : {&t.subject, &t.object}) {
      if (term->kind != TermKind::Iri) continue;
      INFO(term->value);
      CHECK(term->value.rfind(kBase, 0) == std::string::npos);  // nothing under the default base
      if (term->value.rfind("http://example.org/kg/", 0) == 0) ++resources;
    }
  }
  CHECK(resources > 20);
  CHECK(subjects_of_type(e.sink, ng("State")).front() == "http://example.org/kg/state/chn");
  // The prefixes for resource kinds follow the base too.
  const auto& prefixes = e.sink.prefixes();
  const auto person =
      std::find_if(prefixes.begin(), prefixes.end(), [](const rdf::Prefix& p) { return p.name == "person"; });
  REQUIRE(person != prefixes.end());
  CHECK(person->iri == "http://example.org/kg/person/");
}

TEST_CASE("emit: an invalid base is a usage error before anything is written", "[emit]") {
  EmitOptions options;
  options.base = "not a base";
  rdf::RecordingSink sink;
  CHECK_THROWS_AS(emit_graph(sample_graph(), options, sink), UsageError);
  CHECK(sink.triples().empty());
  options.base = "http://example.org/no-slash";
  CHECK_THROWS_AS(emit_graph(sample_graph(), options, sink), UsageError);
}

TEST_CASE("emit: without evidence no Evidence nodes are written, provenance stays", "[emit]") {
  EmitOptions options;
  options.evidence = false;
  const auto e = emit(sample_graph(), options);
  CHECK(subjects_of_type(e.sink, ng("Evidence")).empty());
  CHECK(objects(e.sink, incident_iri(e.sink), kDerived).size() == 2);
}

TEST_CASE("emit: the ng: prefix and the resource prefixes are declared", "[emit]") {
  const auto e = emit(sample_graph());
  const auto& prefixes = e.sink.prefixes();
  auto iri_of = [&](const std::string& name) {
    const auto it =
        std::find_if(prefixes.begin(), prefixes.end(), [&](const rdf::Prefix& p) { return p.name == name; });
    return it == prefixes.end() ? std::string() : it->iri;
  };
  CHECK(iri_of("ng") == kNg);
  CHECK(iri_of("xsd") == std::string(vocab::kXsd));
  CHECK(iri_of("prov") == std::string(vocab::kProv));
  CHECK(iri_of("incident") == kBase + "incident/");
}

TEST_CASE("emit: every ng: term written is declared in the ontology", "[emit]") {
  const auto e = emit(sample_graph());
  const auto missing = undeclared_terms(e.sink);
  INFO("undeclared: " << [&] {
    std::string s;
    for (const auto& m : missing) s += m + " ";
    return s;
  }());
  CHECK(missing.empty());
  CHECK(declared_terms().count("Summons") == 1);  // the reader of the ontology works
}

TEST_CASE("emit: organisation terms are declared in the ontology too", "[emit]") {
  KnowledgeGraph g = sample_graph();
  OrganisationNode eu;
  eu.key = "europeanunion";
  eu.name = "European Union";
  eu.alt_names = {"EU"};
  eu.code = "IGO";
  g.organisations.push_back(eu);
  OrganisationNode xinhua;
  xinhua.key = "xinhua";
  xinhua.name = "Xinhua";
  xinhua.code = "CHN";
  xinhua.state = "CHN";
  g.organisations.push_back(xinhua);
  const auto e = emit(g);
  CHECK(subjects_of_type(e.sink, ng("Organisation")).size() == 2);
  const auto missing = undeclared_terms(e.sink);
  INFO("undeclared: " << [&] {
    std::string s;
    for (const auto& m : missing) s += m + " ";
    return s;
  }());
  CHECK(missing.empty());
}

TEST_CASE("emit: a graph emitted in parts gives what emit_graph gives, sentences written once", "[emit]") {
  KnowledgeGraph g = sample_graph();
  // A sentence cited from two nodes that can fall into different parts.
  g.statements[0].sources.push_back(source("kyodo-1", 0, 0, 20));
  for (const bool evidence : {true, false}) {
    EmitOptions options;
    options.evidence = evidence;
    const auto whole = emit(g, options);
    for (const std::size_t weight : {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{1000}}) {
      INFO("evidence " << evidence << ", weight per part " << weight);
      const GraphParts parts(g, options, weight);
      // Each part into its own sink, last first, as threads would finish them.
      std::vector<rdf::RecordingSink> sinks(parts.size());
      std::size_t count = 0;
      for (std::size_t part = parts.size(); part-- > 0;) count += parts.emit(part, sinks[part]);
      std::vector<rdf::Triple> triples;
      std::vector<rdf::Prefix> prefixes;
      for (const auto& one : sinks) {
        triples.insert(triples.end(), one.triples().begin(), one.triples().end());
        prefixes.insert(prefixes.end(), one.prefixes().begin(), one.prefixes().end());
      }
      CHECK(count == whole.count);
      CHECK(triples == whole.sink.triples());
      CHECK(prefixes == whole.sink.prefixes());
      if (weight == 1) CHECK(parts.size() > 3);
    }
  }
  const KnowledgeGraph empty;
  const EmitOptions options;
  const GraphParts parts(empty, options, 10);
  REQUIRE(parts.size() == 1);
  rdf::RecordingSink sink;
  CHECK(parts.emit(0, sink) == 0);
  CHECK_FALSE(sink.prefixes().empty());
}
