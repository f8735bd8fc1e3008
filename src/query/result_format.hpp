#pragma once
// Writing query results:
//   table  aligned columns for a terminal; IRIs shown by their rdfs:label
//          (else as a prefixed name), literals by their text
//   csv    W3C SPARQL 1.1 Query Results CSV (RFC 4180, CRLF)
//   tsv    W3C SPARQL 1.1 Query Results TSV (terms in Turtle syntax)
//   json   W3C SPARQL 1.1 Query Results JSON (application/sparql-results+json)
//   xml    W3C SPARQL Query Results XML (application/sparql-results+xml)
// CONSTRUCT and DESCRIBE results are RDF and are written as Turtle or
// N-Triples by write_graph.
#include <cstdio>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "query/engine.hpp"
#include "rdf/sink.hpp"

namespace newsgraph::query {

enum class ResultFormat { Table, Csv, Tsv, Json, Xml };

// "table", "csv", "tsv", "json", "xml"; nullopt otherwise.
std::optional<ResultFormat> parse_result_format(std::string_view name);

// What the table shows for an IRI or blank node: a label, or nullopt to fall back to the prefixed name.
using LabelLookup = std::function<std::optional<std::string>(const rdf::Term&)>;

struct TableStyle {
  LabelLookup label;                  // may be empty: no labels
  std::vector<rdf::Prefix> prefixes;  // for IRIs without a label
  std::size_t max_width = 100;        // longer cells are cut with "..."
};

// Writes a SELECT or ASK result. Graph results are not accepted here.
void write_results(const QueryResult& result, ResultFormat format, std::ostream& out,
                   const TableStyle& style = {});

// The W3C formats one by one (also used by tests).
void write_json(const QueryResult& result, std::ostream& out);
void write_xml(const QueryResult& result, std::ostream& out);
void write_csv(const QueryResult& result, std::ostream& out);
void write_tsv(const QueryResult& result, std::ostream& out);
void write_table(const QueryResult& result, std::ostream& out, const TableStyle& style);

// A term in Turtle/SPARQL syntax: <iri>, _:b, "text"@en, "5"^^<...#integer>.
std::string turtle_term(const rdf::Term& term);

// What a table cell shows for a term.
std::string display_text(const rdf::Term& term, const TableStyle& style);

}  // namespace newsgraph::query
