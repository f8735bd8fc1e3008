#include "query/term_table.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "query/node_bridge.hpp"

namespace newsgraph::query {

namespace {

std::string content_key(const rdf::Term& term) {
  std::string key;
  key.reserve(term.value.size() + term.datatype.size() + term.language.size() + 3);
  key += static_cast<char>('0' + static_cast<int>(term.kind));
  key += term.value;
  key += '\x01';
  key += term.datatype;
  key += '\x01';
  key += term.language;
  return key;
}

}  // namespace

TermTable::~TermTable() {
  for (rasqal_literal* literal : held_) rasqal_free_literal(literal);
}

TermTable::Id TermTable::id(rasqal_literal* literal) {
  if (literal == nullptr) return kUnbound;
  const auto known = by_literal_.find(literal);
  if (known != by_literal_.end()) return known->second;
  index_contents();
  rdf::Term term = term_of(literal);
  auto [it, added] = by_content_.emplace(content_key(term), static_cast<Id>(values_.size()));
  if (added) values_.emplace_back(std::move(term));
  held_.push_back(rasqal_new_literal_from_literal(literal));
  by_literal_.emplace(literal, it->second);
  return it->second;
}

TermTable::Id TermTable::id(const SordNode* node) {
  if (node == nullptr) return kUnbound;
  const auto [it, added] = by_node_.emplace(node, static_cast<Id>(values_.size()));
  if (!added) return it->second;
  rdf::Term term = term_of(node);
  // As term_of(rasqal_literal*) reports it: "x"^^xsd:string is "x". Two
  // Sord nodes are then one term, so the content index must decide its id
  // (grouping and DISTINCT compare ids).
  if (term.datatype == "http://www.w3.org/2001/XMLSchema#string") {
    term.datatype.clear();
    index_contents();
  }
  if (contents_indexed_) {
    const auto [by, fresh] = by_content_.emplace(content_key(term), it->second);
    if (!fresh) return it->second = by->second;
  }
  values_.emplace_back(std::move(term));
  return it->second;
}

TermTable::Id TermTable::id(const Value& value) {
  if (!value) return kUnbound;
  index_contents();
  const auto [it, added] = by_content_.emplace(content_key(*value), static_cast<Id>(values_.size()));
  if (added) values_.push_back(value);
  return it->second;
}

void TermTable::release_literals() {
  for (rasqal_literal* literal : held_) rasqal_free_literal(literal);
  held_.clear();
  by_literal_.clear();
}

// Sord interns nodes, so a node pointer is a term: ids from nodes need no
// content index. Ids from Rasqal literals (and from nodes once those are
// mixed in) do; it is built on the first literal.
void TermTable::index_contents() {
  if (contents_indexed_) return;
  contents_indexed_ = true;
  for (std::size_t i = 1; i < values_.size(); ++i)
    by_content_.emplace(content_key(*values_[i]), static_cast<Id>(i));
}

std::vector<std::uint32_t> TermTable::order_ranks(const std::vector<Id>& used) const {
  std::vector<Id> ids = used;
  std::stable_sort(ids.begin(), ids.end(),
                   [this](Id a, Id b) { return compare_values(values_[a], values_[b]) < 0; });
  std::vector<std::uint32_t> rank(values_.size(), 0);
  std::uint32_t current = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0 && compare_values(values_[ids[i - 1]], values_[ids[i]]) != 0) ++current;
    rank[ids[i]] = current;
  }
  return rank;
}

std::vector<std::size_t> order_distinct_slice(const IdRows& rows, const TermTable& terms,
                                              const SliceSpec& spec) {
  std::vector<std::size_t> order(rows.count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (!spec.order.empty()) {
    std::vector<char> seen(terms.size(), 0);
    std::vector<TermTable::Id> used;
    for (std::size_t r = 0; r < rows.count; ++r) {
      for (const auto& key : spec.order) {
        const TermTable::Id id = rows.row(r)[key.first];
        if (seen[id] == 0) {
          seen[id] = 1;
          used.push_back(id);
        }
      }
    }
    const std::vector<std::uint32_t> rank = terms.order_ranks(used);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const TermTable::Id* ra = rows.row(a);
      const TermTable::Id* rb = rows.row(b);
      for (const auto& [column, descending] : spec.order) {
        const std::uint32_t x = rank[ra[column]];
        const std::uint32_t y = rank[rb[column]];
        if (x != y) return descending ? x > y : x < y;
      }
      return false;
    });
  }
  const auto hash = [&](std::size_t r) {
    std::size_t h = 0;
    const TermTable::Id* cells = rows.row(r);
    for (std::size_t c = 0; c < rows.width; ++c) h = h * 1000003u ^ cells[c];
    return h;
  };
  const auto equal = [&](std::size_t a, std::size_t b) {
    return std::equal(rows.row(a), rows.row(a) + rows.width, rows.row(b));
  };
  std::unordered_set<std::size_t, decltype(hash), decltype(equal)> seen(16, hash, equal);
  std::vector<std::size_t> kept;
  std::size_t skipped = 0;
  for (std::size_t r : order) {
    if (spec.distinct && !seen.insert(r).second) continue;
    if (skipped < spec.offset) {
      ++skipped;
      continue;
    }
    if (kept.size() >= spec.limit) break;
    kept.push_back(r);
  }
  return kept;
}

IdRows select_rows(const IdRows& rows, const std::vector<std::size_t>& kept) {
  IdRows out;
  out.width = rows.width;
  out.count = kept.size();
  out.cells.reserve(out.count * out.width);
  for (std::size_t r : kept) out.cells.insert(out.cells.end(), rows.row(r), rows.row(r) + rows.width);
  return out;
}

std::vector<std::vector<Value>> values_of(const IdRows& rows, const TermTable& terms) {
  std::vector<std::vector<Value>> out;
  out.reserve(rows.count);
  for (std::size_t i = 0; i < rows.count; ++i) {
    const TermTable::Id* cells = rows.row(i);
    std::vector<Value>& row = out.emplace_back(rows.width);
    for (std::size_t c = 0; c < rows.width; ++c) row[c] = terms.value(cells[c]);
  }
  return out;
}

ResultRows::ResultRows() : terms_(std::make_shared<TermTable>()) {}

ResultRows::ResultRows(std::shared_ptr<const TermTable> terms, IdRows rows)
    : terms_(std::move(terms)), rows_(std::move(rows)) {}

ResultRows::ResultRows(const std::vector<std::vector<Value>>& rows) {
  auto terms = std::make_shared<TermTable>();
  rows_.width = rows.empty() ? 0 : rows.front().size();
  rows_.count = rows.size();
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < rows_.width; ++c)
      rows_.cells.push_back(terms->id(c < row.size() ? row[c] : Value()));
  }
  terms_ = std::move(terms);
}

void ResultRows::truncate(std::size_t count) {
  if (count >= rows_.count) return;
  rows_.count = count;
  rows_.cells.resize(count * rows_.width);
}

}  // namespace newsgraph::query
