#include "emit/graph_writer.hpp"

#include <algorithm>
#include <charconv>
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
constexpr std::string_view kPlover = "https://w3id.org/newsgraph/plover#";
std::string iri_of(std::string_view ns, std::string_view local) {
  return std::string(ns) + std::string(local);
}

// Every constant IRI the emitter writes, built once: building a predicate,
// class or datatype string for each triple was a sixth of the emitter's time.
struct Names {
  static const Names& get() {
    static const Names names;
    return names;
  }
  // Borrowed vocabularies.
  const std::string type = iri_of(vocab::kRdf, "type"), label = iri_of(vocab::kRdfs, "label"),
                    alt_label = iri_of(vocab::kSkos, "altLabel"), same_as = iri_of(vocab::kOwl, "sameAs"),
                    derived_from = iri_of(vocab::kProv, "wasDerivedFrom"),
                    identifier = iri_of(vocab::kDcterms, "identifier"),
                    title = iri_of(vocab::kDcterms, "title"), dc_date = iri_of(vocab::kDcterms, "date"),
                    publisher = iri_of(vocab::kDcterms, "publisher"),
                    creator = iri_of(vocab::kDcterms, "creator"), source = iri_of(vocab::kDcterms, "source");
  const std::string xsd_date = iri_of(vocab::kXsd, "date"), xsd_integer = iri_of(vocab::kXsd, "integer"),
                    xsd_boolean = iri_of(vocab::kXsd, "boolean");
  // ng: properties.
  const std::string about = ng("about"), actor_code = ng("actorCode"), agent = ng("agent"),
                    article = ng("article"), claim = ng("claim"), claim_source = ng("claimSource"),
                    claim_value = ng("claimValue"), conflict_property = ng("conflictProperty"),
                    country = ng("country"), date = ng("date"), date_text = ng("dateText"),
                    direct = ng("direct"), end_offset = ng("endOffset"), evidence = ng("evidence"),
                    has_conflict = ng("hasConflict"), iso_code = ng("isoCode"), member_of = ng("memberOf"),
                    party = ng("party"), place = ng("place"), plover_category = ng("ploverCategory"),
                    quote = ng("quote"), represents = ng("represents"), role = ng("role"),
                    sentence = ng("sentence"), sentence_index = ng("sentenceIndex"),
                    sentence_text = ng("sentenceText"), signatory = ng("signatory"),
                    source_count = ng("sourceCount"), speaker = ng("speaker"),
                    start_offset = ng("startOffset"), target = ng("target");
  // ng: classes.
  const std::string c_agreement = ng("Agreement"), c_article = ng("Article"), c_claim = ng("Claim"),
                    c_evidence = ng("Evidence"), c_incident = ng("Incident"),
                    c_organisation = ng("Organisation"), c_person = ng("Person"), c_sentence = ng("Sentence"),
                    c_source_conflict = ng("SourceConflict"), c_state = ng("State"),
                    c_statement = ng("Statement");
};

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

// Article ids are the user's: kept exactly, percent-encoded, so that
// "a b" and "A-B" stay two articles.
std::string article_iri(const std::string& base, std::string_view encoded_id) {
  return base + "article/" + std::string(encoded_id);
}

// Made once per article: every source and evidence names its article.
struct IndexedArticle {
  const ArticleNode* node = nullptr;
  std::string encoded_id;  // percent_encoded(id)
  std::string iri;
};
using ArticleIndex = std::unordered_map<std::string_view, IndexedArticle>;

// The articles by id (the first of each id), for evidence.
ArticleIndex index_articles(const KnowledgeGraph& g, const std::string& base) {
  ArticleIndex index;
  for (const auto& a : g.articles) {
    if (index.contains(a.meta.id)) continue;
    std::string encoded = percent_encoded(a.meta.id);
    std::string iri = article_iri(base, encoded);
    index.emplace(a.meta.id, IndexedArticle{&a, std::move(encoded), std::move(iri)});
  }
  return index;
}

const IndexedArticle* find_in(const ArticleIndex& index, const std::string& id) {
  const auto it = index.find(id);
  return it == index.end() ? nullptr : &it->second;
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
      : g_(g),
        options_(o),
        sink_(sink),
        iris_(o.base),
        articles_(articles),
        owners_(owners),
        n_(Names::get()) {}

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
  // their buffers, so a triple costs no allocation of its own. The object is
  // set in place by the functions below, then add() writes the triple.
  void add(const std::string& s, const std::string& p) {
    triple_.subject.value.assign(s);
    triple_.predicate.value.assign(p);
    sink_.add(triple_);
    ++count_;
  }
  rdf::Term& object(rdf::TermKind kind) {
    rdf::Term& o = triple_.object;
    o.kind = kind;
    o.trusted = false;
    o.value.clear();
    o.datatype.clear();
    o.language.clear();
    return o;
  }
  // An IRI this emitter minted or checked (see Term::trusted).
  void iri(const std::string& s, const std::string& p, std::string_view o) {
    rdf::Term& t = object(rdf::TermKind::Iri);
    t.value.assign(o);
    t.trusted = true;
    add(s, p);
  }
  // An IRI made of the data files' words (a class, a category, a Wikidata
  // item): the writer checks it.
  void data_iri(const std::string& s, const std::string& p, std::string_view o) {
    object(rdf::TermKind::Iri).value.assign(o);
    add(s, p);
  }
  void literal(const std::string& s, const std::string& p, std::string_view o) {
    object(rdf::TermKind::Literal).value.assign(o);
    add(s, p);
  }
  // A literal in English (Term::text).
  void text(const std::string& s, const std::string& p, std::string_view o) {
    rdf::Term& t = object(rdf::TermKind::Literal);
    t.value.assign(o);
    t.language.assign("en");
    add(s, p);
  }
  void typed(const std::string& s, const std::string& p, std::string_view o, const std::string& datatype) {
    rdf::Term& t = object(rdf::TermKind::Literal);
    t.value.assign(o);
    t.datatype.assign(datatype);
    add(s, p);
  }
  void integer(const std::string& s, const std::string& p, std::size_t n) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    typed(s, p, std::string_view(digits, static_cast<std::size_t>(end - digits)), n_.xsd_integer);
  }
  void type(const std::string& s, const std::string& cls) { iri(s, n_.type, cls); }
  void label(const std::string& s, const std::string& text) { this->text(s, n_.label, text); }
  void alt(const std::string& s, const std::string& text) { this->text(s, n_.alt_label, text); }
  void date(const std::string& s, const std::string& p, const std::string& iso) {
    typed(s, p, iso, n_.xsd_date);
  }

  // The IRI of article `id`, valid until the next call.
  const std::string& article_iri(const std::string& id) {
    if (const IndexedArticle* a = find_in(articles_, id)) return a->iri;
    unindexed_iri_ = newsgraph::article_iri(iris_.base(), percent_encoded(id));
    return unindexed_iri_;
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
    const std::string s = article_iri(a.meta.id);
    type(s, n_.c_article);
    literal(s, n_.identifier, a.meta.id);
    if (!a.meta.title.empty()) text(s, n_.title, a.meta.title);
    if (!a.meta.date.empty()) date(s, n_.dc_date, a.meta.date);
    if (!a.meta.publisher.empty()) literal(s, n_.publisher, a.meta.publisher);
    if (!a.meta.author.empty()) literal(s, n_.creator, a.meta.author);
    if (!a.meta.url.empty() && rdf::is_valid_iri(a.meta.url)) iri(s, n_.source, a.meta.url);
  }

  void wikidata(const std::string& s, const std::string& item) {
    scratch_.assign(vocab::kWikidata).append(item);
    data_iri(s, n_.same_as, scratch_);
  }

  void state(const StateNode& st) {
    const auto s = node_iri(NodeRef{ActorKind::State, st.iso3});
    type(s, n_.c_state);
    label(s, st.name);
    for (const auto& n : st.alt_names) alt(s, n);
    literal(s, n_.iso_code, st.iso3);
    if (!st.wikidata.empty()) wikidata(s, st.wikidata);
  }

  void person(const PersonNode& p) {
    const auto s = person_iri(p.key);
    type(s, n_.c_person);
    label(s, p.name);
    for (const auto& n : p.alt_names) alt(s, n);
    for (const auto& r : p.roles) text(s, n_.role, r);
    for (const auto& st : p.states) iri(s, n_.represents, node_iri(NodeRef{ActorKind::State, st}));
    for (const auto& o : p.organisations) iri(s, n_.member_of, iris_.mint("organisation", o));
    // Two items for one name node: two people merged, or one wrongly identified; link neither.
    if (p.wikidata.size() == 1) wikidata(s, p.wikidata.front());
  }

  void organisation(const OrganisationNode& o) {
    const auto s = iris_.mint("organisation", o.key);
    type(s, n_.c_organisation);
    label(s, o.name);
    for (const auto& n : o.alt_names) alt(s, n);
    if (!o.code.empty()) literal(s, n_.actor_code, o.code);
    if (!o.state.empty()) iri(s, n_.country, node_iri(NodeRef{ActorKind::State, o.state}));
  }

  void sources(const std::string& s, const std::vector<SourceRef>& refs) {
    // A node merged from thousands of reports has thousands of refs: a hash set, not a scan.
    std::unordered_set<std::string_view> seen;
    for (const auto& r : refs) {
      if (!seen.insert(r.article).second) continue;
      iri(s, n_.derived_from, article_iri(r.article));
    }
    integer(s, n_.source_count, seen.size());
    if (!options_.evidence) return;
    for (const auto& r : refs) evidence(s, r);
  }

  void evidence(const std::string& subject, const SourceRef& r) {
    const IndexedArticle* indexed = find_in(articles_, r.article);
    if (indexed == nullptr) return;
    const ArticleNode* a = indexed->node;
    const std::string e = subject + "/evidence/" + indexed->encoded_id + "-" +
                          std::to_string(r.evidence.sentence) + "-" + std::to_string(r.evidence.span.begin);
    // A fact read twice at the same place (two mentions merged) has one evidence.
    if (!evidence_written_.insert(e).second) return;
    iri(subject, n_.evidence, e);
    type(e, n_.c_evidence);
    iri(e, n_.article, indexed->iri);
    integer(e, n_.sentence_index, r.evidence.sentence);
    if (r.evidence.sentence < a->sentences.size()) iri(e, n_.sentence, sentence(*a, r.evidence.sentence));
    integer(e, n_.start_offset, r.evidence.span.begin);
    integer(e, n_.end_offset, r.evidence.span.end);
  }

  // A sentence's text is written once, on its own node, however many facts
  // rest on it: copied into every evidence, a long sentence with many facts
  // made the output grow with the square of the text.
  std::string sentence(const ArticleNode& a, std::size_t index) {
    const std::string s = article_iri(a.meta.id) + "/sentence/" + std::to_string(index);
    if (!writes_sentence(a, index) || !sentences_written_.insert(s).second) return s;
    const auto& span = a.sentences[index].span;
    type(s, n_.c_sentence);
    iri(s, n_.article, article_iri(a.meta.id));
    integer(s, n_.sentence_index, index);
    text(s, n_.sentence_text, std::string_view(a.meta.text).substr(span.begin, span.end - span.begin));
    integer(s, n_.start_offset, span.begin);
    integer(s, n_.end_offset, span.end);
    return s;
  }

  // Emitting a range of the nodes, the sentences of others are theirs to write.
  bool writes_sentence(const ArticleNode& a, std::size_t index) const {
    if (owners_ == nullptr) return true;
    const auto it = owners_->find(SentenceKey{&a, index});
    return it != owners_->end() && it->second == current_;
  }

  // Every claimed value is written; when sources disagree, a SourceConflict
  // lists each claim with the articles that make it. `property` is
  // ng(property_local).
  void claims(const std::string& s, const std::string& property, std::string_view property_local,
              const std::vector<SourcedValue>& values, bool is_date) {
    for (const auto& v : values) {
      if (is_date)
        date(s, property, v.value);
      else
        text(s, property, v.value);
    }
    if (values.size() < 2) return;
    const std::string c = s + "/conflict/" + std::string(property_local);
    iri(s, n_.has_conflict, c);
    type(c, n_.c_source_conflict);
    iri(c, n_.conflict_property, property);
    for (const auto& v : values) {
      const std::string claim = c + "/" + keyed(v.value);
      iri(c, n_.claim, claim);
      type(claim, n_.c_claim);
      if (is_date)
        date(claim, n_.claim_value, v.value);
      else
        text(claim, n_.claim_value, v.value);
      for (const auto& art : v.articles) iri(claim, n_.claim_source, article_iri(art));
    }
  }

  void agreement(const AgreementNode& a) {
    const auto s = iris_.mint("agreement", keyed(a.key));
    type(s, n_.c_agreement);
    label(s, a.label);
    for (const auto& p : a.parties) iri(s, n_.party, node_iri(NodeRef{ActorKind::State, p}));
    for (const auto& p : a.signatories) iri(s, n_.signatory, person_iri(p));
    claims(s, n_.date, "date", a.dates, true);
    claims(s, n_.place, "place", a.places, false);
    sources(s, a.sources);
  }

  void incident(const IncidentNode& n) {
    const auto s = iris_.mint("incident", keyed(n.key));
    type(s, n_.c_incident);
    scratch_.assign(vocab::kOntology).append(n.kind);
    data_iri(s, n_.type, scratch_);
    label(s, n.label);
    scratch_.assign(kPlover).append(n.plover);
    data_iri(s, n_.plover_category, scratch_);
    for (const auto& a : n.agents) iri(s, n_.agent, node_iri(a));
    for (const auto& t : n.targets) iri(s, n_.target, node_iri(t));
    if (!n.about.empty()) iri(s, n_.about, iris_.mint("agreement", keyed(n.about)));
    claims(s, n_.date, "date", n.dates, true);
    for (const auto& t : n.date_texts) text(s, n_.date_text, t);
    claims(s, n_.place, "place", n.places, false);
    sources(s, n.sources);
  }

  void statement(const StatementNode& n) {
    const auto s = iris_.mint("statement", fingerprint(n.key));
    type(s, n_.c_statement);
    if (n.has_speaker) iri(s, n_.speaker, node_iri(n.speaker));
    text(s, n_.quote, n.quote);
    typed(s, n_.direct, n.direct ? "true" : "false", n_.xsd_boolean);
    claims(s, n_.date, "date", n.dates, true);
    sources(s, n.sources);
  }

  const KnowledgeGraph& g_;
  const EmitOptions& options_;
  rdf::TripleSink& sink_;
  rdf::IriMinter iris_;
  std::size_t count_ = 0;
  // Subjects are minted and predicates are vocabulary constants: trusted.
  rdf::Triple triple_{Term::trusted_iri({}), Term::trusted_iri({}), {}, {}};
  const ArticleIndex& articles_;
  const SentenceOwners* owners_;
  std::size_t begin_ = 0, end_ = 0;  // the range of nodes to write
  std::size_t offset_ = 0;           // number of the first node of the section being written
  std::size_t current_ = 0;          // number of the node being written
  std::unordered_set<std::string> evidence_written_;
  std::unordered_set<std::string> sentences_written_;
  const Names& n_;
  std::string scratch_;        // an IRI built for one triple (a class or category from the data)
  std::string unindexed_iri_;  // article_iri() of an id not in articles_
};

}  // namespace

std::size_t emit_graph(const KnowledgeGraph& graph, const EmitOptions& options, rdf::TripleSink& sink) {
  const ArticleIndex articles = index_articles(graph, options.base);
  return Emitter(graph, options, sink, articles).run(0, node_count(graph));
}

struct GraphParts::Index {
  ArticleIndex articles;
  SentenceOwners owners;
};

GraphParts::GraphParts(const KnowledgeGraph& graph, const EmitOptions& options, std::size_t weight_per_part)
    : graph_(graph), options_(options), index_(std::make_unique<Index>()) {
  index_->articles = index_articles(graph, options.base);
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
      const IndexedArticle* indexed = find_in(index_->articles, r.article);
      const ArticleNode* a = indexed == nullptr ? nullptr : indexed->node;
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
