#!/usr/bin/env bash
# newsgraph build throughput on a generated corpus of at least 100 MB (samples/*.txt
# repeated, one week later each round: bench/make_corpus.py), written under
# bench/corpus/ (git-ignored, reused when present).
#
# Runs, each timed with /usr/bin/time -v (wall, CPU, peak resident memory):
#   merged   --jobs 1 and 2   one graph, N-Triples to a file
#   streamed --jobs 1 and 2   --stream, one named graph per article, N-Quads to a file
#   serdi    re-serialising the merged run's N-Triples to Turtle: the reference,
#            measured in the same run so that the ratios hold on any machine.
# Prints articles/s, MB/s (of input), peak MB and our time / serdi's time, and
# appends the table to bench/corpus/results.txt. The outputs (GBs) are removed
# afterwards unless KEEP_OUTPUTS=1.
#
#   bash bench/build_bench.sh                     # uses build/src/cli/newsgraph
#   NEWSGRAPH=/path/newsgraph BENCH_MB=20 bash bench/build_bench.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSGRAPH=${NEWSGRAPH:-$ROOT/build/src/cli/newsgraph}
MB=${BENCH_MB:-100}
DIR=$ROOT/bench/corpus
CORPUS=$DIR/corpus-${MB}mb.jsonl
TIME=/usr/bin/time

die() { echo "build_bench: error: $*" >&2; exit 1; }
[ -x "$NEWSGRAPH" ] || die "no newsgraph binary at $NEWSGRAPH (make -f Makefile.dev build, or set NEWSGRAPH)"
[ -x "$TIME" ] || die "$TIME not found (Debian package time; scripts/install-deps installs it)"
command -v serdi >/dev/null || die "serdi not found (Debian package serdi)"
command -v python3 >/dev/null || die "python3 not found"

mkdir -p "$DIR"
if [ ! -s "$CORPUS" ]; then
  echo "==> generating $CORPUS (${MB} MB from samples/)"
  python3 "$ROOT/bench/make_corpus.py" "$CORPUS" --mb "$MB" >/dev/null
fi
bytes=$(stat -c %s "$CORPUS")
articles=$(wc -l <"$CORPUS")
echo "==> corpus: $articles articles, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($CORPUS)"

# wall seconds, cpu seconds, peak MB of one /usr/bin/time -v report
measure() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", w, cpu, rss }' "$1"
}

declare -A WALL CPU RSS
run() {  # label, then the command
  local label=$1; shift
  echo "==> $label: $*"
  "$TIME" -v -o "$DIR/time.txt" "$@" || die "$label failed (see above)"
  read -r WALL[$label] CPU[$label] RSS[$label] < <(measure "$DIR/time.txt")
}

run merged-j1 "$NEWSGRAPH" build "$CORPUS" --jobs 1 -f ntriples -o "$DIR/merged-j1.nt" -q
run merged-j2 "$NEWSGRAPH" build "$CORPUS" --jobs 2 -f ntriples -o "$DIR/merged-j2.nt" -q
run stream-j1 "$NEWSGRAPH" build "$CORPUS" --jobs 1 --stream -o "$DIR/stream-j1.nq" -q
run stream-j2 "$NEWSGRAPH" build "$CORPUS" --jobs 2 --stream -o "$DIR/stream-j2.nq" -q
run serdi bash -c 'serdi -i ntriples -o turtle "$1" >"$2"' _ "$DIR/merged-j1.nt" "$DIR/serdi.ttl"

cmp -s "$DIR/merged-j1.nt" "$DIR/merged-j2.nt" || die "--jobs 2 wrote other bytes than --jobs 1 (merged)"
cmp -s "$DIR/stream-j1.nq" "$DIR/stream-j2.nq" || die "--jobs 2 wrote other bytes than --jobs 1 (streamed)"
triples=$(wc -l <"$DIR/merged-j1.nt")
quads=$(wc -l <"$DIR/stream-j1.nq")

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $articles articles, $bytes bytes"
  echo "# merged: $triples triples; streamed: $quads quads; serdi re-serialises the merged N-Triples to Turtle"
  printf "%-10s %8s %8s %10s %8s %8s %12s %12s\n" run wall_s cpu_s articles/s MB/s peak_MB wall/serdi cpu/serdi
  for label in merged-j1 merged-j2 stream-j1 stream-j2 serdi; do
    awk -v l="$label" -v w="${WALL[$label]}" -v c="${CPU[$label]}" -v r="${RSS[$label]}" -v a="$articles" -v b="$bytes" \
        -v sw="${WALL[serdi]}" -v sc="${CPU[serdi]}" -v t="$triples" 'BEGIN {
      if (w <= 0) w = 0.01; if (sw <= 0) sw = 0.01; if (sc <= 0) sc = 0.01
      if (l == "serdi") printf "%-10s %8.2f %8.2f %10s %8s %8d %12s %12s   (%.0f triples/s)\n", l, w, c, "-", "-", r, "1.0", "1.0", t / w
      else printf "%-10s %8.2f %8.2f %10.0f %8.2f %8d %12.1f %12.1f\n", l, w, c, a / w, b / 1e6 / w, r, w / sw, c / sc
    }'
  done
} | tee -a "$DIR/results.txt"
rm -f "$DIR/time.txt"
# The outputs are several GB at 100 MB of input: kept only when asked for.
if [ -z "${KEEP_OUTPUTS:-}" ]; then
  rm -f "$DIR"/merged-j[12].nt "$DIR"/stream-j[12].nq "$DIR/serdi.ttl"
fi
