#include <algorithm>

#include "extract/analysis.hpp"
#include "util/strings.hpp"

namespace newsgraph::extract {

namespace {

std::vector<std::string> name_parts(const std::string& name) {
  std::vector<std::string> parts;
  for (const auto& t : tokenize(name)) {
    if (t.is_word) parts.push_back(fold_key(t.lower));
  }
  return parts;
}

}  // namespace

std::size_t PersonTable::add_name(const std::string& name, Span mention) {
  std::string key = fold_key(name);
  for (std::size_t i = 0; i < persons.size(); ++i) {
    auto& p = persons[i];
    if (keys_[i] != key) continue;
    if (p.name != name && std::find(p.variants.begin(), p.variants.end(), name) == p.variants.end()) {
      p.variants.push_back(name);
    }
    touch(i, mention);
    return i;
  }
  PersonFact p;
  p.name = name;
  persons.push_back(std::move(p));
  keys_.push_back(std::move(key));
  parts_.push_back(name_parts(name));
  last_seen_.push_back(0);
  touch(persons.size() - 1, mention);
  return persons.size() - 1;
}

std::optional<std::size_t> PersonTable::find_part(const std::string& part) const {
  const std::string key = fold_key(part);
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < persons.size(); ++i) {
    const auto& parts = parts_[i];
    if (parts.size() < 2 || std::find(parts.begin(), parts.end(), key) == parts.end()) continue;
    if (!best || last_seen_[i] > last_seen_[*best]) best = i;
  }
  return best;
}

bool PersonTable::has_name(std::string_view name) const {
  return std::find(keys_.begin(), keys_.end(), fold_key(name)) != keys_.end();
}

std::optional<std::size_t> PersonTable::find_role(const std::string& role_word,
                                                  const std::string& state) const {
  std::optional<std::size_t> best;
  const std::string want = ascii_lower(role_word);
  for (std::size_t i = 0; i < persons.size(); ++i) {
    const auto& p = persons[i];
    if (p.role.empty() || ascii_lower(p.role).find(want) == std::string::npos) continue;
    if (!state.empty() && p.state != state) continue;
    if (!best || last_seen_[i] > last_seen_[*best]) best = i;
  }
  return best;
}

std::optional<std::size_t> PersonTable::most_recent() const {
  if (persons.empty()) return std::nullopt;
  return static_cast<std::size_t>(std::max_element(last_seen_.begin(), last_seen_.end()) -
                                  last_seen_.begin());
}

std::vector<std::size_t> PersonTable::recent(std::size_t n) const {
  std::vector<std::size_t> order(persons.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return last_seen_[a] > last_seen_[b]; });
  if (order.size() > n) order.resize(n);
  return order;
}

void PersonTable::touch(std::size_t person, Span mention) {
  last_seen_[person] = ++clock_;
  persons[person].mentions.push_back(mention);
}

void PersonTable::set_role(std::size_t person, const std::string& role, const std::string& state,
                           RoleType type, const std::string& organisation) {
  auto& p = persons[person];
  // The first, fullest title wins; a later descriptor does not replace a title.
  if (!role.empty() &&
      (p.role.empty() || (type == RoleType::Title && role.size() > p.role.size() &&
                          ascii_lower(role).find(ascii_lower(p.role)) != std::string::npos))) {
    p.role = role;
  }
  if (!state.empty() && p.state.empty()) p.state = state;
  if (!organisation.empty() && p.organisation.empty()) p.organisation = organisation;
}

}  // namespace newsgraph::extract
