// Query benchmark driver for Apache Jena ARQ (bench/query_bench.sh): loads the
// graph once, then runs each query once, consuming every result.
//   java -cp CP bench/query_jena.java GRAPH QUERY.rq...
// Prints "load SECONDS TRIPLES" then "NAME SECONDS ROWS" per query. Canned
// parameters (# param: NAME lines) are bound to "" (their default).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;

public class query_jena {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Dataset dataset = RDFDataMgr.loadDataset(args[0]);
    long size = dataset.getDefaultModel().size();
    System.out.printf("load %.3f %d%n", (System.nanoTime() - start) / 1e9, size);
    Pattern param = Pattern.compile("^# param: (\\w+)", Pattern.MULTILINE);
    for (int i = 1; i < args.length; i++) {
      String text = Files.readString(Path.of(args[i]));
      ParameterizedSparqlString pss = new ParameterizedSparqlString(text);
      Matcher m = param.matcher(text);
      while (m.find()) pss.setLiteral(m.group(1), "");
      String name = Path.of(args[i]).getFileName().toString().replace(".rq", "");
      long t0 = System.nanoTime();
      Query query = pss.asQuery();
      long rows;
      try (QueryExecution exec = QueryExecutionFactory.create(query, dataset)) {
        rows = ResultSetFormatter.consume(exec.execSelect());
      }
      System.out.printf("%s %.3f %d%n", name, (System.nanoTime() - t0) / 1e9, rows);
    }
  }
}
