// The lexicon as the extractor sees it: states from iso-codes plus
// data/states.tsv, demonyms, capitals, context aliases, roles, event patterns,
// word classes, the leader gazetteer, the case rules for acronyms, verb
// inflection, the tokenizer, and the errors a broken data file gives.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "lexicon/lexicon.hpp"
#include "lexicon/phrase_trie.hpp"
#include "lexicon/tokenizer.hpp"
#include "lexicon/vocabulary.hpp"
#include "util/error.hpp"

using namespace newsgraph;
namespace fs = std::filesystem;

namespace {

const Lexicon& lexicon() {
  static const Lexicon lex = Lexicon::load(NEWSGRAPH_TEST_SOURCE_DIR);
  return lex;
}

// Every lexicon entry whose phrase covers exactly `phrase`, looked up the way
// the extractor does: exact-case trie by surface text, folded trie by lowercase.
std::vector<const EntityEntry*> entries_for(const std::string& phrase) {
  const Lexicon& lex = lexicon();
  const auto tokens = tokenize(phrase);
  std::vector<const EntityEntry*> out;
  const std::vector<std::uint32_t>* payloads = nullptr;
  const auto exact = lex.exact_entities.longest(
      tokens, 0, [&](const Token& t) { return lex.words.find(token_text(phrase, t)); }, &payloads);
  if (exact == tokens.size() && payloads != nullptr) {
    for (auto id : *payloads) out.push_back(&lex.entities[id]);
  }
  const auto folded = lex.folded_entities.longest(
      tokens, 0, [&](const Token& t) { return lex.words.find(t.lower); }, &payloads);
  if (folded == tokens.size() && payloads != nullptr) {
    for (auto id : *payloads) out.push_back(&lex.entities[id]);
  }
  return out;
}

bool is_state_kind(EntityKind k) {
  return k == EntityKind::StateName || k == EntityKind::StateDemonym || k == EntityKind::StateCapital ||
         k == EntityKind::StateAlias;
}

// The iso3 codes a phrase denotes as a state entry of the given kind.
std::vector<std::string> states_for(const std::string& phrase, EntityKind kind) {
  std::vector<std::string> out;
  for (const auto* e : entries_for(phrase)) {
    if (e->kind == kind) out.push_back(lexicon().states[e->index].iso3);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> texts(const std::string& s) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(s)) out.emplace_back(token_text(s, t));
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A copy of the repository's data/ under a fresh temp root, so one file can be broken.
fs::path copy_of_data() {
  char tmpl[] = "/tmp/newsgraph-lexicon-XXXXXX";
  const fs::path root = ::mkdtemp(tmpl);
  fs::copy(fs::path(NEWSGRAPH_TEST_SOURCE_DIR) / "data", root / "data", fs::copy_options::recursive);
  return root;
}

// Appends `row` to data/<file> and returns the 1-based line number it landed on.
std::size_t append_row(const fs::path& root, const std::string& file, const std::string& row) {
  const fs::path p = root / "data" / file;
  std::string text = slurp(p);
  if (!text.empty() && text.back() != '\n') text += '\n';
  const auto line = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text << row << '\n';
  return line;
}

}  // namespace

TEST_CASE("lexicon: every ISO 3166 state loads, labelled from states.tsv", "[lexicon]") {
  const Lexicon& lex = lexicon();
  CHECK(lex.states.size() >= 197);
  const StateInfo* kor = lex.state("KOR");
  REQUIRE(kor != nullptr);
  CHECK(kor->label == "South Korea");            // the display label, not ISO's inverted name
  CHECK(kor->iso_name == "Korea, Republic of");  // ISO's own name is kept alongside
  CHECK(kor->wikidata == "Q884");
  CHECK(kor->names.front() == "South Korea");  // label first
  CHECK(contains(kor->names, "Republic of Korea"));
  const StateInfo* jpn = lex.state("JPN");
  REQUIRE(jpn != nullptr);
  CHECK(jpn->label == "Japan");
  CHECK(jpn->wikidata == "Q17");
  // A state only iso-codes knows still gets a label, never an empty one.
  for (const auto& s : lex.states) {
    INFO(s.iso3);
    CHECK_FALSE(s.label.empty());
    CHECK(s.iso3.size() == 3);
  }
  CHECK(lex.state("XYZ") == nullptr);
}

TEST_CASE("lexicon: a state's names list its label first, each name once", "[lexicon]") {
  // lexicon.hpp: "every name form (label first)". ISO's own name comes first
  // today, and a name both ISO and states.tsv give is listed twice.
  for (const char* iso : {"RUS", "NZL", "TCD", "IRN"}) {
    const StateInfo* s = lexicon().state(iso);
    REQUIRE(s != nullptr);
    INFO(iso);
    REQUIRE_FALSE(s->names.empty());
    CHECK(s->names.front() == s->label);
    auto sorted = s->names;
    std::sort(sorted.begin(), sorted.end());
    const auto twice = std::adjacent_find(sorted.begin(), sorted.end());
    CHECK((twice == sorted.end() ? std::string() : *twice) == "");
  }
}

TEST_CASE("lexicon: a user-assigned code outside ISO 3166 (Kosovo) is a state", "[lexicon]") {
  const StateInfo* xkx = lexicon().state("XKX");
  REQUIRE(xkx != nullptr);
  CHECK(xkx->label == "Kosovo");
  CHECK(xkx->wikidata == "Q1246");
  CHECK(states_for("Pristina", EntityKind::StateCapital) == std::vector<std::string>{"XKX"});
  CHECK(states_for("Kosovar", EntityKind::StateDemonym) == std::vector<std::string>{"XKX"});
}

TEST_CASE("lexicon: names, demonyms and capitals map to the right iso3", "[lexicon]") {
  CHECK(states_for("New Zealand", EntityKind::StateName) == std::vector<std::string>{"NZL"});
  CHECK(states_for("Viet Nam", EntityKind::StateName) == std::vector<std::string>{"VNM"});
  CHECK(states_for("Burma", EntityKind::StateName) == std::vector<std::string>{"MMR"});
  CHECK(states_for("Filipino", EntityKind::StateDemonym) == std::vector<std::string>{"PHL"});
  CHECK(states_for("Azeri", EntityKind::StateDemonym) == std::vector<std::string>{"AZE"});
  CHECK(states_for("New Zealanders", EntityKind::StateDemonym) == std::vector<std::string>{"NZL"});
  CHECK(states_for("Canberra", EntityKind::StateCapital) == std::vector<std::string>{"AUS"});
  CHECK(states_for("New Delhi", EntityKind::StateCapital) == std::vector<std::string>{"IND"});
  CHECK(states_for("The Hague", EntityKind::StateCapital) == std::vector<std::string>{"NLD"});
  // Matching is on tokens and case-insensitive for ordinary names.
  CHECK(states_for("CANBERRA", EntityKind::StateCapital) == std::vector<std::string>{"AUS"});
}

TEST_CASE("lexicon: a name, demonym or capital belongs to one state only", "[lexicon]") {
  const Lexicon& lex = lexicon();
  std::map<std::string, std::string> owner;  // lowercase surface -> iso3
  std::vector<std::string> clashes;
  for (const auto& e : lex.entities) {
    if (!is_state_kind(e.kind) || e.kind == EntityKind::StateAlias) continue;
    const std::string key = e.exact_case ? e.surface : std::string("~") + [&] {
      std::string l = e.surface;
      for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return l;
    }();
    const std::string& iso = lex.states[e.index].iso3;
    const auto [it, fresh] = owner.emplace(key, iso);
    if (!fresh && it->second != iso) clashes.push_back(e.surface + ": " + it->second + " and " + iso);
  }
  INFO(clashes.size() << " clashes, first: " << (clashes.empty() ? "" : clashes.front()));
  CHECK(clashes.empty());
}

TEST_CASE("lexicon: context aliases point at their state and carry what they require", "[lexicon]") {
  const Lexicon& lex = lexicon();
  CHECK(states_for("Kremlin", EntityKind::StateAlias) == std::vector<std::string>{"RUS"});
  CHECK(states_for("Knesset", EntityKind::StateAlias) == std::vector<std::string>{"ISR"});
  CHECK(states_for("Downing Street", EntityKind::StateAlias) == std::vector<std::string>{"GBR"});
  // An unconditional alias requires nothing.
  for (const auto* e : entries_for("Kremlin")) CHECK(e->requires_states.empty());
  // "the North" is North Korea only in an article that mentions one of the Koreas.
  const auto north = entries_for("the North");
  const auto it = std::find_if(north.begin(), north.end(),
                               [](const EntityEntry* e) { return e->kind == EntityKind::StateAlias; });
  REQUIRE(it != north.end());
  CHECK(lex.states[(*it)->index].iso3 == "PRK");
  auto req = (*it)->requires_states;
  std::sort(req.begin(), req.end());
  CHECK(req == std::vector<std::string>{"KOR", "PRK"});
  // "the mainland" needs Taiwan in the article.
  const auto mainland = entries_for("the mainland");
  REQUIRE_FALSE(mainland.empty());
  CHECK(lex.states[mainland.front()->index].iso3 == "CHN");
  CHECK(mainland.front()->requires_states == std::vector<std::string>{"TWN"});
}

TEST_CASE("lexicon: acronyms match only in their exact case", "[lexicon]") {
  // "US" and "U.S." are the United States; "us" is a pronoun and matches nothing.
  CHECK(states_for("US", EntityKind::StateName) == std::vector<std::string>{"USA"});
  CHECK(states_for("U.S.", EntityKind::StateName) == std::vector<std::string>{"USA"});
  CHECK(states_for("UK", EntityKind::StateName) == std::vector<std::string>{"GBR"});
  CHECK(entries_for("us").empty());
  CHECK(entries_for("Us").empty());
  CHECK(entries_for("uk").empty());
  for (const auto* e : entries_for("US")) CHECK(e->exact_case);
  // Organisation acronyms follow the same rule: WHO the body, "who" the pronoun.
  const auto who = entries_for("WHO");
  REQUIRE_FALSE(who.empty());
  CHECK(who.front()->kind == EntityKind::Organisation);
  CHECK(lexicon().organisations[who.front()->index].name == "World Health Organization");
  CHECK(entries_for("who").empty());
  // Longer names are case-insensitive and not exact-case.
  for (const auto* e : entries_for("united nations")) CHECK_FALSE(e->exact_case);
}

TEST_CASE("lexicon: single-word state names keep their capital so lower case can be told apart",
          "[lexicon]") {
  // "chad" and "turkey" are found by the folded trie; the entry's surface keeps
  // the capital the extractor requires of a proper noun.
  for (const std::string w : {"chad", "turkey", "georgia", "jordan"}) {
    const auto found = entries_for(w);
    INFO(w);
    REQUIRE_FALSE(found.empty());
    for (const auto* e : found) {
      CHECK(std::isupper(static_cast<unsigned char>(e->surface[0])));
      CHECK_FALSE(e->exact_case);
    }
  }
  CHECK(states_for("Chad", EntityKind::StateName) == std::vector<std::string>{"TCD"});
  CHECK(states_for("Turkey", EntityKind::StateName) == std::vector<std::string>{"TUR"});
}

TEST_CASE("lexicon: organisations load with their aliases and codes", "[lexicon]") {
  const Lexicon& lex = lexicon();
  const auto un = entries_for("U.N.");
  REQUIRE(un.size() == 1);
  const OrganisationInfo& o = lex.organisations[un.front()->index];
  CHECK(o.name == "United Nations");
  CHECK(o.code == "IGO");
  CHECK(o.state.empty());
  const auto xinhua = entries_for("Xinhua News Agency");
  REQUIRE(xinhua.size() == 1);
  CHECK(lex.organisations[xinhua.front()->index].state == "CHN");
  CHECK(lex.organisations[xinhua.front()->index].kind == "media");
}

TEST_CASE("lexicon: roles load with their type, compound titles as one phrase", "[lexicon]") {
  const Lexicon& lex = lexicon();
  auto role_of = [&](const std::string& phrase) -> const RoleInfo* {
    for (const auto* e : entries_for(phrase)) {
      if (e->kind == EntityKind::Role) return &lex.roles[e->index];
    }
    return nullptr;
  };
  const RoleInfo* vfm = role_of("Vice Foreign Minister");
  REQUIRE(vfm != nullptr);
  CHECK(vfm->phrase == "vice foreign minister");
  CHECK(vfm->type == RoleType::Title);
  REQUIRE(role_of("mr") != nullptr);
  CHECK(role_of("mr")->type == RoleType::Honorific);
  REQUIRE(role_of("professor") != nullptr);
  CHECK(role_of("professor")->type == RoleType::Descriptor);
  CHECK(role_of("fishmonger of the year") == nullptr);
}

TEST_CASE("lexicon: event patterns load with kind, PLOVER category and inflected triggers", "[lexicon]") {
  const Lexicon& lex = lexicon();
  auto kinds_for = [&](const std::string& word) {
    std::vector<std::string> out;
    const auto tokens = tokenize(word);
    const std::vector<std::uint32_t>* payloads = nullptr;
    if (lex.event_triggers.longest(
            tokens, 0, [&](const Token& t) { return lex.words.find(t.lower); }, &payloads) == tokens.size() &&
        payloads != nullptr) {
      for (auto id : *payloads) out.push_back(lex.events[id].kind + "/" + lex.events[id].plover);
    }
    return out;
  };
  CHECK(contains(kinds_for("summoned"), "Summons/DISAPPROVE"));
  CHECK(contains(kinds_for("summons"), "Summons/DISAPPROVE"));
  CHECK(contains(kinds_for("called in"), "Summons/DISAPPROVE"));
  CHECK(contains(kinds_for("signing"), "Signing/SUPPORT"));
  CHECK(contains(kinds_for("imposed"), "Sanction/SANCTION"));
  CHECK(contains(kinds_for("crossed"), "BorderCrossing/MOBILIZE"));
  CHECK(kinds_for("summonsed").empty());
  // Rows keep their line numbers (for messages) and options.
  for (const auto& p : lex.events) {
    CHECK(p.line > 0);
    CHECK_FALSE(p.plover.empty());
  }
  const auto signing = std::find_if(lex.events.begin(), lex.events.end(),
                                    [](const EventPattern& p) { return p.kind == "Signing"; });
  REQUIRE(signing != lex.events.end());
  CHECK(signing->target_none);
  CHECK(contains(signing->object, "treaty"));
}

TEST_CASE("lexicon: word classes hold inflected verbs and plain words", "[lexicon]") {
  const Lexicon& lex = lexicon();
  CHECK(lex.in_class("speech_verb", "said"));
  CHECK(lex.in_class("speech_verb", "warned"));  // inflected from "warn"
  CHECK(lex.in_class("speech_verb", "insists"));
  CHECK(lex.in_class("determiner", "the"));
  CHECK_FALSE(lex.in_class("speech_verb", "summoned"));
  CHECK_FALSE(lex.in_class("no_such_class", "said"));
  CHECK(lex.common_words.count("boat") == 1);  // the system word list is loaded
}

TEST_CASE("lexicon: inflect_verb gives regular forms with spelling changes", "[lexicon]") {
  const auto summon = inflect_verb("summon");
  CHECK(contains(summon, "summon"));
  CHECK(contains(summon, "summons"));
  CHECK(contains(summon, "summoned"));
  CHECK(contains(summon, "summoning"));
  const auto impose = inflect_verb("impose");  // e-dropping
  CHECK(contains(impose, "imposes"));
  CHECK(contains(impose, "imposed"));
  CHECK(contains(impose, "imposing"));
  CHECK_FALSE(contains(impose, "imposeed"));
  const auto deny = inflect_verb("deny");  // consonant + y
  CHECK(contains(deny, "denies"));
  CHECK(contains(deny, "denied"));
  CHECK(contains(deny, "denying"));
  const auto play = inflect_verb("play");  // vowel + y keeps the y
  CHECK(contains(play, "plays"));
  CHECK(contains(play, "played"));
  const auto cross = inflect_verb("cross");  // sibilant takes -es
  CHECK(contains(cross, "crosses"));
  CHECK(contains(cross, "crossed"));
  const auto ban = inflect_verb("ban");  // consonant doubling
  CHECK(contains(ban, "banned"));
  CHECK(contains(ban, "banning"));
  const auto reach = inflect_verb("reach");
  CHECK(contains(reach, "reaches"));
  // Phrasal verbs inflect their first word only.
  const auto call_in = inflect_verb("call in");
  CHECK(contains(call_in, "called in"));
  CHECK(contains(call_in, "calls in"));
  CHECK(contains(call_in, "calling in"));
  CHECK_FALSE(contains(call_in, "call ined"));
}

TEST_CASE("lexicon: the real data files load without error", "[lexicon]") {
  CHECK_NOTHROW(Lexicon::load(NEWSGRAPH_TEST_SOURCE_DIR));
}

TEST_CASE("lexicon: a malformed events.tsv row names the file and line", "[lexicon]") {
  const fs::path root = copy_of_data();
  const std::size_t line =
      append_row(root, "events.tsv", "Summons\tDISAPPROVE\tadverb\tsummon\t-\t-\tpriority=1");
  try {
    (void)Lexicon::load(root.string());
    FAIL("a pos of 'adverb' was accepted");
  } catch (const InputError& e) {
    const std::string what = e.what();
    CHECK(what.find("events.tsv:" + std::to_string(line)) != std::string::npos);
    CHECK(what.find("adverb") != std::string::npos);
    CHECK(e.where().line == line);
    CHECK(fs::path(e.where().file).filename() == "events.tsv");
  }
  fs::remove_all(root);
}

TEST_CASE("lexicon: a row with too few columns or an unknown option is an InputError", "[lexicon]") {
  SECTION("events.tsv, missing columns") {
    const fs::path root = copy_of_data();
    const std::size_t line = append_row(root, "events.tsv", "Summons\tDISAPPROVE\tverb");
    try {
      (void)Lexicon::load(root.string());
      FAIL("a three-column events row was accepted");
    } catch (const InputError& e) {
      CHECK(e.where().line == line);
      CHECK(std::string(e.what()).find("events.tsv") != std::string::npos);
    }
    fs::remove_all(root);
  }
  SECTION("events.tsv, unknown option") {
    const fs::path root = copy_of_data();
    const std::size_t line =
        append_row(root, "events.tsv", "Summons\tDISAPPROVE\tverb\tsummon\t-\t-\tloudly");
    try {
      (void)Lexicon::load(root.string());
      FAIL("an unknown option was accepted");
    } catch (const InputError& e) {
      CHECK(e.where().line == line);
      CHECK(std::string(e.what()).find("loudly") != std::string::npos);
    }
    fs::remove_all(root);
  }
  SECTION("states.tsv, missing columns") {
    const fs::path root = copy_of_data();
    const std::size_t line = append_row(root, "states.tsv", "ZZZ\tQ1\tZedland");
    try {
      (void)Lexicon::load(root.string());
      FAIL("a three-column states row was accepted");
    } catch (const InputError& e) {
      CHECK(e.where().line == line);
      CHECK(fs::path(e.where().file).filename() == "states.tsv");
    }
    fs::remove_all(root);
  }
}

TEST_CASE("lexicon: a missing data file is an InputError naming it", "[lexicon]") {
  const fs::path root = copy_of_data();
  fs::remove(root / "data" / "roles.tsv");
  try {
    (void)Lexicon::load(root.string());
    FAIL("loading without roles.tsv succeeded");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("roles.tsv") != std::string::npos);
  }
  fs::remove_all(root);
}

TEST_CASE("lexicon: a data row added to a copy of data/ is matched", "[lexicon]") {
  // Adding an alias is editing a file, never code.
  const fs::path root = copy_of_data();
  (void)append_row(root, "state_context_aliases.tsv", "Hofburg\tAUT");
  const Lexicon lex = Lexicon::load(root.string());
  const std::string phrase = "Hofburg";
  const auto tokens = tokenize(phrase);
  const std::vector<std::uint32_t>* payloads = nullptr;
  REQUIRE(lex.folded_entities.longest(
              tokens, 0, [&](const Token& t) { return lex.words.find(t.lower); }, &payloads) == 1);
  REQUIRE(payloads != nullptr);
  CHECK(lex.states[lex.entities[payloads->front()].index].iso3 == "AUT");
  fs::remove_all(root);
}

TEST_CASE("lexicon: tokenizer keeps dotted initialisms whole", "[lexicon][tokenizer]") {
  CHECK(texts("the U.S. envoy") == std::vector<std::string>{"the", "U.S.", "envoy"});
  CHECK(texts("at 9 a.m. today") == std::vector<std::string>{"at", "9", "a.m.", "today"});
  // A sentence-final period after a word is punctuation.
  CHECK(texts("He left.") == std::vector<std::string>{"He", "left", "."});
}

TEST_CASE("lexicon: tokenizer splits the possessive 's off", "[lexicon][tokenizer]") {
  CHECK(texts("New Zealand's premier") == std::vector<std::string>{"New", "Zealand", "'s", "premier"});
  CHECK(texts("the Philippines' navy") == std::vector<std::string>{"the", "Philippines", "'", "navy"});
  // Internal apostrophes stay inside the word.
  CHECK(texts("O'Neill didn't") == std::vector<std::string>{"O'Neill", "didn't"});
  CHECK(texts("N'Djamena's") == std::vector<std::string>{"N'Djamena", "'s"});
}

TEST_CASE("lexicon: tokenizer marks glued hyphens", "[lexicon][tokenizer]") {
  const std::string s = "Jean-Yves Le Drian met al-Sisi - briefly";
  const auto t = tokenize(s);
  REQUIRE(texts(s) == std::vector<std::string>{"Jean", "-", "Yves", "Le", "Drian", "met", "al", "-", "Sisi",
                                               "-", "briefly"});
  CHECK(t[1].glued);
  CHECK(t[2].glued);
  CHECK_FALSE(t[3].glued);
  CHECK(t[7].glued);
  CHECK_FALSE(t[9].glued);  // a free-standing dash has spaces around it
  CHECK(t[0].capitalised);
  CHECK_FALSE(t[6].capitalised);
}

TEST_CASE("lexicon: tokenizer keeps numbers with separators whole", "[lexicon][tokenizer]") {
  CHECK(texts("1,250 troops and 2.5 billion") ==
        std::vector<std::string>{"1,250", "troops", "and", "2.5", "billion"});
  CHECK(texts("a 21-gun salute") == std::vector<std::string>{"a", "21", "-", "gun", "salute"});
  CHECK(texts("the 1990s, 2024.") == std::vector<std::string>{"the", "1990s", ",", "2024", "."});
  const auto t = tokenize("In 2019");
  REQUIRE(t.size() == 2);
  CHECK(t[1].has_digit);
  CHECK(t[1].is_word);
}

TEST_CASE("lexicon: tokenizer spans index the text and flag case", "[lexicon][tokenizer]") {
  const std::string s = "NATO and \"Kono\" (Tokyo)";
  const auto t = tokenize(s, 0, s.size());
  REQUIRE(t.size() == 8);
  CHECK(t[0].all_caps);
  CHECK(t[0].capitalised);
  CHECK(t[0].lower == "nato");
  CHECK(t[1].lower == "and");
  CHECK(t[1].is_word);
  CHECK(token_text(s, t[2]) == "\"");
  CHECK_FALSE(t[2].is_word);
  CHECK(token_text(s, t[3]) == "Kono");
  CHECK(t[3].glued);
  CHECK(token_text(s, t[6]) == "Tokyo");
  // A sub-range tokenises only that range, with offsets into the whole text.
  const auto sub = tokenize(s, 9, 15);
  REQUIRE(sub.size() == 3);
  CHECK(sub[1].begin == 10);
  CHECK(sub[1].end == 14);
}

// --- the leader gazetteer (data/leaders.tsv) ---------------------------------

TEST_CASE("lexicon: a leader's full name or spelling variant gives state and role", "[lexicon][leaders]") {
  const auto& g = lexicon().leaders;
  const auto m = g.full_name("Abdelaziz Bouteflika", "");
  REQUIRE(m.has_value());
  CHECK(m->state == "DZA");
  CHECK(m->role == "president");
  // Variants and the Arabic article do not matter.
  for (const char* name : {"Moammar Gadhafi", "Muammar al-Qaddafi", "Mu'ammar al-Qadhafi"}) {
    const auto q = g.full_name(name, "");
    REQUIRE(q.has_value());
    CHECK(q->state == "LBY");
  }
  CHECK(leader_key("Bashar al-Assad") == leader_key("Bashar Assad"));
  CHECK(g.full_name("Barack Obama", "")->wikidata == "Q76");
  CHECK_FALSE(g.full_name("Paulo Menezes", "").has_value());
}

TEST_CASE("lexicon: a surname with a title counts only leaders who held that title", "[lexicon][leaders]") {
  const auto& g = lexicon().leaders;
  // Two Presidents Bush, one state.
  const auto bush = g.titled_surname("Bush", "President");
  REQUIRE(bush.has_value());
  CHECK(bush->state == "USA");
  CHECK(g.titled_surname("Sharif", "Prime Minister")->state == "PAK");
  CHECK(g.titled_surname("Hassan", "King")->state == "MAR");  // a regnal number is not a surname
  // No leader called Bush was ever an ambassador.
  CHECK_FALSE(g.titled_surname("Bush", "Ambassador").has_value());
  CHECK_FALSE(g.titled_surname("Bush", "").has_value());
}

TEST_CASE("lexicon: a surname shared by leaders of different states gives no state", "[lexicon][leaders]") {
  const auto& g = lexicon().leaders;
  const auto kim = g.titled_surname("Kim", "President");  // South Korea and North Korea
  REQUIRE(kim.has_value());
  CHECK(kim->state.empty());
  CHECK_FALSE(kim->stateless);
  CHECK(g.titled_surname("Kim", "Chairman")->state == "PRK");
  CHECK(g.titled_surname("Abdullah", "King")->state.empty());  // Saudi Arabia and Jordan
}

TEST_CASE("lexicon: UN Secretaries-General serve no state", "[lexicon][leaders]") {
  const auto& g = lexicon().leaders;
  const auto sg = g.titled_surname("Guterres", "Secretary-General");
  REQUIRE(sg.has_value());
  CHECK(sg->stateless);
  CHECK(sg->state.empty());
  // He was Portugal's prime minister before: the title picks the row.
  CHECK(g.titled_surname("Guterres", "Prime Minister")->state == "PRT");
  const auto bare = g.full_name("António Guterres", "");
  REQUIRE(bare.has_value());
  CHECK(bare->state.empty());
  CHECK_FALSE(bare->stateless);
}

TEST_CASE("lexicon: every leader row names a known state and a role", "[lexicon][leaders]") {
  const Lexicon& lex = lexicon();
  CHECK(lex.leaders.entries().size() > 500);
  for (const auto& e : lex.leaders.entries()) {
    INFO(e.name);
    CHECK((e.state.empty() || lex.state(e.state) != nullptr));
    CHECK_FALSE(e.roles.empty());
  }
}

TEST_CASE("lexicon: a malformed leaders.tsv row names the file and line", "[lexicon][leaders]") {
  SECTION("unknown state") {
    const fs::path root = copy_of_data();
    const std::size_t line = append_row(root, "leaders.tsv", "ZZZ\t-\tJohn Doe\t-\tpresident\t1990-1995");
    try {
      (void)Lexicon::load(root.string());
      FAIL("an unknown state was accepted");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find("leaders.tsv:" + std::to_string(line)) != std::string::npos);
      CHECK(std::string(e.what()).find("ZZZ") != std::string::npos);
    }
    fs::remove_all(root);
  }
  SECTION("missing columns") {
    const fs::path root = copy_of_data();
    const std::size_t line = append_row(root, "leaders.tsv", "USA\t-\tJohn Doe");
    try {
      (void)Lexicon::load(root.string());
      FAIL("a three-column leaders row was accepted");
    } catch (const InputError& e) {
      CHECK(e.where().line == line);
      CHECK(fs::path(e.where().file).filename() == "leaders.tsv");
    }
    fs::remove_all(root);
  }
  SECTION("not a Wikidata id") {
    const fs::path root = copy_of_data();
    const std::size_t line = append_row(root, "leaders.tsv", "USA\twd:76\tJohn Doe\t-\tpresident\t1990-1995");
    try {
      (void)Lexicon::load(root.string());
      FAIL("a malformed Wikidata id was accepted");
    } catch (const InputError& e) {
      CHECK(e.where().line == line);
    }
    fs::remove_all(root);
  }
}

TEST_CASE("lexicon: the vocabulary gives dense ids, the same for the same word", "[lexicon][vocabulary]") {
  Vocabulary words;
  CHECK(words.find("summon") == Vocabulary::kUnknown);
  CHECK(words.size() == 1);
  const auto summon = words.add("summon");
  const auto korea = words.add("Korea");
  CHECK(summon == 1);
  CHECK(korea == 2);
  CHECK(words.add("summon") == summon);
  CHECK(words.find("summon") == summon);
  CHECK(words.find("korea") == Vocabulary::kUnknown);  // ids are case-sensitive
  CHECK(words.find(std::string_view("Korea's").substr(0, 5)) == korea);
  CHECK(words.size() == 3);
}

TEST_CASE("lexicon: a phrase trie keyed by word ids finds the longest phrase", "[lexicon][vocabulary]") {
  Vocabulary words;
  auto ids = [&](const std::string& phrase) {
    std::vector<std::uint32_t> out;
    for (const auto& t : tokenize(phrase)) out.push_back(words.add(t.lower));
    return out;
  };
  PhraseTrie trie;
  CHECK(trie.empty());
  trie.add(ids("south korea"), 1);
  trie.add(ids("south"), 2);
  trie.add(ids("south korea"), 3);
  trie.add(ids("south korea"), 1);  // a payload is kept once
  trie.add({}, 4);                  // no keys: nothing added
  trie.add({Vocabulary::kUnknown}, 5);
  CHECK_FALSE(trie.empty());
  const std::string text = "the South Korean and South Korea talks";
  auto tokens = tokenize(text);
  for (auto& t : tokens) t.word = words.find(t.lower);
  const std::vector<std::uint32_t>* payloads = nullptr;
  auto at = [&](std::size_t i) {
    return trie.longest(
        tokens, i, [](const Token& t) { return t.word; }, &payloads);
  };
  CHECK(at(0) == 0);
  CHECK(payloads == nullptr);
  CHECK(at(1) == 1);  // "South Korean": only "south"
  REQUIRE(payloads != nullptr);
  CHECK(*payloads == std::vector<std::uint32_t>{2});
  CHECK(at(4) == 2);  // "South Korea"
  REQUIRE(payloads != nullptr);
  CHECK(*payloads == std::vector<std::uint32_t>{1, 3});
  CHECK(at(6) == 0);
  REQUIRE(trie.word(words.find("south")) != nullptr);
  CHECK(*trie.word(words.find("south")) == std::vector<std::uint32_t>{2});
  CHECK(trie.word(words.find("korea")) == nullptr);  // only inside a phrase
  CHECK(trie.word(Vocabulary::kUnknown) == nullptr);
  CHECK(trie.word(12345) == nullptr);
}

TEST_CASE("lexicon: classify gives each token its word ids and classes", "[lexicon][vocabulary]") {
  const Lexicon& lex = lexicon();
  const std::string text = "The US said xyzzyq";
  auto tokens = tokenize(text);
  lex.classify(text, tokens);
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[0].word == lex.words.find("the"));
  CHECK(tokens[0].word != Vocabulary::kUnknown);
  CHECK(tokens[0].surface_word == lex.words.find("The"));
  CHECK(lex.in_class(WordClass::determiner, tokens[0]));
  CHECK(tokens[1].surface_word == lex.words.find("US"));
  CHECK(tokens[1].surface_word != Vocabulary::kUnknown);  // an exact-case entity key
  CHECK(lex.in_class(WordClass::speech_verb, tokens[2]));
  CHECK(tokens[2].surface_word == tokens[2].word);
  CHECK(tokens[3].word == Vocabulary::kUnknown);
  CHECK(tokens[3].classes == 0);
}
