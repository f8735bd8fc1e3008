#include "query/pattern_eval.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "query/query_rewrite.hpp"
#include "query/sord_scan.hpp"

// Rasqal's effective boolean value of a literal: exported by librasqal (its
// FILTER operator uses it) but declared only in its internal header.
extern "C" int rasqal_literal_as_boolean(rasqal_literal* literal, int* error_p);

namespace newsgraph::query {

namespace {

using Row = std::vector<const SordNode*>;  // one cell per variable; null = unbound

// A continuation without allocation: evaluation calls it once per solution.
class Next {
 public:
  template <typename F>
  Next(F& f) : object_(&f), call_([](void* o) { (*static_cast<F*>(o))(); }) {}  // NOLINT: implicit on purpose
  void operator()() const { call_(object_); }

 private:
  void* object_;
  void (*call_)(void*);
};

struct Slot {
  int column = -1;                     // a variable, or
  const SordNode* constant = nullptr;  // a constant term
  bool impossible = false;             // a constant that is no RDF term: never matches
};

struct TriplePattern {
  Slot part[3];
  const PathExpr* path = nullptr;  // a property-path placeholder predicate
};

struct Expression {
  rasqal_expression* expr = nullptr;
  std::vector<std::pair<rasqal_variable*, int>> variables;  // those it reads, with their columns
};

// One operator of the compiled WHERE clause.
struct Node {
  enum class Kind { Bgp, Group, Union, Optional, Bind };
  Kind kind = Kind::Group;
  std::vector<TriplePattern> triples;  // Bgp
  std::vector<Node> children;          // Group: elements; Union: branches; Optional: one Group
  std::vector<Expression> filters;     // Group: its FILTERs; Optional: the left-join condition
  Expression bind;                     // Bind
  int bind_column = -1;
  std::vector<int> columns;  // every variable mentioned inside
  // Variables every solution binds from the first mandatory patterns on: a
  // value from outside may be passed in (a selection that commutes with the
  // rest of the pattern), which turns joins into index lookups.
  std::vector<int> leading;
  // Per-evaluation scratch (a node is never re-entered while it runs).
  Row scratch;
  std::vector<int> merged;
  std::vector<char> order_key;     // Bgp: which columns were bound when `order` was chosen
  std::vector<std::size_t> order;  // Bgp: the join order for that
};

// The triples of one predicate, grouped by subject (or by object): built
// once a query has probed the predicate from a bound end with enough
// different keys, so that further probes are a hash lookup instead of a
// search in Sord's B-tree (which compares node strings: about a
// microsecond per probe on the benchmark graph). Open addressing on node pointers, because building it
// with std::unordered_map cost more than the probes it saved.
class Adjacency {
 public:
  using Pairs = std::vector<std::pair<const SordNode*, const SordNode*>>;  // (key, end), in Sord's order

  // The pairs of `predicate`, or nullopt when it has more than `budget` of them.
  static std::optional<Pairs> collect(SordModel* model, const SordNode* predicate, bool by_object,
                                      std::size_t budget) {
    Pairs pairs;
    for (SordScan scan(model, nullptr, predicate, nullptr); !scan.done(); scan.next()) {
      if (pairs.size() >= budget) return std::nullopt;
      const SordNode* s = scan.node(SORD_SUBJECT);
      const SordNode* o = scan.node(SORD_OBJECT);
      pairs.emplace_back(by_object ? o : s, by_object ? s : o);
    }
    return pairs;
  }

  explicit Adjacency(const Pairs& pairs) {
    // Sized by the runs of equal keys (Sord's order groups subjects, so
    // that is their number; at most the pairs for objects): less memory to
    // touch than sizing by pairs.
    std::size_t runs = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) runs += i == 0 || pairs[i].first != pairs[i - 1].first;
    std::size_t capacity = 16;
    while (capacity < runs + runs / 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const auto& pair : pairs) ++slot(pair.first).count;
    std::uint32_t start = 0;
    for (Slot& s : slots_) {
      s.start = start;
      start += s.count;
      s.count = 0;
    }
    ends_.resize(pairs.size());
    for (const auto& [key, end] : pairs) {
      Slot& s = slot(key);
      ends_[s.start + s.count++] = end;
    }
  }

  // The ends linked to `key` (empty when none).
  std::pair<const SordNode* const*, const SordNode* const*> ends(const SordNode* key) const {
    for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return {ends_.data() + s.start, ends_.data() + s.start + s.count};
      if (s.key == nullptr) return {nullptr, nullptr};
    }
  }

 private:
  struct Slot {
    const SordNode* key = nullptr;
    std::uint32_t start = 0;
    std::uint32_t count = 0;
  };

  static std::size_t hash(const SordNode* node) {
    auto x = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(node));
    x ^= x >> 30;  // splitmix64's finaliser: node addresses differ in few bits
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return static_cast<std::size_t>(x ^ (x >> 31));
  }

  Slot& slot(const SordNode* key) {
    for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == key) return s;
      if (s.key == nullptr) {
        s.key = key;
        return s;
      }
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::vector<const SordNode*> ends_;
};

// A probe of the store: (predicate, key) from one end, or a whole triple.
struct ProbeKey {
  const SordNode* predicate = nullptr;  // never null in a probe: null marks a free slot
  const SordNode* key = nullptr;
  bool by_object = false;
  const SordNode* other = nullptr;  // contains(): the object
  bool operator==(const ProbeKey& that) const {
    return predicate == that.predicate && key == that.key && by_object == that.by_object &&
           other == that.other;
  }
};

// What a query remembers per probe, in one open-addressing array: a
// remembered probe is read for nearly every solution, and
// std::unordered_map's lookup (bucket, then node: two cache misses on a
// large table) was a third of the evaluator's own time in statements.
template <typename Value>
class ProbeTable {
 public:
  // The value of `key` and whether it was added now (value-initialised).
  std::pair<Value*, bool> try_emplace(const ProbeKey& key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t i = hash(key) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Entry& e = slots_[i];
      if (e.key == key) return {&e.value, false};
      if (e.key.predicate == nullptr) {
        e.key = key;
        ++size_;
        return {&e.value, true};
      }
    }
  }

 private:
  struct Entry {
    ProbeKey key;
    Value value{};
  };

  static std::size_t hash(const ProbeKey& k) {
    auto x = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(k.key)) * 0x9e3779b97f4a7c15ULL;
    x ^= static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(k.other)) * 0xc2b2ae3d27d4eb4fULL;
    x ^= static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(k.predicate)) + (k.by_object ? 1 : 0);
    x ^= x >> 30;  // splitmix64's finaliser: the table is indexed by the low bits
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return static_cast<std::size_t>(x ^ (x >> 31));
  }

  void grow() {
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Entry{});
    size_ = 0;
    for (Entry& e : old) {
      if (e.key.predicate != nullptr) *try_emplace(e.key).first = e.value;
    }
  }

  std::vector<Entry> slots_;
  std::size_t size_ = 0;
};

void add_unique(std::vector<int>& to, int column) {
  if (column >= 0 && std::find(to.begin(), to.end(), column) == to.end()) to.push_back(column);
}

class Compiler {
 public:
  Compiler(NodeBridge& bridge, const std::vector<PathExpr>& paths) : bridge_(bridge), paths_(paths) {}

  // False when the pattern uses something we leave to Rasqal.
  static bool supported(rasqal_graph_pattern* gp) {
    switch (rasqal_graph_pattern_get_operator(gp)) {
      case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC: {
        for (int i = 0; rasqal_triple* t = rasqal_graph_pattern_get_triple(gp, i); ++i) {
          if (t->origin != nullptr) return false;
        }
        return rasqal_graph_pattern_get_filter_expression(gp) == nullptr;
      }
      case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER:
      case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
        return rasqal_graph_pattern_get_filter_expression(gp) != nullptr;
      case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
      case RASQAL_GRAPH_PATTERN_OPERATOR_UNION:
      case RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL: {
        if (rasqal_graph_pattern_get_filter_expression(gp) != nullptr) return false;
        for (int i = 0; rasqal_graph_pattern* sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i); ++i) {
          if (!supported(sub)) return false;
        }
        return true;
      }
      default: return false;  // GRAPH, SELECT, SERVICE, MINUS, VALUES
    }
  }

  Node compile(rasqal_graph_pattern* gp) {
    switch (rasqal_graph_pattern_get_operator(gp)) {
      case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC: return bgp(gp);
      case RASQAL_GRAPH_PATTERN_OPERATOR_UNION: {
        Node node;
        node.kind = Node::Kind::Union;
        for (int i = 0; rasqal_graph_pattern* sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i); ++i) {
          node.children.push_back(as_group(sub));
          for (int c : node.children.back().columns) add_unique(node.columns, c);
        }
        // Bound in every solution: what every branch binds from its start.
        for (int c : node.children.empty() ? std::vector<int>{} : node.children[0].leading) {
          const bool everywhere =
              std::all_of(node.children.begin(), node.children.end(), [&](const Node& branch) {
                return std::find(branch.leading.begin(), branch.leading.end(), c) != branch.leading.end();
              });
          if (everywhere) node.leading.push_back(c);
        }
        return node;
      }
      case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP: return group(sub_patterns(gp));
      default: return group({gp});  // a lone FILTER, BIND or OPTIONAL (Rasqal drops one-element groups)
    }
  }

  int column(rasqal_variable* variable) {
    const auto [it, added] = columns_.emplace(variable, static_cast<int>(columns_.size()));
    if (added) variables_.push_back(variable);
    return it->second;
  }

  const std::vector<rasqal_variable*>& variables() const { return variables_; }

  Expression expression(rasqal_expression* expr) {
    Expression out;
    out.expr = expr;
    struct Visit {
      Compiler* self;
      Expression* out;
    } visit{this, &out};
    rasqal_expression_visit(
        expr,
        [](void* data, rasqal_expression* e) -> int {
          auto* v = static_cast<Visit*>(data);
          if (e->op == RASQAL_EXPR_LITERAL && e->literal != nullptr) {
            if (rasqal_variable* variable = rasqal_literal_as_variable(e->literal)) {
              const int c = v->self->column(variable);
              const bool known = std::any_of(v->out->variables.begin(), v->out->variables.end(),
                                             [&](const auto& p) { return p.first == variable; });
              if (!known) v->out->variables.emplace_back(variable, c);
            }
          }
          return 0;  // keep visiting
        },
        &visit);
    return out;
  }

 private:
  static std::vector<rasqal_graph_pattern*> sub_patterns(rasqal_graph_pattern* gp) {
    std::vector<rasqal_graph_pattern*> out;
    for (int i = 0; rasqal_graph_pattern* sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i); ++i)
      out.push_back(sub);
    return out;
  }

  Node as_group(rasqal_graph_pattern* gp) {
    if (rasqal_graph_pattern_get_operator(gp) == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC) return group({gp});
    return compile(gp);
  }

  // A group: its elements in order, its FILTERs apart (they apply to the
  // whole group).
  Node group(const std::vector<rasqal_graph_pattern*>& parts) {
    Node node;
    node.kind = Node::Kind::Group;
    bool leading = true;
    for (rasqal_graph_pattern* part : parts) {
      const rasqal_graph_pattern_operator op = rasqal_graph_pattern_get_operator(part);
      if (op == RASQAL_GRAPH_PATTERN_OPERATOR_FILTER) {
        node.filters.push_back(expression(rasqal_graph_pattern_get_filter_expression(part)));
        for (const auto& [variable, c] : node.filters.back().variables) add_unique(node.columns, c);
        continue;
      }
      Node child = op == RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL ? optional(part)
                   : op == RASQAL_GRAPH_PATTERN_OPERATOR_LET    ? bind(part)
                                                                : compile(part);
      for (int c : child.columns) add_unique(node.columns, c);
      if (child.kind == Node::Kind::Bgp || child.kind == Node::Kind::Group ||
          child.kind == Node::Kind::Union) {
        if (leading) {
          for (int c : child.leading) add_unique(node.leading, c);
        }
      } else {
        leading = false;
      }
      node.children.push_back(std::move(child));
    }
    return node;
  }

  // OPTIONAL { P FILTER(F) }: LeftJoin(_, P, F), F read over the merged solution.
  Node optional(rasqal_graph_pattern* gp) {
    std::vector<rasqal_graph_pattern*> parts = sub_patterns(gp);
    if (parts.size() == 1 &&
        rasqal_graph_pattern_get_operator(parts[0]) == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP) {
      parts = sub_patterns(parts[0]);
    }
    Node node;
    node.kind = Node::Kind::Optional;
    std::vector<rasqal_graph_pattern*> inner;
    for (rasqal_graph_pattern* part : parts) {
      if (rasqal_graph_pattern_get_operator(part) == RASQAL_GRAPH_PATTERN_OPERATOR_FILTER) {
        node.filters.push_back(expression(rasqal_graph_pattern_get_filter_expression(part)));
      } else {
        inner.push_back(part);
      }
    }
    node.children.push_back(group(inner));
    node.columns = node.children[0].columns;
    for (const Expression& f : node.filters) {
      for (const auto& [variable, c] : f.variables) add_unique(node.columns, c);
    }
    return node;
  }

  Node bind(rasqal_graph_pattern* gp) {
    Node node;
    node.kind = Node::Kind::Bind;
    node.bind = expression(rasqal_graph_pattern_get_filter_expression(gp));
    node.bind_column = column(rasqal_graph_pattern_get_variable(gp));
    for (const auto& [variable, c] : node.bind.variables) add_unique(node.columns, c);
    add_unique(node.columns, node.bind_column);
    return node;
  }

  Node bgp(rasqal_graph_pattern* gp) {
    Node node;
    node.kind = Node::Kind::Bgp;
    for (int i = 0; rasqal_triple* t = rasqal_graph_pattern_get_triple(gp, i); ++i) {
      TriplePattern pattern;
      rasqal_literal* parts[3] = {t->subject, t->predicate, t->object};
      for (int k = 0; k < 3; ++k) {
        pattern.part[k] = slot(parts[k]);
        add_unique(node.columns, pattern.part[k].column);
      }
      pattern.path = path_for(pattern.part[1].constant);
      node.triples.push_back(pattern);
    }
    node.leading = node.columns;
    return node;
  }

  Slot slot(rasqal_literal* literal) {
    Slot out;
    if (rasqal_variable* variable = rasqal_literal_as_variable(literal)) {
      out.column = column(variable);
    } else {
      out.constant = bridge_.to_sord(literal);
      out.impossible = out.constant == nullptr;
    }
    return out;
  }

  const PathExpr* path_for(const SordNode* predicate) const {
    if (predicate == nullptr || sord_node_get_type(predicate) != SORD_URI) return nullptr;
    const std::string_view iri = reinterpret_cast<const char*>(sord_node_get_string(predicate));
    if (iri.substr(0, kPathPlaceholder.size()) != kPathPlaceholder) return nullptr;
    const std::size_t index = std::stoul(std::string(iri.substr(kPathPlaceholder.size())));
    return index < paths_.size() ? &paths_[index] : nullptr;
  }

  NodeBridge& bridge_;
  const std::vector<PathExpr>& paths_;
  std::unordered_map<rasqal_variable*, int> columns_;
  std::vector<rasqal_variable*> variables_;
};

class Runner {
 public:
  Runner(rasqal_world* world, SordWorld* sord_world, SordModel* model, NodeBridge& bridge, Deadline& deadline,
         std::size_t width)
      : model_(model),
        bridge_(bridge),
        deadline_(deadline),
        paths_(sord_world, model, deadline),
        context_(rasqal_new_evaluation_context(world, nullptr, RASQAL_COMPARE_XQUERY)),
        width_(width) {
    if (context_ == nullptr) throw std::bad_alloc();
  }
  ~Runner() { rasqal_free_evaluation_context(context_); }
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  bool stopped() const { return stop_ || deadline_.fired(); }
  void stop() { stop_ = true; }

  void prepare(Node& node) {
    node.scratch.assign(width_, nullptr);
    for (Node& child : node.children) prepare(child);
  }

  void eval(Node& node, Row& row, Next k) {
    switch (node.kind) {
      case Node::Kind::Bgp: match(node, row, k); break;
      case Node::Kind::Group: elements(node, 0, row, k); break;
      case Node::Kind::Union:
        for (Node& branch : node.children) join(branch, row, k);
        break;
      default: break;  // Optional and Bind are group elements (see elements())
    }
  }

  // Resets the values we gave Rasqal's variables.
  static void release(const std::vector<rasqal_variable*>& variables) {
    for (rasqal_variable* variable : variables) rasqal_variable_set_value(variable, nullptr);
  }

 private:
  // The group's elements from `i` on, joined left to right; its FILTERs at the end.
  void elements(Node& group, std::size_t i, Row& row, Next k) {
    if (stopped()) return;
    if (i == group.children.size()) {
      for (const Expression& filter : group.filters) {
        if (!test(filter, row)) return;
      }
      k();
      return;
    }
    auto next = [&] { elements(group, i + 1, row, k); };
    Node& element = group.children[i];
    switch (element.kind) {
      case Node::Kind::Bgp: match(element, row, next); break;
      case Node::Kind::Group: join(element, row, next); break;
      case Node::Kind::Union:
        for (Node& branch : element.children) join(branch, row, next);
        break;
      case Node::Kind::Optional: {
        bool matched = false;
        auto on_match = [&] {
          for (const Expression& condition : element.filters) {
            if (!test(condition, row)) return;
          }
          matched = true;
          next();
        };
        join(element.children[0], row, on_match);
        if (!matched) next();
        break;
      }
      case Node::Kind::Bind: {
        const SordNode* value = value_of(element.bind, row);
        const SordNode* before = row[element.bind_column];
        if (before != nullptr && value != before) return;
        row[element.bind_column] = value;
        next();
        row[element.bind_column] = before;
        break;
      }
    }
  }

  // Join(row, sub): `sub` runs on its own row (its FILTERs, BINDs and
  // OPTIONALs see only its own variables, as SPARQL scopes them) seeded with
  // the values of its leading variables; each solution compatible with `row`
  // is merged into it for the continuation.
  void join(Node& sub, Row& row, Next k) {
    Row& inner = sub.scratch;
    for (int c : sub.columns) inner[c] = nullptr;
    for (int c : sub.leading) inner[c] = row[c];
    auto merge = [&] {
      for (int c : sub.columns) {
        if (inner[c] != nullptr && row[c] != nullptr && inner[c] != row[c]) return;
      }
      const std::size_t mark = sub.merged.size();
      for (int c : sub.columns) {
        if (inner[c] != nullptr && row[c] == nullptr) {
          row[c] = inner[c];
          sub.merged.push_back(c);
        }
      }
      k();
      for (std::size_t m = mark; m < sub.merged.size(); ++m) row[sub.merged[m]] = nullptr;
      sub.merged.resize(mark);
    };
    eval(sub, inner, merge);
  }

  const SordNode* bound(const Slot& slot, const Row& row) const {
    return slot.column >= 0 ? row[slot.column] : slot.constant;
  }

  // Which triple pattern to match next: the one with most terms bound,
  // a bound subject weighing most (an index lookup on one subject's few
  // triples), then a bound object; paths only from a bound end.
  static int score(const TriplePattern& t, const std::vector<char>& known) {
    const auto is_bound = [&](const Slot& s) { return s.column < 0 || known[s.column] != 0; };
    int value = (is_bound(t.part[0]) ? 4 : 0) + (is_bound(t.part[2]) ? 2 : 0);
    if (t.path == nullptr && is_bound(t.part[1])) value += 1;
    return value;
  }

  void match(Node& bgp, Row& row, Next k) {
    std::vector<char>& key = bgp.order_key;
    bool same = key.size() == bgp.columns.size();
    if (!same) key.assign(bgp.columns.size(), 0);
    for (std::size_t i = 0; i < bgp.columns.size(); ++i) {
      const char is_bound = row[bgp.columns[i]] != nullptr ? 1 : 0;
      if (key[i] != is_bound) same = false;
      key[i] = is_bound;
    }
    if (!same || bgp.order.size() != bgp.triples.size()) choose_order(bgp, row);
    match_from(bgp, bgp.order, 0, row, k);
  }

  void choose_order(Node& bgp, const Row& row) {
    std::vector<char> known(width_, 0);
    for (int c : bgp.columns) known[c] = row[c] != nullptr;
    std::vector<char> used(bgp.triples.size(), 0);
    bgp.order.clear();
    for (std::size_t step = 0; step < bgp.triples.size(); ++step) {
      std::size_t best = 0;
      int best_score = -1;
      for (std::size_t t = 0; t < bgp.triples.size(); ++t) {
        if (used[t] != 0) continue;
        const int s = score(bgp.triples[t], known);
        if (s > best_score) {
          best = t;
          best_score = s;
        }
      }
      used[best] = 1;
      bgp.order.push_back(best);
      for (const Slot& s : bgp.triples[best].part) {
        if (s.column >= 0) known[s.column] = 1;
      }
    }
  }

  // Binds the unbound variables of a pattern to (s, p, o); false when a
  // variable repeated in the pattern would take two values. `set` collects
  // what was bound, for the undo.
  static bool bind_parts(const TriplePattern& t, const SordNode* const nodes[3], Row& row, int set[3],
                         int& count) {
    count = 0;
    for (int k = 0; k < 3; ++k) {
      const int c = t.part[k].column;
      if (c < 0) continue;
      if (row[c] == nullptr) {
        row[c] = nodes[k];
        set[count++] = c;
      } else if (row[c] != nodes[k]) {
        return false;
      }
    }
    return true;
  }

  void match_from(Node& bgp, const std::vector<std::size_t>& order, std::size_t j, Row& row, Next k) {
    if (stopped()) return;
    if (j == order.size()) {
      k();
      return;
    }
    const TriplePattern& t = bgp.triples[order[j]];
    const SordNode* fixed[3];
    for (int p = 0; p < 3; ++p) {
      if (t.part[p].impossible) return;
      fixed[p] = bound(t.part[p], row);
    }
    int set[3];
    int count = 0;
    const auto visit = [&](const SordNode* const nodes[3]) {
      if (bind_parts(t, nodes, row, set, count)) match_from(bgp, order, j + 1, row, k);
      for (int m = 0; m < count; ++m) row[set[m]] = nullptr;
    };
    if (t.path != nullptr) {
      for (const PathMatch& m : paths_.evaluate(*t.path, fixed[0], fixed[2])) {
        if (stopped() || deadline_.expired()) return;
        const SordNode* nodes[3] = {m.start, fixed[1], m.end};
        visit(nodes);
      }
      return;
    }
    if (fixed[0] != nullptr && fixed[1] != nullptr && fixed[2] != nullptr) {
      if (contains(fixed[0], fixed[1], fixed[2])) visit(fixed);
      return;
    }
    if (fixed[1] != nullptr && (fixed[0] != nullptr || fixed[2] != nullptr)) {
      const bool by_object = fixed[0] == nullptr;
      if (const Adjacency* index = adjacency(fixed[1], by_object)) {
        const auto [first, last] = index->ends(by_object ? fixed[2] : fixed[0]);
        for (const SordNode* const* e = first; e != last; ++e) {
          if (stopped() || deadline_.expired()) return;
          const SordNode* nodes[3] = {by_object ? *e : fixed[0], fixed[1], by_object ? fixed[2] : *e};
          visit(nodes);
        }
        return;
      }
      // Indexes, not pointers: the recursion may grow remembered_ends_.
      const auto [start, count] = remembered(fixed[1], by_object ? fixed[2] : fixed[0], by_object);
      for (std::size_t e = start; e != start + count; ++e) {
        if (stopped() || deadline_.expired()) return;
        const SordNode* end = remembered_ends_[e];
        const SordNode* nodes[3] = {by_object ? end : fixed[0], fixed[1], by_object ? fixed[2] : end};
        visit(nodes);
      }
      return;
    }
    for (SordScan scan(model_, fixed[0], fixed[1], fixed[2]); !scan.done(); scan.next()) {
      if (stopped() || deadline_.expired()) return;
      const SordNode* nodes[3] = {scan.node(SORD_SUBJECT), scan.node(SORD_PREDICATE), scan.node(SORD_OBJECT)};
      visit(nodes);
    }
  }

  // The ends linked to `key` by `predicate` (objects of a subject, or
  // subjects of an object), from Sord the first time, then from memory: the
  // same key is often probed again (dyads: `?agent a ng:State` for 66k
  // solutions over 200 states), and each Sord lookup is a B-tree search
  // comparing node strings. The store does not change during a query.
  // Returns (start, count) in remembered_ends_. (A subject's objects or an
  // object's subjects: few, except for classes and shared values, which are
  // probed from the bound end that has them only when nothing else is bound.)
  std::pair<std::size_t, std::size_t> remembered(const SordNode* predicate, const SordNode* key,
                                                 bool by_object) {
    const auto [value, added] = remembered_.try_emplace(ProbeKey{predicate, key, by_object});
    if (added) {
      ++probed_[{predicate, by_object}].misses;
      const auto start = remembered_ends_.size();
      const SordNode* s = by_object ? nullptr : key;
      const SordNode* o = by_object ? key : nullptr;
      for (SordScan scan(model_, s, predicate, o); !scan.done(); scan.next())
        remembered_ends_.push_back(scan.node(by_object ? SORD_SUBJECT : SORD_OBJECT));
      *value = {start, remembered_ends_.size() - start};
    }
    return *value;
  }

  // The adjacency of `predicate` from one end, once it is worth building:
  // when this query has probed it from that end with at least an eighth as
  // many different keys as the predicate has triples (checked at 64 keys,
  // then each time they have quadrupled, with a scan that stops at the
  // budget). Counting keys, not probes: repeated keys are remembered(), and
  // counting them built tables of large predicates (rdf:type) for a few
  // hundred keys probed many times.
  const Adjacency* adjacency(const SordNode* predicate, bool by_object) {
    const auto found = probed_.find({predicate, by_object});
    if (found == probed_.end()) return nullptr;
    Probed& probed = found->second;
    if (probed.index || probed.misses < probed.next_check) return probed.index.get();
    probed.next_check = probed.misses * 4;
    const auto pairs = Adjacency::collect(model_, predicate, by_object, probed.misses * 8);
    if (pairs) probed.index = std::make_unique<Adjacency>(*pairs);
    return probed.index.get();
  }

  // Whether the triple is in the store (its graphs' union), remembered for
  // the same reason.
  bool contains(const SordNode* s, const SordNode* p, const SordNode* o) {
    const auto [value, added] = contained_.try_emplace(ProbeKey{p, s, false, o});
    if (added) *value = !SordScan(model_, s, p, o).done();
    return *value;
  }

  // The expression's value over `row`, as a Rasqal literal we own; null on
  // an evaluation error.
  rasqal_literal* evaluate(const Expression& e, const Row& row) {
    for (const auto& [variable, c] : e.variables) {
      rasqal_variable_set_value(variable, row[c] != nullptr ? bridge_.to_rasqal(row[c]) : nullptr);
    }
    int error = 0;
    rasqal_literal* result = rasqal_expression_evaluate2(e.expr, context_, &error);
    if (error != 0 && result != nullptr) {
      rasqal_free_literal(result);
      return nullptr;
    }
    return error != 0 ? nullptr : result;
  }

  bool test(const Expression& e, const Row& row) {
    rasqal_literal* result = evaluate(e, row);
    if (result == nullptr) return false;
    int error = 0;
    const bool value = rasqal_literal_as_boolean(result, &error) != 0;
    rasqal_free_literal(result);
    return error == 0 && value;
  }

  // BIND's (and a projected expression's) value as a node; null (unbound)
  // on an error or a non-term.
 public:
  const SordNode* value_of(const Expression& e, const Row& row) {
    rasqal_literal* result = evaluate(e, row);
    if (result == nullptr) return nullptr;
    const SordNode* node = bridge_.to_sord(result);
    rasqal_free_literal(result);
    return node;
  }

 private:
  SordModel* model_;
  NodeBridge& bridge_;
  Deadline& deadline_;
  PathEvaluator paths_;
  rasqal_evaluation_context* context_;
  std::size_t width_;
  bool stop_ = false;
  struct Probed {
    std::size_t misses = 0;  // different keys looked up in Sord
    std::size_t next_check = 64;
    std::unique_ptr<Adjacency> index;
  };
  std::map<std::pair<const SordNode*, bool>, Probed> probed_;
  // remembered(): (start, count) in remembered_ends_ per probe.
  ProbeTable<std::pair<std::size_t, std::size_t>> remembered_;
  std::vector<const SordNode*> remembered_ends_;
  ProbeTable<bool> contained_;
};

// Projected expressions are evaluated per solution; aggregates are not ours.
bool plain_projection(rasqal_query* query) {
  raptor_sequence* projected = rasqal_query_get_bound_variable_sequence(query);
  for (int i = 0; projected != nullptr && i < raptor_sequence_size(projected); ++i) {
    auto* variable = static_cast<rasqal_variable*>(raptor_sequence_get_at(projected, i));
    if (variable->expression == nullptr) continue;
    bool aggregate = false;
    rasqal_expression_visit(
        variable->expression,
        [](void* data, rasqal_expression* e) -> int {
          switch (e->op) {
            case RASQAL_EXPR_COUNT:
            case RASQAL_EXPR_SUM:
            case RASQAL_EXPR_AVG:
            case RASQAL_EXPR_MIN:
            case RASQAL_EXPR_MAX:
            case RASQAL_EXPR_SAMPLE:
            case RASQAL_EXPR_GROUP_CONCAT:
            case RASQAL_EXPR_VARSTAR: *static_cast<bool*>(data) = true; break;
            default: break;
          }
          return 0;
        },
        &aggregate);
    if (aggregate) return false;
  }
  return true;
}

bool empty_sequence(raptor_sequence* s) { return s == nullptr || raptor_sequence_size(s) == 0; }

}  // namespace

bool pattern_eval_supports(rasqal_query* query) {
  if (rasqal_query_get_verb(query) != RASQAL_QUERY_VERB_SELECT) return false;
  if (rasqal_query_get_distinct(query) != 0) return false;
  if (!empty_sequence(rasqal_query_get_order_conditions_sequence(query)) ||
      !empty_sequence(rasqal_query_get_group_conditions_sequence(query)) ||
      !empty_sequence(rasqal_query_get_having_conditions_sequence(query))) {
    return false;
  }
  if (rasqal_query_get_data_graph(query, 0) != nullptr) return false;
  if (!plain_projection(query)) return false;
  rasqal_graph_pattern* where = rasqal_query_get_query_graph_pattern(query);
  return where != nullptr && Compiler::supported(where);
}

PatternSolutions evaluate_pattern(rasqal_world* world, rasqal_query* query, SordWorld* sord_world,
                                  SordModel* model, NodeBridge& bridge, const std::vector<PathExpr>& paths,
                                  Deadline& deadline, TermTable& terms, std::optional<std::size_t> limit) {
  Compiler compiler(bridge, paths);
  PatternSolutions out;
  std::vector<int> projection;
  std::vector<std::optional<Expression>> computed;  // per projected column: SELECT (expr AS ?v)
  raptor_sequence* projected = rasqal_query_get_bound_variable_sequence(query);
  Node where = compiler.compile(rasqal_query_get_query_graph_pattern(query));
  for (int i = 0; projected != nullptr && i < raptor_sequence_size(projected); ++i) {
    auto* variable = static_cast<rasqal_variable*>(raptor_sequence_get_at(projected, i));
    out.variables.emplace_back(reinterpret_cast<const char*>(variable->name));
    rasqal_expression* e = variable->expression;
    rasqal_variable* alias = e != nullptr && e->op == RASQAL_EXPR_LITERAL && e->literal != nullptr
                                 ? rasqal_literal_as_variable(e->literal)
                                 : nullptr;
    projection.push_back(compiler.column(alias != nullptr ? alias : variable));  // (?x AS ?y) copies
    computed.push_back(e != nullptr && alias == nullptr ? std::optional(compiler.expression(e))
                                                        : std::nullopt);
  }
  const std::size_t width = compiler.variables().size();
  const int offset = rasqal_query_get_offset(query);
  const int query_limit = rasqal_query_get_limit(query);
  std::size_t skip = offset > 0 ? static_cast<std::size_t>(offset) : 0;
  std::size_t keep = query_limit >= 0 ? static_cast<std::size_t>(query_limit) : SIZE_MAX;
  out.rows.width = projection.size();

  Runner runner(world, sord_world, model, bridge, deadline, width);
  runner.prepare(where);
  Row row(width, nullptr);
  std::vector<const SordNode*> cells;
  std::size_t count = 0;
  auto emit = [&] {
    if (skip > 0) {
      --skip;
      return;
    }
    if (count >= keep) {
      runner.stop();
      return;
    }
    if (limit && count >= *limit) {
      out.truncated = true;
      runner.stop();
      return;
    }
    for (std::size_t i = 0; i < projection.size(); ++i)
      cells.push_back(computed[i] ? runner.value_of(*computed[i], row) : row[projection[i]]);
    ++count;
  };
  runner.eval(where, row, emit);
  Runner::release(compiler.variables());

  out.rows.count = count;
  out.rows.cells.reserve(cells.size());
  for (const SordNode* node : cells) out.rows.cells.push_back(terms.id(node));
  return out;
}

}  // namespace newsgraph::query
