#pragma once
// Everything the extractor knows about the world, loaded from data files at
// start-up: states (ISO 3166 from Debian's iso-codes plus data/states.tsv),
// organisations, roles, state organs, event patterns and closed word classes.
// Adding a country alias or a verb pattern is editing a file, never code.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "lexicon/leaders.hpp"
#include "lexicon/phrase_trie.hpp"
#include "lexicon/vocabulary.hpp"

namespace newsgraph {

struct StateInfo {
  std::string iso3;
  std::string label;               // display name ("South Korea")
  std::string iso_name;            // ISO 3166 name ("Korea, Republic of")
  std::string wikidata;            // "Q884" or empty
  std::vector<std::string> names;  // every name form (label first)
};

struct OrganisationInfo {
  std::string name;
  std::vector<std::string> aliases;
  std::string code;   // IGO, NGO, IMG, MED or an iso3
  std::string state;  // iso3 when it belongs to one state
  std::string kind;
};

enum class RoleType { Title, Honorific, Descriptor };

struct RoleInfo {
  std::string phrase;
  RoleType type = RoleType::Title;
};

// Modal: a modal of obligation in reported speech ("X said that Y must ..."),
// matched by the reported-speech rule, not as a trigger word on its own.
enum class TriggerPos { Verb, Noun, Adj, Modal };

struct EventPattern {
  std::string kind;
  std::string plover;
  TriggerPos pos = TriggerPos::Verb;
  std::vector<std::string> object;   // lowercase words; one must follow the trigger
  std::vector<std::string> context;  // lowercase words; one must be in the sentence
  bool target_none = false;
  bool target_by = false;
  bool target_required = false;                  // no incident without a target
  std::vector<std::string> target_prepositions;  // non-empty: the target must follow one of these
  bool future = false;
  int priority = 0;
  std::size_t line = 0;  // line in events.tsv, for messages and stable ordering
};

// The closed word classes of data/wordclasses.tsv; the file must define
// exactly these (the loader checks), the rules refer to them by name.
enum class WordClass : std::uint8_t {
  speech_verb,
  speech_noun,
  according_to,
  report_verb,
  person_pronoun,
  possessive_pronoun,
  plural_pronoun,
  agreement_noun,
  agreement_generic,
  determiner,
  preposition,
  clause_break,
  aux_verb,
  future_marker,
  negation,
  name_blocker,
  not_name_word,
  group_noun,
  role_modifier,
  partitive,
  nonstate_role,
  agreement_modifier,
  subordinator,
  relative_pronoun,
  plural_person_noun,
  plural_state_noun,
  relational_noun,
  light_verb,
  ethnic_marker,
  speech_bridge,
  currency_word,
  place_noun,
  count_
};
// Token::classes holds one bit per class.
static_assert(static_cast<unsigned>(WordClass::count_) <= 32);

// What a matched entity phrase denotes.
enum class EntityKind : std::uint8_t {
  StateName,
  StateDemonym,
  StateCapital,
  StateAlias,
  Organisation,
  Role,
  Organ
};

struct EntityEntry {
  EntityKind kind;
  std::uint32_t index;                       // into states / organisations / roles; organ: 0
  bool exact_case;                           // surface must match letter case exactly (acronyms)
  std::string surface;                       // as written in the lexicon
  std::vector<std::string> requires_states;  // StateAlias: article must mention one
};

struct Lexicon {
  std::vector<StateInfo> states;
  std::unordered_map<std::string, std::uint32_t> state_by_iso;
  std::vector<OrganisationInfo> organisations;
  std::vector<RoleInfo> roles;
  std::vector<EventPattern> events;
  // Modal patterns: the words of each phrase ("must", "has to") and its
  // index into `events`.
  std::vector<std::pair<std::vector<std::string>, std::uint32_t>> modal_triggers;
  std::vector<EntityEntry> entities;
  std::unordered_map<std::string, std::uint32_t> word_class_bits;  // word -> bit per WordClass
  std::unordered_set<std::string> common_words;                    // lowercase dictionary words
  std::unordered_set<std::string> proper_names;                    // capitalised dictionary words, lowercased
  std::vector<std::string> abbreviations;  // data/abbreviations.txt, for the sentence splitter
  LeaderGazetteer leaders;                 // data/leaders.tsv

  // Every key of the tries below and every word of a class, by id.
  Vocabulary words;
  std::vector<std::uint32_t> class_bits;  // per word id: word_class_bits of that word
  PhraseTrie exact_entities;              // keyed by the ids of surface token texts
  PhraseTrie folded_entities;             // keyed by the ids of lowercase token texts
  PhraseTrie event_triggers;              // lowercase inflected trigger forms -> pattern index

  // Loads from root (holding data/) and the system iso-codes and word list.
  // Throws InputError naming the file and line of a malformed entry.
  static Lexicon load(const std::string& root);

  bool in_class(WordClass cls, const std::string& lower_word) const {
    const auto it = word_class_bits.find(lower_word);
    return it != word_class_bits.end() && (it->second & (1u << static_cast<unsigned>(cls))) != 0;
  }
  bool in_class(WordClass cls, const Token& t) const {
    return (t.classes & (1u << static_cast<unsigned>(cls))) != 0;
  }
  // Fills Token::word, surface_word and classes (tokens of `text`), so rules
  // and tries test a token without hashing its word again.
  void classify(std::string_view text, std::vector<Token>& tokens) const;
  // By class name (for tools and tests); false for an unknown class.
  bool in_class(const std::string& cls, const std::string& lower_word) const;
  const StateInfo* state(const std::string& iso3) const;
};

// Regular English inflections of a verb lemma (base, -s, -ed, -ing, with
// consonant doubling and e-dropping variants); the first word of a phrasal
// verb is inflected ("call in" -> "called in").
std::vector<std::string> inflect_verb(const std::string& lemma);

}  // namespace newsgraph
