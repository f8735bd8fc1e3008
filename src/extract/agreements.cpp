#include "extract/agreements.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace newsgraph::extract {

namespace {

bool is_state_token(const SentenceView& s, std::size_t i) {
  if (s.entity_at[i] < 0) return false;
  const auto k = s.entities[s.entity_at[i]].entry->kind;
  return k == EntityKind::StateName || k == EntityKind::StateDemonym || k == EntityKind::StateCapital ||
         k == EntityKind::StateAlias;
}

std::string state_at(const ArticleContext& ctx, const SentenceView& s, std::size_t i) {
  return ctx.lex.states[s.entities[s.entity_at[i]].entry->index].iso3;
}

void add_unique(std::vector<std::string>& v, const std::string& x) {
  if (!x.empty() && std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

}  // namespace

std::vector<AgreementMention> AgreementTable::scan(const ArticleContext& ctx, const SentenceView& s) {
  std::vector<AgreementMention> out;
  const auto& t = s.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!ctx.lex.in_class(WordClass::agreement_noun, t[i])) continue;
    if (i + 1 < t.size() && ctx.lex.in_class(WordClass::agreement_noun, t[i + 1]))
      continue;  // head is the last noun
    // Extend left over modifiers: states, years, hyphens, possessives, known modifier words.
    std::size_t first = i;
    bool specific = false;
    std::vector<std::string> parties;
    while (first > 0) {
      const std::size_t k = first - 1;
      const auto& w = t[k].lower;
      if (is_state_token(s, k)) {
        add_unique(parties, state_at(ctx, s, k));
      } else if (w == "-" || w == "'s") {
      } else if (t[k].has_digit && w.size() == 4) {
        specific = true;  // "the 2018 military accords"
      } else if (ctx.lex.in_class(WordClass::agreement_noun, t[k])) {
        specific = true;  // "the armistice agreement"
      } else if (!ctx.lex.in_class(WordClass::agreement_modifier, t[k])) {
        break;
      }
      first = k;
    }
    // Extend right: "between Russia and North Korea", "with North Korea".
    std::size_t last = i + 1;
    if (last < t.size() && (t[last].lower == "between" || t[last].lower == "with")) {
      std::size_t k = last + 1;
      while (k < t.size() && k < last + 8) {
        if (is_state_token(s, k)) {
          add_unique(parties, state_at(ctx, s, k));
        } else if (t[k].lower != "and" && t[k].lower != "the" && !(s.entity_at[k] >= 0)) {
          break;
        }
        ++k;
      }
      if (!parties.empty()) last = k;
    }
    while (first < i && (t[first].lower == "-" || t[first].lower == "'s")) ++first;
    const std::string label = tokens_text(ctx, s, first, i + 1);
    const auto idx = resolve(label, specific, parties, t[i].lower);
    auto& a = agreements[idx];
    for (const auto& p : parties) add_unique(a.parties, p);
    a.evidence.push_back(Evidence{s.index, Span{t[first].begin, t[last - 1].end}});
    out.push_back(AgreementMention{first, last, idx});
  }
  return out;
}

std::size_t AgreementTable::resolve(const std::string& label, bool specific,
                                    const std::vector<std::string>& parties, const std::string& kind) {
  const std::string key = ascii_lower(label);
  if (specific) {
    for (std::size_t i = 0; i < agreements.size(); ++i) {
      if (specific_[i] && labels_[i] == key) return i;
    }
  } else if (!parties.empty()) {
    // Same parties, or one of them when the mention names only one ("the pact with North Korea").
    for (std::size_t i = 0; i < agreements.size(); ++i) {
      if (specific_[i]) continue;
      const auto& have = agreements[i].parties;
      const bool all_known = std::all_of(parties.begin(), parties.end(), [&](const std::string& p) {
        return std::find(have.begin(), have.end(), p) != have.end();
      });
      if (all_known || (parties.size() == 1 && have.empty())) {
        salient_ = i;
        return i;
      }
    }
  } else if (salient_) {
    return *salient_;
  } else if (!agreements.empty()) {
    for (std::size_t i = agreements.size(); i-- > 0;) {
      if (!specific_[i]) return i;
    }
  }
  AgreementFact a;
  a.kind = kind;
  a.label = label;
  agreements.push_back(std::move(a));
  labels_.push_back(key);
  specific_.push_back(specific);
  if (!specific) salient_ = agreements.size() - 1;
  return agreements.size() - 1;
}

void AgreementTable::add_party(std::size_t agreement, const std::string& iso3) {
  add_unique(agreements[agreement].parties, iso3);
}

}  // namespace newsgraph::extract
