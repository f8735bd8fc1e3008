#include "lexicon/leaders.hpp"

#include <algorithm>

#include "lexicon/data_file.hpp"
#include "lexicon/tokenizer.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph {

namespace {

bool arabic_article(const std::string& lower_word) { return lower_word == "al" || lower_word == "el"; }

// "II", "XVI": a regnal number is not a surname.
bool regnal_number(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(),
                                      [](char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L'; });
}

// The words of a name, without the Arabic article and punctuation.
std::vector<std::string> name_words(std::string_view name, std::vector<std::string>* surfaces = nullptr) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(name)) {
    if (!t.is_word || arabic_article(t.lower)) continue;
    out.push_back(fold_key(t.lower));
    if (surfaces != nullptr) surfaces->emplace_back(token_text(name, t));
  }
  return out;
}

bool holds_role(const LeaderInfo& e, std::string_view title) {
  const std::string want = ascii_lower(trim(title));
  return std::find(e.roles.begin(), e.roles.end(), want) != e.roles.end();
}

}  // namespace

std::string leader_key(std::string_view name) {
  std::string key;
  for (const auto& w : name_words(name)) key += w;
  return key;
}

LeaderGazetteer LeaderGazetteer::load(const std::string& path,
                                      const std::function<bool(const std::string&)>& known_state) {
  LeaderGazetteer g;
  for_each_row(path, [&](const std::vector<std::string_view>& f, std::size_t line_no) {
    const Location where{path, line_no};
    if (f.size() != 6) {
      throw InputError(where, "expected 6 tab-separated columns, found " + std::to_string(f.size()));
    }
    LeaderInfo e;
    e.state = std::string(trim(f[0]));
    if (e.state == "-") e.state.clear();
    if (!e.state.empty() && !known_state(e.state)) throw InputError(where, "unknown state '" + e.state + "'");
    e.wikidata = std::string(trim(f[1]));
    if (e.wikidata == "-") e.wikidata.clear();
    if (!e.wikidata.empty() && (e.wikidata[0] != 'Q' || e.wikidata.size() < 2 ||
                                !std::all_of(e.wikidata.begin() + 1, e.wikidata.end(), is_ascii_digit))) {
      throw InputError(where, "not a Wikidata item id: '" + e.wikidata + "'");
    }
    e.name = std::string(trim(f[2]));
    if (e.name.empty() || e.name == "-") throw InputError(where, "leader without a name");
    e.variants = list_of(f[3]);
    for (const auto& r : list_of(f[4])) e.roles.push_back(ascii_lower(r));
    if (e.roles.empty()) throw InputError(where, "leader without a role");
    g.entries_.push_back(std::move(e));
    g.index(static_cast<std::uint32_t>(g.entries_.size() - 1));
  });
  return g;
}

// Full names of two or more words go to the full-name index, their last
// word (and one-word short forms) to the surname index.
void LeaderGazetteer::index(std::uint32_t id) {
  const auto& e = entries_[id];
  auto add = [id](std::vector<std::uint32_t>& ids) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  std::vector<std::string> forms{e.name};
  forms.insert(forms.end(), e.variants.begin(), e.variants.end());
  for (const auto& form : forms) {
    std::vector<std::string> surfaces;
    const auto words = name_words(form, &surfaces);
    if (words.empty()) continue;
    std::size_t last = words.size() - 1;
    while (last > 0 && regnal_number(surfaces[last])) --last;
    add(by_surname_[words[last]]);
    if (words.size() >= 2 && !(words.size() == 2 && regnal_number(surfaces[1]))) {
      add(by_full_[leader_key(form)]);
    }
  }
}

LeaderMatch LeaderGazetteer::summarise(const std::vector<std::uint32_t>& ids) const {
  LeaderMatch m;
  const auto& first = entries_[ids.front()];
  const auto same = [&](auto field) {
    return std::all_of(ids.begin(), ids.end(),
                       [&](std::uint32_t i) { return field(entries_[i]) == field(first); });
  };
  if (same([](const LeaderInfo& e) { return e.state; })) {
    m.state = first.state;
    m.stateless = first.state.empty();
  }
  if (same([](const LeaderInfo& e) { return e.roles.front(); })) m.role = first.roles.front();
  if (same([](const LeaderInfo& e) { return e.wikidata; })) m.wikidata = first.wikidata;
  return m;
}

std::optional<LeaderMatch> LeaderGazetteer::full_name(std::string_view name, std::string_view title) const {
  const auto it = by_full_.find(leader_key(name));
  if (it == by_full_.end()) return std::nullopt;
  std::vector<std::uint32_t> ids;
  for (auto id : it->second) {
    if (!title.empty() && holds_role(entries_[id], title)) ids.push_back(id);
  }
  return summarise(ids.empty() ? it->second : ids);
}

std::optional<LeaderMatch> LeaderGazetteer::titled_surname(std::string_view surname,
                                                           std::string_view title) const {
  const auto it = by_surname_.find(leader_key(surname));
  if (it == by_surname_.end()) return std::nullopt;
  std::vector<std::uint32_t> ids;
  for (auto id : it->second) {
    if (holds_role(entries_[id], title)) ids.push_back(id);
  }
  if (ids.empty()) return std::nullopt;
  return summarise(ids);
}

}  // namespace newsgraph
