#include "resolve/merge.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_set>

#include "extract/dates.hpp"
#include "text/dates.hpp"
#include "util/strings.hpp"

namespace newsgraph {

namespace {

// Dated reports of one incident more than this many days apart are different incidents.
constexpr long kSameIncidentDays = 3;

// Fewer items than this are not worth a thread.
constexpr std::size_t kMinItemsPerThread = 32;

// Runs fn(part, begin, end) over [0, n) cut into up to `jobs` contiguous ranges,
// the first on the calling thread, the others on threads of their own, and
// returns once all are done. Each range writes only its own outputs, so what
// the caller assembles from them in range order is the same for any `jobs`.
// An exception from a range is rethrown here once every range has stopped.
template <typename Fn>
void for_ranges(std::size_t n, unsigned jobs, Fn&& fn) {
  const std::size_t parts = std::min<std::size_t>(std::max(jobs, 1U), n / kMinItemsPerThread + 1);
  if (parts <= 1) {
    fn(std::size_t{0}, std::size_t{0}, n);
    return;
  }
  const auto bound = [&](std::size_t p) { return n * p / parts; };
  std::vector<std::exception_ptr> errors(parts);
  std::vector<std::thread> threads;
  threads.reserve(parts - 1);
  const auto run = [&](std::size_t p) {
    try {
      fn(p, bound(p), bound(p + 1));
    } catch (...) {
      errors[p] = std::current_exception();
    }
  };
  try {
    for (std::size_t p = 1; p < parts; ++p) threads.emplace_back(run, p);
  } catch (...) {
    errors[0] = std::current_exception();  // no thread for the rest: they are not run
  }
  if (!errors[0]) run(0);
  for (auto& t : threads) t.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

template <typename T>
void add_unique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

// add_unique() for the article list of one node, in constant time: a person
// or organisation named in thousands of articles would make scanning the
// list quadratic in the corpus. The views point into the facts being merged.
class ArticleSet {
 public:
  void add_to(std::vector<std::string>& articles, const std::string& id) {
    if (seen_.insert(id).second) articles.push_back(id);
  }

 private:
  std::unordered_set<std::string_view> seen_;
};

void add_claim(std::vector<SourcedValue>& claims, const std::string& value, const std::string& article) {
  if (value.empty()) return;
  for (auto& c : claims) {
    if (c.value == value) {
      add_unique(c.articles, article);
      return;
    }
  }
  claims.push_back(SourcedValue{value, {article}});
}

std::string person_key(const PersonFact& p) { return fold_key(p.name); }

std::string org_key(const OrganisationFact& o) { return fold_key(o.name); }

NodeRef node_of(const ArticleFacts& f, const ActorRef& a) {
  switch (a.kind) {
    case ActorKind::State: return NodeRef{ActorKind::State, a.iso3};
    case ActorKind::Person: return NodeRef{ActorKind::Person, person_key(f.persons[a.index])};
    case ActorKind::Organisation: return NodeRef{ActorKind::Organisation, org_key(f.organisations[a.index])};
  }
  return {};
}

std::string agreement_key(const AgreementFact& a) {
  std::vector<std::string> parties = a.parties;
  std::sort(parties.begin(), parties.end());
  std::string key;
  for (const auto& p : parties) key += (key.empty() ? "" : "-") + p;
  // Bare mentions with fewer than two known parties are told apart by their words.
  if (parties.size() < 2) key += (key.empty() ? "" : "-") + fold_key(a.label);
  return "agreement-" + key;
}

std::string joined(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : "+") + x;
  return out;
}

// Persons across articles: one node per folded name or spelling variant.
class PersonIndex {
 public:
  std::vector<PersonNode> nodes;
  std::string add(const PersonFact& p, const std::string& article) {
    std::vector<std::string> keys{fold_key(p.name)};
    for (const auto& v : p.variants) keys.push_back(fold_key(v));
    std::size_t idx = nodes.size();
    for (const auto& k : keys) {
      const auto it = by_key_.find(k);
      if (it != by_key_.end()) {
        idx = it->second;
        break;
      }
    }
    if (idx == nodes.size()) {
      PersonNode n;
      n.key = keys.front();
      n.name = p.name;
      nodes.push_back(std::move(n));
      article_sets_.emplace_back();
    }
    for (const auto& k : keys) by_key_.emplace(k, idx);
    auto& n = nodes[idx];
    for (const auto& name : p.variants) {
      if (name != n.name) add_unique(n.alt_names, name);
    }
    if (p.name != n.name) add_unique(n.alt_names, p.name);
    if (!p.role.empty() && std::none_of(n.roles.begin(), n.roles.end(), [&](const std::string& r) {
          return fold_key(r) == fold_key(p.role);
        })) {
      n.roles.push_back(p.role);
    }
    if (!p.state.empty()) add_unique(n.states, p.state);
    if (!p.organisation.empty()) add_unique(n.organisations, fold_key(p.organisation));
    if (!p.wikidata.empty()) add_unique(n.wikidata, p.wikidata);
    article_sets_[idx].add_to(n.articles, article);
    return n.key;
  }
  const PersonNode* node(const std::string& key) const {
    const auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : &nodes[it->second];
  }
  // The node key a per-article key maps to (variants fold into the first node).
  std::string canonical(const std::string& key) const {
    const auto it = by_key_.find(key);
    return it == by_key_.end() ? key : nodes[it->second].key;
  }

 private:
  std::map<std::string, std::size_t> by_key_;
  std::vector<ArticleSet> article_sets_;  // parallel to nodes
};

struct IncidentClaim {
  std::size_t article = 0;  // index into the facts vector
  std::size_t incident = 0;
  std::string group;  // kind + actor identities
};

struct Merged {
  KnowledgeGraph graph;
  // Per incident node: the claims merged into it.
  std::vector<std::vector<IncidentClaim>> incident_claims;
};

// Identity of an actor across articles: a person who represents exactly one
// state (in any article) counts as that state.
std::string merged_identity(const ArticleFacts& f, const ActorRef& a, const PersonIndex& persons) {
  if (a.kind == ActorKind::Person) {
    const auto* node = persons.node(person_key(f.persons[a.index]));
    if (node != nullptr && node->states.size() == 1) return node->states.front();
  }
  return actor_identity(f, a);
}

struct GroupKey {
  std::string kind_agents;  // kind | agent identities
  std::string targets;      // target identities
};

GroupKey group_key(const ArticleFacts& f, const IncidentFact& inc, const PersonIndex& persons) {
  std::vector<std::string> agents, targets;
  for (const auto& a : inc.agents) agents.push_back(merged_identity(f, a, persons));
  for (const auto& t : inc.targets) targets.push_back(merged_identity(f, t, persons));
  return GroupKey{inc.kind + "|" + joined(agents), joined(targets)};
}

// Splits one group's claims into incidents: dated claims within a few days
// of each other are one incident; undated claims join the group's only (or
// first) dated incident.
std::vector<std::vector<IncidentClaim>> cluster_by_date(const std::vector<ArticleFacts>& facts,
                                                        std::vector<IncidentClaim> claims) {
  // Each date parsed once, not once per comparison: a group can hold thousands of claims.
  std::vector<std::pair<long, IncidentClaim>> by_day;
  by_day.reserve(claims.size());
  for (auto& c : claims) {
    by_day.emplace_back(extract::iso_to_days(facts[c.article].incidents[c.incident].date.iso), std::move(c));
  }
  std::stable_sort(by_day.begin(), by_day.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::vector<IncidentClaim>> clusters;
  std::vector<long> cluster_start;
  std::vector<IncidentClaim> undated;
  for (const auto& [d, c] : by_day) {
    if (d < 0) {
      undated.push_back(c);
    } else if (!clusters.empty() && d - cluster_start.back() <= kSameIncidentDays) {
      clusters.back().push_back(c);
    } else {
      clusters.push_back({c});
      cluster_start.push_back(d);
    }
  }
  if (clusters.empty()) {
    clusters.push_back({});
  }
  for (const auto& c : undated) clusters.front().push_back(c);
  return clusters;
}

std::string incident_label(const std::map<NodeRef, std::string>& names, const IncidentNode& n) {
  auto name_of = [&](const NodeRef& r) {
    const auto it = names.find(r);
    return it == names.end() ? r.key : it->second;
  };
  std::string label = n.kind;
  std::string agents, targets;
  for (const auto& a : n.agents) agents += (agents.empty() ? "" : ", ") + name_of(a);
  for (const auto& t : n.targets) targets += (targets.empty() ? "" : ", ") + name_of(t);
  if (!agents.empty()) label += ": " + agents;
  if (!targets.empty()) label += " -> " + targets;
  if (n.dates.size() == 1) label += " (" + n.dates.front().value + ")";
  return label;
}

// One incident to be: the claims of a group that cluster_by_date put together.
struct Cluster {
  const std::string* group = nullptr;
  std::vector<IncidentClaim> claims;
};

IncidentNode incident_of(const std::vector<ArticleFacts>& facts, const PersonIndex& persons,
                         const std::vector<std::vector<std::string>>& agreement_keys,
                         const Cluster& cluster) {
  auto canonical = [&](NodeRef r) {
    if (r.kind == ActorKind::Person) r.key = persons.canonical(r.key);
    return r;
  };
  IncidentNode n;
  for (const auto& c : cluster.claims) {
    const auto& f = facts[c.article];
    const auto& inc = f.incidents[c.incident];
    const std::string& article = f.article.id;
    n.kind = inc.kind;
    n.plover = inc.plover;
    for (const auto& a : inc.agents) add_unique(n.agents, canonical(node_of(f, a)));
    for (const auto& t : inc.targets) add_unique(n.targets, canonical(node_of(f, t)));
    if (inc.about >= 0 && n.about.empty())
      n.about = agreement_keys[c.article][static_cast<std::size_t>(inc.about)];
    add_claim(n.dates, inc.date.iso, article);
    if (!inc.date.text.empty()) add_unique(n.date_texts, inc.date.text);
    n.sources.push_back(SourceRef{article, inc.evidence});
  }
  std::sort(n.agents.begin(), n.agents.end());
  std::sort(n.targets.begin(), n.targets.end());
  std::sort(n.dates.begin(), n.dates.end(),
            [](const SourcedValue& a, const SourcedValue& b) { return a.value < b.value; });
  n.key = *cluster.group + (n.dates.empty() ? "" : "|" + n.dates.front().value);
  return n;
}

// The group keys, the incident nodes and their labels are made on up to
// `jobs` threads (a range of articles or nodes each), each into its own
// slots: the same graph for any `jobs`.
void merge_incidents(const std::vector<ArticleFacts>& facts, const PersonIndex& persons,
                     const std::vector<std::vector<std::string>>& agreement_keys, Merged& m,
                     const Lexicon& lex, unsigned jobs) {
  std::vector<std::vector<GroupKey>> keys(facts.size());
  for_ranges(facts.size(), jobs, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t a = begin; a < end; ++a) {
      for (const auto& inc : facts[a].incidents) keys[a].push_back(group_key(facts[a], inc, persons));
    }
  });
  std::map<std::string, std::vector<IncidentClaim>> groups;
  std::vector<IncidentClaim> targetless;
  for (std::size_t a = 0; a < facts.size(); ++a) {
    for (std::size_t i = 0; i < keys[a].size(); ++i) {
      auto& g = keys[a][i];
      if (g.targets.empty()) {
        targetless.push_back(IncidentClaim{a, i, std::move(g.kind_agents)});
      } else {
        std::string full = g.kind_agents + "|" + g.targets;
        auto& claims = groups[full];
        claims.push_back(IncidentClaim{a, i, std::move(full)});
      }
    }
  }
  keys.clear();
  // A report that names no target is the same incident as the reports with
  // the same kind and agents that do, when they agree on one target.
  std::map<std::string, std::vector<std::string>> with_targets;  // kind|agents -> full keys
  for (const auto& [key, claims] : groups) with_targets[key.substr(0, key.rfind('|'))].push_back(key);
  for (auto& c : targetless) {
    const auto it = with_targets.find(c.group);
    const std::string key =
        it != with_targets.end() && it->second.size() == 1 ? it->second.front() : c.group + "|";
    c.group = key;
    groups[key].push_back(c);
  }
  // Clustered by date a range of groups per thread; the nodes then made a
  // range of clusters per thread: a few groups can hold most claims (one
  // incident reported every week for years).
  std::vector<std::pair<const std::string, std::vector<IncidentClaim>>*> by_group;
  by_group.reserve(groups.size());
  for (auto& g : groups) by_group.push_back(&g);
  std::vector<std::vector<Cluster>> parts(std::max(jobs, 1U));
  for_ranges(by_group.size(), jobs, [&](std::size_t part, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      auto& [group, claims] = *by_group[i];
      for (auto& c : cluster_by_date(facts, std::move(claims)))
        parts[part].push_back(Cluster{&group, std::move(c)});
    }
  });
  std::vector<Cluster> clusters;
  for (auto& part : parts) std::move(part.begin(), part.end(), std::back_inserter(clusters));
  auto& nodes = m.graph.incidents;
  nodes.resize(clusters.size());
  for_ranges(clusters.size(), jobs, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      nodes[i] = incident_of(facts, persons, agreement_keys, clusters[i]);
  });
  m.incident_claims.reserve(clusters.size());
  for (auto& c : clusters) m.incident_claims.push_back(std::move(c.claims));
  std::map<NodeRef, std::string> names;
  for (const auto& p : m.graph.persons) names[NodeRef{ActorKind::Person, p.key}] = p.name;
  for (const auto& inc : m.graph.incidents) {
    for (const auto* refs : {&inc.agents, &inc.targets}) {
      for (const auto& r : *refs) {
        if (r.kind == ActorKind::State && !names.count(r)) {
          const auto* st = lex.state(r.key);
          names[r] = st ? st->label : r.key;
        }
      }
    }
  }
  for (const auto& f : facts) {
    for (const auto& o : f.organisations) names.emplace(NodeRef{ActorKind::Organisation, org_key(o)}, o.name);
  }
  for_ranges(nodes.size(), jobs, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) nodes[i].label = incident_label(names, nodes[i]);
  });
}

void merge_statements(const std::vector<ArticleFacts>& facts, const PersonIndex& persons, KnowledgeGraph& g) {
  // Statements are compared only with the same speaker's (an index, not a scan of all).
  std::map<std::string, std::vector<std::size_t>> by_speaker;
  std::vector<std::string> folded_quotes;  // fold_key of each statement's quote, parallel to g.statements
  for (const auto& n : g.statements) folded_quotes.push_back(fold_key(n.quote));
  for (const auto& f : facts) {
    for (const auto& st : f.statements) {
      NodeRef speaker;
      if (st.has_speaker) {
        speaker = node_of(f, st.speaker);
        if (speaker.kind == ActorKind::Person) speaker.key = persons.canonical(speaker.key);
      }
      const std::string speaker_key = st.has_speaker
                                          ? std::to_string(static_cast<int>(speaker.kind)) + ":" + speaker.key
                                          : std::string("-");
      const std::string folded = fold_key(st.quote);
      // The same words from the same speaker, possibly trimmed differently, are one statement.
      auto& mine = by_speaker[speaker_key];
      StatementNode* same = nullptr;
      for (auto idx : mine) {
        const std::string& other = folded_quotes[idx];
        if (other.find(folded) != std::string::npos || folded.find(other) != std::string::npos) {
          same = &g.statements[idx];
          break;
        }
      }
      if (same == nullptr) {
        StatementNode n;
        n.speaker = speaker;
        n.has_speaker = st.has_speaker;
        n.quote = st.quote;
        n.direct = st.direct;
        mine.push_back(g.statements.size());
        g.statements.push_back(std::move(n));
        folded_quotes.push_back(folded);
        same = &g.statements.back();
      } else if (st.quote.size() > same->quote.size()) {
        same->quote = st.quote;
        folded_quotes[static_cast<std::size_t>(same - g.statements.data())] = folded;
      }
      add_claim(same->dates, st.date.iso, f.article.id);
      same->sources.push_back(SourceRef{f.article.id, st.evidence});
    }
  }
  for (auto& n : g.statements) {
    n.key = (n.has_speaker ? n.speaker.key : std::string("unknown")) + "|" + fold_key(n.quote).substr(0, 200);
  }
}

Merged merge_once(const std::vector<ArticleFacts>& facts, const Lexicon& lex, unsigned jobs) {
  Merged m;
  KnowledgeGraph& g = m.graph;
  PersonIndex persons;
  std::set<std::string> state_codes;
  std::map<std::string, OrganisationNode> orgs;
  std::map<std::string, ArticleSet> org_articles;
  std::map<std::string, AgreementNode> agreements;
  std::vector<std::vector<std::string>> agreement_keys(facts.size());

  for (std::size_t a = 0; a < facts.size(); ++a) {
    const auto& f = facts[a];
    const std::string& id = f.article.id;
    for (const auto& s : f.states) state_codes.insert(s);
    for (const auto& p : f.persons) {
      persons.add(p, id);
      for (const auto& s : {p.state}) {
        if (!s.empty()) state_codes.insert(s);
      }
    }
    for (const auto& o : f.organisations) {
      const std::string key = org_key(o);
      auto& n = orgs[key];
      n.key = key;
      if (n.name.empty()) n.name = o.name;
      for (const auto& v : o.variants) add_unique(n.alt_names, v);
      n.code = o.code;
      n.state = o.state;
      org_articles[key].add_to(n.articles, id);
      if (!o.state.empty()) state_codes.insert(o.state);
    }
    for (const auto& ag : f.agreements) {
      const std::string key = agreement_key(ag);
      agreement_keys[a].push_back(key);
      auto& n = agreements[key];
      n.key = key;
      if (n.label.empty() || (ag.parties.size() >= 2 && ag.label.size() > n.label.size())) n.label = ag.label;
      n.kind = ag.kind;
      for (const auto& p : ag.parties) {
        add_unique(n.parties, p);
        state_codes.insert(p);
      }
      for (auto s : ag.signatories) add_unique(n.signatories, persons.canonical(person_key(f.persons[s])));
      add_claim(n.dates, ag.date, id);
      add_claim(n.places, ag.place, id);
      for (const auto& e : ag.evidence) n.sources.push_back(SourceRef{id, e});
    }
  }
  g.persons = persons.nodes;  // the index stays usable for canonical keys below
  merge_incidents(facts, persons, agreement_keys, m, lex, jobs);
  merge_statements(facts, persons, g);
  for (const auto& inc : g.incidents) {
    for (const auto& r : inc.agents)
      if (r.kind == ActorKind::State) state_codes.insert(r.key);
    for (const auto& r : inc.targets)
      if (r.kind == ActorKind::State) state_codes.insert(r.key);
  }
  for (const auto& st : g.statements) {
    if (st.has_speaker && st.speaker.kind == ActorKind::State) state_codes.insert(st.speaker.key);
  }
  for (const auto& code : state_codes) {
    StateNode s;
    s.iso3 = code;
    if (const auto* info = lex.state(code)) {
      s.name = info->label;
      s.wikidata = info->wikidata;
      for (const auto& n : info->names) {
        if (n != s.name && n.find(',') == std::string::npos) add_unique(s.alt_names, n);
      }
    } else {
      s.name = code;
    }
    g.states.push_back(std::move(s));
  }
  for (auto& [k, o] : orgs) g.organisations.push_back(std::move(o));
  for (auto& [k, a] : agreements) g.agreements.push_back(std::move(a));
  return m;
}

// An undated article that reports a weekday for an incident which dated
// reports pin to a date with that weekday is anchored there; its other
// weekdays are then resolved against that anchor, never guessed.
bool anchor_undated_articles(std::vector<ArticleFacts>& facts, const Merged& m) {
  std::map<std::size_t, std::string> anchor;  // article -> latest anchored date
  for (std::size_t n = 0; n < m.graph.incidents.size(); ++n) {
    const auto& node = m.graph.incidents[n];
    for (const auto& c : m.incident_claims[n]) {
      const auto& f = facts[c.article];
      const auto& claim = f.incidents[c.incident].date;
      if (!f.article.date.empty() || !claim.iso.empty()) continue;
      const int wd = weekday_number(claim.text);
      if (wd == 0) continue;
      for (const auto& d : node.dates) {
        const long days = extract::iso_to_days(d.value);
        if (days >= 0 && extract::weekday_of_days(days) == wd - 1 && d.value > anchor[c.article])
          anchor[c.article] = d.value;
      }
    }
  }
  for (const auto& [article, date] : anchor) {
    auto& f = facts[article];
    auto resolve = [&date = date](DateClaim& claim) {
      const int wd = weekday_number(claim.text);
      // The article was written on or after its latest anchored event; a
      // weekday it names is the one nearest that event (within three days).
      if (claim.iso.empty() && wd != 0) claim.iso = extract::weekday_nearest(date, wd - 1);
    };
    for (auto& inc : f.incidents) resolve(inc.date);
    for (auto& st : f.statements) resolve(st.date);
    for (const auto& inc : f.incidents) {
      if (inc.about >= 0 && (inc.kind == "Signing" || inc.kind == "AgreementReached")) {
        auto& ag = f.agreements[static_cast<std::size_t>(inc.about)];
        if (ag.date.empty()) ag.date = inc.date.iso;
      }
    }
  }
  return !anchor.empty();
}

template <typename T>
void sort_by_key(std::vector<T>& v) {
  std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.key < b.key; });
}

}  // namespace

std::string actor_identity(const ArticleFacts& f, const ActorRef& a) {
  switch (a.kind) {
    case ActorKind::State: return a.iso3;
    case ActorKind::Person: {
      const auto& p = f.persons[a.index];
      return p.state.empty() ? "person:" + person_key(p) : p.state;
    }
    case ActorKind::Organisation: return "org:" + org_key(f.organisations[a.index]);
  }
  return {};
}

KnowledgeGraph merge_articles(std::vector<ArticleFacts> facts, const Lexicon& lex, unsigned jobs) {
  Merged m = merge_once(facts, lex, jobs);
  if (anchor_undated_articles(facts, m)) m = merge_once(facts, lex, jobs);
  KnowledgeGraph& g = m.graph;
  // The articles (and their text, for evidence) move into the graph: the
  // facts are not needed any more, and a copy would double the corpus in memory.
  g.articles.reserve(facts.size());
  for (auto& f : facts) g.articles.push_back(ArticleNode{std::move(f.article), std::move(f.sentences)});
  std::sort(g.articles.begin(), g.articles.end(),
            [](const ArticleNode& a, const ArticleNode& b) { return a.meta.id < b.meta.id; });
  std::sort(g.states.begin(), g.states.end(),
            [](const StateNode& a, const StateNode& b) { return a.iso3 < b.iso3; });
  sort_by_key(g.persons);
  sort_by_key(g.organisations);
  sort_by_key(g.agreements);
  sort_by_key(g.incidents);
  sort_by_key(g.statements);
  return std::move(m.graph);
}

}  // namespace newsgraph
