#include "validate/shacl_report.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "emit/vocab.hpp"
#include "util/error.hpp"
#include "validate/term_text.hpp"

namespace newsgraph::validate {
namespace {

using rdf::Term;
using rdf::TermKind;
using rdf::Triple;

std::string sh(const char* local) { return std::string(kShacl) + local; }
std::string rdf_term(const char* local) { return std::string(vocab::kRdf) + local; }

// The report's triples by subject, in document order.
class Index {
 public:
  explicit Index(const std::vector<Triple>& triples) {
    for (const auto& t : triples) by_subject_[t.subject].push_back(&t);
  }
  std::vector<Term> objects(const Term& subject, const std::string& predicate) const {
    std::vector<Term> out;
    if (const auto it = by_subject_.find(subject); it != by_subject_.end()) {
      for (const Triple* t : it->second) {
        if (t->predicate.value == predicate) out.push_back(t->object);
      }
    }
    return out;
  }
  std::optional<Term> object(const Term& subject, const std::string& predicate) const {
    auto all = objects(subject, predicate);
    if (all.empty()) return std::nullopt;
    return *std::min_element(all.begin(), all.end());
  }
  std::vector<Term> subjects_of_type(const std::string& type) const {
    std::vector<Term> out;
    for (const auto& [subject, triples] : by_subject_) {
      for (const Triple* t : triples) {
        if (t->predicate.value == rdf_term("type") && t->object == Term::iri(type)) out.push_back(subject);
      }
    }
    return out;
  }
  const std::vector<const Triple*>* about(const Term& subject) const {
    const auto it = by_subject_.find(subject);
    return it == by_subject_.end() ? nullptr : &it->second;
  }

 private:
  std::map<Term, std::vector<const Triple*>> by_subject_;
};

// A SHACL property path (https://www.w3.org/TR/shacl/#property-paths) in
// SPARQL syntax. Paths nest; `depth` stops a malformed, cyclic one.
std::string path_text(const Index& index, const Term& path, int depth = 0) {
  if (path.kind != TermKind::Blank) return term_text(path);
  if (depth > 16) return "...";
  // The path under `property`, in parentheses unless it is a single predicate.
  const auto inner = [&](const char* property) -> std::optional<std::string> {
    const auto value = index.object(path, sh(property));
    if (!value) return std::nullopt;
    const std::string text = path_text(index, *value, depth + 1);
    return value->kind == TermKind::Blank && !text.starts_with("(") ? "(" + text + ")" : text;
  };
  if (auto p = inner("inversePath")) return "^" + *p;
  if (auto p = inner("zeroOrMorePath")) return *p + "*";
  if (auto p = inner("oneOrMorePath")) return *p + "+";
  if (auto p = inner("zeroOrOnePath")) return *p + "?";
  const auto list_text = [&](const Term& head, const char* separator) {
    std::string out;
    Term cell = head;
    for (int n = 0; n < 64 && !(cell.kind == TermKind::Iri && cell.value == rdf_term("nil")); ++n) {
      const auto first = index.object(cell, rdf_term("first"));
      const auto rest = index.object(cell, rdf_term("rest"));
      if (!first || !rest) break;
      if (!out.empty()) out += separator;
      out += path_text(index, *first, depth + 1);
      cell = *rest;
    }
    return "(" + out + ")";
  };
  if (const auto alternatives = index.object(path, sh("alternativePath")))
    return list_text(*alternatives, "|");
  if (index.object(path, rdf_term("first"))) return list_text(path, "/");
  return term_text(path);
}

// The blank nodes a complex path is made of, with their triples.
void collect_path(const Index& index, const Term& node, std::vector<Triple>& out, int depth = 0) {
  if (node.kind != TermKind::Blank || depth > 64) return;
  const auto* triples = index.about(node);
  if (triples == nullptr) return;
  for (const Triple* t : *triples) {
    if (std::find(out.begin(), out.end(), *t) != out.end()) continue;
    out.push_back(*t);
    collect_path(index, t->object, out, depth + 1);
  }
}

// One message, preferring English, then no language, then the least.
Term pick_message(const std::vector<Term>& messages) {
  if (messages.empty()) return Term::literal("");
  const auto rank = [](const Term& m) { return std::tuple(m.language != "en", !m.language.empty(), m); };
  return *std::min_element(messages.begin(), messages.end(),
                           [&](const Term& a, const Term& b) { return rank(a) < rank(b); });
}

ValidationResult read_result(const Index& index, const Term& node) {
  ValidationResult r;
  if (auto focus = index.object(node, sh("focusNode"))) r.focus = *focus;
  r.path = index.object(node, sh("resultPath"));
  if (r.path) {
    r.path_text = path_text(index, *r.path);
    collect_path(index, *r.path, r.path_triples);
  }
  r.message = pick_message(index.objects(node, sh("resultMessage")));
  r.severity = index.object(node, sh("resultSeverity")).value_or(Term::iri(sh("Violation")));
  r.value = index.object(node, sh("value"));
  r.constraint = index.object(node, sh("sourceConstraintComponent"));
  if (auto shape = index.object(node, sh("sourceShape")); shape && shape->kind == TermKind::Iri)
    r.shape = shape;
  return r;
}

std::string optional_text(const std::optional<Term>& term) { return term ? term_text(*term) : std::string(); }

auto sort_key(const ValidationResult& r) {
  return std::tuple(term_text(r.focus), r.path_text, r.message.value, optional_text(r.value),
                    severity_name(r.severity), optional_text(r.constraint), optional_text(r.shape));
}

}  // namespace

ValidationReport parse_shacl_report(const std::vector<Triple>& triples, const std::string& name_for_errors) {
  const Index index(triples);
  const auto reports = index.subjects_of_type(sh("ValidationReport"));
  if (reports.size() != 1) {
    throw InputError(Location{name_for_errors},
                     "expected one sh:ValidationReport in the SHACL engine's output, found " +
                         std::to_string(reports.size()));
  }
  const auto conforms = index.object(reports.front(), sh("conforms"));
  if (!conforms || conforms->kind != TermKind::Literal ||
      (conforms->value != "true" && conforms->value != "false")) {
    throw InputError(Location{name_for_errors}, "the SHACL validation report has no boolean sh:conforms");
  }
  ValidationReport report;
  report.conforms = conforms->value == "true";
  for (const Term& node : index.objects(reports.front(), sh("result"))) {
    report.results.push_back(read_result(index, node));
  }
  return report;
}

void normalise_results(ValidationReport& report) {
  using Key = decltype(sort_key(std::declval<const ValidationResult&>()));
  std::vector<std::pair<Key, ValidationResult>> keyed;
  keyed.reserve(report.results.size());
  for (auto& r : report.results) keyed.emplace_back(sort_key(r), std::move(r));
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  report.results.clear();
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    if (i > 0 && keyed[i].first == keyed[i - 1].first) continue;
    report.results.push_back(std::move(keyed[i].second));
  }
}

std::string severity_name(const Term& severity) {
  if (severity.value == sh("Violation")) return "violation";
  if (severity.value == sh("Warning")) return "warning";
  if (severity.value == sh("Info")) return "info";
  return term_text(severity);
}

}  // namespace newsgraph::validate
