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
# --jobs 2 against --jobs 1, twice: the wall-clock ratio measured (meaningful
# only on an otherwise idle machine: the load average is printed with it), and
# the ratio expected on an idle 2-core machine from the per-thread CPU times
# newsgraph reports (NEWSGRAPH_CPU_REPORT): per phase, the calling thread's
# CPU c and its workers' w take at least max(c, w / jobs, (c + w) / cores).
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
bytes=$(stat -L -c %s "$CORPUS")
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

# The least time one run's phases need with `jobs` worker threads on `cores`
# idle cores, from its "newsgraph: cpu: PHASE: main C s, workers W s; ..." line.
critical_path() {  # cpu line file, jobs, cores
  awk -v jobs="$2" -v cores="$3" '
    /newsgraph: cpu:/ {
      sub(/.*newsgraph: cpu: /, ""); n = split($0, phases, ";")
      for (i = 1; i <= n; i++) {
        c = phases[i]; sub(/.*main /, "", c); sub(/ s,.*/, "", c); c += 0
        w = phases[i]; sub(/.*workers /, "", w); sub(/ s.*/, "", w); w += 0
        t = c; if (w / jobs > t) t = w / jobs; if ((c + w) / cores > t) t = (c + w) / cores
        total += t
      }
    }
    END { printf "%.2f\n", total }' "$1"
}

declare -A WALL CPU RSS PATH_S
run() {  # label, jobs, then the command
  local label=$1 jobs=$2; shift 2
  echo "==> $label: $*"
  NEWSGRAPH_CPU_REPORT=1 "$TIME" -v -o "$DIR/time.txt" "$@" 2>"$DIR/$label.err" ||
    { cat "$DIR/$label.err" >&2; die "$label failed (see above)"; }
  read -r WALL[$label] CPU[$label] RSS[$label] < <(measure "$DIR/time.txt")
  PATH_S[$label]=$(critical_path "$DIR/$label.err" "$jobs" 2)
  grep 'newsgraph: cpu:' "$DIR/$label.err" || true
  rm -f "$DIR/$label.err"
}

run merged-j1 1 "$NEWSGRAPH" build "$CORPUS" --jobs 1 -f ntriples -o "$DIR/merged-j1.nt" -q
run merged-j2 2 "$NEWSGRAPH" build "$CORPUS" --jobs 2 -f ntriples -o "$DIR/merged-j2.nt" -q
run stream-j1 1 "$NEWSGRAPH" build "$CORPUS" --jobs 1 --stream -o "$DIR/stream-j1.nq" -q
run stream-j2 2 "$NEWSGRAPH" build "$CORPUS" --jobs 2 --stream -o "$DIR/stream-j2.nq" -q
run serdi 1 bash -c 'serdi -i ntriples -o turtle "$1" >"$2"' _ "$DIR/merged-j1.nt" "$DIR/serdi.ttl"

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
  # Expected from per-thread CPU: --jobs 1's CPU over --jobs 2's critical path;
  # and --jobs 2's own CPU over its path (the same, less the noise between two
  # runs on a busy machine, but blind to the CPU a second thread adds).
  for shape in merged stream; do
    awk -v s="$shape" -v w1="${WALL[$shape-j1]}" -v w2="${WALL[$shape-j2]}" -v c2="${CPU[$shape-j2]}" \
        -v p1="${PATH_S[$shape-j1]}" -v p2="${PATH_S[$shape-j2]}" 'BEGIN {
      if (w2 <= 0) w2 = 0.01; if (p2 <= 0) p2 = 0.01
      printf "%-7s --jobs 2 vs 1: %.2fx wall clock measured (at this load); expected on an idle 2-core machine from per-thread CPU: %.2fx (%.2f s -> %.2f s), %.2fx (--jobs 2 run alone)\n", s, w1 / w2, p1 / p2, p1, p2, c2 / p2
    }'
  done
} | tee -a "$DIR/results.txt"
rm -f "$DIR/time.txt"
# The outputs are several GB at 100 MB of input: kept only when asked for.
if [ -z "${KEEP_OUTPUTS:-}" ]; then
  rm -f "$DIR"/merged-j[12].nt "$DIR"/stream-j[12].nq "$DIR/serdi.ttl"
fi
