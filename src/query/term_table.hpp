#pragma once
// The solutions of one query while the engine reads and post-processes
// them: each cell is a small id, one per distinct RDF term, so that ORDER
// BY, DISTINCT and grouping compare integers, and each distinct term is
// converted from Rasqal once. Converting every cell to an rdf::Term and
// comparing Terms (numbers parsed on every comparison) was most of the time
// of large queries (docs/query.md, benchmark).
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <rasqal.h>
#include <sord/sord.h>

#include "query/aggregate.hpp"

namespace newsgraph::query {

class TermTable {
 public:
  using Id = std::uint32_t;
  static constexpr Id kUnbound = 0;

  TermTable() : values_(1) {}
  ~TermTable();
  TermTable(const TermTable&) = delete;
  TermTable& operator=(const TermTable&) = delete;

  // The id of the term `literal` stands for; kUnbound for null. Equal terms
  // get equal ids. Keeps a reference to each literal it has seen, so that a
  // freed literal's address cannot come back as another term.
  Id id(rasqal_literal* literal);
  // The same for a Sord node (our own evaluator's values); null is kUnbound.
  Id id(const SordNode* node);

  const Value& value(Id id) const { return values_[id]; }
  std::size_t size() const { return values_.size(); }

  // rank[id] in SPARQL's ORDER BY order (compare_values); terms that compare
  // equal share a rank.
  std::vector<std::uint32_t> order_ranks() const;

 private:
  void index_contents();

  std::unordered_map<const rasqal_literal*, Id> by_literal_;
  std::unordered_map<const SordNode*, Id> by_node_;
  std::unordered_map<std::string, Id> by_content_;
  std::vector<Value> values_;  // [kUnbound] is nullopt
  std::vector<rasqal_literal*> held_;
  bool contents_indexed_ = false;
};

// Rows of ids, row-major.
struct IdRows {
  std::size_t width = 0;
  std::size_t count = 0;
  std::vector<TermTable::Id> cells;

  const TermTable::Id* row(std::size_t i) const { return cells.data() + i * width; }
};

// ORDER BY (stable; keys: column, descending), DISTINCT (first occurrences
// kept), OFFSET and LIMIT over `rows`: the indexes of the rows kept, in order.
struct SliceSpec {
  std::vector<std::pair<std::size_t, bool>> order;
  bool distinct = false;
  std::size_t offset = 0;
  std::size_t limit = SIZE_MAX;
};
std::vector<std::size_t> order_distinct_slice(const IdRows& rows, const TermTable& terms,
                                              const SliceSpec& spec);

}  // namespace newsgraph::query
