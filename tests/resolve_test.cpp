// Merging what several articles say into one graph: one node per person
// across spellings, one incident per real event with every source, date
// disagreements kept as claims, undated articles anchored through dated ones.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "extract/extractor.hpp"
#include "lexicon/lexicon.hpp"
#include "resolve/merge.hpp"

using namespace newsgraph;

namespace {

const Lexicon& lexicon() {
  static const Lexicon lex = Lexicon::load(NEWSGRAPH_TEST_SOURCE_DIR);
  return lex;
}

struct Doc {
  std::string id;
  std::string date;  // "" = undated
  std::string text;
};

ArticleFacts facts_of(const Doc& d) {
  Article a;
  a.id = d.id;
  a.origin = d.id + ".txt";
  a.date = d.date;
  a.text = d.text;
  a.original_offset.append(0, d.text.size() + 1);
  return Extractor(lexicon()).extract(std::move(a));
}

KnowledgeGraph merge(const std::vector<Doc>& docs) {
  std::vector<ArticleFacts> facts;
  for (const auto& d : docs) facts.push_back(facts_of(d));
  return merge_articles(std::move(facts), lexicon());
}

using Strings = std::vector<std::string>;

Strings sorted(Strings v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<const IncidentNode*> incidents_of(const KnowledgeGraph& g, const std::string& kind) {
  std::vector<const IncidentNode*> out;
  for (const auto& i : g.incidents) {
    if (i.kind == kind) out.push_back(&i);
  }
  return out;
}

Strings source_articles(const std::vector<SourceRef>& refs) {
  Strings out;
  for (const auto& r : refs) {
    if (std::find(out.begin(), out.end(), r.article) == out.end()) out.push_back(r.article);
  }
  return sorted(out);
}

// "2019-03-12<-a,b" per claim, sorted: what each source says the date is.
Strings claims(const std::vector<SourcedValue>& values) {
  Strings out;
  for (const auto& v : values) {
    std::string s = v.value + "<-";
    for (const auto& a : sorted(v.articles)) s += a + ",";
    s.pop_back();
    out.push_back(s);
  }
  return sorted(out);
}

std::string describe(const KnowledgeGraph& g) {
  std::string out;
  for (const auto& p : g.persons) {
    out += "person " + p.key + " '" + p.name + "' alt=";
    for (const auto& a : p.alt_names) out += a + ";";
    out += " states=";
    for (const auto& s : p.states) out += s + ";";
    out += "\n";
  }
  for (const auto& i : g.incidents) {
    out += "incident " + i.key + " dates=";
    for (const auto& c : claims(i.dates)) out += c + " ";
    out += "sources=";
    for (const auto& s : source_articles(i.sources)) out += s + ",";
    out += "\n";
  }
  for (const auto& s : g.statements)
    out += "statement " + s.key + " sources=" + std::to_string(s.sources.size()) + "\n";
  for (const auto& a : g.agreements) {
    out += "agreement " + a.key + " dates=";
    for (const auto& c : claims(a.dates)) out += c + " ";
    out += "\n";
  }
  return out;
}

const PersonNode* person_named(const KnowledgeGraph& g, const std::string& name) {
  for (const auto& p : g.persons) {
    if (p.name == name || std::find(p.alt_names.begin(), p.alt_names.end(), name) != p.alt_names.end())
      return &p;
  }
  return nullptr;
}

bool has_node(const std::vector<NodeRef>& refs, ActorKind kind, const std::string& key) {
  return std::find(refs.begin(), refs.end(), NodeRef{kind, key}) != refs.end();
}

}  // namespace

// --- persons ---------------------------------------------------------------------

TEST_CASE("resolve: spelling variants of a name across articles give one person", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14", "French Foreign Minister Jean-Yves Le Drian visited Algiers on Monday."},
      {"b", "2019-03-14", "French Foreign Minister Jean Yves Le Drian arrived in Algiers on Monday."},
      {"c", "2019-03-15", "Jean-Yves le Drian, the foreign minister of France, met reporters."},
  });
  INFO(describe(g));
  REQUIRE(g.persons.size() == 1);
  const auto& p = g.persons[0];
  CHECK(p.name == "Jean-Yves Le Drian");
  CHECK(std::find(p.alt_names.begin(), p.alt_names.end(), "Jean Yves Le Drian") != p.alt_names.end());
  CHECK(sorted(p.articles) == Strings{"a", "b", "c"});
  CHECK(p.states == Strings{"FRA"});
  // The role is kept once however its case is written.
  CHECK(p.roles.size() == 1);
}

TEST_CASE("resolve: a leader identified in several articles is linked to one Wikidata item", "[resolve]") {
  const auto g = merge({
      {"a", "1990-03-14", "Chancellor Helmut Kohl visited Paris on Monday."},
      {"b", "1990-03-15", "Helmut Kohl, the German chancellor, met reporters in Paris."},
  });
  INFO(describe(g));
  REQUIRE(g.persons.size() == 1);
  CHECK(g.persons[0].wikidata == Strings{"Q2518"});
}

TEST_CASE("resolve: different people who share a family name stay apart", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14", "North Korean envoy Kim Yong Chol visited Beijing on Monday."},
      {"b", "2019-03-14", "Kim Yo Jong, the sister of the North Korean leader, visited Seoul on Monday."},
  });
  INFO(describe(g));
  CHECK(person_named(g, "Kim Yong Chol") != nullptr);
  CHECK(person_named(g, "Kim Yo Jong") != nullptr);
  CHECK(person_named(g, "Kim Yong Chol") != person_named(g, "Kim Yo Jong"));
}

TEST_CASE("resolve: a person's roles and states from several articles are all kept", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14", "Kenyan President Uhuru Kenyatta visited Addis Ababa on Monday."},
      {"b", "2019-03-14",
       "Uhuru Kenyatta, the chairman of the African Union, spoke in Addis Ababa on Monday."},
  });
  INFO(describe(g));
  const PersonNode* p = person_named(g, "Uhuru Kenyatta");
  REQUIRE(p != nullptr);
  CHECK(p->roles.size() == 2);
  CHECK(std::find(p->states.begin(), p->states.end(), "KEN") != p->states.end());
  CHECK(sorted(p->articles) == Strings{"a", "b"});
}

TEST_CASE("resolve: every state mentioned becomes a labelled state node", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14", "Japan warned North Korea on Wednesday against further missile launches."},
  });
  INFO(describe(g));
  Strings codes;
  for (const auto& s : g.states) codes.push_back(s.iso3);
  CHECK(codes == Strings{"JPN", "PRK"});  // sorted by code
  CHECK(g.states[0].name == "Japan");
  CHECK(g.states[0].wikidata == "Q17");
  CHECK(g.states[1].name == "North Korea");
  CHECK(std::find(g.states[1].alt_names.begin(), g.states[1].alt_names.end(), "DPRK") !=
        g.states[1].alt_names.end());
  for (const auto& s : g.states) {
    for (const auto& n : s.alt_names) CHECK(n.find(',') == std::string::npos);  // no "Korea, Democratic ..."
  }
}

// --- incidents ---------------------------------------------------------------------

TEST_CASE("resolve: one incident told by several articles is one node with every source", "[resolve]") {
  const auto g = merge({
      {"asahi", "2019-03-14",
       "Japanese Foreign Minister Taro Kono summoned China's ambassador Cheng Yonghua on Tuesday over the "
       "collision."},
      {"kyodo", "2019-03-13",
       "Tokyo summoned the Chinese ambassador on Tuesday over the fishing boat collision."},
      {"nhk", "2019-03-12",
       "Japan summoned Beijing's envoy today after the collision in the East China Sea."},
  });
  INFO(describe(g));
  const auto summons = incidents_of(g, "Summons");
  REQUIRE(summons.size() == 1);
  const auto& n = *summons[0];
  CHECK(source_articles(n.sources) == Strings{"asahi", "kyodo", "nhk"});
  CHECK(claims(n.dates) == Strings{"2019-03-12<-asahi,kyodo,nhk"});
  CHECK(n.plover == "DISAPPROVE");
  CHECK(has_node(n.agents, ActorKind::State, "JPN"));
  CHECK_FALSE(n.label.empty());
}

TEST_CASE("resolve: dates a few days apart are one incident with both claims", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14", "India lodged a protest with Pakistan on Monday over the shelling."},
      {"b", "2019-03-14", "India lodged a protest with Pakistan on Tuesday over the shelling."},
  });
  INFO(describe(g));
  const auto protests = incidents_of(g, "Protest");
  REQUIRE(protests.size() == 1);
  CHECK(claims(protests[0]->dates) == Strings{"2019-03-11<-a", "2019-03-12<-b"});
  CHECK(source_articles(protests[0]->sources) == Strings{"a", "b"});
}

TEST_CASE("resolve: the same kind between the same actors weeks apart is two incidents", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14", "India lodged a protest with Pakistan on Monday over the shelling."},
      {"b", "2019-04-25", "India lodged a protest with Pakistan on Monday over the shelling."},
  });
  INFO(describe(g));
  const auto protests = incidents_of(g, "Protest");
  REQUIRE(protests.size() == 2);
  CHECK(protests[0]->key != protests[1]->key);
  Strings dates;
  for (const auto* p : protests) {
    REQUIRE(p->dates.size() == 1);
    dates.push_back(p->dates[0].value);
    CHECK(p->sources.size() == 1);
  }
  CHECK(sorted(dates) == Strings{"2019-03-11", "2019-04-22"});
}

TEST_CASE("resolve: different kinds or different targets are different incidents", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14", "India lodged a protest with Pakistan on Monday."},
      {"b", "2019-03-14", "India lodged a protest with Nepal on Monday."},
      {"c", "2019-03-14", "India warned Pakistan on Monday."},
  });
  INFO(describe(g));
  CHECK(incidents_of(g, "Protest").size() == 2);
  CHECK(incidents_of(g, "Threat").size() == 1);
  for (const auto& i : g.incidents) CHECK(i.sources.size() == 1);
}

TEST_CASE("resolve: an undated article's weekday is resolved through a dated report", "[resolve]") {
  const auto g = merge({
      {"dated", "2019-03-14", "India lodged a protest with Pakistan on Tuesday over the shelling."},
      {"undated", "",
       "India lodged a protest with Pakistan on Tuesday over the shelling.\n"
       "India also warned Nepal on Monday."},
  });
  INFO(describe(g));
  const auto protests = incidents_of(g, "Protest");
  REQUIRE(protests.size() == 1);
  CHECK(claims(protests[0]->dates) == Strings{"2019-03-12<-dated,undated"});
  // The anchored article's other weekdays resolve against the anchor, not guessed.
  const auto threats = incidents_of(g, "Threat");
  REQUIRE(threats.size() == 1);
  CHECK(claims(threats[0]->dates) == Strings{"2019-03-11<-undated"});
}

TEST_CASE("resolve: an undated article with no dated report keeps its dates unresolved", "[resolve]") {
  const auto g = merge({
      {"undated", "", "India lodged a protest with Pakistan on Tuesday over the shelling."},
  });
  INFO(describe(g));
  const auto protests = incidents_of(g, "Protest");
  REQUIRE(protests.size() == 1);
  CHECK(protests[0]->dates.empty());
  CHECK(protests[0]->date_texts == Strings{"Tuesday"});
}

TEST_CASE("resolve: an undated report joins the dated incident it describes", "[resolve]") {
  const auto g = merge({
      {"dated", "2019-03-14", "Venezuelan troops crossed the border on Saturday, officials said."},
      {"vague", "", "Venezuelan troops crossed the border, officials said."},
  });
  INFO(describe(g));
  const auto crossings = incidents_of(g, "BorderCrossing");
  REQUIRE(crossings.size() == 1);
  CHECK(source_articles(crossings[0]->sources) == Strings{"dated", "vague"});
  CHECK(claims(crossings[0]->dates) == Strings{"2019-03-09<-dated"});
}

// --- statements and agreements -------------------------------------------------------

TEST_CASE("resolve: the same words from the same speaker are one statement", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14",
       "\"Spain will not accept blackmail from anyone,\" Spanish Prime Minister Pedro Sanchez said on "
       "Tuesday."},
      {"b", "2019-03-14",
       "Spanish Prime Minister Pedro Sanchez said: \"Spain will not accept blackmail from anyone.\""},
  });
  INFO(describe(g));
  REQUIRE(g.statements.size() == 1);
  const auto& st = g.statements[0];
  CHECK(st.has_speaker);
  CHECK(st.speaker.kind == ActorKind::Person);
  CHECK(source_articles(st.sources) == Strings{"a", "b"});
  CHECK(st.quote.find("Spain will not accept blackmail from anyone") == 0);
}

TEST_CASE("resolve: the same words from different speakers stay two statements", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14",
       "\"We will never give up our claim to these islands,\" Argentine President Alberto Fernandez said."},
      {"b", "2019-03-14",
       "\"We will never give up our claim to these islands,\" Chilean President Gabriel Boric said."},
  });
  INFO(describe(g));
  CHECK(g.statements.size() == 2);
}

TEST_CASE("resolve: one agreement reported twice is one node with its signatories", "[resolve]") {
  const auto g = merge({
      {"a", "2019-03-14",
       "Kenyan President Uhuru Kenyatta and Ethiopian Prime Minister Abiy Ahmed signed a security pact in "
       "Nairobi "
       "on Wednesday."},
      {"b", "2019-03-14", "Kenya and Ethiopia signed a security pact on Wednesday."},
  });
  INFO(describe(g));
  REQUIRE(g.agreements.size() == 1);
  const auto& ag = g.agreements[0];
  CHECK(sorted(ag.parties) == Strings{"ETH", "KEN"});
  CHECK(ag.signatories.size() == 2);
  CHECK(claims(ag.dates) == Strings{"2019-03-13<-a,b"});
  CHECK(source_articles(ag.sources) == Strings{"a", "b"});
  // The signing incidents point at it.
  for (const auto* s : incidents_of(g, "Signing")) CHECK(s->about == ag.key);
}

// --- determinism -------------------------------------------------------------------

TEST_CASE("resolve: the merged graph does not depend on article order", "[resolve]") {
  const std::vector<Doc> docs = {
      {"a", "2019-03-14", "India lodged a protest with Pakistan on Monday over the shelling."},
      {"b", "2019-03-14", "India lodged a protest with Pakistan on Tuesday over the shelling."},
      {"c", "2019-03-14", "French Foreign Minister Jean-Yves Le Drian visited Algiers on Monday."},
  };
  const auto forward = merge(docs);
  const auto backward = merge({docs[2], docs[1], docs[0]});
  CHECK(describe(forward) == describe(backward));
  CHECK(forward.articles.front().meta.id == "a");  // articles sorted by id
}

TEST_CASE("resolve: incident keys are content-derived and stable", "[resolve]") {
  const auto one = merge({{"x", "2019-03-14", "Japan warned North Korea on Wednesday."}});
  const auto two = merge({{"y", "2019-03-14", "Japan warned North Korea on Wednesday."}});
  REQUIRE(one.incidents.size() == 1);
  REQUIRE(two.incidents.size() == 1);
  CHECK(one.incidents[0].key == two.incidents[0].key);
  CHECK(one.incidents[0].key.find("2019-03-13") != std::string::npos);
  CHECK(one.incidents[0].key.find("Threat") != std::string::npos);
}

TEST_CASE("resolve: actor identity counts a person as the state they represent", "[resolve]") {
  const auto f =
      facts_of({"a", "2019-03-14", "Japanese Foreign Minister Taro Kono warned Pyongyang on Monday."});
  REQUIRE(f.incidents.size() == 1);
  REQUIRE(f.incidents[0].agents.size() == 1);
  CHECK(actor_identity(f, f.incidents[0].agents[0]) == "JPN");
  CHECK(actor_identity(f, f.incidents[0].targets.at(0)) == "PRK");
}

TEST_CASE("resolve: a person's state learnt in one article identifies their acts in another", "[resolve]") {
  // Article b never says whom Motegi represents; article a does, so his summons
  // in b is Japan's summons, the same one article c reports.
  const auto g = merge({
      {"a", "2019-03-14", "Japanese Foreign Minister Toshimitsu Motegi visited Seoul on Monday."},
      {"b", "2019-03-14", "Toshimitsu Motegi summoned China's ambassador Cheng Yonghua on Tuesday."},
      {"c", "2019-03-14", "Japan summoned China's ambassador Cheng Yonghua on Tuesday."},
  });
  INFO(describe(g));
  const auto summons = incidents_of(g, "Summons");
  REQUIRE(summons.size() == 1);
  CHECK(source_articles(summons[0]->sources) == Strings{"b", "c"});
}

namespace {

// Every field of every incident, in graph order, claims and sources in their
// own order (which the sorted describe() does not show).
std::string incidents_in_full(const KnowledgeGraph& g) {
  std::string out;
  for (const auto& i : g.incidents) {
    out += i.key + " | " + i.label + " | " + i.kind + " " + i.plover + " about=" + i.about + " agents=";
    for (const auto& a : i.agents) out += a.key + ",";
    out += " targets=";
    for (const auto& t : i.targets) out += t.key + ",";
    out += " dates=";
    for (const auto& d : i.dates) {
      out += d.value + "<-";
      for (const auto& a : d.articles) out += a + ",";
    }
    out += " texts=";
    for (const auto& t : i.date_texts) out += t + ",";
    out += " sources=";
    for (const auto& s : i.sources) out += s.article + ",";
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("resolve: the merged graph is the same for any number of jobs", "[resolve]") {
  // Enough articles for the incidents to be merged on several threads: many
  // groups (kinds and actor pairs), dates that cluster and dates weeks apart,
  // undated reports, and persons who stand for their state.
  const Strings states = {"India", "Pakistan", "Japan", "China", "France", "Algeria", "Russia", "Ukraine"};
  const Strings acts = {"summoned {T}'s ambassador", "lodged a protest with {T}", "warned {T}"};
  std::vector<ArticleFacts> facts;
  for (int n = 0; n < 240; ++n) {
    const auto a = static_cast<std::size_t>(n) % states.size();
    const auto t = (a + 1 + static_cast<std::size_t>(n) / states.size()) % states.size();
    if (t == a) continue;
    std::string act = acts[static_cast<std::size_t>(n) % acts.size()];
    act.replace(act.find("{T}"), 3, states[t]);
    const int day = 1 + (n * 5) % 27;
    const std::string date =
        n % 7 == 0 ? ""
                   : "2019-0" + std::to_string(1 + n % 3) + "-" + (day < 10 ? "0" : "") + std::to_string(day);
    std::string text = states[a] + " " + act + " on Monday.";
    if (n % 5 == 0) text += " Japanese Foreign Minister Taro Kono warned " + states[t] + " on Tuesday.";
    facts.push_back(facts_of({"art" + std::to_string(n), date, text}));
  }
  const auto one = merge_articles(facts, lexicon(), 1);
  REQUIRE(one.incidents.size() > 100);
  for (unsigned jobs : {2U, 3U, 8U}) {
    INFO("jobs " << jobs);
    const auto many = merge_articles(facts, lexicon(), jobs);
    CHECK(describe(many) == describe(one));
    CHECK(incidents_in_full(many) == incidents_in_full(one));
  }
}
