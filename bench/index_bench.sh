#!/usr/bin/env bash
# Indexing benchmark: praxis-index against the floor (bench/floor.cc), in one run.
#
#   bench/index_bench.sh [RUNS]      (default 3; BUILD names the CMake build dir, default build/)
#
# Generates two synthetic corpora (bench/gen_corpus.py) into bench/out/indexing/, then measures
#   a. the floor's throughput on the small corpus
#   b. praxis-index --full on the same corpus, and its ratio to the floor
#   c. an unchanged re-run over the small corpus
#   d. an incremental run after changing one file of a large index
#   e. peak RSS of the full builds of both corpora
# Timed steps are run RUNS times and the best is kept: the machine is shared, so single runs
# are noisy, and a ratio is only meaningful between figures from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}
SMALL=10000
LARGE=100000
SEED=1
BUILD=${BUILD:-build}
OUT=bench/out/indexing
INDEX=$BUILD/indexer/praxis-index
FLOOR=$BUILD/bench/praxis-bench-floor

[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
cmake --build "$BUILD" -j2 --target praxis-index praxis-bench-floor >/dev/null

# measure CMD...: runs CMD once; sets MS (wall time, milliseconds) and RSS (peak, MB).
measure() {
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f %M -o "$OUT/rss.txt" "$@" >"$OUT/last.log" 2>&1 || { cat "$OUT/last.log" >&2; exit 1; }
  t1=$(date +%s%N)
  MS=$(( (t1 - t0) / 1000000 ))
  RSS=$(( $(tail -n 1 "$OUT/rss.txt") / 1024 ))
}

# lower VAR N / higher VAR N: sets VAR to N if VAR is 0 or N is lower (higher).
lower() { if (( ${!1} == 0 || $2 < ${!1} )); then printf -v "$1" %d "$2"; fi; }
higher() { if (( $2 > ${!1} )); then printf -v "$1" %d "$2"; fi; }

# best CMD...: runs CMD RUNS times; sets BEST (fastest, ms) and MAXRSS (largest peak, MB).
best() {
  BEST=0 MAXRSS=0
  for ((r = 0; r < RUNS; r++)); do
    measure "$@"
    lower BEST "$MS"
    higher MAXRSS "$RSS"
  done
}

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n * 1000 / ms }'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'; }

# Corpora are made once and kept (a re-run reuses them); indexes are always built anew.
# KEEP_LARGE=1 keeps the large index of an earlier run (its full build takes minutes): step d
# then brings it up to date with one incremental run and does not time a full build.
mkdir -p "$OUT" && rm -rf "$OUT/small" "$OUT/floor-db"
[ "${KEEP_LARGE:-0}" = 1 ] && [ -f "$OUT/large/index" ] || rm -rf "$OUT/large"
for corpus in small:$SMALL large:$LARGE; do
  name=${corpus%%:*} size=${corpus##*:}
  if [ ! -d "$OUT/corpus-$name" ]; then
    echo "generating $size entries (seed $SEED) ..."
    measure python3 bench/gen_corpus.py "$size" "$OUT/corpus-$name" --seed "$SEED"
  fi
done

LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
# a and b alternate, so that load from others' work falls on both alike.
echo "a, b. floor and praxis-index --full, $SMALL entries ..."
FLOOR_MS=0 FLOOR_RSS=0 FULL_MS=0 FULL_RSS=0
for ((i = 0; i < RUNS; i++)); do
  measure "$FLOOR" "$OUT/corpus-small" "$OUT/floor-db"
  lower FLOOR_MS "$MS"
  higher FLOOR_RSS "$RSS"
  measure "$INDEX" -q --full --content "$OUT/corpus-small" --index "$OUT/small/index"
  lower FULL_MS "$MS"
  higher FULL_RSS "$RSS"
done

echo "c. unchanged re-run, $SMALL entries ..."
best "$INDEX" -q --content "$OUT/corpus-small" --index "$OUT/small/index"
NOOP_MS=$BEST

echo "d. full build of $LARGE entries, then one changed file ..."
if [ -f "$OUT/large/index" ]; then
  "$INDEX" -q --content "$OUT/corpus-large" --index "$OUT/large/index"
  LARGE_MS=0 LARGE_RSS=0
else
  measure "$INDEX" -q --full --content "$OUT/corpus-large" --index "$OUT/large/index"
  LARGE_MS=$MS LARGE_RSS=$RSS
fi
files=("$OUT"/corpus-large/*.md)
ONE_MS=0
for ((r = 0; r < RUNS; r++)); do
  echo "A sentence added for run $r of the benchmark." >>"${files[r * 997]}"
  measure "$INDEX" -q --content "$OUT/corpus-large" --index "$OUT/large/index"
  lower ONE_MS "$MS"
done
best "$INDEX" -q --content "$OUT/corpus-large" --index "$OUT/large/index"
LARGE_NOOP_MS=$BEST

ratio=$(awk -v f="$FLOOR_MS" -v p="$FULL_MS" 'BEGIN { printf "%.2f", f / p }')
cat <<EOF

$(date -u +%F), $(nproc) cores, load average before the run: $LOAD_BEFORE; best of $RUNS

| measurement | result | goal |
|---|---:|---|
| a. floor, $SMALL entries | $(rate "$SMALL" "$FLOOR_MS") entries/s ($(secs "$FLOOR_MS") s, $FLOOR_RSS MB) | |
| b. praxis-index --full, $SMALL entries | $(rate "$SMALL" "$FULL_MS") entries/s ($(secs "$FULL_MS") s) | |
| b. ratio to the floor | ${ratio}x | >= 1.5x |
| c. unchanged re-run, $SMALL entries | $(secs "$NOOP_MS") s | < 0.5 s |
| d. one changed file, $LARGE-entry index | $(secs "$ONE_MS") s | < 1 s |
| d. unchanged re-run, $LARGE entries | $(secs "$LARGE_NOOP_MS") s | |
| d. praxis-index --full, $LARGE entries (1 run) | $( ((LARGE_MS)) && echo "$(rate "$LARGE" "$LARGE_MS") entries/s ($(secs "$LARGE_MS") s)" || echo "kept from an earlier run") | |
| e. peak RSS, full build of $SMALL entries | $FULL_RSS MB | < 500 MB |
| e. peak RSS, full build of $LARGE entries | $( ((LARGE_RSS)) && echo "$LARGE_RSS MB" || echo "not measured in this run") | < 500 MB |
EOF
