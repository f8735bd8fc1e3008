// What the extractor reads from short handwritten news sentences: persons
// with roles and states, statements with speakers, incidents with agent,
// target, kind and PLOVER category, agreements, and dates.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "extract/extractor.hpp"
#include "lexicon/lexicon.hpp"

using namespace newsgraph;

namespace {

const Lexicon& lexicon() {
  static const Lexicon lex = Lexicon::load(NEWSGRAPH_TEST_SOURCE_DIR);
  return lex;
}

// A Thursday; weekdays in the sentences below resolve against it.
constexpr const char* kThursday = "2019-03-14";

ArticleFacts extract(const std::string& text, const std::string& date = kThursday) {
  Article a;
  a.id = "t";
  a.origin = "test";
  a.date = date;
  a.text = text;
  a.original_offset.append(0, text.size() + 1);
  return Extractor(lexicon()).extract(std::move(a));
}

const PersonFact* person(const ArticleFacts& f, const std::string& name) {
  for (const auto& p : f.persons) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> person_names(const ArticleFacts& f) {
  std::vector<std::string> out;
  for (const auto& p : f.persons) out.push_back(p.name);
  return out;
}

// "S:JPN", "P:Taro Kono", "O:European Union": readable actor references.
std::string actor(const ArticleFacts& f, const ActorRef& a) {
  switch (a.kind) {
    case ActorKind::State: return "S:" + a.iso3;
    case ActorKind::Person: return "P:" + f.persons.at(a.index).name;
    case ActorKind::Organisation: return "O:" + f.organisations.at(a.index).name;
  }
  return "?";
}

std::vector<std::string> actors(const ArticleFacts& f, const std::vector<ActorRef>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs) out.push_back(actor(f, r));
  std::sort(out.begin(), out.end());
  return out;
}

// The state an actor stands for: a state itself, the state a person
// represents, or the state of a national group ("Iranian patrol boats").
std::string state_of(const ArticleFacts& f, const ActorRef& a) {
  switch (a.kind) {
    case ActorKind::State: return a.iso3;
    case ActorKind::Person: return f.persons.at(a.index).state;
    case ActorKind::Organisation: return f.organisations.at(a.index).state;
  }
  return {};
}

std::vector<std::string> states_of(const ArticleFacts& f, const std::vector<ActorRef>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs) out.push_back(state_of(f, r));
  std::sort(out.begin(), out.end());
  return out;
}

const IncidentFact* incident(const ArticleFacts& f, const std::string& kind) {
  for (const auto& i : f.incidents) {
    if (i.kind == kind) return &i;
  }
  return nullptr;
}

std::string describe(const ArticleFacts& f) {
  std::string out;
  for (const auto& p : f.persons) out += "person " + p.name + " [" + p.role + "/" + p.state + "]\n";
  for (const auto& i : f.incidents) {
    out += "incident " + i.kind + " " + i.plover + " agents=";
    for (const auto& a : actors(f, i.agents)) out += a + ";";
    out += " targets=";
    for (const auto& a : actors(f, i.targets)) out += a + ";";
    out += " date=" + i.date.iso + "/" + i.date.text + "\n";
  }
  for (const auto& s : f.statements) {
    out += "statement " + (s.has_speaker ? actor(f, s.speaker) : std::string("-")) + ": " + s.quote + "\n";
  }
  for (const auto& a : f.agreements) {
    out += "agreement " + a.label + " date=" + a.date + " parties=";
    for (const auto& p : a.parties) out += p + ";";
    out += "\n";
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

// --- persons -----------------------------------------------------------------

TEST_CASE("extract: a title before a name gives the role and the state", "[extract]") {
  const auto f = extract(
      "Japanese Foreign Minister Taro Kono summoned China's ambassador Cheng Yonghua on Tuesday "
      "over the fishing boat collision.");
  INFO(describe(f));
  const PersonFact* kono = person(f, "Taro Kono");
  REQUIRE(kono != nullptr);
  CHECK(kono->role == "Foreign Minister");
  CHECK(kono->state == "JPN");
  // A possessive state before the title works the same way.
  const PersonFact* cheng = person(f, "Cheng Yonghua");
  REQUIRE(cheng != nullptr);
  CHECK(cheng->role == "ambassador");
  CHECK(cheng->state == "CHN");
  CHECK(f.persons.size() == 2);
  CHECK(f.states == Strings{"CHN", "JPN"});
}

TEST_CASE("extract: an apposition after a name gives the role and the state", "[extract]") {
  const auto f = extract("Hans Berger, the foreign minister of Austria, visited Ljubljana on Monday.");
  INFO(describe(f));
  const PersonFact* berger = person(f, "Hans Berger");
  REQUIRE(berger != nullptr);
  CHECK(berger->role == "foreign minister");
  CHECK(berger->state == "AUT");
  CHECK(f.persons.size() == 1);
}

TEST_CASE("extract: a role before a name set off by commas describes that name", "[extract]") {
  const auto f = extract("Chile's ambassador, Rodrigo Alvarez, said the fishing quota had been exceeded.");
  INFO(describe(f));
  REQUIRE(f.persons.size() == 1);
  CHECK(f.persons[0].name == "Rodrigo Alvarez");
  CHECK(f.persons[0].role == "ambassador");
  CHECK(f.persons[0].state == "CHL");
}

TEST_CASE("extract: \"said NAME, the ROLE of STATE\" after a quote names the speaker", "[extract]") {
  const auto f = extract(
      "\"Our patience has limits and these provocations must stop now,\" said Andrzej Duda, "
      "the president of Poland.");
  INFO(describe(f));
  const PersonFact* duda = person(f, "Andrzej Duda");
  REQUIRE(duda != nullptr);
  CHECK(duda->state == "POL");
  CHECK(duda->role == "president");
  REQUIRE(f.statements.size() == 1);
  CHECK(f.statements[0].has_speaker);
  CHECK(actor(f, f.statements[0].speaker) == "P:Andrzej Duda");
  CHECK(f.statements[0].quote == "Our patience has limits and these provocations must stop now");
}

TEST_CASE("extract: a later surname-only mention is the same person", "[extract]") {
  const auto f = extract(
      "Brazilian Finance Minister Paulo Menezes arrived in Lima on Monday. "
      "Menezes warned Peru against new tariffs on Tuesday.");
  INFO(describe(f));
  REQUIRE(f.persons.size() == 1);
  CHECK(f.persons[0].name == "Paulo Menezes");
  CHECK(f.persons[0].mentions.size() == 2);
  const IncidentFact* warn = incident(f, "Threat");
  REQUIRE(warn != nullptr);
  CHECK(actors(f, warn->agents) == Strings{"P:Paulo Menezes"});
  CHECK(actors(f, warn->targets) == Strings{"S:PER"});
  CHECK(warn->date.iso == "2019-03-12");
}

TEST_CASE("extract: a bare two-word name acting as subject is a person", "[extract]") {
  // "Taro" is also an English word (the plant); before an event verb the pair is still a name.
  const auto f = extract("Taro Kono summoned China's ambassador Cheng Yonghua on Tuesday.");
  INFO(describe(f));
  CHECK(person(f, "Taro Kono") != nullptr);
  const IncidentFact* s = incident(f, "Summons");
  REQUIRE(s != nullptr);
  CHECK(actors(f, s->agents) == Strings{"P:Taro Kono"});
}

TEST_CASE("extract: non-person capitalised phrases never become persons", "[extract]") {
  const auto f = extract(
      "The Foreign Ministry said in March that the Cold War was long over.\n"
      "The Security Council met on Friday, and the General Assembly said nothing.\n"
      "Officials in Madrid said the Royal Navy and the Atlantic Council had been told on Monday.");
  INFO(describe(f));
  CHECK(f.persons.empty());
}

TEST_CASE("extract: lowercase chad and turkey are not states", "[extract]") {
  const auto lower = extract("The turkey dinner was served to a chad of paper, the caterer said.");
  CHECK(lower.states.empty());
  const auto upper = extract("Chad and Turkey agreed to expand trade.");
  CHECK(upper.states == Strings{"TCD", "TUR"});
}

TEST_CASE("extract: a context alias applies only when its state is mentioned", "[extract]") {
  const auto without = extract("The North has rejected the offer, officials in Ottawa said.");
  CHECK(std::find(without.states.begin(), without.states.end(), "PRK") == without.states.end());
  const auto with = extract("Seoul said on Monday that the North had rejected the offer of talks.");
  CHECK(with.states == Strings{"KOR", "PRK"});
}

// --- statements --------------------------------------------------------------

TEST_CASE("extract: a quote's speaker named after it", "[extract]") {
  const auto f = extract(
      "\"Spain will not accept blackmail from anyone,\" Spanish Prime Minister Pedro Sanchez "
      "said on Tuesday.");
  INFO(describe(f));
  REQUIRE(f.statements.size() == 1);
  const auto& st = f.statements[0];
  CHECK(st.has_speaker);
  CHECK(actor(f, st.speaker) == "P:Pedro Sanchez");
  CHECK(st.quote == "Spain will not accept blackmail from anyone");
  CHECK(st.direct);
  CHECK(st.date.iso == "2019-03-12");
  // The evidence span is the quote's words in the article text.
  CHECK(f.article.text.substr(st.evidence.span.begin, st.evidence.span.end - st.evidence.span.begin) ==
        st.quote);
  CHECK(st.evidence.sentence == 0);
}

TEST_CASE("extract: a quote's speaker named before it", "[extract]") {
  const auto f = extract(
      "Norwegian Prime Minister Erna Solberg said: \"We will not be intimidated by anyone in "
      "this matter.\"");
  INFO(describe(f));
  REQUIRE(f.statements.size() == 1);
  CHECK(f.statements[0].has_speaker);
  CHECK(actor(f, f.statements[0].speaker) == "P:Erna Solberg");
  CHECK(f.statements[0].quote.find("We will not be intimidated") == 0);
}

TEST_CASE("extract: \"he said\" gives the quote to the person just mentioned", "[extract]") {
  const auto f = extract(
      "Polish President Andrzej Duda visited Vilnius on Thursday.\n"
      "\"Lithuania can always count on Poland in difficult times,\" he said at a news conference.");
  INFO(describe(f));
  REQUIRE(f.statements.size() == 1);
  CHECK(f.statements[0].has_speaker);
  CHECK(actor(f, f.statements[0].speaker) == "P:Andrzej Duda");
  CHECK(f.statements[0].evidence.sentence == 1);
}

TEST_CASE("extract: a pronoun speaker is the most recent person, not the first", "[extract]") {
  const auto f = extract(
      "Argentine Foreign Minister Felipe Sola met Uruguayan Foreign Minister Francisco Bustillo "
      "in Montevideo on Monday.\n"
      "Later, Uruguayan President Luis Lacalle Pou welcomed the visit.\n"
      "\"We share a river and we must share its care as well,\" he said.");
  INFO(describe(f));
  REQUIRE(f.statements.size() == 1);
  CHECK(actor(f, f.statements[0].speaker) == "P:Luis Lacalle Pou");
}

TEST_CASE("extract: scare quotes without attribution are not statements", "[extract]") {
  const auto f = extract(
      "Officials in Ankara described the naval exercise as a \"provocation\" on Tuesday.\n"
      "The so-called \"peace flotilla\" left port on Wednesday.");
  INFO(describe(f));
  CHECK(f.statements.empty());
}

TEST_CASE("extract: a speaker introduced by name is not lost in the next sentence", "[extract]") {
  const auto f = extract(
      "Spanish Defence Minister Margarita Robles visited Ceuta on Wednesday.\n"
      "Robles said: \"We will restore order on the border with all the means we have.\"");
  INFO(describe(f));
  REQUIRE(f.statements.size() == 1);
  CHECK(f.statements[0].has_speaker);
  CHECK(actor(f, f.statements[0].speaker) == "P:Margarita Robles");
}

// --- incidents -----------------------------------------------------------------

TEST_CASE("extract: a summons has agent, target, kind, PLOVER category and evidence", "[extract]") {
  const std::string text =
      "The ferry sank in the strait last month.\n"
      "Japanese Foreign Minister Taro Kono summoned China's ambassador Cheng Yonghua on Tuesday "
      "over the fishing boat collision.";
  const auto f = extract(text);
  INFO(describe(f));
  REQUIRE(f.incidents.size() == 1);
  const auto& inc = f.incidents[0];
  CHECK(inc.kind == "Summons");
  CHECK(inc.plover == "DISAPPROVE");
  CHECK(inc.trigger == "summoned");
  CHECK(actors(f, inc.agents) == Strings{"P:Taro Kono"});
  CHECK(actors(f, inc.targets) == Strings{"P:Cheng Yonghua"});
  CHECK(inc.date.iso == "2019-03-12");
  CHECK(inc.date.text == "Tuesday");
  CHECK(inc.evidence.sentence == 1);
  CHECK(f.article.text.substr(inc.evidence.span.begin, 8) == "Japanese");
}

TEST_CASE("extract: a capital as subject is its state acting", "[extract]") {
  const auto f =
      extract("Tokyo summoned South Korean Ambassador Lee Su-hoon on Monday over the court ruling.");
  INFO(describe(f));
  const IncidentFact* s = incident(f, "Summons");
  REQUIRE(s != nullptr);
  CHECK(actors(f, s->agents) == Strings{"S:JPN"});
  CHECK(actors(f, s->targets) == Strings{"P:Lee Su-hoon"});
  const PersonFact* lee = person(f, "Lee Su-hoon");
  REQUIRE(lee != nullptr);
  CHECK(lee->state == "KOR");
  CHECK(lee->role == "Ambassador");
}

TEST_CASE("extract: summoning an unnamed envoy targets the envoy's state", "[extract]") {
  const auto f = extract(
      "Spain's Foreign Ministry summoned the Moroccan ambassador on Monday.\n"
      "Canberra summoned Beijing's envoy on Tuesday.");
  INFO(describe(f));
  REQUIRE(f.incidents.size() == 2);
  CHECK(actors(f, f.incidents[0].agents) == Strings{"S:ESP"});
  CHECK(actors(f, f.incidents[0].targets) == Strings{"S:MAR"});
  CHECK(actors(f, f.incidents[1].agents) == Strings{"S:AUS"});
  CHECK(actors(f, f.incidents[1].targets) == Strings{"S:CHN"});
}

TEST_CASE("extract: a warning is a Threat from agent to target", "[extract]") {
  const auto f = extract("Japan warned North Korea on Wednesday against further missile launches.");
  INFO(describe(f));
  const IncidentFact* w = incident(f, "Threat");
  REQUIRE(w != nullptr);
  CHECK(w->plover == "THREATEN");
  CHECK(actors(f, w->agents) == Strings{"S:JPN"});
  CHECK(actors(f, w->targets) == Strings{"S:PRK"});
  CHECK(w->date.iso == "2019-03-13");
}

TEST_CASE("extract: a visit to a capital targets its state", "[extract]") {
  const auto f = extract("Indonesian President Joko Widodo visited Canberra on Sunday.");
  INFO(describe(f));
  const IncidentFact* v = incident(f, "Visit");
  REQUIRE(v != nullptr);
  CHECK(v->plover == "CONSULT");
  CHECK(actors(f, v->agents) == Strings{"P:Joko Widodo"});
  CHECK(actors(f, v->targets) == Strings{"S:AUS"});
  CHECK(v->date.iso == "2019-03-10");
}

TEST_CASE("extract: crossing a border is a BorderCrossing by the troops' state", "[extract]") {
  const auto f = extract("Venezuelan troops crossed the border on Saturday, Colombian officials said.");
  INFO(describe(f));
  const IncidentFact* b = incident(f, "BorderCrossing");
  REQUIRE(b != nullptr);
  CHECK(b->plover == "MOBILIZE");
  CHECK(actors(f, b->agents) == Strings{"S:VEN"});
  CHECK(b->date.iso == "2019-03-09");
}

TEST_CASE("extract: crossing the border into a state targets that state", "[extract]") {
  const auto f = extract("Venezuelan troops crossed the border into Colombia on Saturday.");
  INFO(describe(f));
  const IncidentFact* b = incident(f, "BorderCrossing");
  REQUIRE(b != nullptr);
  CHECK(actors(f, b->targets) == Strings{"S:COL"});
}

TEST_CASE("extract: firing warning shots is WarningShots, not a generic threat", "[extract]") {
  const auto f = extract("An Iranian patrol boat fired warning shots at a British tanker on Thursday.");
  INFO(describe(f));
  REQUIRE(f.incidents.size() == 1);
  CHECK(f.incidents[0].kind == "WarningShots");
  CHECK(f.incidents[0].plover == "THREATEN");
  // The boat stands for its state, as a state or as a national group.
  CHECK(states_of(f, f.incidents[0].agents) == Strings{"IRN"});
  CHECK(f.incidents[0].date.iso == kThursday);  // the article's own weekday is that day
}

TEST_CASE("extract: warning shots fired at a state's ship target that state", "[extract]") {
  const auto f = extract("An Iranian patrol boat fired warning shots at a British tanker on Thursday.");
  INFO(describe(f));
  const IncidentFact* w = incident(f, "WarningShots");
  REQUIRE(w != nullptr);
  CHECK(states_of(f, w->targets) == Strings{"GBR"});
}

TEST_CASE("extract: imposing sanctions is a Sanction by an organisation on a state", "[extract]") {
  const auto f = extract("The European Union imposed sanctions on Belarus on Tuesday.");
  INFO(describe(f));
  const IncidentFact* s = incident(f, "Sanction");
  REQUIRE(s != nullptr);
  CHECK(s->plover == "SANCTION");
  CHECK(actors(f, s->agents) == Strings{"O:European Union"});
  CHECK(actors(f, s->targets) == Strings{"S:BLR"});
  REQUIRE(f.organisations.size() == 1);
  CHECK(f.organisations[0].code == "IGO");
}

TEST_CASE("extract: expelling a state's diplomats targets that state", "[extract]") {
  const auto f =
      extract("Ottawa expelled two Saudi diplomats, Canadian Foreign Minister Chrystia Freeland said.");
  INFO(describe(f));
  const IncidentFact* s = incident(f, "Sanction");
  REQUIRE(s != nullptr);
  CHECK(actors(f, s->agents) == Strings{"S:CAN"});
  CHECK(actors(f, s->targets) == Strings{"S:SAU"});
}

TEST_CASE("extract: lodging a protest is a Protest with the state protested to", "[extract]") {
  const auto f = extract("India lodged a protest with Pakistan on Monday over the shelling.");
  INFO(describe(f));
  const IncidentFact* p = incident(f, "Protest");
  REQUIRE(p != nullptr);
  CHECK(p->plover == "DISAPPROVE");
  CHECK(actors(f, p->agents) == Strings{"S:IND"});
  CHECK(actors(f, p->targets) == Strings{"S:PAK"});
}

TEST_CASE("extract: an attack has the attacker as agent", "[extract]") {
  const auto f = extract("Pakistani forces attacked Indian positions in Kashmir on Wednesday.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Attack");
  REQUIRE(a != nullptr);
  CHECK(a->plover == "ASSAULT");
  CHECK(states_of(f, a->agents) == Strings{"PAK"});
  CHECK(states_of(f, a->targets) == Strings{"IND"});
}

TEST_CASE("extract: \"was attacked by\" makes the by-phrase the agent", "[extract]") {
  const auto f =
      extract("A Turkish patrol boat was attacked by Greek coast guard vessels near Imia on Friday.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Attack");
  REQUIRE(a != nullptr);
  CHECK(states_of(f, a->agents) == Strings{"GRC"});
  CHECK(states_of(f, a->targets) == Strings{"TUR"});
  CHECK(a->date.iso == "2019-03-08");
}

TEST_CASE("extract: conjoined subjects are all agents", "[extract]") {
  const auto f = extract("Greece and Turkey agreed on Wednesday to resume talks on the islands.");
  INFO(describe(f));
  const IncidentFact* p = incident(f, "Pledge");
  REQUIRE(p != nullptr);
  CHECK(p->plover == "AGREE");
  CHECK(actors(f, p->agents) == Strings{"S:GRC", "S:TUR"});
  CHECK(p->targets.empty());
}

// --- agreements ----------------------------------------------------------------

TEST_CASE("extract: \"between X and Y\" gives an agreement its parties", "[extract]") {
  const auto f = extract("The pact between Peru and Ecuador ended a long dispute, diplomats said.");
  INFO(describe(f));
  REQUIRE(f.agreements.size() == 1);
  auto parties = f.agreements[0].parties;
  std::sort(parties.begin(), parties.end());
  CHECK(parties == Strings{"ECU", "PER"});
  CHECK(f.agreements[0].kind == "pact");
}

TEST_CASE("extract: a signing gives the agreement its signatories, parties and date", "[extract]") {
  const auto f = extract(
      "Kenyan President Uhuru Kenyatta and Ethiopian Prime Minister Abiy Ahmed signed a security "
      "pact in Nairobi on Wednesday.");
  INFO(describe(f));
  const IncidentFact* s = incident(f, "Signing");
  REQUIRE(s != nullptr);
  CHECK(s->plover == "SUPPORT");
  CHECK(actors(f, s->agents) == Strings{"P:Abiy Ahmed", "P:Uhuru Kenyatta"});
  CHECK(s->targets.empty());
  REQUIRE(f.agreements.size() == 1);
  REQUIRE(s->about == 0);
  const auto& a = f.agreements[0];
  CHECK(a.label == "security pact");
  CHECK(a.date == "2019-03-13");
  auto parties = a.parties;
  std::sort(parties.begin(), parties.end());
  CHECK(parties == Strings{"ETH", "KEN"});
  Strings signatories;
  for (auto i : a.signatories) signatories.push_back(f.persons.at(i).name);
  std::sort(signatories.begin(), signatories.end());
  CHECK(signatories == Strings{"Abiy Ahmed", "Uhuru Kenyatta"});
}

TEST_CASE("extract: states signing with each other are the agreement's parties", "[extract]") {
  const auto f = extract("Egypt signed a trade agreement with Sudan on Tuesday.");
  INFO(describe(f));
  const IncidentFact* s = incident(f, "Signing");
  REQUIRE(s != nullptr);
  CHECK(actors(f, s->agents) == Strings{"S:EGY"});
  REQUIRE(f.agreements.size() == 1);
  auto parties = f.agreements[0].parties;
  std::sort(parties.begin(), parties.end());
  CHECK(parties == Strings{"EGY", "SDN"});
  CHECK(f.agreements[0].date == "2019-03-12");
}

TEST_CASE("extract: a passive \"was signed\" still dates the agreement", "[extract]") {
  const auto f = extract("The agreement between Kenya and Ethiopia was signed in Nairobi on Wednesday.");
  INFO(describe(f));
  REQUIRE(f.agreements.size() == 1);
  CHECK(f.agreements[0].date == "2019-03-13");
}

TEST_CASE("extract: meeting a named counterpart gives the counterpart's state", "[extract]") {
  const auto f = extract(
      "Argentine Foreign Minister Felipe Sola met his Chilean counterpart Andres Allamand in "
      "Santiago on Friday.");
  INFO(describe(f));
  const PersonFact* allamand = person(f, "Andres Allamand");
  REQUIRE(allamand != nullptr);
  CHECK(allamand->state == "CHL");
  const IncidentFact* m = incident(f, "Meeting");
  REQUIRE(m != nullptr);
  CHECK(actors(f, m->targets) == Strings{"P:Andres Allamand"});
}

// --- dates ----------------------------------------------------------------------

TEST_CASE("extract: weekdays resolve to the latest such day on or before the article date", "[extract]") {
  // 2019-03-14 is a Thursday.
  const auto f = extract(
      "Japan summoned the Chinese envoy on Friday.\n"
      "Japan warned China on Thursday.\n"
      "Japan protested to China on Sunday.");
  INFO(describe(f));
  REQUIRE(f.incidents.size() == 3);
  CHECK(f.incidents[0].date.iso == "2019-03-08");
  CHECK(f.incidents[0].date.text == "Friday");
  CHECK(f.incidents[1].date.iso == "2019-03-14");
  CHECK(f.incidents[2].date.iso == "2019-03-10");
}

TEST_CASE("extract: without an article date a weekday keeps its words and no ISO date", "[extract]") {
  const auto f = extract("Indonesian President Joko Widodo visited Canberra on Tuesday.", "");
  INFO(describe(f));
  const IncidentFact* v = incident(f, "Visit");
  REQUIRE(v != nullptr);
  CHECK(v->date.iso.empty());
  CHECK(v->date.text == "Tuesday");
}

TEST_CASE("extract: an absolute date in the sentence wins over guessing", "[extract]") {
  const auto f = extract("Ghana and Togo signed a maritime accord on January 9, 2019.");
  INFO(describe(f));
  const IncidentFact* s = incident(f, "Signing");
  REQUIRE(s != nullptr);
  CHECK(s->date.iso == "2019-01-09");
}

TEST_CASE("extract: a weekday in the future tense is not resolved into the past", "[extract]") {
  const auto f = extract("French President Emmanuel Macron will visit Algiers on Saturday.");
  INFO(describe(f));
  // A visit announced for later is an intent to meet (PLOVER AGREE), not yet a visit.
  CHECK(incident(f, "Visit") == nullptr);
  const IncidentFact* v = incident(f, "Pledge");
  REQUIRE(v != nullptr);
  CHECK(v->plover == "AGREE");
  CHECK(v->date.iso != "2019-03-09");
  CHECK((v->date.iso.empty() || v->date.iso == "2019-03-16"));
}

TEST_CASE("extract: the same article extracts the same facts every time", "[extract]") {
  const std::string text =
      "Kenyan President Uhuru Kenyatta visited Addis Ababa on Monday.\n"
      "\"We are brothers and our borders must stay open to trade,\" he said.";
  const auto a = extract(text);
  const auto b = extract(text);
  CHECK(describe(a) == describe(b));
  CHECK(person_names(a) == Strings{"Uhuru Kenyatta"});
  CHECK_FALSE(a.incidents.empty());
}

TEST_CASE("extract: a purpose clause shares the subject of the main verb", "[extract]") {
  const auto f =
      extract("Norway summoned the Polish envoy on Monday to protest the detention of a fisherman.");
  INFO(describe(f));
  const auto* protest = incident(f, "Protest");
  REQUIRE(protest != nullptr);
  CHECK(actors(f, protest->agents) == std::vector<std::string>{"S:NOR"});
}

TEST_CASE("extract: a participle after a comma shares the subject of the main verb", "[extract]") {
  const auto f =
      extract("Peru expelled the Bolivian ambassador, accusing La Paz of meddling in its elections.");
  INFO(describe(f));
  const auto* accusation = incident(f, "Accusation");
  REQUIRE(accusation != nullptr);
  CHECK(actors(f, accusation->agents) == std::vector<std::string>{"S:PER"});
  CHECK(actors(f, accusation->targets) == std::vector<std::string>{"S:BOL"});
}

TEST_CASE("extract: troops crossing into a state is a border crossing targeting it", "[extract]") {
  const auto f = extract("Ethiopian troops crossed into eastern Sudan on Tuesday.");
  INFO(describe(f));
  const auto* crossing = incident(f, "BorderCrossing");
  REQUIRE(crossing != nullptr);
  CHECK(states_of(f, crossing->agents) == std::vector<std::string>{"ETH"});
  CHECK(actors(f, crossing->targets) == std::vector<std::string>{"S:SDN"});
  CHECK(crossing->date.iso == "2019-03-12");
}

TEST_CASE("extract: moving a car into a garage is no border crossing", "[extract]") {
  const auto f = extract("The mayor moved his office into a new building on Tuesday.");
  INFO(describe(f));
  CHECK(incident(f, "BorderCrossing") == nullptr);
}

TEST_CASE("extract: reported speech without quote marks is an indirect statement", "[extract]") {
  const auto f = extract(
      "Chilean President Gabriel Boric said on Tuesday that his government would review the copper tax.");
  INFO(describe(f));
  REQUIRE(f.statements.size() == 1);
  const auto& st = f.statements.front();
  CHECK_FALSE(st.direct);
  CHECK(actor(f, st.speaker) == "P:Gabriel Boric");
  CHECK(st.quote == "his government would review the copper tax");
}

TEST_CASE("extract: reported speech obliging another actor is a demand on it", "[extract]") {
  const auto f = extract("Norway's foreign minister said on Monday that Iceland must stop the whale hunt.");
  INFO(describe(f));
  const IncidentFact* d = incident(f, "Demand");
  REQUIRE(d != nullptr);
  CHECK(d->plover == "DEMAND");
  CHECK(states_of(f, d->agents) == Strings{"NOR"});
  CHECK(actors(f, d->targets) == Strings{"S:ISL"});
  CHECK(d->trigger == "must");
}

TEST_CASE("extract: an obligation on the speaker itself, in the passive or none at all is no demand",
          "[extract]") {
  for (const char* text : {"Norway said that it must protect its fisheries.",
                           "Norway said on Monday that Iceland would stop the whale hunt.",
                           "Norway said that the Icelandic decision must be reviewed."}) {
    const auto f = extract(text);
    INFO(text << "\n" << describe(f));
    CHECK(incident(f, "Demand") == nullptr);
  }
}

TEST_CASE("extract: an actor after \"including\" is no subject", "[extract]") {
  const auto f = extract("Norwegian forces including naval commandos attacked Icelandic trawlers on Monday.");
  INFO(describe(f));
  REQUIRE(!f.incidents.empty());
  CHECK(states_of(f, f.incidents.front().agents) == Strings{"NOR"});
}

TEST_CASE("extract: a hostile act announced for later is a threat", "[extract]") {
  const auto f = extract("Ecuador said it would suspend all trade with Colombia.");
  INFO(describe(f));
  CHECK(incident(f, "Sanction") == nullptr);
  const auto* threat = incident(f, "Threat");
  REQUIRE(threat != nullptr);
  CHECK(threat->plover == "THREATEN");
  CHECK(actors(f, threat->agents) == std::vector<std::string>{"S:ECU"});
  CHECK(actors(f, threat->targets) == std::vector<std::string>{"S:COL"});
}

// --- the leader gazetteer (data/leaders.tsv) ---------------------------------

TEST_CASE("extract: a leader's full name is a person with the state they lead, even without a title",
          "[extract][leaders]") {
  // "Key" is an English word and nothing around the name says "person".
  const auto f = extract("Under John Key, New Zealand signed a trade pact with Chile in 2010.");
  INFO(describe(f));
  const PersonFact* key = person(f, "John Key");
  REQUIRE(key != nullptr);
  CHECK(key->state == "NZL");
  CHECK(key->role == "Prime Minister");  // the text gave none
}

TEST_CASE("extract: a surname with a leader's title takes the one state all such leaders share",
          "[extract][leaders]") {
  const auto f = extract("President Reagan warned Libya on Monday against further attacks.");
  INFO(describe(f));
  const PersonFact* reagan = person(f, "Reagan");
  REQUIRE(reagan != nullptr);
  CHECK(reagan->state == "USA");
  CHECK(reagan->role == "President");
  // The incident built from the person sees the state.
  const IncidentFact* w = incident(f, "Threat");
  REQUIRE(w != nullptr);
  CHECK(states_of(f, w->agents) == Strings{"USA"});
}

TEST_CASE("extract: a leader the gazetteer knows for sure gets their Wikidata item", "[extract][leaders]") {
  const auto f = extract("Chancellor Helmut Kohl and President Kim met in Bonn on Monday.");
  INFO(describe(f));
  const PersonFact* kohl = person(f, "Helmut Kohl");
  REQUIRE(kohl != nullptr);
  CHECK(kohl->wikidata == "Q2518");
  const PersonFact* kim = person(f, "Kim");  // several leaders: nobody in particular
  REQUIRE(kim != nullptr);
  CHECK(kim->wikidata.empty());
  SECTION("not when the text gives another state than the gazetteer's") {
    const auto g = extract("David Levy, Canada's ambassador to Mexico, met the press on Monday.");
    const PersonFact* levy = person(g, "David Levy");
    REQUIRE(levy != nullptr);
    CHECK(levy->wikidata.empty());
  }
}

TEST_CASE("extract: a surname shared by leaders of two states gives no state", "[extract][leaders]") {
  // Kim: presidents of South Korea, leaders of North Korea.
  const auto f = extract("President Kim arrived in Beijing on Tuesday for a three-day visit.");
  INFO(describe(f));
  const PersonFact* kim = person(f, "Kim");
  REQUIRE(kim != nullptr);
  CHECK(kim->state.empty());
}

TEST_CASE("extract: a state the text gives beats the gazetteer", "[extract][leaders]") {
  SECTION("apposition") {
    // Another David Levy than the Israeli foreign minister of the gazetteer.
    const auto f = extract("David Levy, Canada's ambassador to Mexico, met the press on Monday.");
    INFO(describe(f));
    const PersonFact* levy = person(f, "David Levy");
    REQUIRE(levy != nullptr);
    CHECK(levy->state == "CAN");
    CHECK(levy->role == "ambassador");
  }
  SECTION("pre-modifier, against a leader who serves no state") {
    const auto f = extract("Egyptian Deputy Prime Minister Boutros Boutros-Ghali arrived in Rome on Friday.");
    INFO(describe(f));
    const PersonFact* bbg = person(f, "Boutros Boutros-Ghali");
    REQUIRE(bbg != nullptr);
    CHECK(bbg->state == "EGY");
    CHECK(bbg->role == "Deputy Prime Minister");
  }
}

TEST_CASE("extract: the gazetteer corrects a state only inferred from one named nearby",
          "[extract][leaders]") {
  const auto f = extract("Officials in Rabat said on Monday that President Obama would visit in May.");
  INFO(describe(f));
  const PersonFact* obama = person(f, "Obama");
  REQUIRE(obama != nullptr);
  CHECK(obama->state == "USA");
  SECTION("a leader who serves no state takes none from nearby") {
    const auto g = extract("Diplomats from Morocco met Secretary-General Ban Ki-moon in New York on Friday.");
    INFO(describe(g));
    const PersonFact* ban = person(g, "Ban Ki-moon");
    REQUIRE(ban != nullptr);
    CHECK(ban->state.empty());
  }
}

// --- groups and noun events: rules checked on held-out news ----------------------

TEST_CASE("extract: \"its\" before an event noun points at the clause subject", "[extract]") {
  const auto f =
      extract("The European Union renewed its demand on Tuesday that Serbia free the journalists.");
  INFO(describe(f));
  const IncidentFact* d = incident(f, "Demand");
  REQUIRE(d != nullptr);
  CHECK(d->plover == "DEMAND");
  CHECK(actors(f, d->agents) == Strings{"O:European Union"});
  CHECK(actors(f, d->targets) == Strings{"S:SRB"});
}

TEST_CASE("extract: a demonym before an aid word but no agreement noun is a national group", "[extract]") {
  const auto f = extract("Two Canadian aid groups delivered food to Haiti on Monday.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "AidProvision");
  REQUIRE(a != nullptr);
  CHECK(states_of(f, a->agents) == Strings{"CAN"});
  CHECK(actors(f, a->targets) == Strings{"S:HTI"});
  // ... while a demonym before an agreement is still no actor.
  const auto g = extract("The Canadian aid agreement was criticised by Haiti.");
  INFO(describe(g));
  for (const auto& i : g.incidents) CHECK(states_of(g, i.agents) != Strings{"CAN"});
}

TEST_CASE("extract: \"ethnic\" before a demonym names a community, not the state", "[extract]") {
  const auto f = extract("Hundreds of ethnic Hungarians protested against Slovakia on Sunday.");
  INFO(describe(f));
  const IncidentFact* p = incident(f, "Protest");
  REQUIRE(p != nullptr);
  CHECK(actors(f, p->agents) == Strings{"O:ethnic Hungarians"});
  CHECK(states_of(f, p->agents) == Strings{""});
  CHECK(actors(f, p->targets) == Strings{"S:SVK"});
}

TEST_CASE("extract: a fraction before \"of\" keeps its group the subject", "[extract]") {
  const auto f = extract("Half of the Nepalese rebels withdrew from the valley on Friday.");
  INFO(describe(f));
  const IncidentFact* w = incident(f, "Withdrawal");
  REQUIRE(w != nullptr);
  CHECK(states_of(f, w->agents) == Strings{"NPL"});
}

TEST_CASE("extract: a capitalised community word before an organ is a group, not a person", "[extract]") {
  const auto f = extract("On Monday, Tutsi forces attacked a village near the Rwandan border.");
  INFO(describe(f));
  CHECK(person(f, "Tutsi") == nullptr);
  const IncidentFact* a = incident(f, "Attack");
  REQUIRE(a != nullptr);
  CHECK(actors(f, a->agents) == Strings{"O:Tutsi forces"});
}

TEST_CASE("extract: a group \"throughout\" or \"across\" a state has its nationality", "[extract]") {
  const auto f = extract("Farmers across Peru blocked the main highway on Tuesday.");
  INFO(describe(f));
  const IncidentFact* b = incident(f, "Blockade");
  REQUIRE(b != nullptr);
  CHECK(states_of(f, b->agents) == Strings{"PER"});
}

TEST_CASE("extract: \"their forces\" are the forces of the collective that last acted", "[extract]") {
  const auto f =
      extract("Chilean officials said on Monday their troops had finished their withdrawal from the pass.");
  INFO(describe(f));
  const IncidentFact* w = incident(f, "Withdrawal");
  REQUIRE(w != nullptr);
  CHECK(actors(f, w->agents) == Strings{"S:CHL"});
}

TEST_CASE("extract: \"its forces\" past a comma belong to the subject of the sentence before", "[extract]") {
  const auto f = extract(
      "Peru said it was watching the frontier. After Ecuadorian patrols entered the valley, its troops "
      "fired warning shots.");
  INFO(describe(f));
  const IncidentFact* w = incident(f, "WarningShots");
  REQUIRE(w != nullptr);
  CHECK(actors(f, w->agents) == Strings{"S:PER"});
}

TEST_CASE("extract: a comma before the subject ends a clause, it joins no list", "[extract]") {
  const auto f = extract("While Chile was hesitating, Argentina condemned the raid.");
  INFO(describe(f));
  const IncidentFact* c = incident(f, "Criticism");
  REQUIRE(c != nullptr);
  CHECK(actors(f, c->agents) == Strings{"S:ARG"});
  const auto g = extract("Chile, Peru and Argentina condemned the raid.");
  INFO(describe(g));
  const IncidentFact* d = incident(g, "Criticism");
  REQUIRE(d != nullptr);
  CHECK(actors(g, d->agents) == Strings{"S:ARG", "S:CHL", "S:PER"});
}

TEST_CASE("extract: a state word before a currency is no actor", "[extract]") {
  const auto f = extract("Chile sent US $20 million in aid to Bolivia.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "AidProvision");
  REQUIRE(a != nullptr);
  CHECK(actors(f, a->targets) == Strings{"S:BOL"});
}

TEST_CASE("extract: the agent's own forces after the verb are not its target", "[extract]") {
  const auto f = extract("Kenya has reinforced its troops along the border with Somalia.");
  INFO(describe(f));
  const IncidentFact* m = incident(f, "Mobilization");
  REQUIRE(m != nullptr);
  CHECK(actors(f, m->agents) == Strings{"S:KEN"});
  CHECK(actors(f, m->targets) == Strings{"S:SOM"});
}

TEST_CASE("extract: a group \"of\" a place named with a demonym has that nationality", "[extract]") {
  const auto f = extract("Fishermen of the Peruvian Ancash Coast protested against Ecuador on Monday.");
  INFO(describe(f));
  const IncidentFact* p = incident(f, "Protest");
  REQUIRE(p != nullptr);
  CHECK(states_of(f, p->agents) == Strings{"PER"});
}

TEST_CASE("extract: the passive targets the actor that modifies a non-actor subject", "[extract]") {
  const auto f = extract("A convoy of Kenyan traders was attacked by Somali gunmen near the border.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Attack");
  REQUIRE(a != nullptr);
  CHECK(states_of(f, a->agents) == Strings{"SOM"});
  CHECK(states_of(f, a->targets) == Strings{"KEN"});
  // Not across a verb: the actor belongs to another clause.
  const auto g = extract("The minister of Kenya said the depot was attacked by Somali gunmen.");
  INFO(describe(g));
  const IncidentFact* b = incident(g, "Attack");
  REQUIRE(b != nullptr);
  CHECK(b->targets.empty());
}

TEST_CASE("extract: a group a state coerces without a nationality is that state's", "[extract]") {
  const auto f = extract("Bolivian police arrested dozens of miners near the capital on Friday.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Arrest");
  REQUIRE(a != nullptr);
  CHECK(actors(f, a->agents) == Strings{"S:BOL"});
  CHECK(states_of(f, a->targets) == Strings{"BOL"});
  // Not for other categories: protesting against a state does not make the group its nationals.
  const auto g = extract("Miners protested against Bolivia on Friday.");
  INFO(describe(g));
  for (const auto& i : g.incidents) CHECK(states_of(g, i.agents) != Strings{"BOL"});
}

TEST_CASE("extract: a negated cooperative act is a rejection, a negated hostile act none", "[extract]") {
  const auto f = extract("Peru did not accept Bolivia's proposal on Monday.");
  INFO(describe(f));
  REQUIRE(f.incidents.size() == 1);
  CHECK(f.incidents[0].kind == "Rejection");
  CHECK(f.incidents[0].plover == "REJECT");
  CHECK(actors(f, f.incidents[0].agents) == Strings{"S:PER"});
  CHECK(actors(f, f.incidents[0].targets) == Strings{"S:BOL"});
  const auto g = extract("Ecuador has never attacked Colombia, the minister said.");
  INFO(describe(g));
  CHECK(g.incidents.empty());
  // A gerund after "not" names a policy or a denial, no act.
  const auto h = extract("Japan cited its policy of not supplying weapons to Ukraine.");
  INFO(describe(h));
  CHECK(h.incidents.empty());
}

TEST_CASE("extract: a verb trigger right after a preposition is a noun", "[extract]") {
  const auto f = extract("Kenya reopened two schools after clashes with Somali militants.");
  INFO(describe(f));
  CHECK(incident(f, "MilitaryAttack") == nullptr);
  // An infinitive still is a verb.
  const auto g = extract("Greece summoned the Turkish envoy to protest the overflights.");
  INFO(describe(g));
  CHECK(incident(g, "Protest") != nullptr);
}

TEST_CASE("extract: the infinitive of a demand, refusal or threat is no act of its own", "[extract]") {
  const auto f = extract("Ghana urged Togo on Tuesday to release the detainees.");
  INFO(describe(f));
  REQUIRE(f.incidents.size() == 1);
  CHECK(f.incidents[0].plover == "DEMAND");
  CHECK(actors(f, f.incidents[0].targets) == Strings{"S:TGO"});
  const auto g = extract("Chad refused to withdraw its troops from the border town.");
  INFO(describe(g));
  REQUIRE(g.incidents.size() == 1);
  CHECK(g.incidents[0].plover == "REJECT");
  // A pledge keeps its infinitive: what is promised is coded too.
  const auto h = extract("Fiji is willing to forgive Tonga.");
  INFO(describe(h));
  CHECK(incident(h, "Endorsement") != nullptr);
}

// --- long articles: windows of sentences -------------------------------------

namespace {

std::string spans(const std::vector<Span>& v) {
  std::string out;
  for (const auto& s : v) out += std::to_string(s.begin) + "-" + std::to_string(s.end) + ",";
  return out;
}

std::string evidence(const Evidence& e) { return "@" + std::to_string(e.sentence) + ":" + spans({e.span}); }

// Every fact with every field that windows could change: names, variants,
// roles, mention and evidence offsets, dates, order.
std::string describe_fully(const ArticleFacts& f) {
  std::string out = describe(f);
  for (const auto& s : f.sentences) out += spans({s.span});
  out += "\nstates ";
  for (const auto& s : f.states) out += s + ",";
  for (const auto& p : f.persons) {
    out += "\nperson " + p.name + "/" + p.organisation + " " + spans(p.mentions) + " aka ";
    for (const auto& v : p.variants) out += v + ",";
  }
  for (const auto& o : f.organisations)
    out += "\norg " + o.name + "/" + o.code + "/" + o.state + spans(o.mentions);
  for (const auto& i : f.incidents) out += "\nincident " + i.trigger + evidence(i.evidence) + i.place;
  for (const auto& s : f.statements) {
    out += "\nstatement " + evidence(s.evidence) + (s.direct ? "direct " : "reported ") + s.date.iso;
  }
  for (const auto& a : f.agreements) {
    out += "\nagreement " + a.place;
    for (const auto& e : a.evidence) out += evidence(e);
    for (const auto s : a.signatories) out += std::to_string(s) + ",";
  }
  return out;
}

ArticleFacts extract_in_windows(const std::string& text, std::size_t window_bytes) {
  Article a;
  a.id = "long";
  a.origin = "test";
  a.date = "2024-06-20";
  a.text = text;
  a.original_offset.append(0, text.size() + 1);
  return Extractor(lexicon(), window_bytes).extract(std::move(a));
}

// The sample articles, one after the other: persons named in one and only
// surnamed later, quotes carried over to the next paragraph's speaker,
// context aliases, agreements.
std::string sample_text() {
  std::string text;
  std::vector<std::filesystem::path> paths;
  const std::filesystem::path samples = std::filesystem::path(NEWSGRAPH_TEST_SOURCE_DIR) / "samples";
  for (const auto& entry : std::filesystem::directory_iterator(samples)) paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    text += std::string(std::istreambuf_iterator<char>(in), {}) + "\n";
  }
  return text;
}

std::size_t longest_paragraph(const std::string& text) {
  std::size_t longest = 0, begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      longest = std::max(longest, i - begin);
      begin = i + 1;
    }
  }
  return longest;
}

}  // namespace

TEST_CASE("extract: a long article read in windows of sentences gives the facts of one read",
          "[extract][windows]") {
  const std::string text = sample_text();
  const auto whole = extract_in_windows(text, Extractor::kWindowBytes);
  REQUIRE(text.size() < Extractor::kWindowBytes);
  REQUIRE(whole.persons.size() > 10);
  REQUIRE(whole.statements.size() > 10);
  REQUIRE(whole.incidents.size() > 5);
  // Windows cut at paragraph ends, so any window as long as the longest
  // paragraph gives the same facts (over 30 windows for the smallest).
  const std::size_t paragraph = longest_paragraph(text);
  REQUIRE(text.size() > 30 * paragraph);
  for (const std::size_t window : {paragraph, paragraph + 37, 3 * paragraph, text.size() / 2}) {
    INFO("window of " << window << " bytes");
    const auto windowed = extract_in_windows(text, window);
    CHECK(describe_fully(windowed) == describe_fully(whole));
  }
}

TEST_CASE("extract: evidence in a later window points into the whole article", "[extract][windows]") {
  // The same paragraphs three times: the third copy is far beyond the first window.
  const std::string paragraph =
      "Japanese Foreign Minister Taro Kono summoned China's ambassador Cheng Yonghua on Tuesday.\n"
      "\"This is a grave violation of our sovereignty and we will not accept it,\" Kono said.\n";
  const std::string text = paragraph + paragraph + paragraph;
  const auto f = extract_in_windows(text, paragraph.size() / 2);
  REQUIRE(f.statements.size() == 3);
  for (const auto& s : f.statements) {
    CHECK(text.substr(s.evidence.span.begin, s.evidence.span.end - s.evidence.span.begin) == s.quote);
    CHECK(f.sentences.at(s.evidence.sentence).span.begin <= s.evidence.span.begin);
  }
  CHECK(f.statements.back().evidence.span.begin > 2 * paragraph.size());
  REQUIRE(f.incidents.size() == 3);
  CHECK(f.incidents.back().evidence.span.begin == 2 * paragraph.size());
  // One person across the windows, with every mention.
  const PersonFact* kono = person(f, "Taro Kono");
  REQUIRE(kono != nullptr);
  CHECK(kono->mentions.size() == 6);
  CHECK(actor(f, f.statements.back().speaker) == "P:Taro Kono");
}

TEST_CASE("extract: a paragraph longer than the window is cut between sentences", "[extract][windows]") {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Russia summoned the British ambassador on Monday. ";
  text += "\n";
  const auto f = extract_in_windows(text, 60);
  CHECK(f.sentences.size() == 20);
  REQUIRE(f.incidents.size() == 20);
  for (std::size_t i = 0; i < f.incidents.size(); ++i) {
    CHECK(f.incidents[i].evidence.sentence == i);
    CHECK(actors(f, f.incidents[i].agents) == Strings{"S:RUS"});
  }
  // A window smaller than a sentence holds that one sentence.
  CHECK(describe_fully(extract_in_windows(text, 1)) == describe_fully(f));
}

TEST_CASE("extract: recalling or expelling envoys is a sanction on the envoys' state", "[extract]") {
  const auto f = extract("Ghana recalled its ambassador to Togo on Monday.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Sanction");
  REQUIRE(a != nullptr);
  CHECK(a->plover == "SANCTION");
  CHECK(actors(f, a->agents) == Strings{"S:GHA"});
  CHECK(actors(f, a->targets) == Strings{"S:TGO"});
  const auto g = extract("Hungary expelled a Slovak diplomat on Friday.");
  INFO(describe(g));
  const IncidentFact* b = incident(g, "Sanction");
  REQUIRE(b != nullptr);
  CHECK(states_of(g, b->targets) == Strings{"SVK"});
}

TEST_CASE("extract: a trigger word after a preposition is a noun, not a verb", "[extract]") {
  const auto f = extract("Nepal withdrew its envoys from Delhi in protest on Monday.");
  INFO(describe(f));
  CHECK(incident(f, "Protest") == nullptr);
  CHECK(incident(f, "Sanction") != nullptr);
  // A gerund after a preposition still acts.
  const auto g = extract("Fiji responded by criticizing Tonga.");
  INFO(describe(g));
  CHECK(incident(g, "Criticism") != nullptr);
}

TEST_CASE("extract: military exercises are a show of force", "[extract]") {
  const auto f = extract("Azerbaijani troops began large exercises near the border on Tuesday.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Mobilization");
  REQUIRE(a != nullptr);
  CHECK(states_of(f, a->agents) == Strings{"AZE"});
}

TEST_CASE("extract: the source of a report after a comma is not the target", "[extract]") {
  const auto f = extract("Norway offered to host new talks, Foreign Minister Ola Berg said on Friday.");
  INFO(describe(f));
  REQUIRE(!f.incidents.empty());
  for (const auto& i : f.incidents) CHECK(states_of(f, i.targets).empty());
}

TEST_CASE("extract: an infinitive or participle clause keeps the main verb's target", "[extract]") {
  const auto f = extract("Chad expelled a Sudanese diplomat on Friday, accusing him of spying.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Accusation");
  REQUIRE(a != nullptr);
  CHECK(actors(f, a->agents) == Strings{"S:TCD"});
  CHECK(actors(f, a->targets) == Strings{"S:SDN"});
  const auto g = extract("Estonia summoned the Latvian envoy on Monday to protest the decision.");
  INFO(describe(g));
  const IncidentFact* b = incident(g, "Protest");
  REQUIRE(b != nullptr);
  CHECK(states_of(g, b->targets) == Strings{"LVA"});
}

TEST_CASE("extract: a person does not act on the state they represent", "[extract]") {
  const auto f =
      extract("Ecuador's foreign minister, Rosa Vidal, rejected the claim and said Quito would answer it.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Rejection");
  REQUIRE(a != nullptr);
  CHECK(states_of(f, a->targets).empty());
}

TEST_CASE("extract: reported speech ends before the speaker's next speech verb", "[extract]") {
  const auto f = extract(
      "Ghana's interior ministry denied that its guards had fired and insisted the shots came from "
      "smugglers.");
  INFO(describe(f));
  bool found = false;
  for (const auto& s : f.statements) {
    if (s.direct) continue;
    found = true;
    CHECK(s.quote == "its guards had fired");
  }
  CHECK(found);
}

TEST_CASE("extract: a verb after 'and' without a subject shares the one before", "[extract]") {
  const auto f = extract(
      "Mali's defence ministry denied that its troops had entered the zone and accused Nigerien "
      "gendarmes of shooting first.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "Accusation");
  REQUIRE(a != nullptr);
  CHECK(states_of(f, a->agents) == Strings{"MLI"});
  CHECK(states_of(f, a->targets) == Strings{"NER"});
}

TEST_CASE("extract: a place named by a demonym stands for its state", "[extract]") {
  const auto f = extract("Eritrean artillery shelled an Ethiopian town on Sunday.");
  INFO(describe(f));
  const IncidentFact* a = incident(f, "MilitaryAttack");
  REQUIRE(a != nullptr);
  CHECK(actors(f, a->targets) == Strings{"S:ETH"});
}

TEST_CASE("extract: a trigger after a preposition and a modifier is a noun", "[extract]") {
  // A headline without articles: "clash" is the noun of "after border clash".
  const auto f = extract("Ghana recalls envoy from Togo after border clash, signs trade accord with Benin");
  INFO(describe(f));
  CHECK(incident(f, "MilitaryAttack") == nullptr);
  // A subject between the preposition and the verb keeps it a verb.
  const auto g = extract("The talks stalled after Guyanese troops clashed with Venezuelan soldiers.");
  INFO(describe(g));
  CHECK(incident(g, "MilitaryAttack") != nullptr);
  // A past tense after "of" and a plural is the verb of the phrase before it.
  const auto h =
      extract("An African Union commission of jurists investigated reports that Chad shelled villages.");
  INFO(describe(h));
  CHECK(incident(h, "Investigation") != nullptr);
}

TEST_CASE("extract: 'the two countries' are the two states named last", "[extract]") {
  auto sorted = [](Strings v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  const auto f = extract(
      "Honduras accused Nicaragua of moving troops to the frontier. "
      "Soldiers from the two countries exchanged fire near a border post on Monday.");
  INFO(describe(f));
  const IncidentFact* clash = incident(f, "MilitaryAttack");
  REQUIRE(clash != nullptr);
  CHECK(sorted(states_of(f, clash->agents)) == Strings{"HND", "NIC"});
  // As a target, both states.
  const auto g =
      extract("Ecuador and Colombia traded accusations. Brazil urged the two neighbours to resume talks.");
  INFO(describe(g));
  const IncidentFact* demand = incident(g, "Demand");
  REQUIRE(demand != nullptr);
  CHECK(states_of(g, demand->agents) == Strings{"BRA"});
  CHECK(sorted(states_of(g, demand->targets)) == Strings{"COL", "ECU"});
  // With fewer than two states named before it, the phrase names no one.
  const auto h = extract("Peru said soldiers from both countries exchanged fire.");
  INFO(describe(h));
  CHECK(incident(h, "MilitaryAttack") == nullptr);
}
