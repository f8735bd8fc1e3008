// Entity matching, person-name detection and actor chunks for one sentence.
#include <algorithm>

#include "extract/analysis.hpp"
#include "util/strings.hpp"

namespace newsgraph::extract {

std::string span_text(const Article& a, std::size_t first_byte, std::size_t end_byte) {
  return a.text.substr(first_byte, end_byte - first_byte);
}

std::string tokens_text(const ArticleContext& ctx, const SentenceView& s, std::size_t first,
                        std::size_t last) {
  if (first >= last) return {};
  return span_text(ctx.article, s.tokens[first].begin, s.tokens[last - 1].end);
}

namespace {

bool state_kind(EntityKind k) {
  return k == EntityKind::StateName || k == EntityKind::StateDemonym || k == EntityKind::StateCapital ||
         k == EntityKind::StateAlias;
}

// Proper-noun entries ("Russia", "NATO") only match capitalised words, so
// "chad" or "turkey" in lower case stay ordinary words. A context alias
// refused because the article has not named its states yet sets
// `alias_refused`: a later look at the sentence may accept it.
bool acceptable(const ArticleContext& ctx, const Token& first, const EntityEntry& e, bool& alias_refused) {
  if (e.kind == EntityKind::Role || e.kind == EntityKind::Organ) return true;
  if (is_ascii_upper(e.surface[0]) && !first.capitalised) return false;
  if (e.kind != EntityKind::StateAlias || e.requires_states.empty()) return true;
  const bool ok =
      std::any_of(e.requires_states.begin(), e.requires_states.end(), [&](const std::string& iso) {
        return std::find(ctx.states_seen.begin(), ctx.states_seen.end(), iso) != ctx.states_seen.end();
      });
  alias_refused = alias_refused || !ok;
  return ok;
}

int kind_rank(EntityKind k) {
  switch (k) {
    case EntityKind::StateName: return 0;
    case EntityKind::StateDemonym: return 1;
    case EntityKind::StateCapital: return 2;
    case EntityKind::StateAlias: return 3;
    case EntityKind::Organisation: return 4;
    case EntityKind::Organ: return 5;
    case EntityKind::Role: return 6;
  }
  return 7;
}

const EntityEntry* best_entry(const ArticleContext& ctx, const Token& first,
                              const std::vector<std::uint32_t>* payloads, bool& alias_refused) {
  const EntityEntry* best = nullptr;
  if (payloads == nullptr) return nullptr;
  for (auto id : *payloads) {
    const auto& e = ctx.lex.entities[id];
    if (!acceptable(ctx, first, e, alias_refused)) continue;
    if (best == nullptr || kind_rank(e.kind) < kind_rank(best->kind)) best = &e;
  }
  return best;
}

}  // namespace

bool match_entities(ArticleContext& ctx, SentenceView& s) {
  bool alias_refused = false;
  s.entities.clear();
  s.entity_at.assign(s.tokens.size(), -1);
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    if (!s.tokens[i].is_word) continue;
    const std::vector<std::uint32_t>* exact = nullptr;
    const std::vector<std::uint32_t>* folded = nullptr;
    const auto n_exact = ctx.lex.exact_entities.longest(
        s.tokens, i, [](const Token& t) { return t.surface_word; }, &exact);
    const auto n_folded = ctx.lex.folded_entities.longest(
        s.tokens, i, [](const Token& t) { return t.word; }, &folded);
    const EntityEntry* e_exact = best_entry(ctx, s.tokens[i], exact, alias_refused);
    const EntityEntry* e_folded = best_entry(ctx, s.tokens[i], folded, alias_refused);
    const bool use_exact = e_exact != nullptr && (e_folded == nullptr || n_exact >= n_folded);
    const EntityEntry* e = use_exact ? e_exact : e_folded;
    if (e == nullptr) continue;
    const std::size_t len = use_exact ? n_exact : n_folded;
    const int id = static_cast<int>(s.entities.size());
    s.entities.push_back(EntityMatch{i, i + len, e});
    for (std::size_t k = i; k < i + len; ++k) s.entity_at[k] = id;
    if (state_kind(e->kind)) {
      const auto& iso = ctx.lex.states[e->index].iso3;
      if (std::find(ctx.states_seen.begin(), ctx.states_seen.end(), iso) == ctx.states_seen.end()) {
        ctx.states_seen.push_back(iso);
      }
    }
    i += len - 1;
  }
  return alias_refused;
}

namespace {

struct NameRun {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t words = 0;
  bool hyphenated = false;  // "Hong-kyun": a glued hyphen before a lowercase part
};

bool is_particle(const std::string& w) {
  static const char* particles[] = {"de", "van", "von", "bin", "al",  "el",  "da",  "di",
                                    "du", "le",  "la",  "der", "ibn", "dos", "del", "ben"};
  return std::any_of(std::begin(particles), std::end(particles), [&](const char* p) { return w == p; });
}

const EntityEntry* entity_of(const SentenceView& s, std::size_t i) {
  return s.entity_at[i] < 0 ? nullptr : s.entities[s.entity_at[i]].entry;
}

bool name_word(const ArticleContext& ctx, const SentenceView& s, std::size_t i) {
  const Token& t = s.tokens[i];
  if (!t.is_word || !t.capitalised || t.has_digit || s.entity_at[i] >= 0) return false;
  if (t.all_caps && t.end - t.begin <= 4) return false;  // acronyms: USB, DMZ, TV
  if (ctx.lex.in_class(WordClass::not_name_word, t)) return false;
  return true;
}

bool surname_like_title(const ArticleContext& ctx, const SentenceView& s, std::size_t j) {
  if (j == 0 || s.entity_at[j] < 0 || !s.tokens[j].capitalised) return false;
  const auto& m = s.entities[s.entity_at[j]];
  if (m.entry->kind != EntityKind::Role || m.last - m.first != 1) return false;
  const Token& prev = s.tokens[j - 1];
  return prev.capitalised && ctx.lex.proper_names.count(prev.lower) > 0 && s.entity_at[j - 1] < 0;
}

NameRun scan_run(const ArticleContext& ctx, const SentenceView& s, std::size_t i) {
  NameRun run{i, i, 0, false};
  std::size_t j = i;
  while (j < s.tokens.size()) {
    const Token& t = s.tokens[j];
    if (name_word(ctx, s, j)) {
      ++run.words;
      ++j;
    } else if (run.words > 0 && surname_like_title(ctx, s, j)) {
      ++run.words;  // "Tom King": a title word after a given name is a surname
      ++j;
    } else if (t.lower == "-" && t.glued && j + 1 < s.tokens.size() && s.tokens[j + 1].glued &&
               s.tokens[j + 1].is_word && run.words > 0 && !s.tokens[j + 1].has_digit &&
               s.entity_at[j + 1] < 0) {
      run.hyphenated = run.hyphenated || !s.tokens[j + 1].capitalised;
      j += 2;
      ++run.words;
    } else if (run.words > 0 && is_particle(t.lower) && !t.capitalised && j + 1 < s.tokens.size() &&
               name_word(ctx, s, j + 1)) {
      ++j;
    } else if (run.words > 0 && t.is_word && t.end - t.begin == 1 && t.capitalised &&
               j + 1 < s.tokens.size() && s.tokens[j + 1].lower == "." && j + 2 < s.tokens.size() &&
               name_word(ctx, s, j + 2)) {
      j += 2;  // middle initial: "John F. Kennedy"
    } else {
      break;
    }
  }
  run.last = j;
  return run;
}

bool namey(const ArticleContext& ctx, const Token& t) {
  return ctx.lex.common_words.count(t.lower) == 0 || ctx.lex.proper_names.count(t.lower) > 0;
}

bool has_blocker(const ArticleContext& ctx, const SentenceView& s, const NameRun& r) {
  for (std::size_t k = r.first; k < r.last; ++k) {
    if (ctx.lex.in_class(WordClass::name_blocker, s.tokens[k])) return true;
  }
  // "Ewha University", "Asan Institute for ...": the run names an institution.
  return r.last < s.tokens.size() && s.tokens[r.last].capitalised &&
         ctx.lex.in_class(WordClass::name_blocker, s.tokens[r.last]);
}

bool verb_like(const ArticleContext& ctx, const Token& t);

// Evidence around the run that it is a person: a title or honorific right
// before it, a speech verb right after or before it, or an apposition with a role.
bool person_context(const ArticleContext& ctx, const SentenceView& s, const NameRun& r) {
  std::size_t before = r.first;
  if (before >= 2 && s.tokens[before - 1].lower == ".") --before;  // "Dr." "Gen."
  if (before > 0) {
    const auto* e = entity_of(s, before - 1);
    if (e != nullptr && e->kind == EntityKind::Role) return true;
    if (ctx.lex.in_class(WordClass::speech_verb, s.tokens[before - 1])) return true;
    if (s.tokens[before - 1].lower == "named" || s.tokens[before - 1].lower == "by") return r.words >= 2;
  }
  // The name is the subject of a speech or event verb: "X (previously) said", "X has summoned".
  std::size_t after = r.last;
  while (after < s.tokens.size() &&
         (ctx.lex.in_class(WordClass::aux_verb, s.tokens[after]) ||
          (s.tokens[after].lower.ends_with("ly") && !s.tokens[after].capitalised))) {
    ++after;
  }
  // "Tutsi forces": a word the lexicon knows as an organ is a noun, not the verb.
  if (after < s.tokens.size() && !s.tokens[after].capitalised && verb_like(ctx, s.tokens[after]) &&
      !ctx.lex.in_class(WordClass::aux_verb, s.tokens[after]) && s.entity_at[after] < 0) {
    return true;
  }
  if (r.last + 1 < s.tokens.size() && s.tokens[r.last].lower == ",") {
    for (std::size_t k = r.last + 1; k < std::min(s.tokens.size(), r.last + 6); ++k) {
      const auto* e = entity_of(s, k);
      if (e != nullptr && e->kind == EntityKind::Role) return true;
      if (s.tokens[k].lower == ",") break;
    }
  }
  return false;
}

bool sentence_initial(const SentenceView& s, std::size_t i) {
  return i == 0 || (i == 1 && !s.tokens[0].is_word);
}

}  // namespace

static bool known_full_name(const ArticleContext& ctx, const SentenceView& s, const NameRun& r) {
  return ctx.people.has_name(tokens_text(ctx, s, r.first, r.last));
}

// Person names: runs of capitalised words that are not lexicon entities,
// accepted when they look like names or their context says "person".
static std::vector<NameRun> find_names(ArticleContext& ctx, SentenceView& s) {
  std::vector<NameRun> out;
  for (std::size_t i = 0; i < s.tokens.size();) {
    if (!name_word(ctx, s, i)) {
      ++i;
      continue;
    }
    NameRun r = scan_run(ctx, s, i);
    i = std::max(r.last, i + 1);
    if (has_blocker(ctx, s, r)) continue;
    const bool context = person_context(ctx, s, r);
    bool all_namey = true;
    for (std::size_t k = r.first; k < r.last; ++k) {
      if (s.tokens[k].is_word && s.tokens[k].lower != "-" && !namey(ctx, s.tokens[k])) all_namey = false;
    }
    if (r.words == 1) {
      const std::string w = tokens_text(ctx, s, r.first, r.last);
      const bool known = ctx.people.find_part(w).has_value();
      if (!known && !(context && all_namey && !sentence_initial(s, r.first))) continue;
    } else if (r.words > 4 && !context) {
      continue;
    } else if (!(all_namey || r.hyphenated || context || known_full_name(ctx, s, r) ||
                 known_leader_name(ctx, tokens_text(ctx, s, r.first, r.last)))) {
      continue;
    }
    out.push_back(r);
  }
  return out;
}

namespace {

// "the two countries", "both sides": a plural state noun right after "two" or "both".
bool two_states_noun(const ArticleContext& ctx, const SentenceView& s, std::size_t i) {
  if (i == 0 || !ctx.lex.in_class(WordClass::plural_state_noun, s.tokens[i])) return false;
  const auto& before = s.tokens[i - 1].lower;
  return before == "two" || before == "both";
}

// The chunk is only "[both] countries" / "[two] sides", nothing that names a state.
bool two_states_reference(const ArticleContext& ctx, const SentenceView& s, const Chunk& c) {
  return c.state.empty() && two_states_noun(ctx, s, c.last - 1) &&
         (c.first + 1 == c.last || (c.first + 2 == c.last && s.tokens[c.first].lower == "both"));
}

// The two states "the two countries" at token `end` of `s` refers to, the most
// recent first: the last two named before it in the sentence ("Kenya and
// Uganda said the two countries ..."), else the last two of the sentences
// before, without this sentence's one ("Peru ... Bolivia ... Chile urged the
// two neighbours": Bolivia and Peru, not Chile).
std::vector<std::string> states_named_before(const ArticleContext& ctx, const SentenceView& s,
                                             std::size_t end) {
  std::vector<std::string> out;
  auto take = [&](const SentenceView& v, std::size_t limit) {
    for (auto e = v.entities.rbegin(); e != v.entities.rend() && out.size() < 2; ++e) {
      if (e->last > limit || !state_kind(e->entry->kind)) continue;
      const auto& iso = ctx.lex.states[e->entry->index].iso3;
      if (std::find(out.begin(), out.end(), iso) == out.end()) out.push_back(iso);
    }
  };
  take(s, end);
  if (out.size() == 2) return out;
  out.clear();
  for (auto v = ctx.sentences.rbegin(); v != ctx.sentences.rend() && out.size() < 2; ++v) {
    if (v->index < s.index) take(*v, v->tokens.size());
  }
  return out;
}

enum class Cat { Other, Det, State, Org, Role, Organ, Name, Mod, Poss, Pron, Group, Hyphen };

Cat category(const ArticleContext& ctx, const SentenceView& s, std::size_t i,
             const std::vector<int>& name_at) {
  const Token& t = s.tokens[i];
  if (name_at[i] >= 0) return Cat::Name;
  if (const auto* e = entity_of(s, i)) {
    if (state_kind(e->kind)) return Cat::State;
    if (e->kind == EntityKind::Organisation) return Cat::Org;
    if (e->kind == EntityKind::Organ) return Cat::Organ;
    return e->kind == EntityKind::Role
               ? (ctx.lex.roles[e->index].type == RoleType::Honorific ? Cat::Mod : Cat::Role)
               : Cat::Other;
  }
  if (t.lower == "'s" || t.lower == "'") return Cat::Poss;
  if (t.lower == "-" && t.glued) return Cat::Hyphen;
  if (ctx.lex.in_class(WordClass::person_pronoun, t) && t.lower != "him" && t.lower != "her")
    return Cat::Pron;
  if (t.lower == "they" || t.lower == "it" || t.lower == "we") return Cat::Pron;
  if (ctx.lex.in_class(WordClass::group_noun, t)) return Cat::Group;
  // A reference to two states (bound in bind_plural_references); "countries"
  // alone is too vague to be an actor.
  if (two_states_noun(ctx, s, i)) return Cat::Group;
  if (ctx.lex.in_class(WordClass::determiner, t)) return Cat::Det;
  if (ctx.lex.in_class(WordClass::role_modifier, t)) return Cat::Mod;
  if (ctx.lex.in_class(WordClass::ethnic_marker, t)) return Cat::Mod;
  if (t.is_word && t.capitalised && !t.has_digit && !ctx.lex.in_class(WordClass::not_name_word, t))
    return Cat::Mod;
  if (t.lower == "." && i > 0 && s.tokens[i - 1].is_word &&
      s.tokens[i - 1].end - s.tokens[i - 1].begin <= 4 && s.tokens[i - 1].capitalised) {
    return Cat::Mod;  // the period of "Dr." or "Gen." inside a chunk
  }
  return Cat::Other;
}

bool content(Cat c) {
  return c == Cat::State || c == Cat::Org || c == Cat::Role || c == Cat::Organ || c == Cat::Name ||
         c == Cat::Pron || c == Cat::Group;
}

}  // namespace

std::size_t add_organisation(ArticleContext& ctx, const std::string& key, OrganisationFact fact) {
  for (std::size_t i = 0; i < ctx.organisation_keys.size(); ++i) {
    if (ctx.organisation_keys[i] == key) return i;
  }
  ctx.organisation_keys.push_back(key);
  ctx.organisations.push_back(std::move(fact));
  return ctx.organisations.size() - 1;
}

ActorRef organisation_actor(ArticleContext& ctx, const SentenceView& s, const Chunk& c) {
  const auto& info = ctx.lex.organisations[*c.organisation];
  OrganisationFact f;
  f.name = info.name;
  f.variants = info.aliases;
  f.code = info.code;
  f.state = info.state;
  const auto idx = add_organisation(ctx, "org:" + info.name, std::move(f));
  ctx.organisations[idx].mentions.push_back(Span{s.tokens[c.first].begin, s.tokens[c.last - 1].end});
  return ActorRef{ActorKind::Organisation, {}, idx};
}

// "Uganda said it had paid", "the rebels said they will release": a
// collective pronoun is the state, organisation or group that last acted.
void resolve_collective_pronouns(ArticleContext& ctx, SentenceView& s) {
  auto collective = [](const Chunk& c) {
    return c.resolved && !c.absorbed && !c.after_preposition && !c.in_quote &&
           (c.type == ChunkType::State || c.type == ChunkType::Organisation || c.type == ChunkType::Group);
  };
  std::optional<ActorRef> last = ctx.last_collective;
  std::optional<ActorRef> first_in_sentence;
  std::size_t last_end = 0;  // token after the last collective of this sentence
  for (auto& c : s.chunks) {
    if (collective(c)) {
      if (!first_in_sentence) first_in_sentence = c.actor;
      last = c.actor;
      last_end = c.last;
      continue;
    }
    if (c.type != ChunkType::Pronoun || c.resolved) continue;
    const auto& w = s.tokens[c.first].lower;
    if ((w == "they" || w == "it" || w == "we") && last) {
      c.actor = *last;
      c.resolved = true;
    } else if (w == "its" || w == "their") {
      // "Israel strengthened its forces": the owner is in the same clause;
      // "After X crossed the border, its forces fired": past a comma it is the
      // subject of the sentence before.
      bool same_clause = first_in_sentence.has_value();
      for (std::size_t k = last_end; k < c.first && same_clause; ++k)
        same_clause = s.tokens[k].lower != "," && s.tokens[k].lower != ";";
      const auto owner = same_clause ? last : ctx.last_collective;
      if (owner) {
        c.actor = *owner;
        c.resolved = true;
      }
    }
  }
  if (first_in_sentence) ctx.last_collective = first_in_sentence;
}

// "the two leaders", "both countries": the two most recent persons or states.
void bind_plural_references(ArticleContext& ctx, SentenceView& s) {
  for (auto& c : s.chunks) {
    if (c.resolved || c.first == 0) continue;
    if (two_states_reference(ctx, s, c)) {
      const auto recent = states_named_before(ctx, s, c.first);
      if (recent.size() < 2) continue;
      c.actor = ActorRef{ActorKind::State, recent[0], 0};
      c.also = {ActorRef{ActorKind::State, recent[1], 0}};
      c.type = ChunkType::State;
      c.resolved = true;
      continue;
    }
    const auto& before = s.tokens[c.first - 1].lower;
    if (before != "two" && before != "both") continue;
    const auto& head = s.tokens[c.last - 1].lower;
    if (ctx.lex.in_class(WordClass::plural_person_noun, head)) {
      const auto recent = ctx.people.recent(2);
      if (recent.size() < 2) continue;
      c.actor = ActorRef{ActorKind::Person, {}, recent[0]};
      c.also = {ActorRef{ActorKind::Person, {}, recent[1]}};
      c.type = ChunkType::Person;
      c.resolved = true;
    }
  }
}

namespace {

// "Tutsi forces", "Maoist police": a capitalised word that is neither a name
// nor a state, before an organ, names a community or faction that acts as a group.
bool community_named(const ArticleContext& ctx, const SentenceView& s, const Chunk& c,
                     const std::vector<Cat>& cats) {
  if (c.organisation || !c.state.empty()) return false;
  for (std::size_t i = c.first; i < c.last; ++i) {
    const Token& t = s.tokens[i];
    if (cats[i] == Cat::Mod && t.is_word && t.capitalised && !sentence_initial(s, i) &&
        !ctx.lex.in_class(WordClass::role_modifier, t) && !ctx.lex.in_class(WordClass::ethnic_marker, t)) {
      return true;
    }
  }
  return false;
}

void type_chunk(ArticleContext& ctx, SentenceView& s, Chunk& c, const std::vector<Cat>& cats,
                const std::vector<int>& name_at, const std::vector<NameRun>& names) {
  std::size_t role_first = 0, role_last = 0;
  bool has_organ = false, has_group = false, has_pron = false;
  std::optional<std::size_t> name;
  for (std::size_t i = c.first; i < c.last; ++i) {
    switch (cats[i]) {
      case Cat::State:
        // "ethnic Hungarians", "ethnic Uzbeks": a community, not the state's people acting.
        if (i > c.first && ctx.lex.in_class(WordClass::ethnic_marker, s.tokens[i - 1])) {
          has_group = true;
          break;
        }
        if (c.state.empty() || !name) c.state = ctx.lex.states[entity_of(s, i)->index].iso3;
        break;
      case Cat::Org: c.organisation = entity_of(s, i)->index; break;
      case Cat::Role:
        if (!name) {
          if (role_last != i) role_first = i;
          role_last = i + 1;
          c.role_type = ctx.lex.roles[entity_of(s, i)->index].type;
        }
        break;
      case Cat::Organ: has_organ = true; break;
      case Cat::Group: has_group = true; break;
      case Cat::Pron: has_pron = true; break;
      case Cat::Name: name = static_cast<std::size_t>(name_at[i]); break;
      default: break;
    }
  }
  if (role_last > role_first) c.role = tokens_text(ctx, s, role_first, role_last);
  if (name) {
    const NameRun& r = names[*name];
    c.type = ChunkType::Person;
    c.name_first = r.first;
    c.name_last = r.last;
    const std::string text = tokens_text(ctx, s, r.first, r.last);
    const Span span{s.tokens[r.first].begin, s.tokens[r.last - 1].end};
    std::optional<std::size_t> person;
    if (r.words >= 2) {
      person = ctx.people.add_name(text, span);
    } else if ((person = ctx.people.find_part(text))) {
      ctx.people.touch(*person, span);
    } else {
      person = ctx.people.add_name(text, span);  // "President Bush": a title vouches for a single name
    }
    if (!person) {
      c.type = ChunkType::None;
      return;
    }
    c.actor = ActorRef{ActorKind::Person, {}, *person};
    c.resolved = true;
    const bool title = c.role_type == RoleType::Title && !c.role.empty();
    const std::string org = c.organisation ? ctx.lex.organisations[*c.organisation].name : std::string();
    std::string state = title ? c.state : std::string();
    if (title && state.empty() && c.organisation) state = ctx.lex.organisations[*c.organisation].state;
    ctx.people.set_role(*person, c.role, state, c.role_type, org);
    return;
  }
  if (has_pron) {
    // "he"/"she": the most recently mentioned person before this point;
    // "they"/"it": the collective actor that last acted (see resolve_collective_pronouns).
    c.type = ChunkType::Pronoun;
    const auto& w = s.tokens[c.first].lower;
    if (w == "they" || w == "it" || w == "we") return;
    if (auto p = ctx.people.most_recent()) {
      c.actor = ActorRef{ActorKind::Person, {}, *p};
      c.resolved = true;
    }
    return;
  }
  if (!c.role.empty() && !has_organ) {
    c.type = ChunkType::RoleRef;  // bound to a person, or to its state, in attach_appositions
    return;
  }
  if (has_organ && !c.state.empty()) {
    c.type = ChunkType::State;
    c.actor = ActorRef{ActorKind::State, c.state, 0};
    c.resolved = true;
    return;
  }
  if (c.organisation) {
    c.type = ChunkType::Organisation;
    c.actor = organisation_actor(ctx, s, c);
    c.resolved = true;
    return;
  }
  if (has_group) {
    c.type = ChunkType::Group;
    return;  // resolved in attach_groups, which knows "led by" and "from X"
  }
  if (!c.state.empty()) {
    c.type = ChunkType::State;
    c.actor = ActorRef{ActorKind::State, c.state, 0};
    c.resolved = true;
    return;
  }
  if (has_organ && (s.tokens[c.first].lower == "its" || s.tokens[c.first].lower == "their")) {
    c.type = ChunkType::Pronoun;  // "their forces": the organ of the collective that last acted
    return;
  }
  if (has_organ) c.type = ChunkType::Unknown;  // "several soldiers": an actor we cannot name
  if (has_organ && community_named(ctx, s, c, cats)) c.type = ChunkType::Group;  // "Tutsi forces"
}

bool verb_like(const ArticleContext& ctx, const Token& t) {
  return ctx.lex.in_class(WordClass::aux_verb, t) || ctx.lex.in_class(WordClass::speech_verb, t) ||
         t.lower.ends_with("ed") || t.lower.ends_with("ing") ||
         ctx.lex.event_triggers.word(t.word) != nullptr;
}

// "Russian weaponry", "North Korean missiles", "a key U.S. ally": the state
// word describes the noun after it, which is not the state itself.
bool modifies_following_noun(const ArticleContext& ctx, const SentenceView& s, const Chunk& c) {
  if (c.last >= s.tokens.size()) return false;
  const Token& next = s.tokens[c.last];
  if (!next.is_word || next.capitalised || next.has_digit) return false;
  if (ctx.lex.in_class(WordClass::relational_noun, next)) return true;
  const auto* e = entity_of(s, c.last - 1);
  if (e == nullptr || e->kind != EntityKind::StateDemonym) return false;
  for (WordClass cls : {WordClass::preposition, WordClass::determiner, WordClass::clause_break,
                        WordClass::subordinator, WordClass::relative_pronoun}) {
    if (ctx.lex.in_class(cls, next.lower)) return false;
  }
  return next.lower != "and" && next.lower != "or" && !verb_like(ctx, next);
}

// "the North Korean defense pact" names an agreement; "Canadian aid groups"
// (a modifier but no agreement noun after it) does not.
bool agreement_follows(const ArticleContext& ctx, const SentenceView& s, std::size_t from) {
  for (std::size_t k = from; k < std::min(s.tokens.size(), from + 4); ++k) {
    if (ctx.lex.in_class(WordClass::agreement_noun, s.tokens[k])) return true;
    if (!ctx.lex.in_class(WordClass::agreement_modifier, s.tokens[k]) && s.tokens[k].lower != "-")
      return false;
  }
  return false;
}

// "the Russian-North Korean defense pact", "a Russia-North Korea treaty":
// states joined by hyphens in front of an agreement are its parties, not actors.
bool names_an_agreement(const ArticleContext& ctx, const SentenceView& s, const Chunk& c) {
  std::size_t k = c.last;
  while (k + 1 < s.tokens.size() && s.tokens[k].lower == "-" && s.tokens[k].glued &&
         s.entity_at[k + 1] >= 0 && state_kind(s.entities[s.entity_at[k + 1]].entry->kind)) {
    k = s.entities[s.entity_at[k + 1]].last;
  }
  if (k == c.last || k >= s.tokens.size()) return false;
  return ctx.lex.in_class(WordClass::agreement_modifier, s.tokens[k]) ||
         ctx.lex.in_class(WordClass::agreement_noun, s.tokens[k]);
}

}  // namespace

void find_chunks(ArticleContext& ctx, SentenceView& s) {
  const auto names = find_names(ctx, s);
  std::vector<int> name_at(s.tokens.size(), -1);
  for (std::size_t n = 0; n < names.size(); ++n) {
    for (std::size_t k = names[n].first; k < names[n].last; ++k) name_at[k] = static_cast<int>(n);
  }
  std::vector<Cat> cats(s.tokens.size());
  for (std::size_t i = 0; i < s.tokens.size(); ++i) cats[i] = category(ctx, s, i, name_at);

  s.chunks.clear();
  for (std::size_t i = 0; i < s.tokens.size();) {
    if (!(content(cats[i]) || cats[i] == Cat::Det || cats[i] == Cat::Mod)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool has_content = false;
    bool possessive = false;
    while (j < s.tokens.size()) {
      const Cat c = cats[j];
      if (content(c)) {
        has_content = true;
        // Two different names side by side are two chunks ("... Putin Kim ...").
        if (c == Cat::Name && j > i && cats[j - 1] == Cat::Name && name_at[j] != name_at[j - 1]) break;
        if (c == Cat::Pron && j > i) break;
        ++j;
      } else if (c == Cat::Mod || (c == Cat::Det && !has_content)) {
        ++j;
      } else if (c == Cat::Poss && has_content && j + 1 < s.tokens.size() &&
                 (content(cats[j + 1]) || cats[j + 1] == Cat::Mod) && cats[j + 1] != Cat::Pron) {
        ++j;  // "South Korea's foreign ministry": the possessive joins state and organ
      } else if (c == Cat::Poss && has_content) {
        possessive = true;
        break;
      } else if (c == Cat::Hyphen && has_content && j + 1 < s.tokens.size() && cats[j + 1] == Cat::State &&
                 cats[j - 1] == Cat::State) {
        break;  // "Russia-North Korea": two states, two chunks
      } else {
        break;
      }
    }
    // Trailing modifiers ("Kim Jong Un Friday") are not part of the chunk.
    std::size_t end = j;
    while (end > i && (cats[end - 1] == Cat::Mod || cats[end - 1] == Cat::Det)) --end;
    if (has_content && end > i) {
      Chunk c;
      c.first = i;
      c.last = end;
      c.possessive = possessive && end == j;
      c.in_quote = s.in_quote[i];
      if (i > 0 && ctx.lex.in_class(WordClass::preposition, s.tokens[i - 1]) &&
          !ctx.lex.in_class(WordClass::subordinator, s.tokens[i - 1])) {
        c.after_preposition = true;
        c.preposition = s.tokens[i - 1].lower;
        // "a group of Moroccan diplomats": a partitive "of" keeps the chunk a subject.
        if (c.preposition == "of" && i >= 2 && ctx.lex.in_class(WordClass::partitive, s.tokens[i - 2])) {
          c.after_preposition = false;
          c.preposition.clear();
        }
      }
      type_chunk(ctx, s, c, cats, name_at, names);
      if (c.type == ChunkType::State && names_an_agreement(ctx, s, c)) c.type = ChunkType::None;
      // "US $50 million", "Canadian dollars": a currency, no actor.
      if (c.type == ChunkType::State && c.last < s.tokens.size() &&
          ctx.lex.in_class(WordClass::currency_word, s.tokens[c.last]))
        c.type = ChunkType::None;
      if (c.type == ChunkType::State && modifies_following_noun(ctx, s, c)) {
        // "a key U.S. ally" is someone else; "Russian aircraft", "French paper
        // workers" are a group of that nationality.
        // ... and "the North Korean defense pact" is an agreement, no actor at all.
        if (ctx.lex.in_class(WordClass::relational_noun, s.tokens[c.last]) ||
            agreement_follows(ctx, s, c.last)) {
          c.type = ChunkType::None;
        } else {
          std::size_t end = c.last;
          Chunk probe = c;
          while (end < s.tokens.size() && end < c.last + 3 &&
                 (modifies_following_noun(ctx, s, probe) || cats[end] == Cat::Organ ||
                  cats[end] == Cat::Group)) {
            probe.last = ++end;
          }
          c.last = end;
          j = std::max(j, end);
          c.type = ChunkType::Group;
          c.resolved = false;
          // "rockets hit a Thai village", "into Russian airspace": a place of
          // the state stands for the state (it is what was acted on).
          if (ctx.lex.in_class(WordClass::place_noun, s.tokens[end - 1])) {
            c.type = ChunkType::State;
            c.actor = ActorRef{ActorKind::State, c.state, 0};
            c.resolved = true;
          }
        }
      }
      if (c.type != ChunkType::None) s.chunks.push_back(std::move(c));
    }
    i = std::max(j, i + 1);
  }
}

namespace {

// The text of a group chunk without its leading determiner: "South Korean activists".
std::string group_label(const ArticleContext& ctx, const SentenceView& s, const Chunk& c) {
  std::size_t first = c.first;
  while (first < c.last && ctx.lex.in_class(WordClass::determiner, s.tokens[first])) ++first;
  return tokens_text(ctx, s, first, c.last);
}

// "the Russian ambassador, Georgy Zinoviev," or "Kim Hong-kyun, the vice
// foreign minister of South Korea,": the role describes the named person.
void attach_role(ArticleContext& ctx, const SentenceView& s, Chunk& person, const Chunk& role_chunk,
                 std::size_t apposition_end) {
  std::string state = role_chunk.state;
  std::string org = role_chunk.organisation ? ctx.lex.organisations[*role_chunk.organisation].name : "";
  std::string org_words;  // the organisation as the text names it ("NATO")
  // States and organisations later in the apposition: "of South Korea", "for the US State Department",
  // but not "ambassador to Seoul" (the host state).
  for (const auto& c : s.chunks) {
    if (c.first <= role_chunk.first || c.first >= apposition_end) continue;
    if (c.preposition == "to" || c.preposition == "in" || c.preposition == "at") continue;
    if (state.empty() && !c.state.empty()) state = c.state;
    if (org.empty() && c.organisation) {
      org = ctx.lex.organisations[*c.organisation].name;
      org_words = group_label(ctx, s, c);
    }
    if (state.empty() && c.organisation) state = ctx.lex.organisations[*c.organisation].state;
    if (state.empty() && c.type == ChunkType::Person && c.resolved)
      state = ctx.people.persons[c.actor.index].state;
  }
  const bool nonstate = ctx.lex.in_class(WordClass::nonstate_role, ascii_lower(role_chunk.role));
  std::string role = role_chunk.role;
  if (!org.empty() && ascii_lower(role).find(ascii_lower(org)) == std::string::npos &&
      role_chunk.organisation == std::nullopt) {
    role += " of " + (org_words.empty() ? org : org_words);  // "chairman of NATO": part of the position
  }
  ctx.people.set_role(person.actor.index, role, nonstate ? std::string() : state, role_chunk.role_type, org);
}

std::size_t apposition_end(const SentenceView& s, std::size_t from) {
  for (std::size_t k = from; k < s.tokens.size(); ++k) {
    const auto& w = s.tokens[k].lower;
    if (w == "," || w == ";" || w == "\"" || w == "(" || w == ")") return k;
  }
  return s.tokens.size();
}

// "Kim Hong-kyun, the vice foreign minister of South Korea, ...": the first
// role in the comma-enclosed phrase after a name describes that person.
void attach_following_apposition(ArticleContext& ctx, SentenceView& s, std::size_t person_chunk) {
  Chunk& a = s.chunks[person_chunk];
  const std::size_t begin = a.last + 1;
  if (begin >= s.tokens.size()) return;
  const auto& opener = s.tokens[begin];
  const bool starts_like_apposition = ctx.lex.in_class(WordClass::determiner, opener) ||
                                      ctx.lex.in_class(WordClass::role_modifier, opener) ||
                                      s.entity_at[begin] >= 0 || opener.capitalised;
  if (!starts_like_apposition) return;
  const std::size_t end = apposition_end(s, begin);
  for (std::size_t n = person_chunk + 1; n < s.chunks.size() && s.chunks[n].first < end; ++n) {
    Chunk& b = s.chunks[n];
    if (b.type != ChunkType::RoleRef) continue;
    attach_role(ctx, s, a, b, end);
    for (std::size_t k = person_chunk + 1; k < s.chunks.size() && s.chunks[k].first < end; ++k) {
      s.chunks[k].absorbed = true;
    }
    b.actor = a.actor;
    b.resolved = true;
    return;
  }
}

// An official named with a title but no state ("national security adviser
// Chang Ho-jin") serves the state the sentence has just named.
void infer_title_states(ArticleContext& ctx, const SentenceView& s) {
  constexpr std::size_t kWindow = 15;
  for (std::size_t n = 0; n < s.chunks.size(); ++n) {
    const Chunk& c = s.chunks[n];
    if (c.type != ChunkType::Person || !c.resolved) continue;
    auto& p = ctx.people.persons[c.actor.index];
    if (!p.state.empty() || p.role.empty() || c.role.empty() || c.role_type != RoleType::Title) continue;
    if (ctx.lex.in_class(WordClass::nonstate_role, ascii_lower(p.role))) continue;
    if (ctx.people.stateless.count(c.actor.index) > 0) continue;
    for (std::size_t m = n; m-- > 0;) {
      const Chunk& prev = s.chunks[m];
      if (c.first - prev.last > kWindow) break;
      if (prev.type == ChunkType::State && !prev.state.empty()) {
        p.state = prev.state;
        ctx.people.weak_state.insert(c.actor.index);
        break;
      }
    }
  }
}

}  // namespace

void attach_appositions(ArticleContext& ctx, SentenceView& s) {
  auto& ch = s.chunks;
  for (std::size_t n = 0; n + 1 < ch.size(); ++n) {
    Chunk& a = ch[n];
    Chunk& b = ch[n + 1];
    const bool comma_between = b.first == a.last + 1 && s.tokens[a.last].lower == ",";
    const bool named_between =
        b.first == a.last + 1 && (s.tokens[a.last].lower == "named" || s.tokens[a.last].lower == "called");
    if (a.type == ChunkType::Person && a.last < s.tokens.size() && s.tokens[a.last].lower == ",") {
      attach_following_apposition(ctx, s, n);
    } else if (a.type == ChunkType::RoleRef && b.type == ChunkType::Person &&
               (comma_between || named_between) && b.role.empty()) {
      attach_role(ctx, s, b, a, b.first);  // "the Russian ambassador, Georgy Zinoviev"; "an adviser named X"
      a.absorbed = true;
      a.actor = b.actor;
      a.resolved = true;
    } else if (a.type == ChunkType::Person && b.type == ChunkType::State && b.preposition == "of" &&
               b.first == a.last + 1 && !a.role.empty()) {
      ctx.people.set_role(a.actor.index, {}, b.state, RoleType::Title, {});  // "King Hassan of Morocco"
      b.absorbed = true;
    }
  }
  apply_leader_gazetteer(ctx, s);
  infer_title_states(ctx, s);
  bind_plural_references(ctx, s);
  // Role references without a name: bind to a known person of that role and
  // state; else the role holder acts for their state or organisation
  // ("the Russian ambassador" -> Russia, "a UN official" -> the UN).
  for (auto& c : ch) {
    if (c.type != ChunkType::RoleRef || c.resolved) continue;
    const auto words = tokenize(c.role);
    const std::string head = words.empty() ? c.role : words.back().lower;
    if (auto p = ctx.people.find_role(head, c.state)) {
      c.actor = ActorRef{ActorKind::Person, {}, *p};
      c.resolved = true;
    } else if (!c.state.empty()) {
      c.actor = ActorRef{ActorKind::State, c.state, 0};
      c.resolved = true;
    } else if (c.organisation) {
      c.actor = organisation_actor(ctx, s, c);
      c.resolved = true;
    }
  }
  // Groups: "activists from South Korea", "South Korean activists", led by someone.
  std::optional<std::size_t> leader;
  for (std::size_t k = 0; k + 1 < s.tokens.size(); ++k) {
    const bool led_by = s.tokens[k].lower == "led" && s.tokens[k + 1].lower == "by";
    const bool leadership_of = s.tokens[k].lower == "leadership" && s.tokens[k + 1].lower == "of";
    if (!led_by && !leadership_of) continue;
    for (const auto& c : ch) {
      if (c.first > k + 1 && c.first <= k + 8 && c.type == ChunkType::Person && c.resolved) {
        leader = c.actor.index;
        break;
      }
    }
  }
  for (std::size_t n = 0; n < ch.size(); ++n) {
    Chunk& c = ch[n];
    if (c.type != ChunkType::Group || c.resolved) continue;
    std::string state = c.state;
    const bool place_after =
        n + 1 < ch.size() && ch[n + 1].first == c.last + 1 &&
        (ch[n + 1].preposition == "from" || ch[n + 1].preposition == "of" || ch[n + 1].preposition == "in" ||
         ch[n + 1].preposition == "throughout" || ch[n + 1].preposition == "across");
    if (state.empty() && place_after && ch[n + 1].type == ChunkType::State) {
      state = ch[n + 1].state;
      ch[n + 1].absorbed = true;
    } else if (state.empty() && place_after && ch[n + 1].type == ChunkType::Person) {
      state = ch[n + 1].state;  // "inhabitants of the Syrian Golan Heights": the demonym in a place name
    }
    if (leader) {
      c.actor = ActorRef{ActorKind::Person, {}, *leader};
      c.resolved = true;
      continue;
    }
    OrganisationFact f;
    f.name = group_label(ctx, s, c);
    if (!state.empty() && f.name.find(' ') == std::string::npos) {
      f.name += " from " + ctx.lex.state(state)->label;
    }
    f.code = state;
    f.state = state;
    const std::string key = "group:" + ascii_lower(f.name);  // before f is moved from
    const auto idx = add_organisation(ctx, key, std::move(f));
    ctx.organisations[idx].mentions.push_back(Span{s.tokens[c.first].begin, s.tokens[c.last - 1].end});
    c.actor = ActorRef{ActorKind::Organisation, {}, idx};
    c.resolved = true;
  }
  resolve_collective_pronouns(ctx, s);
}

}  // namespace newsgraph::extract
