#!/usr/bin/env bash
# Query benchmark (run on demand, not a test): a synthetic graph of >= 1M
# triples in the newsgraph vocabulary (bench/query_gen.py), loaded and queried
# with every canned query by newsgraph, Apache Jena ARQ and Oxigraph (npm),
# one run each after one load. Prints seconds, rows and ratios
# (newsgraph / other: below 1 means newsgraph is faster).
#
#   bench/query_bench.sh [--scale N]        (from the repository root)
#
# Environment: NEWSGRAPH (default build-release/src/cli/newsgraph, else build/),
# QUERY_BENCH_DIR (default bench/corpus/query, git-ignored), QUERY_BENCH_TIMEOUT
# (seconds per query for newsgraph and Oxigraph, default 90; Jena runs all in one JVM).
# Oxigraph is installed with npm into bench/node_modules (git-ignored); when npm
# cannot install it, or java/Jena are missing, that column is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1
[ "${1:-}" = "--scale" ] && scale=$2
timeout=${QUERY_BENCH_TIMEOUT:-90}  # seconds per query and engine
dir=${QUERY_BENCH_DIR:-bench/corpus/query}
mkdir -p "$dir"
graph="$dir/graph-$scale.ttl"
newsgraph=${NEWSGRAPH:-}
if [ -z "$newsgraph" ]; then
  for candidate in build-release/src/cli/newsgraph build/src/cli/newsgraph; do
    [ -x "$candidate" ] && { newsgraph=$candidate; break; }
  done
fi
[ -x "${newsgraph:-}" ] || { echo "query_bench: build newsgraph first (cmake --preset release && cmake --build build-release)" >&2; exit 1; }

[ -s "$graph" ] || python3 bench/query_gen.py --scale "$scale" "$graph"
queries=(queries/*.rq)
declare -A ng_time jena_time ox_time ng_rows jena_rows ox_rows

echo "graph: $graph ($(du -h "$graph" | cut -f1)); newsgraph: $newsgraph"

# newsgraph: one process per query; --time separates loading from querying.
for q in "${queries[@]}"; do
  name=$(basename "$q" .rq)
  rows=$("$newsgraph" query "$name" --time --timeout "$timeout" --format tsv "$graph" 2>"$dir/ng.err" | tail -n +2 | wc -l)
  line=$(grep 'query ran in' "$dir/ng.err")
  ng_load=$(sed -E 's/.* in ([0-9.e+-]+) s; .*/\1/' <<<"$line")
  ng_time[$name]=$(sed -E 's/.*query ran in ([0-9.e+-]+) s/\1/' <<<"$line")
  ng_rows[$name]=$rows
done
# sordi, Sord's own tool, reads the same file into a Sord model (and writes it
# out again): the reference for our load rate, measured in the same run.
sordi_load=-
if command -v sordi >/dev/null; then
  sordi_load=$( { /usr/bin/time -f '%e' sordi -i turtle -o ntriples "$graph" >/dev/null; } 2>&1 | tail -1)
fi
ng_rss=$( { /usr/bin/time -f '%M' "$newsgraph" query --sparql 'ASK {}' "$graph" >/dev/null; } 2>&1 | tail -1 || echo '?')

jena_load=-
if command -v java >/dev/null && cp=$(scripts/jena-classpath 2>/dev/null); then
  while read -r name secs rows; do
    if [ "$name" = load ]; then jena_load=$secs; else jena_time[$name]=$secs; jena_rows[$name]=$rows; fi
  done < <(java -Xmx8g -cp "$cp" bench/query_jena.java "$graph" "${queries[@]}")
else
  echo "query_bench: skipping Jena ARQ (java or libapache-jena-java missing; scripts/install-deps installs them)" >&2
fi

ox_load=-
if [ ! -d bench/node_modules/oxigraph ]; then
  npm install --prefix bench --no-save --no-package-lock --silent oxigraph >/dev/null 2>&1 || true
fi
if [ -d bench/node_modules/oxigraph ] && command -v node >/dev/null; then
  # One process per query, so that a query Oxigraph's planner gets stuck on
  # (some OPTIONAL-heavy ones run for hours at this size) is cut at the timeout.
  for q in "${queries[@]}"; do
    name=$(basename "$q" .rq)
    ox_time[$name]=">$timeout"
    while read -r what secs rows; do
      if [ "$what" = load ]; then ox_load=$secs; else ox_time[$name]=$secs; ox_rows[$name]=$rows; fi
    done < <(timeout "$timeout" node --max-old-space-size=8192 bench/query_oxigraph.js "$graph" "$q" || true)
  done
else
  echo "query_bench: skipping Oxigraph (npm could not install 'oxigraph' into bench/node_modules)" >&2
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b ~ /^[0-9.]+$/ && b > 0 && a ~ /^[0-9.e+-]+$/) printf "%.2f", a / b; else printf "-" }'; }
printf '\n%-16s %10s %10s %10s %8s %8s %22s\n' query newsgraph jena oxigraph ng/jena ng/ox "rows ng/jena/ox"
printf '%-16s %10s %10s %10s %8s %8s\n' load "$ng_load" "$jena_load" "$ox_load" "$(ratio "$ng_load" "$jena_load")" "$(ratio "$ng_load" "$ox_load")"
printf '%-16s %10s   (reads into Sord with its default indexes, then writes N-Triples)\n' sordi "$sordi_load"
for q in "${queries[@]}"; do
  n=$(basename "$q" .rq)
  printf '%-16s %10s %10s %10s %8s %8s %22s\n' "$n" "${ng_time[$n]}" "${jena_time[$n]:--}" "${ox_time[$n]:--}" \
    "$(ratio "${ng_time[$n]}" "${jena_time[$n]:--}")" "$(ratio "${ng_time[$n]}" "${ox_time[$n]:--}")" \
    "${ng_rows[$n]}/${jena_rows[$n]:--}/${ox_rows[$n]:--}"
done
echo "newsgraph peak RSS after load: ${ng_rss} KB"
