#include "draw/picture.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "emit/vocab.hpp"

namespace newsgraph::draw {

namespace {

using rdf::Term;

std::string ng(std::string_view local) { return std::string(vocab::kOntology) + std::string(local); }
const std::string kType = std::string(vocab::kRdf) + "type";
const std::string kLabel = std::string(vocab::kRdfs) + "label";
const std::string kDerivedFrom = std::string(vocab::kProv) + "wasDerivedFrom";

// The part after the last '#' or '/': a readable stand-in for a missing label.
std::string local_name(const std::string& iri) {
  const auto cut = iri.find_last_of("#/");
  return cut == std::string::npos ? iri : iri.substr(cut + 1);
}

// The distinct objects of (subject, predicate) over every graph, sorted.
std::vector<Term> objects(const rdf::SordStore& store, const std::string& subject,
                          const std::string& predicate) {
  std::set<Term> found;
  store.for_each_match(Term::iri(subject), Term::iri(predicate), std::nullopt, [&](const rdf::Triple& t) {
    found.insert(t.object);
    return true;
  });
  return {found.begin(), found.end()};
}

std::vector<std::string> iri_objects(const rdf::SordStore& store, const std::string& subject,
                                     const std::string& predicate) {
  std::vector<std::string> out;
  for (const auto& o : objects(store, subject, predicate)) {
    if (o.kind == rdf::TermKind::Iri) out.push_back(o.value);
  }
  return out;
}

// English or untagged first, then any; the IRI's last segment when none.
std::string label_of(const rdf::SordStore& store, const std::string& iri) {
  std::optional<std::string> any;
  for (const auto& o : objects(store, iri, kLabel)) {
    if (o.kind != rdf::TermKind::Literal) continue;
    if (o.language.empty() || o.language == "en") return o.value;
    if (!any) any = o.value;
  }
  return any ? *any : local_name(iri);
}

std::vector<std::string> subjects_of_type(const rdf::SordStore& store, const std::string& cls) {
  std::set<std::string> found;
  store.for_each_match(std::nullopt, Term::iri(kType), Term::iri(cls), [&](const rdf::Triple& t) {
    if (t.subject.kind == rdf::TermKind::Iri) found.insert(t.subject.value);
    return true;
  });
  return {found.begin(), found.end()};
}

Incident read_incident(const rdf::SordStore& store, const std::string& iri) {
  Incident inc;
  inc.iri = iri;
  inc.kind = "Incident";
  for (const auto& cls : iri_objects(store, iri, kType)) {
    if (cls.rfind(vocab::kOntology, 0) == 0 && cls != ng("Incident")) {
      inc.kind = local_name(cls);
      break;
    }
  }
  const auto plover = iri_objects(store, iri, ng("ploverCategory"));
  if (!plover.empty()) inc.plover = local_name(plover.front());
  for (const auto& d : objects(store, iri, ng("date"))) {
    if (d.kind == rdf::TermKind::Literal) inc.dates.push_back(d.value);
  }
  inc.agents = iri_objects(store, iri, ng("agent"));
  inc.targets = iri_objects(store, iri, ng("target"));
  inc.label = label_of(store, iri);
  inc.sources = objects(store, iri, kDerivedFrom).size();
  return inc;
}

ActorType actor_type(const rdf::SordStore& store, const std::string& iri) {
  const auto types = iri_objects(store, iri, kType);
  auto is = [&](std::string_view local) {
    return std::find(types.begin(), types.end(), ng(local)) != types.end();
  };
  if (is("State")) return ActorType::State;
  if (is("Person")) return ActorType::Person;
  if (is("Organisation")) return ActorType::Organisation;
  return ActorType::Other;
}

Actor read_actor(const rdf::SordStore& store, const std::string& iri) {
  Actor a;
  a.iri = iri;
  a.type = actor_type(store, iri);
  a.label = label_of(store, iri);
  if (a.type == ActorType::Person) {
    const auto states = iri_objects(store, iri, ng("represents"));
    if (!states.empty()) a.state = states.front();
  }
  return a;
}

// The actors the incidents name, and the states of those that are persons.
std::vector<Actor> actors_of(const std::vector<Incident>& incidents,
                             const std::function<Actor(const std::string&)>& actor) {
  std::map<std::string, Actor> found;
  auto add = [&](const std::string& iri) {
    if (found.count(iri) == 0) found.emplace(iri, actor(iri));
  };
  for (const auto& inc : incidents) {
    for (const auto& a : inc.agents) add(a);
    for (const auto& t : inc.targets) add(t);
  }
  std::vector<std::string> states;
  for (const auto& [iri, a] : found) {
    if (!a.state.empty()) states.push_back(a.state);
  }
  for (const auto& s : states) add(s);
  std::vector<Actor> out;
  for (auto& [iri, a] : found) out.push_back(std::move(a));
  return out;
}

bool side_kept(const std::vector<std::string>& side, const std::set<std::string>& keep) {
  return side.empty() ||
         std::any_of(side.begin(), side.end(), [&](const std::string& a) { return keep.count(a) != 0; });
}

}  // namespace

Picture read_picture(const rdf::SordStore& store) {
  Picture p;
  for (const auto& iri : subjects_of_type(store, ng("Incident"))) {
    Incident inc = read_incident(store, iri);
    if (!inc.agents.empty() || !inc.targets.empty()) p.incidents.push_back(std::move(inc));
  }
  p.actors = actors_of(p.incidents, [&](const std::string& iri) { return read_actor(store, iri); });
  return p;
}

Picture restrict_picture(const Picture& picture, const std::set<std::string>& keep) {
  const bool names_incidents = std::any_of(picture.incidents.begin(), picture.incidents.end(),
                                           [&](const Incident& inc) { return keep.count(inc.iri) != 0; });
  Picture p;
  for (const auto& inc : picture.incidents) {
    const bool kept = names_incidents ? keep.count(inc.iri) != 0
                                      : side_kept(inc.agents, keep) && side_kept(inc.targets, keep);
    if (kept) p.incidents.push_back(inc);
  }
  std::map<std::string, const Actor*> by_iri;
  for (const auto& a : picture.actors) by_iri.emplace(a.iri, &a);
  p.actors = actors_of(p.incidents, [&](const std::string& iri) {
    const auto it = by_iri.find(iri);
    return it != by_iri.end() ? *it->second : Actor{iri, local_name(iri), ActorType::Other, {}};
  });
  return p;
}

}  // namespace newsgraph::draw
