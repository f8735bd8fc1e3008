// Leaders the text names without their state ("President Bush threatened
// Russia") take it from the gazetteer of data/leaders.tsv. Explicit context
// ("Egyptian President Hosni Mubarak", "X, Russia's ambassador") always wins;
// a state only inferred from one named nearby does not.
#include "extract/analysis.hpp"
#include "util/strings.hpp"

namespace newsgraph::extract {

namespace {

// "prime minister" -> "Prime Minister", as titles are written in the text.
std::string title_case(const std::string& role) {
  std::string out = role;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool word_start = i == 0 || out[i - 1] == ' ' || out[i - 1] == '-';
    if (word_start && out[i] >= 'a' && out[i] <= 'z') out[i] = static_cast<char>(out[i] - 'a' + 'A');
  }
  return out;
}

std::size_t word_count(const SentenceView& s, std::size_t first, std::size_t last) {
  std::size_t n = 0;
  for (std::size_t k = first; k < last; ++k) n += s.tokens[k].is_word ? 1 : 0;
  return n;
}

std::optional<LeaderMatch> lookup(const ArticleContext& ctx, const SentenceView& s, const Chunk& c) {
  const std::string name = tokens_text(ctx, s, c.name_first, c.name_last);
  const std::string title = c.role_type == RoleType::Title ? c.role : std::string();
  if (word_count(s, c.name_first, c.name_last) >= 2) return ctx.lex.leaders.full_name(name, title);
  if (title.empty()) return std::nullopt;
  return ctx.lex.leaders.titled_surname(name, title);
}

}  // namespace

bool known_leader_name(const ArticleContext& ctx, const std::string& name) {
  return ctx.lex.leaders.full_name(name, {}).has_value();
}

void apply_leader_gazetteer(ArticleContext& ctx, const SentenceView& s) {
  for (const auto& c : s.chunks) {
    if (c.type != ChunkType::Person || !c.resolved || c.name_last <= c.name_first) continue;
    const auto m = lookup(ctx, s, c);
    if (!m) continue;
    const std::size_t idx = c.actor.index;
    auto& p = ctx.people.persons[idx];
    // Someone acting for an organisation ("NATO Secretary-General Jens
    // Stoltenberg") or in a role that serves no state is left as the text has it.
    const bool for_state = p.organisation.empty() && !c.organisation &&
                           !ctx.lex.in_class(WordClass::nonstate_role, ascii_lower(p.role));
    const bool open = p.state.empty() || ctx.people.weak_state.count(idx) > 0;
    if (for_state && open && !m->state.empty()) {
      p.state = m->state;
      ctx.people.weak_state.erase(idx);
    } else if (for_state && open && m->stateless) {
      p.state.clear();
      ctx.people.weak_state.erase(idx);
      ctx.people.stateless.insert(idx);
    }
    const bool same_person = p.state == m->state || (p.state.empty() && m->stateless);
    if (p.role.empty() && !m->role.empty() && same_person) p.role = title_case(m->role);
    if (same_person && !m->wikidata.empty()) p.wikidata = m->wikidata;
  }
}

}  // namespace newsgraph::extract
