// Query benchmark driver for Oxigraph (npm `oxigraph`; bench/query_bench.sh
// installs it under bench/node_modules): loads the graph once, then runs each
// query once, consuming every result.
//   node bench/query_oxigraph.js GRAPH QUERY.rq...
// Prints "load SECONDS TRIPLES" then "NAME SECONDS ROWS" per query. Canned
// parameters (# param: NAME lines) are replaced by "" (their default).
'use strict';
const fs = require('fs');
const path = require('path');
const ox = require(path.join(__dirname, 'node_modules', 'oxigraph'));

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
const [graph, ...queries] = process.argv.slice(2);
let t0 = process.hrtime.bigint();
const store = new ox.Store();
store.load(fs.readFileSync(graph, 'utf8'), { format: 'text/turtle' });
console.log(`load ${seconds(t0).toFixed(3)} ${store.size}`);
for (const file of queries) {
  let text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^# param: (\w+)/gm)) {
    text = text.replace(new RegExp(`[?$]${m[1]}\\b`, 'g'), '""');
  }
  t0 = process.hrtime.bigint();
  let rows = 0;
  for (const _ of store.query(text)) rows++;
  console.log(`${path.basename(file, '.rq')} ${seconds(t0).toFixed(3)} ${rows}`);
}
