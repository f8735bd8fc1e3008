// Runs many SPARQL queries with Apache Jena ARQ in one JVM, for the query
// differential test (tests/query_test.cpp): the JVM starts once, not once per query.
//
//   java -cp "$(scripts/jena-classpath)" tests/jena/ArqBatch.java MANIFEST OUTDIR
//
// MANIFEST: one query a line, tab-separated: ID DATA QUERY [NAME=VALUE]...
// Each NAME=VALUE is substituted for ?NAME as a string literal (Jena's
// ParameterizedSparqlString, the same substitution `newsgraph query --bind`
// does for text parameters). The default graph is the union of the data's
// graphs, as in newsgraph. Writes OUTDIR/ID: SPARQL JSON results for SELECT
// and ASK, N-Triples for CONSTRUCT and DESCRIBE, or "ERROR: message".
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;

public class ArqBatch {
  public static void main(String[] args) throws Exception {
    Map<String, Dataset> datasets = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      String[] fields = line.split("\t");
      Path out = Path.of(args[1], fields[0]);
      try {
        Dataset dataset = datasets.computeIfAbsent(fields[1], ArqBatch::load);
        ParameterizedSparqlString text =
            new ParameterizedSparqlString(Files.readString(Path.of(fields[2]), StandardCharsets.UTF_8));
        for (int i = 3; i < fields.length; i++) {
          int eq = fields[i].indexOf('=');
          text.setLiteral(fields[i].substring(0, eq), fields[i].substring(eq + 1));
        }
        Query query = text.asQuery();
        try (QueryExecution exec = QueryExecutionFactory.create(query, dataset);
             OutputStream os = Files.newOutputStream(out)) {
          if (query.isSelectType()) ResultSetFormatter.outputAsJSON(os, exec.execSelect());
          else if (query.isAskType()) ResultSetFormatter.outputAsJSON(os, exec.execAsk());
          else if (query.isConstructType()) RDFDataMgr.write(os, exec.execConstruct(), Lang.NTRIPLES);
          else RDFDataMgr.write(os, exec.execDescribe(), Lang.NTRIPLES);
        }
      } catch (Exception e) {
        Files.writeString(out, "ERROR: " + e.getMessage(), StandardCharsets.UTF_8);
      }
    }
  }

  // The union of the file's graphs as default graph, its named graphs as named graphs.
  static Dataset load(String path) {
    Dataset read = RDFDataMgr.loadDataset(path);
    Dataset dataset = DatasetFactory.create(
        ModelFactory.createUnion(read.getDefaultModel(), read.getUnionModel()));
    for (Iterator<String> names = read.listNames(); names.hasNext();) {
      String name = names.next();
      dataset.addNamedModel(name, read.getNamedModel(name));
    }
    return dataset;
  }
}
