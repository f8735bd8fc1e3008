#pragma once
// Every term the emitter writes, in one place. ontology/newsgraph.ttl declares
// each of them (a test walks the output and fails on an undeclared term).
#include <string_view>

namespace newsgraph::vocab {

inline constexpr std::string_view kOntology = "https://w3id.org/newsgraph/ontology#";
inline constexpr std::string_view kResource = "https://w3id.org/newsgraph/resource/";

inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kOwl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view kProv = "http://www.w3.org/ns/prov#";
inline constexpr std::string_view kDcterms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kSchema = "https://schema.org/";
inline constexpr std::string_view kSem = "http://semanticweb.cs.vu.nl/2009/11/sem/";
inline constexpr std::string_view kWikidata = "http://www.wikidata.org/entity/";

// Classes (ng: prefix)
//   Person State Organisation Agreement Incident Statement Article Evidence
//   Sentence
//   SourceConflict, and one Incident subclass per kind in data/events.tsv.
// Properties (ng: prefix)
//   role represents memberOf country actorCode isoCode party signatory agent target about date
//   dateText place ploverCategory trigger speaker quote direct
//   evidence (Incident/Statement/Agreement -> Evidence)
//   article sentenceIndex startOffset endOffset (on Evidence and Sentence)
//   sentence (Evidence -> Sentence), sentenceText (on Sentence)
//   hasConflict (node -> SourceConflict), conflictProperty, claim (-> Claim),
//   claimValue, claimSource (on Claim); sourceCount
// Borrowed: rdf:type rdfs:label skos:altLabel owl:sameAs prov:wasDerivedFrom
//   dcterms:identifier dcterms:title dcterms:date dcterms:publisher
//   dcterms:creator dcterms:source (url)

}  // namespace newsgraph::vocab
