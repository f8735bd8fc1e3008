#pragma once
// What `newsgraph draw` shows, read from a graph: the actors (States, the
// Persons who represent them, Organisations) and the Incidents between them.
// Plain structs, sorted, so the DOT written from them is deterministic.
#include <set>
#include <string>
#include <vector>

#include "rdf/sord_store.hpp"

namespace newsgraph::draw {

enum class ActorType { State, Person, Organisation, Other };

struct Actor {
  std::string iri;
  std::string label;  // rdfs:label, else the IRI's last segment
  ActorType type = ActorType::Other;
  std::string state;  // a Person's ng:represents (first by IRI); empty when none
};

// One Incident with its actors by IRI. A graph streamed per article may hold
// the same incident in several named graphs: it is one Incident here.
struct Incident {
  std::string iri;
  std::string kind;                  // its finer class's local name ("Summons"), else "Incident"
  std::string plover;                // PLOVER category local name ("DISAPPROVE"); may be empty
  std::vector<std::string> dates;    // xsd:date values, sorted; several = sources disagree
  std::vector<std::string> agents;   // sorted
  std::vector<std::string> targets;  // sorted
  std::string label;
  std::size_t sources = 0;  // distinct prov:wasDerivedFrom
};

struct Picture {
  std::vector<Actor> actors;        // sorted by IRI; every actor an incident names, and their states
  std::vector<Incident> incidents;  // sorted by IRI; those with an agent or a target
};

// Reads every Incident of the store (in any graph) and the actors it names.
Picture read_picture(const rdf::SordStore& store);

// For `newsgraph draw --query`: when `keep` names incidents, keeps those;
// otherwise (a query that returns actors) keeps the incidents with an agent
// and a target in `keep` (one of them, for an incident with only one side).
// Then the actors the kept incidents name.
Picture restrict_picture(const Picture& picture, const std::set<std::string>& keep);

}  // namespace newsgraph::draw
