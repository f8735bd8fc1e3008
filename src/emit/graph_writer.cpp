#include "emit/graph_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "emit/vocab.hpp"
#include "util/strings.hpp"

namespace newsgraph {

namespace {

using rdf::Term;

std::string ng(std::string_view local) { return std::string(vocab::kOntology) + std::string(local); }
std::string plover(std::string_view cat) { return "https://w3id.org/newsgraph/plover#" + std::string(cat); }
std::string xsd(std::string_view local) { return std::string(vocab::kXsd) + std::string(local); }

// FNV-1a: a short stable fingerprint for keys too long to read as IRIs, and
// to keep keys that slugify alike ("A|B+C" vs "A+B|C") apart.
std::string fingerprint(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string percent_encoded(const std::string& id) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : id) {
    if (is_ascii_alpha(static_cast<char>(c)) || is_ascii_digit(static_cast<char>(c)) || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out.empty() ? std::string("%20") : out;
}

// A readable slug plus a fingerprint of the exact key: deterministic and collision-safe.
std::string keyed(const std::string& key) { return slugify(key) + "-" + fingerprint(key).substr(0, 8); }

using ArticleIndex = std::unordered_map<std::string_view, const ArticleNode*>;

// The articles by id (the first of each id), for evidence.
ArticleIndex index_articles(const KnowledgeGraph& g) {
  ArticleIndex index;
  for (const auto& a : g.articles) index.emplace(a.meta.id, &a);
  return index;
}

const ArticleNode* find_in(const ArticleIndex& index, const std::string& id) {
  const auto it = index.find(id);
  return it == index.end() ? nullptr : it->second;
}

// The node sections in the order they are written; a node's number is its
// place in this order.
std::size_t node_count(const KnowledgeGraph& g) {
  return g.articles.size() + g.states.size() + g.persons.size() + g.organisations.size() +
         g.agreements.size() + g.incidents.size() + g.statements.size();
}

// A sentence's node is written with the first node whose evidence names it.
struct SentenceKey {
  const ArticleNode* article = nullptr;
  std::size_t index = 0;
  friend bool operator==(const SentenceKey&, const SentenceKey&) = default;
};
struct SentenceKeyHash {
  std::size_t operator()(const SentenceKey& k) const noexcept {
    return std::hash<const void*>()(k.article) * 31 + k.index;
  }
};
using SentenceOwners = std::unordered_map<SentenceKey, std::size_t, SentenceKeyHash>;

class Emitter {
 public:
  // `articles`: index_articles(g). `owners`: for emitting a range of the
  // nodes, which node writes each sentence (null when emitting them all).
  Emitter(const KnowledgeGraph& g, const EmitOptions& o, rdf::TripleSink& sink, const ArticleIndex& articles,
          const SentenceOwners* owners = nullptr)
      : g_(g), options_(o), sink_(sink), iris_(o.base), articles_(articles), owners_(owners) {}

  // Writes nodes number `begin` to `end` (excluded), and the prefixes with the first.
  std::size_t run(std::size_t begin, std::size_t end) {
    if (begin == 0) declare_prefixes();
    begin_ = begin;
    end_ = end;
    offset_ = 0;
    section(g_.articles, &Emitter::article);
    section(g_.states, &Emitter::state);
    section(g_.persons, &Emitter::person);
    section(g_.organisations, &Emitter::organisation);
    section(g_.agreements, &Emitter::agreement);
    section(g_.incidents, &Emitter::incident);
    section(g_.statements, &Emitter::statement);
    return count_;
  }

 private:
  template <typename Node>
  void section(const std::vector<Node>& nodes, void (Emitter::*write)(const Node&)) {
    const std::size_t from = std::max(begin_, offset_);
    const std::size_t to = std::min(end_, offset_ + nodes.size());
    for (current_ = from; current_ < to; ++current_) (this->*write)(nodes[current_ - offset_]);
    offset_ += nodes.size();
  }

  void declare_prefixes() {
    sink_.prefix("ng", vocab::kOntology);
    sink_.prefix("plover", "https://w3id.org/newsgraph/plover#");
    sink_.prefix("rdf", vocab::kRdf);
    sink_.prefix("rdfs", vocab::kRdfs);
    sink_.prefix("xsd", vocab::kXsd);
    sink_.prefix("owl", vocab::kOwl);
    sink_.prefix("skos", vocab::kSkos);
    sink_.prefix("prov", vocab::kProv);
    sink_.prefix("dcterms", vocab::kDcterms);
    sink_.prefix("wd", vocab::kWikidata);
    for (const char* kind :
         {"article", "state", "person", "organisation", "agreement", "incident", "statement"}) {
      sink_.prefix(kind, options_.base + kind + "/");
    }
  }

  // One Triple reused for every statement: assigning into its strings keeps
  // their buffers, so a triple costs no allocation of its own.
  void add(const std::string& s, const std::string& p, Term o) {
    triple_.subject.value.assign(s);
    triple_.predicate.value.assign(p);
    triple_.object = std::move(o);
    sink_.add(triple_);
    ++count_;
  }
  void type(const std::string& s, std::string_view cls) {
    add(s, std::string(vocab::kRdf) + "type", Term::iri(ng(cls)));
  }
  void label(const std::string& s, const std::string& text) {
    add(s, std::string(vocab::kRdfs) + "label", Term::text(text));
  }
  void alt(const std::string& s, const std::string& text) {
    add(s, std::string(vocab::kSkos) + "altLabel", Term::text(text));
  }
  void date(const std::string& s, const std::string& p, const std::string& iso) {
    add(s, p, Term::typed(iso, xsd("date")));
  }

  // Article ids are the user's: kept exactly, percent-encoded, so that
  // "a b" and "A-B" stay two articles.
  std::string article_iri(const std::string& id) const {
    return iris_.base() + "article/" + percent_encoded(id);
  }
  std::string node_iri(const NodeRef& r) const {
    switch (r.kind) {
      case ActorKind::State: return iris_.mint("state", ascii_lower(r.key));
      case ActorKind::Person: return iris_.mint("person", r.key);
      case ActorKind::Organisation: return iris_.mint("organisation", r.key);
    }
    return {};
  }
  std::string person_iri(const std::string& key) const { return iris_.mint("person", key); }

  void article(const ArticleNode& a) {
    const auto s = article_iri(a.meta.id);
    type(s, "Article");
    add(s, std::string(vocab::kDcterms) + "identifier", Term::literal(a.meta.id));
    if (!a.meta.title.empty()) add(s, std::string(vocab::kDcterms) + "title", Term::text(a.meta.title));
    if (!a.meta.date.empty()) date(s, std::string(vocab::kDcterms) + "date", a.meta.date);
    if (!a.meta.publisher.empty())
      add(s, std::string(vocab::kDcterms) + "publisher", Term::literal(a.meta.publisher));
    if (!a.meta.author.empty())
      add(s, std::string(vocab::kDcterms) + "creator", Term::literal(a.meta.author));
    if (!a.meta.url.empty() && rdf::is_valid_iri(a.meta.url))
      add(s, std::string(vocab::kDcterms) + "source", Term::iri(a.meta.url));
  }

  void state(const StateNode& st) {
    const auto s = node_iri(NodeRef{ActorKind::State, st.iso3});
    type(s, "State");
    label(s, st.name);
    for (const auto& n : st.alt_names) alt(s, n);
    add(s, ng("isoCode"), Term::literal(st.iso3));
    if (!st.wikidata.empty())
      add(s, std::string(vocab::kOwl) + "sameAs", Term::iri(std::string(vocab::kWikidata) + st.wikidata));
  }

  void person(const PersonNode& p) {
    const auto s = person_iri(p.key);
    type(s, "Person");
    label(s, p.name);
    for (const auto& n : p.alt_names) alt(s, n);
    for (const auto& r : p.roles) add(s, ng("role"), Term::text(r));
    for (const auto& st : p.states)
      add(s, ng("represents"), Term::iri(node_iri(NodeRef{ActorKind::State, st})));
    for (const auto& o : p.organisations) add(s, ng("memberOf"), Term::iri(iris_.mint("organisation", o)));
    // Two items for one name node: two people merged, or one wrongly identified; link neither.
    if (p.wikidata.size() == 1)
      add(s, std::string(vocab::kOwl) + "sameAs",
          Term::iri(std::string(vocab::kWikidata) + p.wikidata.front()));
  }

  void organisation(const OrganisationNode& o) {
    const auto s = iris_.mint("organisation", o.key);
    type(s, "Organisation");
    label(s, o.name);
    for (const auto& n : o.alt_names) alt(s, n);
    if (!o.code.empty()) add(s, ng("actorCode"), Term::literal(o.code));
    if (!o.state.empty()) add(s, ng("country"), Term::iri(node_iri(NodeRef{ActorKind::State, o.state})));
  }

  void sources(const std::string& s, const std::vector<SourceRef>& refs) {
    // A node merged from thousands of reports has thousands of refs: a hash set, not a scan.
    std::unordered_set<std::string_view> seen;
    for (const auto& r : refs) {
      if (!seen.insert(r.article).second) continue;
      add(s, std::string(vocab::kProv) + "wasDerivedFrom", Term::iri(article_iri(r.article)));
    }
    add(s, ng("sourceCount"), Term::typed(std::to_string(seen.size()), xsd("integer")));
    if (!options_.evidence) return;
    for (const auto& r : refs) evidence(s, r);
  }

  void evidence(const std::string& subject, const SourceRef& r) {
    const auto* a = find_in(articles_, r.article);
    if (a == nullptr) return;
    const std::string e = subject + "/evidence/" + percent_encoded(r.article) + "-" +
                          std::to_string(r.evidence.sentence) + "-" + std::to_string(r.evidence.span.begin);
    // A fact read twice at the same place (two mentions merged) has one evidence.
    if (!evidence_written_.insert(e).second) return;
    add(subject, ng("evidence"), Term::iri(e));
    type(e, "Evidence");
    add(e, ng("article"), Term::iri(article_iri(r.article)));
    add(e, ng("sentenceIndex"), Term::typed(std::to_string(r.evidence.sentence), xsd("integer")));
    if (r.evidence.sentence < a->sentences.size())
      add(e, ng("sentence"), Term::iri(sentence(*a, r.evidence.sentence)));
    add(e, ng("startOffset"), Term::typed(std::to_string(r.evidence.span.begin), xsd("integer")));
    add(e, ng("endOffset"), Term::typed(std::to_string(r.evidence.span.end), xsd("integer")));
  }

  // A sentence's text is written once, on its own node, however many facts
  // rest on it: copied into every evidence, a long sentence with many facts
  // made the output grow with the square of the text.
  std::string sentence(const ArticleNode& a, std::size_t index) {
    const std::string s = article_iri(a.meta.id) + "/sentence/" + std::to_string(index);
    if (!writes_sentence(a, index) || !sentences_written_.insert(s).second) return s;
    const auto& span = a.sentences[index].span;
    type(s, "Sentence");
    add(s, ng("article"), Term::iri(article_iri(a.meta.id)));
    add(s, ng("sentenceIndex"), Term::typed(std::to_string(index), xsd("integer")));
    add(s, ng("sentenceText"), Term::text(a.meta.text.substr(span.begin, span.end - span.begin)));
    add(s, ng("startOffset"), Term::typed(std::to_string(span.begin), xsd("integer")));
    add(s, ng("endOffset"), Term::typed(std::to_string(span.end), xsd("integer")));
    return s;
  }

  // Emitting a range of the nodes, the sentences of others are theirs to write.
  bool writes_sentence(const ArticleNode& a, std::size_t index) const {
    if (owners_ == nullptr) return true;
    const auto it = owners_->find(SentenceKey{&a, index});
    return it != owners_->end() && it->second == current_;
  }

  // Every claimed value is written; when sources disagree, a SourceConflict
  // lists each claim with the articles that make it.
  void claims(const std::string& s, const std::string& property_local,
              const std::vector<SourcedValue>& values, bool is_date) {
    for (const auto& v : values) {
      if (is_date)
        date(s, ng(property_local), v.value);
      else
        add(s, ng(property_local), Term::text(v.value));
    }
    if (values.size() < 2) return;
    const std::string c = s + "/conflict/" + property_local;
    add(s, ng("hasConflict"), Term::iri(c));
    type(c, "SourceConflict");
    add(c, ng("conflictProperty"), Term::iri(ng(property_local)));
    for (const auto& v : values) {
      const std::string claim = c + "/" + keyed(v.value);
      add(c, ng("claim"), Term::iri(claim));
      type(claim, "Claim");
      add(claim, ng("claimValue"), is_date ? Term::typed(v.value, xsd("date")) : Term::text(v.value));
      for (const auto& art : v.articles) add(claim, ng("claimSource"), Term::iri(article_iri(art)));
    }
  }

  void agreement(const AgreementNode& a) {
    const auto s = iris_.mint("agreement", keyed(a.key));
    type(s, "Agreement");
    label(s, a.label);
    for (const auto& p : a.parties) add(s, ng("party"), Term::iri(node_iri(NodeRef{ActorKind::State, p})));
    for (const auto& p : a.signatories) add(s, ng("signatory"), Term::iri(person_iri(p)));
    claims(s, "date", a.dates, true);
    claims(s, "place", a.places, false);
    sources(s, a.sources);
  }

  void incident(const IncidentNode& n) {
    const auto s = iris_.mint("incident", keyed(n.key));
    type(s, "Incident");
    type(s, n.kind);
    label(s, n.label);
    add(s, ng("ploverCategory"), Term::iri(plover(n.plover)));
    for (const auto& a : n.agents) add(s, ng("agent"), Term::iri(node_iri(a)));
    for (const auto& t : n.targets) add(s, ng("target"), Term::iri(node_iri(t)));
    if (!n.about.empty()) add(s, ng("about"), Term::iri(iris_.mint("agreement", keyed(n.about))));
    claims(s, "date", n.dates, true);
    for (const auto& t : n.date_texts) add(s, ng("dateText"), Term::text(t));
    claims(s, "place", n.places, false);
    sources(s, n.sources);
  }

  void statement(const StatementNode& n) {
    const auto s = iris_.mint("statement", fingerprint(n.key));
    type(s, "Statement");
    if (n.has_speaker) add(s, ng("speaker"), Term::iri(node_iri(n.speaker)));
    add(s, ng("quote"), Term::text(n.quote));
    add(s, ng("direct"), Term::typed(n.direct ? "true" : "false", xsd("boolean")));
    claims(s, "date", n.dates, true);
    sources(s, n.sources);
  }

  const KnowledgeGraph& g_;
  const EmitOptions& options_;
  rdf::TripleSink& sink_;
  rdf::IriMinter iris_;
  std::size_t count_ = 0;
  rdf::Triple triple_{Term::iri({}), Term::iri({}), {}, {}};
  const ArticleIndex& articles_;
  const SentenceOwners* owners_;
  std::size_t begin_ = 0, end_ = 0;  // the range of nodes to write
  std::size_t offset_ = 0;           // number of the first node of the section being written
  std::size_t current_ = 0;          // number of the node being written
  std::unordered_set<std::string> evidence_written_;
  std::unordered_set<std::string> sentences_written_;
};

}  // namespace

std::size_t emit_graph(const KnowledgeGraph& graph, const EmitOptions& options, rdf::TripleSink& sink) {
  const ArticleIndex articles = index_articles(graph);
  return Emitter(graph, options, sink, articles).run(0, node_count(graph));
}

struct GraphParts::Index {
  ArticleIndex articles;
  SentenceOwners owners;
};

GraphParts::GraphParts(const KnowledgeGraph& graph, const EmitOptions& options, std::size_t weight_per_part)
    : graph_(graph), options_(options), index_(std::make_unique<Index>()) {
  index_->articles = index_articles(graph);
  cut(std::max<std::size_t>(1, weight_per_part));
  if (options.evidence) find_sentence_owners();
}

// A node weighs one, plus one per source (each source is several triples:
// a node reported by thousands of articles is most of a corpus's output).
void GraphParts::cut(std::size_t weight_per_part) {
  const KnowledgeGraph& g = graph_;
  bounds_.push_back(0);  // an empty graph is one part: the prefixes
  std::size_t node = 0, weight = 0;
  auto add = [&](std::size_t w) {
    weight += w;
    ++node;
    if (weight >= weight_per_part) {
      bounds_.push_back(node);
      weight = 0;
    }
  };
  const std::size_t plain = g.articles.size() + g.states.size() + g.persons.size() + g.organisations.size();
  for (std::size_t i = 0; i < plain; ++i) add(1);
  for (const auto& n : g.agreements) add(1 + n.sources.size());
  for (const auto& n : g.incidents) add(1 + n.sources.size());
  for (const auto& n : g.statements) add(1 + n.sources.size());
  if (bounds_.back() != node || node == 0) bounds_.push_back(node);
}

GraphParts::~GraphParts() = default;

// The nodes with sources (agreements, incidents, statements, in this order)
// and the first of them whose evidence names each sentence: what the
// Emitter's set of written sentences gives when it writes them all.
void GraphParts::find_sentence_owners() {
  const KnowledgeGraph& g = graph_;
  std::size_t node = g.articles.size() + g.states.size() + g.persons.size() + g.organisations.size();
  auto claim = [&](const std::vector<SourceRef>& refs) {
    for (const auto& r : refs) {
      const ArticleNode* a = find_in(index_->articles, r.article);
      if (a != nullptr && r.evidence.sentence < a->sentences.size())
        index_->owners.emplace(SentenceKey{a, r.evidence.sentence}, node);
    }
    ++node;
  };
  for (const auto& n : g.agreements) claim(n.sources);
  for (const auto& n : g.incidents) claim(n.sources);
  for (const auto& n : g.statements) claim(n.sources);
}

std::size_t GraphParts::emit(std::size_t part, rdf::TripleSink& sink) const {
  return Emitter(graph_, options_, sink, index_->articles, &index_->owners)
      .run(bounds_[part], bounds_[part + 1]);
}

}  // namespace newsgraph
