#pragma once
// The solutions of one query while the engine reads and post-processes
// them: each cell is a small id, one per distinct RDF term, so that ORDER
// BY, DISTINCT and grouping compare integers, and each distinct term is
// converted from Rasqal once. Converting every cell to an rdf::Term and
// comparing Terms (numbers parsed on every comparison) was most of the time
// of large queries (docs/query.md, benchmark).
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
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
  // The same for a term given by value (aggregates' results, rows built by
  // hand); nullopt is kUnbound.
  Id id(const Value& value);

  // Frees the Rasqal literals id(rasqal_literal*) holds, so that the table
  // can outlive the Rasqal world (a QueryResult keeps it). No id(literal)
  // may follow.
  void release_literals();

  const Value& value(Id id) const { return values_[id]; }
  std::size_t size() const { return values_.size(); }

  // rank[id] in SPARQL's ORDER BY order (compare_values) for the ids in
  // `used` (others rank 0); terms that compare equal share a rank. Ranking
  // only what ORDER BY reads, not the whole table: most of a table's terms
  // are in columns nobody sorts on.
  std::vector<std::uint32_t> order_ranks(const std::vector<Id>& used) const;

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

// The result of aggregate_ids: rows of ids in the caller's term table.
struct IdSolutions {
  std::vector<std::string> variables;
  IdRows rows;
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

// The rows `kept` of `rows`, in that order, as a new IdRows.
IdRows select_rows(const IdRows& rows, const std::vector<std::size_t>& kept);

// Every cell as a Value (tests compare results this way).
std::vector<std::vector<Value>> values_of(const IdRows& rows, const TermTable& terms);

// The rows of a SELECT result: id rows and the table of their terms, so
// that no cell is copied into an rdf::Term (copying every cell was 0.1 to
// 0.6 s of the large canned queries; docs/query.md). Reads like a vector
// of rows of Values: rows[i][j] is a `const Value&`, rows and rows' cells
// iterate. Also built from Values (tests, the writers' own tests).
class ResultRows {
 public:
  class Row {
   public:
    Row(const ResultRows* owner, std::size_t index) : owner_(owner), index_(index) {}
    std::size_t size() const { return owner_->rows_.width; }
    const Value& operator[](std::size_t column) const {
      return owner_->terms_->value(owner_->rows_.row(index_)[column]);
    }
    class iterator {
     public:
      using iterator_category = std::forward_iterator_tag;
      using value_type = Value;
      using difference_type = std::ptrdiff_t;
      using pointer = const Value*;
      using reference = const Value&;
      iterator(const ResultRows* owner, std::size_t index, std::size_t column)
          : owner_(owner), index_(index), column_(column) {}
      reference operator*() const { return owner_->terms_->value(owner_->rows_.row(index_)[column_]); }
      iterator& operator++() {
        ++column_;
        return *this;
      }
      bool operator==(const iterator& other) const { return column_ == other.column_; }
      bool operator!=(const iterator& other) const { return column_ != other.column_; }

     private:
      const ResultRows* owner_;
      std::size_t index_;
      std::size_t column_;
    };
    iterator begin() const { return {owner_, index_, 0}; }
    iterator end() const { return {owner_, index_, size()}; }

   private:
    const ResultRows* owner_;
    std::size_t index_;
  };

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Row;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Row;
    iterator(const ResultRows* owner, std::size_t index) : owner_(owner), index_(index) {}
    Row operator*() const { return {owner_, index_}; }
    iterator& operator++() {
      ++index_;
      return *this;
    }
    bool operator==(const iterator& other) const { return index_ == other.index_; }
    bool operator!=(const iterator& other) const { return index_ != other.index_; }

   private:
    const ResultRows* owner_;
    std::size_t index_;
  };

  ResultRows();
  ResultRows(std::shared_ptr<const TermTable> terms, IdRows rows);
  ResultRows(const std::vector<std::vector<Value>>& rows);  // NOLINT: implicit, reads like the vector
  ResultRows(std::initializer_list<std::vector<Value>> rows)
      : ResultRows(std::vector<std::vector<Value>>(rows)) {}

  std::size_t size() const { return rows_.count; }
  bool empty() const { return rows_.count == 0; }
  Row operator[](std::size_t index) const { return {this, index}; }
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, rows_.count}; }
  // Keeps the first `count` rows.
  void truncate(std::size_t count);
  void clear() { truncate(0); }
  std::vector<std::vector<Value>> values() const { return values_of(rows_, *terms_); }

 private:
  std::shared_ptr<const TermTable> terms_;
  IdRows rows_;
};

}  // namespace newsgraph::query
