#include "query/aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_set>

#include "query/term_table.hpp"
#include "util/strings.hpp"

namespace newsgraph::query {

namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

// Numeric type ranks for SPARQL's promotion: integer < decimal < float < double.
enum class Numeric { None, Integer, Decimal, Float, Double };

Numeric numeric_type(const rdf::Term& t) {
  if (t.kind != rdf::TermKind::Literal || t.datatype.compare(0, kXsd.size(), kXsd) != 0) return Numeric::None;
  const std::string_view local = std::string_view(t.datatype).substr(kXsd.size());
  if (local == "decimal") return Numeric::Decimal;
  if (local == "double") return Numeric::Double;
  if (local == "float") return Numeric::Float;
  static const std::set<std::string_view> kIntegers = {"integer",
                                                       "int",
                                                       "long",
                                                       "short",
                                                       "byte",
                                                       "nonNegativeInteger",
                                                       "positiveInteger",
                                                       "negativeInteger",
                                                       "nonPositiveInteger",
                                                       "unsignedInt",
                                                       "unsignedLong",
                                                       "unsignedShort",
                                                       "unsignedByte"};
  return kIntegers.count(local) ? Numeric::Integer : Numeric::None;
}

bool number_of(const rdf::Term& t, long double& out) {
  if (numeric_type(t) == Numeric::None) return false;
  char* end = nullptr;
  out = std::strtold(t.value.c_str(), &end);
  return end != t.value.c_str() && *end == '\0';
}

std::string format_number(long double value, Numeric type) {
  char buffer[64];
  if (type == Numeric::Integer) {
    std::snprintf(buffer, sizeof buffer, "%.0Lf", value);
    return buffer;
  }
  if (type == Numeric::Decimal) {
    std::snprintf(buffer, sizeof buffer, "%.18Lf", value);
    std::string s = buffer;  // canonical xsd:decimal: no exponent, trailing zeros cut, one kept
    while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
    return s;
  }
  std::snprintf(buffer, sizeof buffer, "%.17Lg", value);
  std::string s = buffer;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

rdf::Term number_term(long double value, Numeric type) {
  const char* name = type == Numeric::Integer   ? "integer"
                     : type == Numeric::Decimal ? "decimal"
                     : type == Numeric::Float   ? "float"
                                                : "double";
  return rdf::Term::typed(format_number(value, type), std::string(kXsd) + name);
}

int kind_rank(const Value& v) {
  if (!v) return 0;
  switch (v->kind) {
    case rdf::TermKind::Blank: return 1;
    case rdf::TermKind::Iri: return 2;
    case rdf::TermKind::Literal: return 3;
  }
  return 3;
}

// SPARQL 1.1 (18.5.1.1) keeps an argument's errors (here: unbound values) in
// the multiset a set function sees. Sum (18.5.1.3) adds every element with
// op:numeric-add, Avg (18.5.1.4) is Sum / Count, Min and Max (18.5.1.5-6)
// compare every element, GroupConcat (18.5.1.7) joins every element with
// CONCAT: each is an error when one element is, and an error leaves the
// projected variable unbound (as in Jena). Count (18.5.1.2) counts bound
// values only, and Sample (18.5.1.8) may pick any element: we pick a bound one.
bool unbound_taints(const AggregateSpec& spec) {
  return spec.function != AggregateSpec::Function::Count && spec.function != AggregateSpec::Function::Sample;
}

// COUNT, SUM and AVG from a group's totals (SUM and AVG: `error` after a non-number).
Value count_result(std::size_t count) {
  return rdf::Term::typed(std::to_string(count), std::string(kXsd) + "integer");
}

Value sum_result(long double sum, Numeric sum_type, bool error) {
  if (error) return std::nullopt;
  return number_term(sum, sum_type);
}

Value avg_result(long double sum, Numeric sum_type, bool error, std::size_t count) {
  if (error) return std::nullopt;
  if (count == 0) return rdf::Term::typed("0", std::string(kXsd) + "integer");
  const Numeric type = sum_type == Numeric::Integer ? Numeric::Decimal : sum_type;
  return number_term(sum / static_cast<long double>(count), type);
}

}  // namespace

// One group's running state for one aggregate.
struct Accumulator {
  const AggregateSpec* spec = nullptr;
  std::size_t count = 0;
  long double sum = 0;
  Numeric sum_type = Numeric::Integer;
  bool error = false;  // a non-number in SUM or AVG, an unbound value (see unbound_taints)
  Value best;          // MIN, MAX, SAMPLE
  bool has_best = false;
  std::vector<std::string> parts;                           // GROUP_CONCAT
  std::unordered_set<std::vector<Value>, ValuesHash> seen;  // DISTINCT

  void add(const std::vector<Value>& row, std::size_t column) {
    static const Value kNone;
    const Value& value = spec->star ? kNone : row[column];
    if (spec->distinct) {
      const std::vector<Value> key = spec->star ? row : std::vector<Value>{value};
      if (!seen.insert(key).second) return;
    }
    if (spec->star) {
      ++count;
      return;
    }
    if (!value) {  // unbound (an error in the expression): see unbound_taints
      error = error || unbound_taints(*spec);
      return;
    }
    ++count;
    switch (spec->function) {
      case AggregateSpec::Function::Count: break;
      case AggregateSpec::Function::Sum:
      case AggregateSpec::Function::Avg: {
        long double n = 0;
        if (!number_of(*value, n)) {
          error = true;
          break;
        }
        sum += n;
        sum_type = std::max(sum_type, numeric_type(*value));
        break;
      }
      case AggregateSpec::Function::Min:
      case AggregateSpec::Function::Max: {
        const int c = compare_values(value, best);
        const bool better = spec->function == AggregateSpec::Function::Min ? c < 0 : c > 0;
        if (!has_best || better) best = value;
        has_best = true;
        break;
      }
      case AggregateSpec::Function::Sample:
        if (!has_best) best = value;
        has_best = true;
        break;
      case AggregateSpec::Function::GroupConcat: parts.push_back(value->value); break;
    }
  }

  Value result() const {
    switch (spec->function) {
      case AggregateSpec::Function::Count: return count_result(count);
      case AggregateSpec::Function::Sum: return sum_result(sum, sum_type, error);
      case AggregateSpec::Function::Avg: return avg_result(sum, sum_type, error, count);
      case AggregateSpec::Function::Min:
      case AggregateSpec::Function::Max:
      case AggregateSpec::Function::Sample: return has_best && !error ? best : std::nullopt;
      case AggregateSpec::Function::GroupConcat: {
        if (error) return std::nullopt;
        std::string joined;
        for (std::size_t i = 0; i < parts.size(); ++i) joined += (i ? spec->separator : "") + parts[i];
        return rdf::Term::literal(joined);
      }
    }
    return std::nullopt;
  }
};

namespace {

std::size_t column_of(const std::vector<std::string>& variables, const std::string& name) {
  return static_cast<std::size_t>(std::find(variables.begin(), variables.end(), name) - variables.begin());
}

}  // namespace

std::optional<AggregateSpec::Function> aggregate_function(std::string_view name) {
  const std::string upper = [&] {
    std::string s(name);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
  }();
  if (upper == "COUNT") return AggregateSpec::Function::Count;
  if (upper == "SUM") return AggregateSpec::Function::Sum;
  if (upper == "MIN") return AggregateSpec::Function::Min;
  if (upper == "MAX") return AggregateSpec::Function::Max;
  if (upper == "AVG") return AggregateSpec::Function::Avg;
  if (upper == "SAMPLE") return AggregateSpec::Function::Sample;
  if (upper == "GROUP_CONCAT") return AggregateSpec::Function::GroupConcat;
  return std::nullopt;
}

std::size_t ValuesHash::operator()(const std::vector<Value>& values) const noexcept {
  std::size_t h = values.size();
  const std::hash<std::string> text;
  for (const Value& v : values) {
    std::size_t x = v ? text(v->value) ^ (text(v->datatype) * 31) ^ (text(v->language) * 131) ^
                            static_cast<std::size_t>(v->kind)
                      : 0x9e3779b9u;
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  }
  return h;
}

int compare_values(const Value& a, const Value& b) {
  const int ra = kind_rank(a);
  const int rb = kind_rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (!a) return 0;
  long double x = 0;
  long double y = 0;
  if (number_of(*a, x) && number_of(*b, y)) {
    if (x != y) return x < y ? -1 : 1;
  }
  if (int c = a->value.compare(b->value)) return c < 0 ? -1 : 1;
  if (int c = a->datatype.compare(b->datatype)) return c < 0 ? -1 : 1;
  if (int c = a->language.compare(b->language)) return c < 0 ? -1 : 1;
  return 0;
}

Aggregator::Aggregator(const AggregationPlan& plan, const std::vector<std::string>& inner_variables)
    : plan_(plan) {
  for (const auto& key : plan.keys) key_columns_.push_back(column_of(inner_variables, key));
  for (const auto& spec : plan.aggregates)
    argument_columns_.push_back(column_of(inner_variables, spec.column));
  if (!plan.grouped) group_for({});  // aggregates over no solutions still give one row
}

Aggregator::~Aggregator() = default;

// Groups in order of first appearance (deterministic output before ORDER BY).
std::vector<Accumulator>& Aggregator::group_for(const std::vector<Value>& key) {
  auto [it, added] = index_.emplace(key, groups_.size());
  if (added) {
    keys_.push_back(key);
    std::vector<Accumulator> accumulators(plan_.aggregates.size());
    for (std::size_t i = 0; i < plan_.aggregates.size(); ++i) accumulators[i].spec = &plan_.aggregates[i];
    groups_.push_back(std::move(accumulators));
  }
  return groups_[it->second];
}

void Aggregator::add(const std::vector<Value>& row) {
  std::vector<Value> key;
  key.reserve(key_columns_.size());
  for (std::size_t c : key_columns_) key.push_back(c < row.size() ? row[c] : std::nullopt);
  auto& accumulators = group_for(key);
  for (std::size_t i = 0; i < accumulators.size(); ++i) accumulators[i].add(row, argument_columns_[i]);
}

Solutions aggregate(const Solutions& inner, const AggregationPlan& plan) {
  Aggregator aggregator(plan, inner.variables);
  for (const auto& row : inner.rows) aggregator.add(row);
  return aggregator.finish();
}

namespace {

// ORDER BY over the rows (stable). Each distinct key value is ranked once,
// so the sort compares integers (compare_values parses numbers).
void sort_rows(Solutions& out, const std::vector<OrderKey>& keys) {
  std::vector<std::pair<std::size_t, bool>> order;
  for (const auto& key : keys) {
    const std::size_t column = column_of(out.variables, key.column);
    if (column < out.variables.size()) order.emplace_back(column, key.descending);
  }
  std::unordered_map<std::vector<Value>, std::uint32_t, ValuesHash> rank;
  std::vector<const Value*> distinct;
  for (const auto& row : out.rows) {
    for (const auto& [column, descending] : order) {
      if (rank.emplace(std::vector<Value>{row[column]}, 0).second) distinct.push_back(&row[column]);
    }
  }
  std::stable_sort(distinct.begin(), distinct.end(),
                   [](const Value* a, const Value* b) { return compare_values(*a, *b) < 0; });
  std::uint32_t current = 0;
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    if (i > 0 && compare_values(*distinct[i - 1], *distinct[i]) != 0) ++current;
    rank[std::vector<Value>{*distinct[i]}] = current;
  }
  std::vector<std::vector<std::uint32_t>> ranks;
  ranks.reserve(out.rows.size());
  for (const auto& row : out.rows) {
    std::vector<std::uint32_t> r;
    for (const auto& [column, descending] : order) r.push_back(rank.at(std::vector<Value>{row[column]}));
    ranks.push_back(std::move(r));
  }
  std::vector<std::size_t> index(out.rows.size());
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
  std::stable_sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) {
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (ranks[a][k] != ranks[b][k])
        return order[k].second ? ranks[a][k] > ranks[b][k] : ranks[a][k] < ranks[b][k];
    }
    return false;
  });
  std::vector<std::vector<Value>> sorted;
  sorted.reserve(out.rows.size());
  for (std::size_t i : index) sorted.push_back(std::move(out.rows[i]));
  out.rows = std::move(sorted);
}

}  // namespace

namespace {

// The projected rows of `group_count` groups, then ORDER BY, DISTINCT,
// OFFSET and LIMIT as the plan says. key(g, k) is group g's k-th key,
// result(g, a) its a-th aggregate.
template <typename Key, typename Result>
Solutions project_groups(const AggregationPlan& plan, std::size_t group_count, Key key, Result result) {
  // Group g's value of a key or an aggregate (unbound for other names).
  const auto cell = [&](std::size_t g, const std::string& name) -> Value {
    const auto k = std::find(plan.keys.begin(), plan.keys.end(), name);
    if (k != plan.keys.end()) return key(g, static_cast<std::size_t>(k - plan.keys.begin()));
    const auto spec = std::find_if(plan.aggregates.begin(), plan.aggregates.end(),
                                   [&](const AggregateSpec& s) { return s.name == name; });
    if (spec == plan.aggregates.end()) return std::nullopt;
    return result(g, static_cast<std::size_t>(spec - plan.aggregates.begin()));
  };
  // The trailing VALUES join: one row per group and compatible VALUES row
  // (without VALUES: one empty row, compatible with every group).
  const std::vector<std::vector<Value>> one_empty_row(1);
  const std::vector<std::string> no_variables;
  const auto& data_variables = plan.values ? plan.values->variables : no_variables;
  const auto& data_rows = plan.values ? plan.values->rows : one_empty_row;
  Solutions out;
  out.variables = plan.output;
  for (std::size_t g = 0; g < group_count; ++g) {
    for (const auto& data : data_rows) {
      bool compatible = true;
      for (std::size_t v = 0; v < data.size() && compatible; ++v) {
        const Value have = cell(g, data_variables[v]);
        compatible = !data[v] || !have || *data[v] == *have;
      }
      if (!compatible) continue;
      std::vector<Value> row;
      for (const auto& name : plan.output) {
        Value value = cell(g, name);
        const auto v = std::find(data_variables.begin(), data_variables.end(), name);
        if (!value && v != data_variables.end())
          value = data[static_cast<std::size_t>(v - data_variables.begin())];
        row.push_back(std::move(value));
      }
      out.rows.push_back(std::move(row));
    }
  }

  if (!plan.order.empty()) sort_rows(out, plan.order);
  if (plan.distinct) {
    std::unordered_set<std::vector<Value>, ValuesHash> seen;
    std::vector<std::vector<Value>> unique;
    for (auto& row : out.rows) {
      if (seen.insert(row).second) unique.push_back(std::move(row));
    }
    out.rows = std::move(unique);
  }
  const std::size_t begin = std::min(plan.offset, out.rows.size());
  const std::size_t end = plan.limit ? std::min(out.rows.size(), begin + *plan.limit) : out.rows.size();
  out.rows = std::vector<std::vector<Value>>(out.rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                             out.rows.begin() + static_cast<std::ptrdiff_t>(end));
  return out;
}

using Id = TermTable::Id;

// Accumulator over ids: the same steps, a term looked up only where its
// content matters (numbers, MIN/MAX comparisons, the result). DISTINCT
// values go into one set per aggregate, keyed by (group, id): a set per
// group cost an allocation per group (dyads: 66k groups).
struct IdAccumulator {
  const AggregateSpec* spec = nullptr;
  std::uint32_t group = 0;
  std::unordered_set<std::uint64_t>* seen = nullptr;  // DISTINCT: (group, id), shared
  std::size_t count = 0;
  long double sum = 0;
  Numeric sum_type = Numeric::Integer;
  bool error = false;
  Id best = TermTable::kUnbound;  // MIN, MAX, SAMPLE
  bool has_best = false;
  std::vector<Id> parts;                // GROUP_CONCAT
  std::set<std::vector<Id>> seen_rows;  // COUNT(DISTINCT *)

  void add(const Id* row, std::size_t width, std::size_t column, const TermTable& terms) {
    if (spec->star) {
      if (spec->distinct && !seen_rows.insert(std::vector<Id>(row, row + width)).second) return;
      ++count;
      return;
    }
    const Id value = column < width ? row[column] : TermTable::kUnbound;
    if (spec->distinct && !seen->insert(std::uint64_t{group} << 32 | value).second) return;
    if (value == TermTable::kUnbound) {  // unbound (an error in the expression): see unbound_taints
      error = error || unbound_taints(*spec);
      return;
    }
    ++count;
    switch (spec->function) {
      case AggregateSpec::Function::Count: break;
      case AggregateSpec::Function::Sum:
      case AggregateSpec::Function::Avg: {
        long double n = 0;
        const rdf::Term& term = *terms.value(value);
        if (!number_of(term, n)) {
          error = true;
          break;
        }
        sum += n;
        sum_type = std::max(sum_type, numeric_type(term));
        break;
      }
      case AggregateSpec::Function::Min:
      case AggregateSpec::Function::Max: {
        if (has_best && value == best) break;
        const int c = compare_values(terms.value(value), terms.value(best));
        const bool better = spec->function == AggregateSpec::Function::Min ? c < 0 : c > 0;
        if (!has_best || better) best = value;
        has_best = true;
        break;
      }
      case AggregateSpec::Function::Sample:
        if (!has_best) best = value;
        has_best = true;
        break;
      case AggregateSpec::Function::GroupConcat: parts.push_back(value); break;
    }
  }

  // The result's id; a computed value (COUNT, SUM, AVG, GROUP_CONCAT) is
  // added to `terms`.
  Id result(TermTable& terms) const {
    switch (spec->function) {
      case AggregateSpec::Function::Count: return terms.id(count_result(count));
      case AggregateSpec::Function::Sum: return terms.id(sum_result(sum, sum_type, error));
      case AggregateSpec::Function::Avg: return terms.id(avg_result(sum, sum_type, error, count));
      case AggregateSpec::Function::Min:
      case AggregateSpec::Function::Max:
      case AggregateSpec::Function::Sample: return has_best && !error ? best : TermTable::kUnbound;
      case AggregateSpec::Function::GroupConcat: {
        if (error) return TermTable::kUnbound;
        std::string joined;
        for (std::size_t i = 0; i < parts.size(); ++i) {
          if (i) joined += spec->separator;
          joined += terms.value(parts[i])->value;
        }
        return terms.id(rdf::Term::literal(joined));
      }
    }
    return TermTable::kUnbound;
  }
};

}  // namespace

Solutions Aggregator::finish() {
  return project_groups(
      plan_, groups_.size(), [&](std::size_t g, std::size_t k) { return keys_[g][k]; },
      [&](std::size_t g, std::size_t a) { return groups_[g][a].result(); });
}

IdSolutions aggregate_ids(const AggregationPlan& plan, const std::vector<std::string>& variables,
                          const IdRows& rows, TermTable& terms) {
  std::vector<std::size_t> key_columns;
  for (const auto& key : plan.keys) key_columns.push_back(column_of(variables, key));
  std::vector<std::size_t> argument_columns;
  for (const auto& spec : plan.aggregates) argument_columns.push_back(column_of(variables, spec.column));
  std::vector<std::unordered_set<std::uint64_t>> seen(plan.aggregates.size());

  // Groups in order of first appearance, as Aggregator. Group g's key is
  // key_cells[g * width ...]; the index holds group numbers, and a key is
  // looked up by appending it as a candidate group.
  const std::size_t width = key_columns.size();
  std::vector<Id> key_cells;
  const auto hash = [&](std::size_t g) {
    std::size_t h = width;
    for (std::size_t k = 0; k < width; ++k)
      h ^= key_cells[g * width + k] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
  };
  const auto equal = [&](std::size_t a, std::size_t b) {
    return std::equal(key_cells.begin() + static_cast<std::ptrdiff_t>(a * width),
                      key_cells.begin() + static_cast<std::ptrdiff_t>((a + 1) * width),
                      key_cells.begin() + static_cast<std::ptrdiff_t>(b * width));
  };
  std::unordered_set<std::size_t, decltype(hash), decltype(equal)> index(16, hash, equal);
  std::vector<IdAccumulator> accumulators;  // group g's are [g * aggregates.size() ...]
  std::size_t groups = 0;
  const auto group_for = [&](const Id* row) -> IdAccumulator* {
    for (std::size_t c : key_columns) key_cells.push_back(c < rows.width ? row[c] : TermTable::kUnbound);
    const auto [found, added] = index.insert(groups);
    if (!added) {
      key_cells.resize(key_cells.size() - width);
      return accumulators.data() + *found * plan.aggregates.size();
    }
    for (std::size_t i = 0; i < plan.aggregates.size(); ++i) {
      IdAccumulator& a = accumulators.emplace_back();
      a.spec = &plan.aggregates[i];
      a.group = static_cast<std::uint32_t>(groups);
      a.seen = &seen[i];
    }
    ++groups;
    return accumulators.data() + (groups - 1) * plan.aggregates.size();
  };
  if (!plan.grouped) group_for(nullptr);  // aggregates over no solutions still give one row
  for (std::size_t r = 0; r < rows.count; ++r) {
    const Id* row = rows.row(r);
    IdAccumulator* group = group_for(row);
    for (std::size_t i = 0; i < plan.aggregates.size(); ++i)
      group[i].add(row, rows.width, argument_columns[i], terms);
  }

  // The projected rows: per output column, a key (k) or an aggregate (a).
  IdSolutions out;
  out.variables = plan.output;
  using Source = std::pair<std::size_t, std::size_t>;  // (key index or npos, aggregate index or npos)
  const auto source_of = [&](const std::string& name) -> Source {
    const auto k = std::find(plan.keys.begin(), plan.keys.end(), name);
    const auto a = std::find_if(plan.aggregates.begin(), plan.aggregates.end(),
                                [&](const AggregateSpec& s) { return s.name == name; });
    return {k != plan.keys.end() ? static_cast<std::size_t>(k - plan.keys.begin()) : SIZE_MAX,
            a != plan.aggregates.end() ? static_cast<std::size_t>(a - plan.aggregates.begin()) : SIZE_MAX};
  };
  std::vector<Source> sources;
  for (const auto& name : plan.output) sources.push_back(source_of(name));

  // The trailing VALUES join, as project_groups: one row per group and
  // compatible VALUES row (without VALUES: one empty row, compatible with
  // every group). Equal terms have equal ids, so compatibility is id equality.
  std::vector<Source> data_sources;
  std::vector<std::vector<Id>> data_rows(1);
  std::vector<std::size_t> data_column(plan.output.size(), SIZE_MAX);  // output column -> VALUES column
  if (plan.values) {
    const auto& names = plan.values->variables;
    for (const auto& name : names) data_sources.push_back(source_of(name));
    for (std::size_t c = 0; c < plan.output.size(); ++c) {
      const auto v = std::find(names.begin(), names.end(), plan.output[c]);
      if (v != names.end()) data_column[c] = static_cast<std::size_t>(v - names.begin());
    }
    data_rows.clear();
    for (const auto& row : plan.values->rows) {
      auto& ids = data_rows.emplace_back();
      for (const Value& value : row) ids.push_back(terms.id(value));
    }
  }

  IdRows projected;
  projected.width = plan.output.size();
  projected.cells.reserve(groups * projected.width);
  std::vector<Id> results(plan.aggregates.size());
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t a = 0; a < results.size(); ++a)
      results[a] = accumulators[g * plan.aggregates.size() + a].result(terms);
    const auto cell = [&](const Source& source) {
      const auto [k, a] = source;
      return k != SIZE_MAX ? key_cells[g * width + k] : a != SIZE_MAX ? results[a] : TermTable::kUnbound;
    };
    for (const auto& data : data_rows) {
      bool compatible = true;
      for (std::size_t v = 0; v < data.size() && compatible; ++v) {
        const Id have = cell(data_sources[v]);
        compatible = data[v] == TermTable::kUnbound || have == TermTable::kUnbound || data[v] == have;
      }
      if (!compatible) continue;
      for (std::size_t c = 0; c < sources.size(); ++c) {
        const Id value = cell(sources[c]);
        projected.cells.push_back(
            value == TermTable::kUnbound && data_column[c] != SIZE_MAX ? data[data_column[c]] : value);
      }
      ++projected.count;
    }
  }
  SliceSpec spec;
  for (const auto& key : plan.order) {
    const std::size_t column = column_of(plan.output, key.column);
    if (column < plan.output.size()) spec.order.emplace_back(column, key.descending);
  }
  spec.distinct = plan.distinct;
  spec.offset = plan.offset;
  if (plan.limit) spec.limit = *plan.limit;
  const std::vector<std::size_t> kept = order_distinct_slice(projected, terms, spec);
  out.rows = select_rows(projected, kept);
  return out;
}

}  // namespace newsgraph::query
