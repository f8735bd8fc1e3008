#include "validate/validator.hpp"

#include "rdf/reader.hpp"
#include "rdf/recording_sink.hpp"
#include "util/paths.hpp"
#include "validate/data_graph.hpp"
#include "validate/jena.hpp"
#include "validate/scratch_dir.hpp"

namespace newsgraph::validate {

std::string default_shapes_path() { return data_path("ontology/shapes.ttl"); }

ValidationReport validate_graphs(const std::vector<std::string>& graphs, const std::string& shapes_path) {
  const ScratchDir scratch;
  // Both go to the engine as N-Triples we wrote: one parser (ours) decides
  // what the files mean and reports their errors, and nothing is guessed from
  // file extensions on the other side.
  const std::string data = scratch.file("data.nt");
  const std::string shapes = scratch.file("shapes.nt");
  write_merged_ntriples(graphs, data, /*skolemize=*/true);
  write_merged_ntriples({shapes_path}, shapes, /*skolemize=*/false);

  const std::string report_path = scratch.file("report.ttl");
  run_jena_shacl(find_jena(scratch), shapes, data, report_path, scratch);

  rdf::RecordingSink recorded;
  rdf::read_rdf_file(report_path, rdf::RdfSyntax::Turtle, recorded);
  ValidationReport report = parse_shacl_report(recorded.triples(), "SHACL report");
  for (auto& result : report.results) {
    result.focus = restore_blank_node(result.focus);
    if (result.value) result.value = restore_blank_node(*result.value);
  }
  normalise_results(report);
  return report;
}

}  // namespace newsgraph::validate
