#include "lexicon/lexicon.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "lexicon/data_file.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph {

namespace {

constexpr const char* kIsoCodesPath = "/usr/share/iso-codes/json/iso_3166-1.json";
constexpr const char* kWordListPath = "/usr/share/dict/american-english";

// Acronyms of up to three letters ("US", "UN", "WHO") and dotted initialisms
// match only in their exact case; everything else matches case-insensitively.
bool needs_exact_case(const std::string& phrase) {
  int upper = 0;
  int letters = 0;
  for (char c : phrase) {
    if (is_ascii_alpha(c)) {
      ++letters;
      upper += is_ascii_upper(c) ? 1 : 0;
    }
  }
  return letters >= 2 && upper == letters && letters <= 3;
}

// The word ids of a phrase's tokens (lowercased or as written), added to the vocabulary.
std::vector<std::uint32_t> token_keys(Lexicon& lex, const std::string& phrase, bool lower) {
  std::vector<std::uint32_t> keys;
  for (const auto& t : tokenize(phrase)) {
    keys.push_back(lex.words.add(lower ? std::string_view(t.lower) : token_text(phrase, t)));
  }
  return keys;
}

void add_entity(Lexicon& lex, EntityKind kind, std::uint32_t index, const std::string& phrase,
                std::vector<std::string> requires_states = {}) {
  const bool exact = needs_exact_case(phrase);
  const auto id = static_cast<std::uint32_t>(lex.entities.size());
  lex.entities.push_back(EntityEntry{kind, index, exact, phrase, std::move(requires_states)});
  if (exact) {
    lex.exact_entities.add(token_keys(lex, phrase, false), id);
  } else {
    lex.folded_entities.add(token_keys(lex, phrase, true), id);
  }
}

void load_iso_states(Lexicon& lex) {
  const auto doc = nlohmann::json::parse(read_data_file(kIsoCodesPath), nullptr, false);
  if (doc.is_discarded() || !doc.contains("3166-1")) {
    throw InputError(Location{kIsoCodesPath}, "not the iso-codes ISO 3166-1 JSON");
  }
  for (const auto& c : doc["3166-1"]) {
    StateInfo s;
    s.iso3 = c.value("alpha_3", "");
    s.iso_name = c.value("name", "");
    s.label = c.value("common_name", s.iso_name);
    for (const char* key : {"common_name", "name", "official_name"}) {
      if (c.contains(key)) s.names.push_back(c[key].get<std::string>());
    }
    lex.state_by_iso[s.iso3] = static_cast<std::uint32_t>(lex.states.size());
    lex.states.push_back(std::move(s));
  }
}

std::uint32_t state_index(Lexicon& lex, const std::string& iso3) {
  const auto it = lex.state_by_iso.find(iso3);
  if (it != lex.state_by_iso.end()) return it->second;
  StateInfo s;  // user-assigned codes (e.g. XKX) that ISO 3166 lacks
  s.iso3 = iso3;
  lex.state_by_iso[iso3] = static_cast<std::uint32_t>(lex.states.size());
  lex.states.push_back(std::move(s));
  return lex.state_by_iso[iso3];
}

void load_states(Lexicon& lex, const std::string& path) {
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t line) {
    require_columns(f, 5, path, line);
    const auto idx = state_index(lex, std::string(trim(f[0])));
    auto& s = lex.states[idx];
    s.wikidata = std::string(trim(f[1]));
    const auto names = list_of(f[2]);
    if (!names.empty()) s.label = names.front();
    for (const auto& n : names) s.names.push_back(n);
    for (const auto& d : list_of(f[3])) add_entity(lex, EntityKind::StateDemonym, idx, d);
    for (const auto& c : list_of(f[4])) add_entity(lex, EntityKind::StateCapital, idx, c);
  });
  for (std::uint32_t i = 0; i < lex.states.size(); ++i) {
    auto& s = lex.states[i];
    if (s.label.empty()) s.label = s.iso_name;
    // The label first, then every other name once.
    std::vector<std::string> others;
    for (const auto& n : s.names) {
      if (n != s.label) others.push_back(n);
    }
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    s.names = {s.label};
    s.names.insert(s.names.end(), others.begin(), others.end());
    for (const auto& n : s.names) {
      // ISO's inverted forms ("Korea, Republic of") never occur in running text.
      if (n.find(',') == std::string::npos) add_entity(lex, EntityKind::StateName, i, n);
    }
  }
}

void load_context_aliases(Lexicon& lex, const std::string& path) {
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t line) {
    require_columns(f, 2, path, line);
    const auto idx = state_index(lex, std::string(trim(f[1])));
    add_entity(lex, EntityKind::StateAlias, idx, std::string(trim(f[0])),
               f.size() > 2 ? list_of(f[2]) : std::vector<std::string>{});
  });
}

void load_organisations(Lexicon& lex, const std::string& path) {
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t line) {
    require_columns(f, 2, path, line);
    OrganisationInfo o;
    auto names = list_of(f[0]);
    if (names.empty()) throw InputError(Location{path, line}, "organisation without a name");
    o.name = names.front();
    o.aliases.assign(names.begin() + 1, names.end());
    o.code = std::string(trim(f[1]));
    if (f.size() > 2) o.state = std::string(trim(f[2]));
    if (f.size() > 3) o.kind = std::string(trim(f[3]));
    const auto idx = static_cast<std::uint32_t>(lex.organisations.size());
    for (const auto& n : names) add_entity(lex, EntityKind::Organisation, idx, n);
    lex.organisations.push_back(std::move(o));
  });
}

void load_roles(Lexicon& lex, const std::string& path) {
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t line) {
    require_columns(f, 2, path, line);
    RoleInfo r;
    r.phrase = ascii_lower(trim(f[0]));
    const auto type = trim(f[1]);
    r.type = type == "honorific"    ? RoleType::Honorific
             : type == "descriptor" ? RoleType::Descriptor
                                    : RoleType::Title;
    const auto idx = static_cast<std::uint32_t>(lex.roles.size());
    lex.roles.push_back(r);
    const auto id = static_cast<std::uint32_t>(lex.entities.size());
    lex.entities.push_back(EntityEntry{EntityKind::Role, idx, false, r.phrase, {}});
    lex.folded_entities.add(token_keys(lex, r.phrase, true), id);
  });
}

void load_organs(Lexicon& lex, const std::string& path) {
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t) {
    const std::string phrase = ascii_lower(trim(f[0]));
    const auto id = static_cast<std::uint32_t>(lex.entities.size());
    lex.entities.push_back(EntityEntry{EntityKind::Organ, 0, false, phrase, {}});
    lex.folded_entities.add(token_keys(lex, phrase, true), id);
  });
}

void load_events(Lexicon& lex, const std::string& path) {
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t line) {
    require_columns(f, 7, path, line);
    EventPattern p;
    p.kind = std::string(trim(f[0]));
    p.plover = std::string(trim(f[1]));
    const auto pos = trim(f[2]);
    if (pos != "verb" && pos != "noun" && pos != "adj" && pos != "modal") {
      throw InputError(Location{path, line},
                       "pos must be verb, noun, adj or modal, not '" + std::string(pos) + "'");
    }
    p.pos = pos == "verb"   ? TriggerPos::Verb
            : pos == "noun" ? TriggerPos::Noun
            : pos == "adj"  ? TriggerPos::Adj
                            : TriggerPos::Modal;
    p.object = list_of(f[4]);
    p.context = list_of(f[5]);
    for (auto opt : split(f[6], ',')) {
      opt = trim(opt);
      if (opt == "target=none")
        p.target_none = true;
      else if (opt == "target=by")
        p.target_by = true;
      else if (opt == "target=required")
        p.target_required = true;
      else if (opt == "future")
        p.future = true;
      else if (starts_with_icase(opt, "target_prep="))
        p.target_prepositions = list_of(opt.substr(12));
      else if (starts_with_icase(opt, "priority="))
        p.priority = std::stoi(std::string(opt.substr(9)));
      else if (!opt.empty() && opt != "-")
        throw InputError(Location{path, line}, "unknown option '" + std::string(opt) + "'");
    }
    p.line = line;
    const auto idx = static_cast<std::uint32_t>(lex.events.size());
    for (const auto& word : list_of(f[3])) {
      if (p.pos == TriggerPos::Modal) {
        std::vector<std::string> words;
        const std::string lowered = ascii_lower(word);
        for (const auto part : split(lowered, ' ')) {
          if (!trim(part).empty()) words.emplace_back(trim(part));
        }
        lex.modal_triggers.emplace_back(std::move(words), idx);
        continue;
      }
      const auto forms = p.pos == TriggerPos::Verb ? inflect_verb(ascii_lower(word))
                                                   : std::vector<std::string>{ascii_lower(word)};
      for (const auto& form : forms) lex.event_triggers.add(token_keys(lex, form, true), idx);
    }
    lex.events.push_back(std::move(p));
  });
}

constexpr const char* kWordClassNames[] = {
    "speech_verb",        "speech_noun",        "according_to",   "report_verb",       "person_pronoun",
    "possessive_pronoun", "plural_pronoun",     "agreement_noun", "agreement_generic", "determiner",
    "preposition",        "clause_break",       "aux_verb",       "future_marker",     "negation",
    "name_blocker",       "not_name_word",      "group_noun",     "role_modifier",     "partitive",
    "nonstate_role",      "agreement_modifier", "subordinator",   "relative_pronoun",  "plural_person_noun",
    "plural_state_noun",  "relational_noun",    "light_verb",     "ethnic_marker",     "speech_bridge",
    "currency_word",      "place_noun"};
static_assert(std::size(kWordClassNames) == static_cast<std::size_t>(WordClass::count_));

std::optional<WordClass> word_class_named(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kWordClassNames); ++i) {
    if (name == kWordClassNames[i]) return static_cast<WordClass>(i);
  }
  return std::nullopt;
}

void load_word_classes(Lexicon& lex, const std::string& path) {
  std::uint32_t seen = 0;
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t line) {
    require_columns(f, 2, path, line);
    const auto cls = word_class_named(trim(f[0]));
    if (!cls) throw InputError(Location{path, line}, "unknown word class '" + std::string(trim(f[0])) + "'");
    const std::uint32_t bit = 1u << static_cast<unsigned>(*cls);
    seen |= bit;
    const bool verbs = trim(f[0]).find("verb") != std::string_view::npos;
    for (const auto& w : list_of(f[1])) {
      if (verbs) {
        for (const auto& form : inflect_verb(ascii_lower(w))) lex.word_class_bits[form] |= bit;
      } else {
        lex.word_class_bits[ascii_lower(w)] |= bit;
      }
    }
  });
  for (std::size_t i = 0; i < std::size(kWordClassNames); ++i) {
    if ((seen & (1u << i)) == 0)
      throw InputError(Location{path}, std::string("word class '") + kWordClassNames[i] + "' is missing");
  }
}

void load_word_list(Lexicon& lex) {
  std::ifstream in(kWordListPath);
  if (!in)
    throw InputError(Location{kWordListPath}, "cannot read the word list (install Debian's wamerican)");
  std::string w;
  while (std::getline(in, w)) {
    if (w.empty() || w.find('\'') != std::string::npos) continue;
    if (is_ascii_upper(w[0])) {
      lex.proper_names.insert(ascii_lower(w));
    } else {
      lex.common_words.insert(w);
    }
  }
}

void load_abbreviations(Lexicon& lex, const std::string& path) {
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t) {
    lex.abbreviations.emplace_back(trim(f[0]));
  });
}

}  // namespace

std::vector<std::string> inflect_verb(const std::string& lemma) {
  const auto space = lemma.find(' ');
  const std::string head = lemma.substr(0, space);
  const std::string rest = space == std::string::npos ? "" : lemma.substr(space);
  std::vector<std::string> heads{head};
  const char last = head.empty() ? ' ' : head.back();
  const bool vowel_before_y =
      head.size() > 1 && std::string("aeiou").find(head[head.size() - 2]) != std::string::npos;
  if (last == 's' || last == 'x' || last == 'z' || head.ends_with("ch") || head.ends_with("sh")) {
    heads.push_back(head + "es");
  } else if (last == 'y' && !vowel_before_y) {
    heads.push_back(head.substr(0, head.size() - 1) + "ies");
  } else {
    heads.push_back(head + "s");
  }
  if (last == 'e') {
    heads.push_back(head + "d");
    heads.push_back(head.substr(0, head.size() - 1) + "ing");
  } else if (last == 'y' && !vowel_before_y) {
    heads.push_back(head.substr(0, head.size() - 1) + "ied");
    heads.push_back(head + "ing");
  } else {
    heads.push_back(head + "ed");
    heads.push_back(head + "ing");
    if (std::string("aeiouwxy").find(last) == std::string::npos && head.size() >= 3) {
      heads.push_back(head + last + "ed");  // ban -> banned; harmless when wrong
      heads.push_back(head + last + "ing");
    }
  }
  std::vector<std::string> out;
  for (const auto& h : heads) out.push_back(h + rest);
  return out;
}

Lexicon Lexicon::load(const std::string& root) {
  Lexicon lex;
  const std::string data = root + "/data/";
  load_iso_states(lex);
  load_states(lex, data + "states.tsv");
  load_context_aliases(lex, data + "state_context_aliases.tsv");
  load_organisations(lex, data + "organisations.tsv");
  load_roles(lex, data + "roles.tsv");
  load_organs(lex, data + "state_organs.txt");
  load_events(lex, data + "events.tsv");
  load_word_classes(lex, data + "wordclasses.tsv");
  load_abbreviations(lex, data + "abbreviations.txt");
  lex.leaders = LeaderGazetteer::load(
      data + "leaders.tsv", [&](const std::string& iso3) { return lex.state_by_iso.count(iso3) > 0; });
  load_word_list(lex);
  for (const auto& [word, bits] : lex.word_class_bits) lex.words.add(word);
  lex.class_bits.assign(lex.words.size(), 0);
  for (const auto& [word, bits] : lex.word_class_bits) lex.class_bits[lex.words.find(word)] = bits;
  return lex;
}

void Lexicon::classify(std::string_view text, std::vector<Token>& tokens) const {
  for (auto& t : tokens) {
    t.word = words.find(t.lower);
    const std::string_view surface = token_text(text, t);
    t.surface_word = surface == t.lower ? t.word : words.find(surface);
    t.classes = t.word < class_bits.size() ? class_bits[t.word] : 0;
  }
}

bool Lexicon::in_class(const std::string& cls, const std::string& lower_word) const {
  const auto c = word_class_named(cls);
  return c && in_class(*c, lower_word);
}

const StateInfo* Lexicon::state(const std::string& iso3) const {
  const auto it = state_by_iso.find(iso3);
  return it == state_by_iso.end() ? nullptr : &states[it->second];
}

}  // namespace newsgraph
