#include "validate/report_format.hpp"

#include <map>
#include <set>

#include "emit/vocab.hpp"
#include "rdf/serd_writer_sink.hpp"
#include "validate/term_text.hpp"

namespace newsgraph::validate {
namespace {

using rdf::Term;

std::string sh(const char* local) { return std::string(kShacl) + local; }

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// "3 violations and 1 warning on 2 nodes"
std::string summary(const ValidationReport& report) {
  std::map<std::string, std::size_t> by_severity;
  std::set<std::string> nodes;
  for (const auto& r : report.results) {
    ++by_severity[severity_name(r.severity)];
    nodes.insert(term_text(r.focus));
  }
  std::string counts;
  for (const auto& [severity, n] : by_severity) {
    if (!counts.empty()) counts += " and ";
    counts += plural(n, severity);
  }
  if (counts.empty()) return "the engine reported no details";
  return counts + " on " + plural(nodes.size(), "node");
}

// Blank nodes of a complex path get labels of their own in the output, so
// that they cannot meet the input's g<N>_ labels or each other.
Term relabel(const Term& term, std::size_t result, std::map<std::string, std::string>& labels) {
  if (term.kind != rdf::TermKind::Blank) return term;
  auto [it, inserted] = labels.try_emplace(term.value, "");
  if (inserted) it->second = "result" + std::to_string(result) + "_path" + std::to_string(labels.size());
  return Term::blank(it->second);
}

void add_result(rdf::TripleSink& sink, const ValidationResult& r, std::size_t n) {
  const Term node = Term::blank("result" + std::to_string(n));
  const auto add = [&](const std::string& predicate, const Term& object) {
    sink.add({node, Term::iri(predicate), object, {}});
  };
  add(std::string(vocab::kRdf) + "type", Term::iri(sh("ValidationResult")));
  add(sh("focusNode"), r.focus);
  std::map<std::string, std::string> labels;
  if (r.path) add(sh("resultPath"), relabel(*r.path, n, labels));
  for (const auto& t : r.path_triples) {
    sink.add({relabel(t.subject, n, labels), t.predicate, relabel(t.object, n, labels), {}});
  }
  if (!r.message.value.empty()) add(sh("resultMessage"), r.message);
  add(sh("resultSeverity"), r.severity);
  if (r.value) add(sh("value"), *r.value);
  if (r.constraint) add(sh("sourceConstraintComponent"), *r.constraint);
  if (r.shape) add(sh("sourceShape"), *r.shape);
}

}  // namespace

void write_report_text(const ValidationReport& report, std::ostream& out) {
  for (const auto& r : report.results) {
    out << term_text(r.focus);
    if (!r.path_text.empty()) out << ' ' << r.path_text;
    out << ": " << severity_name(r.severity) << ": ";
    out << (r.message.value.empty() ? std::string("(no message)") : r.message.value);
    // A node-level constraint reports the focus node itself as the value: no news.
    if (r.value && *r.value != r.focus) out << " (value: " << term_text(*r.value) << ')';
    out << '\n';
  }
  if (report.conforms) {
    out << "conforms\n";
  } else {
    out << "does not conform: " << summary(report) << '\n';
  }
}

void write_report_turtle(const ValidationReport& report, std::FILE* out) {
  rdf::SerdWriterSink sink(out, rdf::RdfSyntax::Turtle);
  for (const auto& p : report_prefixes()) sink.prefix(p.name, p.iri);
  const Term root = Term::blank("report");
  sink.add({root, Term::iri(std::string(vocab::kRdf) + "type"), Term::iri(sh("ValidationReport")), {}});
  sink.add({root,
            Term::iri(sh("conforms")),
            Term::typed(report.conforms ? "true" : "false", std::string(vocab::kXsd) + "boolean"),
            {}});
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    sink.add({root, Term::iri(sh("result")), Term::blank("result" + std::to_string(i + 1)), {}});
  }
  for (std::size_t i = 0; i < report.results.size(); ++i) add_result(sink, report.results[i], i + 1);
  sink.finish();
}

}  // namespace newsgraph::validate
