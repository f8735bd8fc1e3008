#include "query/result_format.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "rdf/terms.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph::query {

namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

// Display width in code points (what a terminal shows for most text).
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The first `n` code points of s.
std::string_view head(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return s.substr(0, i);
}

std::string one_line(std::string_view s) {
  std::string out(s);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return out;
}

void require_bindings(const QueryResult& result) {
  if (result.is_graph()) throw UsageError("CONSTRUCT and DESCRIBE results are RDF: write them as a graph");
}

}  // namespace

std::optional<ResultFormat> parse_result_format(std::string_view name) {
  if (name == "table") return ResultFormat::Table;
  if (name == "csv") return ResultFormat::Csv;
  if (name == "tsv") return ResultFormat::Tsv;
  if (name == "json") return ResultFormat::Json;
  if (name == "xml") return ResultFormat::Xml;
  return std::nullopt;
}

std::string turtle_term(const rdf::Term& term) {
  switch (term.kind) {
    case rdf::TermKind::Iri: return "<" + term.value + ">";
    case rdf::TermKind::Blank: return "_:" + term.value;
    case rdf::TermKind::Literal: break;
  }
  const std::string out = rdf::quoted_string(term.value);
  if (!term.language.empty()) return out + "@" + term.language;
  if (!term.datatype.empty()) return out + "^^<" + term.datatype + ">";
  return out;
}

void write_json(const QueryResult& result, std::ostream& out) {
  require_bindings(result);
  nlohmann::ordered_json doc;
  if (result.form == QueryForm::Ask) {
    doc["head"] = nlohmann::ordered_json::object();
    doc["boolean"] = result.boolean;
  } else {
    doc["head"]["vars"] = result.variables;
    auto bindings = nlohmann::ordered_json::array();
    for (const auto& row : result.rows) {
      auto solution = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (!row[i]) continue;
        const rdf::Term& t = *row[i];
        nlohmann::ordered_json cell;
        cell["type"] = t.kind == rdf::TermKind::Iri     ? "uri"
                       : t.kind == rdf::TermKind::Blank ? "bnode"
                                                        : "literal";
        cell["value"] = t.value;
        if (!t.language.empty()) cell["xml:lang"] = t.language;
        if (!t.datatype.empty()) cell["datatype"] = t.datatype;
        solution[result.variables[i]] = std::move(cell);
      }
      bindings.push_back(std::move(solution));
    }
    doc["results"]["bindings"] = std::move(bindings);
  }
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void write_xml(const QueryResult& result, std::ostream& out) {
  require_bindings(result);
  out << "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n";
  for (const auto& v : result.variables) out << "    <variable name=\"" << xml_escaped(v) << "\"/>\n";
  out << "  </head>\n";
  if (result.form == QueryForm::Ask) {
    out << "  <boolean>" << (result.boolean ? "true" : "false") << "</boolean>\n</sparql>\n";
    return;
  }
  out << "  <results>\n";
  for (const auto& row : result.rows) {
    out << "    <result>\n";
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (!row[i]) continue;
      const rdf::Term& t = *row[i];
      out << "      <binding name=\"" << xml_escaped(result.variables[i]) << "\">";
      switch (t.kind) {
        case rdf::TermKind::Iri: out << "<uri>" << xml_escaped(t.value) << "</uri>"; break;
        case rdf::TermKind::Blank: out << "<bnode>" << xml_escaped(t.value) << "</bnode>"; break;
        case rdf::TermKind::Literal:
          out << "<literal";
          if (!t.language.empty()) out << " xml:lang=\"" << xml_escaped(t.language) << "\"";
          if (!t.datatype.empty()) out << " datatype=\"" << xml_escaped(t.datatype) << "\"";
          out << ">" << xml_escaped(t.value) << "</literal>";
          break;
      }
      out << "</binding>\n";
    }
    out << "    </result>\n";
  }
  out << "  </results>\n</sparql>\n";
}

void write_csv(const QueryResult& result, std::ostream& out) {
  require_bindings(result);
  auto field = [](std::string_view s) {
    if (s.find_first_of("\",\r\n") == std::string_view::npos) return std::string(s);
    std::string quoted = "\"";
    for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  };
  if (result.form == QueryForm::Ask) {
    out << "_askResult\r\n" << (result.boolean ? "true" : "false") << "\r\n";
    return;
  }
  for (std::size_t i = 0; i < result.variables.size(); ++i)
    out << (i ? "," : "") << field(result.variables[i]);
  out << "\r\n";
  for (const auto& row : result.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out << ',';
      if (!row[i]) continue;
      out << field(row[i]->kind == rdf::TermKind::Blank ? "_:" + row[i]->value : row[i]->value);
    }
    out << "\r\n";
  }
}

void write_tsv(const QueryResult& result, std::ostream& out) {
  require_bindings(result);
  if (result.form == QueryForm::Ask) {
    out << "?_askResult\n" << (result.boolean ? "true" : "false") << '\n';
    return;
  }
  for (std::size_t i = 0; i < result.variables.size(); ++i)
    out << (i ? "\t" : "") << '?' << result.variables[i];
  out << '\n';
  for (const auto& row : result.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out << '\t';
      if (row[i]) out << turtle_term(*row[i]);
    }
    out << '\n';
  }
}

std::string display_text(const rdf::Term& term, const TableStyle& style) {
  if (term.kind == rdf::TermKind::Literal) return one_line(term.value);
  if (style.label) {
    if (auto label = style.label(term)) return one_line(*label);
  }
  if (term.kind == rdf::TermKind::Blank) return "_:" + term.value;
  const rdf::Prefix* best = nullptr;
  for (const auto& p : style.prefixes) {
    if (!p.iri.empty() && term.value.compare(0, p.iri.size(), p.iri) == 0 &&
        (best == nullptr || p.iri.size() > best->iri.size())) {
      best = &p;
    }
  }
  if (best != nullptr) return best->name + ":" + term.value.substr(best->iri.size());
  if (term.value.compare(0, kXsd.size(), kXsd) == 0) return "xsd:" + term.value.substr(kXsd.size());
  return "<" + term.value + ">";
}

void write_table(const QueryResult& result, std::ostream& out, const TableStyle& style) {
  require_bindings(result);
  if (result.form == QueryForm::Ask) {
    out << (result.boolean ? "yes" : "no") << '\n';
    return;
  }
  const std::size_t columns = result.variables.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(result.rows.size());
  std::vector<std::size_t> widths(columns, 0);
  for (std::size_t i = 0; i < columns; ++i) widths[i] = width(result.variables[i]);
  for (const auto& row : result.rows) {
    std::vector<std::string> line;
    for (std::size_t i = 0; i < columns; ++i) {
      std::string text = row[i] ? display_text(*row[i], style) : std::string();
      if (style.max_width > 3 && width(text) > style.max_width) {
        text = std::string(head(text, style.max_width - 3)) + "...";
      }
      widths[i] = std::max(widths[i], width(text));
      line.push_back(std::move(text));
    }
    cells.push_back(std::move(line));
  }
  auto print_row = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t i = 0; i < columns; ++i) {
      text += line[i];
      if (i + 1 < columns) text += std::string(widths[i] - width(line[i]) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  print_row(result.variables);
  std::vector<std::string> rule;
  for (std::size_t w : widths) rule.emplace_back(w, '-');
  print_row(rule);
  for (const auto& line : cells) print_row(line);
  out << result.rows.size() << (result.rows.size() == 1 ? " row" : " rows")
      << (result.truncated ? " (stopped at the --limit)" : "") << '\n';
}

void write_results(const QueryResult& result, ResultFormat format, std::ostream& out,
                   const TableStyle& style) {
  switch (format) {
    case ResultFormat::Table: return write_table(result, out, style);
    case ResultFormat::Csv: return write_csv(result, out);
    case ResultFormat::Tsv: return write_tsv(result, out);
    case ResultFormat::Json: return write_json(result, out);
    case ResultFormat::Xml: return write_xml(result, out);
  }
}

}  // namespace newsgraph::query
