#include <catch2/catch.hpp>

#include "query/engine.hpp"
#include "rdf/reader.hpp"
#include "rdf/sord_store.hpp"
#include "util/error.hpp"

using namespace newsgraph;
using namespace newsgraph::query;

namespace {

rdf::SordStore load(std::string_view turtle) {
  rdf::SordStore store;
  rdf::SordInserterSink sink(store);
  rdf::read_rdf_string(turtle, rdf::RdfSyntax::TriG, sink, "test.trig");
  return store;
}

constexpr std::string_view kSmall = R"(
@prefix : <http://ex/> .
:a :p :b . :b :p :c . :c :q "x" . :a :name "A"@en . :b :n 3 .
)";

std::string cell(const QueryResult& r, std::size_t row, std::size_t col) {
  const Value& v = r.rows.at(row).at(col);
  return v ? v->value : "UNBOUND";
}

}  // namespace

TEST_CASE("query: a basic graph pattern is answered from the Sord store", "[query]") {
  auto store = load(kSmall);
  QueryEngine engine(store.world(), store.model());
  auto r = engine.run("PREFIX : <http://ex/> SELECT ?s ?o WHERE { ?s :p ?o } ORDER BY ?s");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.variables == std::vector<std::string>{"s", "o"});
  CHECK(cell(r, 0, 0) == "http://ex/a");
  CHECK(cell(r, 1, 1) == "http://ex/c");
}

TEST_CASE("query: property paths", "[query]") {
  auto store = load(kSmall);
  QueryEngine engine(store.world(), store.model());
  CHECK(engine.run("PREFIX : <http://ex/> SELECT * WHERE { ?s :p+ ?o }").rows.size() == 3);
  CHECK(engine.run("PREFIX : <http://ex/> SELECT * WHERE { :a :p/:p ?o }").rows.size() == 1);
  CHECK(engine.run("PREFIX : <http://ex/> SELECT * WHERE { ?s ^:p :b }").rows.size() == 1);
  CHECK(engine.run("PREFIX : <http://ex/> SELECT * WHERE { :a :p* ?o }").rows.size() == 3);
  CHECK(engine.run("PREFIX : <http://ex/> SELECT * WHERE { ?s :p|:q ?o }").rows.size() == 3);
}
