#include "query/engine.hpp"

#include <algorithm>
#include <deque>
#include <set>
#include <stdexcept>

#include "query/aggregate.hpp"
#include "query/node_bridge.hpp"
#include "query/pattern_eval.hpp"
#include "query/rasqal_handles.hpp"
#include "query/sord_scan.hpp"
#include "query/sord_source.hpp"
#include "query/term_table.hpp"
#include "util/error.hpp"

namespace newsgraph::query {

namespace {

constexpr const char* kLanguage = "sparql11";
constexpr const char* kRdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label";

struct LoggedMessage {
  std::string text;
  int line = -1;
};

const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.c_str()); }

// Errors Rasqal's parser gives when the text stops early: the sign that a
// prefix of the query was fine so far.
bool is_end_of_input(const std::string& message) {
  for (const char* sign : {"unexpected $end", "unexpected end of", "unexpected EOF"}) {
    if (message.find(sign) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

struct QueryEngine::Impl {
  SordWorld* sord_world;
  SordModel* model;
  RasqalWorldPtr world;
  std::unique_ptr<NodeBridge> bridge;
  SourceContext context;
  std::vector<LoggedMessage> errors;

  Impl(SordWorld* w, SordModel* m) : sord_world(w), model(m), world(rasqal_new_world()) {
    if (!world) throw std::bad_alloc();
    if (rasqal_world_open(world.get()) != 0) throw std::runtime_error("cannot initialise Rasqal");
    rasqal_world_set_log_handler(world.get(), this, on_log);
    bridge = std::make_unique<NodeBridge>(world.get(), sord_world);
    context.world = sord_world;
    context.model = model;
    context.bridge = bridge.get();
    if (!install_sord_source(world.get(), &context)) {
      throw std::runtime_error("Rasqal refused the Sord triples source");
    }
  }

  static void on_log(void* user_data, raptor_log_message* message) noexcept {
    if (message == nullptr || message->level < RAPTOR_LOG_LEVEL_ERROR) return;
    try {
      auto* self = static_cast<Impl*>(user_data);
      self->errors.push_back({message->text != nullptr ? message->text : "error",
                              message->locator != nullptr ? message->locator->line : -1});
    } catch (...) {
    }
  }

  // Parses `text`; true on success. Messages land in `errors`.
  bool parse(RasqalQueryPtr& query, const std::string& text) {
    errors.clear();
    query.reset(rasqal_new_query(world.get(), kLanguage, nullptr));
    if (!query) throw std::bad_alloc();
    return rasqal_query_prepare(query.get(), bytes(text), nullptr) == 0;
  }

  [[noreturn]] void syntax_error(const RewrittenQuery& rewritten, const std::string& source) {
    const LoggedMessage first = errors.empty() ? LoggedMessage{"syntax error", -1} : errors.front();
    Location where{source, first.line > 0 ? static_cast<std::size_t>(first.line) : 0, 0};
    if (const auto* piece = locate_error(rewritten)) {
      where.line = piece->line;
      where.column = piece->column;
    }
    throw InputError(where, first.text);
  }

  // Rasqal reports the line of a syntax error but not the column. Its parser
  // is LR: a prefix of the query that ends before the bad token fails only
  // with "unexpected end", one that includes it fails at it. Bisecting over
  // token prefixes therefore finds the token (a few parses of a short text).
  const RewrittenQuery::Piece* locate_error(const RewrittenQuery& rewritten) {
    const auto& pieces = rewritten.pieces;
    if (pieces.empty()) return nullptr;
    auto fails_inside = [&](std::size_t k) {
      RasqalQueryPtr probe;
      if (parse(probe, rewritten.text.substr(0, pieces[k].end))) return false;
      return errors.empty() || !is_end_of_input(errors.front().text);
    };
    std::size_t lo = 0;
    std::size_t hi = pieces.size() - 1;
    if (!fails_inside(hi)) return nullptr;
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (fails_inside(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return &pieces[lo];
  }

  void check_evaluation(const std::string& source, Deadline& deadline,
                        const std::optional<std::chrono::milliseconds>& timeout) {
    if (deadline.fired()) {
      const double seconds = timeout ? static_cast<double>(timeout->count()) / 1000.0 : 0.0;
      throw InputError(Location{source, 0, 0}, "query stopped: it ran longer than the timeout of " +
                                                   std::to_string(seconds).substr(0, 5) +
                                                   " s (no results written)");
    }
    if (!context.error.empty()) throw InputError(Location{source, 0, 0}, "query failed: " + context.error);
    if (!errors.empty()) throw InputError(Location{source, 0, 0}, "query failed: " + errors.front().text);
  }

  // Reads the solutions as rows of term ids (at most `limit` of them; more
  // sets out.truncated), and the column names into out.variables.
  void read_bindings(rasqal_query* query, rasqal_query_results* results, std::optional<std::size_t> limit,
                     Deadline& deadline, QueryResult& out, TermTable& terms, IdRows& rows) {
    const int count = rasqal_query_results_get_bindings_count(results);
    for (int i = 0; i < count; ++i) {
      out.variables.emplace_back(
          reinterpret_cast<const char*>(rasqal_query_results_get_binding_name(results, i)));
    }
    if (count <= 0) {
      // No solutions: Rasqal then reports no columns; take them from the projection.
      raptor_sequence* projected = rasqal_query_get_bound_variable_sequence(query);
      for (int i = 0; projected != nullptr && i < raptor_sequence_size(projected); ++i) {
        auto* variable = static_cast<rasqal_variable*>(raptor_sequence_get_at(projected, i));
        out.variables.emplace_back(reinterpret_cast<const char*>(variable->name));
      }
      return;
    }
    rows.width = static_cast<std::size_t>(count);
    while (!rasqal_query_results_finished(results) && !deadline.expired()) {
      if (limit && rows.count >= *limit) {
        out.truncated = true;
        break;
      }
      for (int i = 0; i < count; ++i)
        rows.cells.push_back(terms.id(rasqal_query_results_get_binding_value(results, i)));
      ++rows.count;
      rasqal_query_results_next(results);
    }
  }

  void read_triples(rasqal_query_results* results, const QueryOptions& options, Deadline& deadline,
                    QueryResult& out) {
    while (!deadline.expired()) {
      raptor_statement* statement = rasqal_query_results_get_triple(results);
      if (statement == nullptr) break;
      if (options.limit && out.triples.size() >= *options.limit) {
        out.truncated = true;
        break;
      }
      out.triples.push_back({term_of(statement->subject), term_of(statement->predicate),
                             term_of(statement->object), rdf::Term::iri("")});
      if (rasqal_query_results_next_triple(results) != 0) break;
    }
  }

  // ORDER BY (stable), SELECT DISTINCT (first occurrences kept), OFFSET and
  // LIMIT, then --limit.
  static void distinct_slice(const RewrittenQuery& rewritten, const QueryOptions& options,
                             const std::shared_ptr<TermTable>& terms, const IdRows& rows, QueryResult& out) {
    SliceSpec spec;
    for (const auto& key : rewritten.order) {
      const auto column = std::find(out.variables.begin(), out.variables.end(), key.column);
      if (column != out.variables.end() && rows.width > 0) {
        spec.order.emplace_back(column - out.variables.begin(), key.descending);
      }
    }
    spec.distinct = rewritten.distinct;
    spec.offset = rewritten.offset;
    if (rewritten.limit) spec.limit = *rewritten.limit;
    // One row past --limit tells whether it cut anything.
    if (options.limit && *options.limit < spec.limit) spec.limit = *options.limit + 1;
    std::vector<std::size_t> kept = order_distinct_slice(rows, *terms, spec);
    if (options.limit && kept.size() > *options.limit) {
      kept.resize(*options.limit);
      out.truncated = true;
    }
    out.rows = ResultRows(terms, select_rows(rows, kept));
  }

  // The solutions of a negation's own pattern (SELECT * WHERE { P }).
  IdRows pattern_rows(const RewrittenQuery& rewritten, const RewrittenQuery::Negation& negation,
                      const QueryOptions& options, Deadline& deadline, TermTable& terms,
                      std::vector<std::string>& variables) {
    RasqalQueryPtr query;
    if (!parse(query, negation.text)) {
      const LoggedMessage first = errors.empty() ? LoggedMessage{"syntax error", -1} : errors.front();
      throw InputError(Location{options.source, first.line > 0 ? static_cast<std::size_t>(first.line) : 0, 0},
                       first.text);
    }
    errors.clear();
    if (rewritten.uses_graph) register_named_graphs(query.get(), rewritten.graph_iris);
    RasqalResultsPtr results(rasqal_query_execute(query.get()));
    if (!results) {
      check_evaluation(options.source, deadline, options.timeout);
      throw InputError(Location{options.source, 0, 0}, "query failed: Rasqal could not execute it");
    }
    QueryResult inner;
    IdRows rows;
    read_bindings(query.get(), results.get(), std::nullopt, deadline, inner, terms, rows);
    check_evaluation(options.source, deadline, options.timeout);
    variables = std::move(inner.variables);
    return rows;
  }

  // MINUS and [NOT] EXISTS: keeps the rows that (do not) have a compatible
  // solution of the pattern (MINUS: one sharing a bound variable), then drops
  // the columns added for them. Solutions are matched on the shared
  // variables; those bound on both sides go through a hash set.
  void apply_negations(const RewrittenQuery& rewritten, const QueryOptions& options, Deadline& deadline,
                       TermTable& terms, IdRows& rows, QueryResult& out) {
    using Kind = RewrittenQuery::Negation::Kind;
    using Id = TermTable::Id;
    for (const auto& negation : rewritten.negations) {
      const bool shares = std::any_of(negation.shared.begin(), negation.shared.end(), [&](const auto& name) {
        return std::find(out.variables.begin(), out.variables.end(), name) != out.variables.end();
      });
      if (negation.kind == Kind::Minus && !shares) continue;  // disjoint: removes nothing
      std::vector<std::string> variables;
      const IdRows found = pattern_rows(rewritten, negation, options, deadline, terms, variables);
      std::vector<std::pair<std::size_t, std::size_t>> columns;  // (query column, pattern column)
      for (const auto& name : negation.shared) {
        const auto q = std::find(out.variables.begin(), out.variables.end(), name);
        const auto p = std::find(variables.begin(), variables.end(), name);
        if (q != out.variables.end() && p != variables.end() && rows.width > 0) {
          columns.emplace_back(q - out.variables.begin(), p - variables.begin());
        }
      }
      if (negation.kind == Kind::Minus && columns.empty()) continue;  // disjoint: removes nothing
      const auto key_of = [&](const IdRows& from, std::size_t r, bool pattern) {
        std::vector<Id> key;
        for (const auto& [q, p] : columns) key.push_back(from.row(r)[pattern ? p : q]);
        return key;
      };
      std::set<std::vector<Id>> complete;  // pattern solutions binding every shared variable
      std::vector<std::size_t> partial;
      for (std::size_t r = 0; r < found.count; ++r) {
        std::vector<Id> key = key_of(found, r, true);
        if (std::find(key.begin(), key.end(), TermTable::kUnbound) == key.end()) {
          complete.insert(std::move(key));
        } else {
          partial.push_back(r);
        }
      }
      const auto compatible = [&](const std::vector<Id>& mine, const std::vector<Id>& theirs) {
        bool common = false;
        for (std::size_t c = 0; c < mine.size(); ++c) {
          if (mine[c] == TermTable::kUnbound || theirs[c] == TermTable::kUnbound) continue;
          if (mine[c] != theirs[c]) return false;
          common = true;
        }
        return common || negation.kind != Kind::Minus;
      };
      IdRows kept;
      kept.width = rows.width;
      for (std::size_t r = 0; r < rows.count; ++r) {
        const std::vector<Id> mine = key_of(rows, r, false);
        bool match = false;
        if (std::find(mine.begin(), mine.end(), TermTable::kUnbound) == mine.end()) {
          match = (columns.empty() ? found.count > 0 : complete.count(mine) != 0) ||
                  std::any_of(partial.begin(), partial.end(),
                              [&](std::size_t p) { return compatible(mine, key_of(found, p, true)); });
        } else {
          for (std::size_t p = 0; p < found.count && !match; ++p)
            match = compatible(mine, key_of(found, p, true));
        }
        if (match == (negation.kind == Kind::Exists)) {
          kept.cells.insert(kept.cells.end(), rows.row(r), rows.row(r) + rows.width);
          ++kept.count;
        }
      }
      rows = std::move(kept);
    }
    drop_hidden(rewritten.hidden, rows, out.variables);
  }

  static void drop_hidden(const std::vector<std::string>& hidden, IdRows& rows,
                          std::vector<std::string>& variables) {
    std::vector<std::size_t> keep;
    for (std::size_t c = 0; c < variables.size(); ++c) {
      if (std::find(hidden.begin(), hidden.end(), variables[c]) == hidden.end()) keep.push_back(c);
    }
    if (keep.size() == variables.size()) return;
    IdRows narrowed;
    narrowed.width = rows.width > 0 ? keep.size() : 0;
    narrowed.count = rows.count;
    for (std::size_t r = 0; r < rows.count && rows.width > 0; ++r) {
      for (std::size_t c : keep) narrowed.cells.push_back(rows.row(r)[c]);
    }
    std::vector<std::string> names;
    for (std::size_t c : keep) names.push_back(variables[c]);
    variables = std::move(names);
    rows = std::move(narrowed);
  }

  // GROUP BY and aggregates (aggregate.hpp) over the rows, then --limit.
  static void aggregate(const AggregationPlan& plan, const QueryOptions& options,
                        const std::shared_ptr<TermTable>& terms, const IdRows& rows, QueryResult& out) {
    IdSolutions grouped = aggregate_ids(plan, out.variables, rows, *terms);
    out.variables = std::move(grouped.variables);
    out.rows = ResultRows(terms, std::move(grouped.rows));
    if (options.limit && out.rows.size() > *options.limit) {
      out.rows.truncate(*options.limit);
      out.truncated = true;
    }
  }

  // Rasqal evaluates GRAPH ?g { ... } over the query's named data graphs:
  // declare one per graph name in the store (the data stays ours), and the
  // constant names the query uses (for one that is not there, Rasqal would
  // otherwise return one empty solution instead of none).
  void register_named_graphs(rasqal_query* query, const std::vector<std::string>& used) {
    std::set<std::string> names(used.begin(), used.end());
    for (SordScan scan(model, nullptr, nullptr, nullptr, GraphScope::Named); !scan.done(); scan.next()) {
      names.insert(reinterpret_cast<const char*>(sord_node_get_string(scan.node(SORD_GRAPH))));
    }
    raptor_world* raptor = rasqal_world_get_raptor(world.get());
    for (const std::string& name : names) {
      RaptorUriPtr uri(raptor_new_uri(raptor, reinterpret_cast<const unsigned char*>(name.c_str())));
      if (!uri) throw std::bad_alloc();
      rasqal_data_graph* graph = rasqal_new_data_graph_from_uri(
          world.get(), uri.get(), uri.get(), RASQAL_DATA_GRAPH_NAMED, nullptr, nullptr, nullptr);
      if (graph == nullptr || rasqal_query_add_data_graph(query, graph) != 0) throw std::bad_alloc();
    }
  }

  SordNode* node_for(const rdf::Term& term) {
    if (term.kind == rdf::TermKind::Iri) return sord_new_uri(sord_world, bytes(term.value));
    if (term.kind == rdf::TermKind::Blank) return sord_new_blank(sord_world, bytes(term.value));
    return nullptr;
  }

  // DESCRIBE: each resource's triples, following blank-node objects (the
  // blank-node closure ARQ uses by default).
  void describe(const std::vector<rdf::Term>& resources, const QueryOptions& options, Deadline& deadline,
                QueryResult& out) {
    std::vector<rdf::SordNodePtr> owned;
    std::deque<const SordNode*> queue;
    for (const rdf::Term& term : resources) {
      SordNode* node = node_for(term);
      if (node == nullptr) continue;
      owned.emplace_back(node, rdf::SordNodeRelease{sord_world});
      queue.push_back(node);
    }
    std::set<const SordNode*> described;
    while (!queue.empty() && !deadline.expired()) {
      const SordNode* node = queue.front();
      queue.pop_front();
      if (!described.insert(node).second) continue;
      for (SordScan scan(model, node, nullptr, nullptr); !scan.done(); scan.next()) {
        if (options.limit && out.triples.size() >= *options.limit) {
          out.truncated = true;
          return;
        }
        const SordNode* object = scan.node(SORD_OBJECT);
        out.triples.push_back(
            {term_of(node), term_of(scan.node(SORD_PREDICATE)), term_of(object), rdf::Term::iri("")});
        if (sord_node_get_type(object) == SORD_BLANK) queue.push_back(object);
      }
    }
  }

  // What follows reading the solutions: negations, then aggregation or
  // ORDER BY / DISTINCT / OFFSET / LIMIT; the result keeps the id rows and
  // the term table (which no longer needs Rasqal).
  void finish_rows(const RewrittenQuery& rewritten, const QueryOptions& options, Deadline& deadline,
                   const std::shared_ptr<TermTable>& terms, IdRows& rows, QueryResult& out) {
    if (!rewritten.negations.empty()) apply_negations(rewritten, options, deadline, *terms, rows, out);
    terms->release_literals();
    if (rewritten.ask_rows) {
      out.boolean = rows.count > 0;
      out.variables.clear();
    } else if (rewritten.aggregation) {
      aggregate(*rewritten.aggregation, options, terms, rows, out);
    } else if (rewritten.post_processed()) {
      distinct_slice(rewritten, options, terms, rows, out);
    } else {
      out.rows = ResultRows(terms, std::move(rows));
    }
  }

  QueryResult run(std::string_view sparql, const QueryOptions& options) {
    const RewrittenQuery rewritten =
        rewrite_query(sparql, options.parameters, options.source, options.default_prefixes);
    Deadline deadline(options.timeout);
    QueryResult out;
    out.form = rewritten.form;
    std::vector<rdf::Term> to_describe;
    for (const std::string& iri : rewritten.describe_iris) to_describe.push_back(rdf::Term::iri(iri));

    if (!rewritten.text.empty()) {
      RasqalQueryPtr query;
      if (!parse(query, rewritten.text)) syntax_error(rewritten, options.source);
      errors.clear();
      if (rewritten.uses_graph) register_named_graphs(query.get(), rewritten.graph_iris);
      context.paths = &rewritten.paths;
      context.deadline = &deadline;
      context.error.clear();
      struct ClearBridge {
        NodeBridge& bridge;
        ~ClearBridge() { bridge.clear(); }
      } clear_after{*bridge};
      // The limit applies after aggregation, ORDER BY, DISTINCT, OFFSET and LIMIT.
      const bool whole = rewritten.aggregation || rewritten.post_processed();
      const std::optional<std::size_t> read_limit = whole ? std::nullopt : options.limit;
      const auto terms = std::make_shared<TermTable>();
      IdRows rows;
      if (options.evaluator == Evaluator::Auto && pattern_eval_supports(query.get())) {
        PatternSolutions solutions = evaluate_pattern(world.get(), query.get(), sord_world, model, *bridge,
                                                      rewritten.paths, deadline, *terms, read_limit);
        out.variables = std::move(solutions.variables);
        out.truncated = solutions.truncated;
        rows = std::move(solutions.rows);
        check_evaluation(options.source, deadline, options.timeout);
        finish_rows(rewritten, options, deadline, terms, rows, out);
      } else {
        RasqalResultsPtr results(rasqal_query_execute(query.get()));
        if (!results) {
          check_evaluation(options.source, deadline, options.timeout);
          throw InputError(Location{options.source, 0, 0}, "query failed: Rasqal could not execute it");
        }
        if (rewritten.form == QueryForm::Ask && !rewritten.ask_rows) {
          const int answer = rasqal_query_results_get_boolean(results.get());
          out.boolean = answer > 0;
        } else if (rewritten.form == QueryForm::Construct) {
          read_triples(results.get(), options, deadline, out);
        } else {
          read_bindings(query.get(), results.get(), read_limit, deadline, out, *terms, rows);
          results.reset();
          finish_rows(rewritten, options, deadline, terms, rows, out);
        }
        results.reset();
      }
      check_evaluation(options.source, deadline, options.timeout);
    }
    if (rewritten.form == QueryForm::Describe) {
      for (const auto& row : out.rows) {
        for (const Value& value : row) {
          if (value && value->kind != rdf::TermKind::Literal) to_describe.push_back(*value);
        }
      }
      out.rows.clear();
      out.truncated = false;
      describe(to_describe, options, deadline, out);
      check_evaluation(options.source, deadline, options.timeout);
    }
    return out;
  }

  std::optional<std::string> label(const rdf::Term& term) {
    SordNode* raw = node_for(term);
    if (raw == nullptr) return std::nullopt;
    rdf::SordNodePtr node(raw, rdf::SordNodeRelease{sord_world});
    rdf::SordNodePtr predicate(sord_new_uri(sord_world, reinterpret_cast<const uint8_t*>(kRdfsLabel)),
                               rdf::SordNodeRelease{sord_world});
    std::optional<std::string> best;
    for (SordScan scan(model, node.get(), predicate.get(), nullptr); !scan.done(); scan.next()) {
      const SordNode* object = scan.node(SORD_OBJECT);
      const char* lang = sord_node_get_language(object);
      const std::string text = reinterpret_cast<const char*>(sord_node_get_string(object));
      if (lang == nullptr || *lang == '\0' || std::string_view(lang).substr(0, 2) == "en") return text;
      if (!best) best = text;
    }
    return best;
  }
};

QueryEngine::QueryEngine(SordWorld* world, SordModel* model) : impl_(std::make_unique<Impl>(world, model)) {}
QueryEngine::~QueryEngine() = default;

QueryResult QueryEngine::run(std::string_view sparql, const QueryOptions& options) {
  return impl_->run(sparql, options);
}

std::optional<std::string> QueryEngine::label(const rdf::Term& term) const { return impl_->label(term); }

}  // namespace newsgraph::query
