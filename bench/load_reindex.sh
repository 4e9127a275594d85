#!/usr/bin/env bash
# Load with live reindexing: praxis-server over the 100,000-entry synthetic index, driven by wrk
# at concurrency 64, while praxis-index changes the index underneath it.
#
#   bench/load_reindex.sh            five incremental runs during a 60 s wrk run
#   bench/load_reindex.sh full       one praxis-index --full (a new generation, swapped in)
#                                    during a wrk run long enough to cover it (FULL_SECONDS)
#
# Each incremental round changes CHANGED entries (their `updated` date; default 20), adds ADDED
# (default 10) and removes the ones added by the round before, as editors publishing a batch
# would, then runs praxis-index --no-overlaps (the overlap warnings are for
# authors and would only slow the round down), which commits in place and touches the stub; the
# server sees the change and reopens. A full 100k rebuild takes minutes on a 2-core
# machine, so five of them cannot fit in 60 s: the `full` mode measures one under the same load.
#
# Reported: requests, non-2xx responses, socket errors, p50/p99 latency, server RSS before and
# after (VmRSS, after a 20 s warm-up), index swaps the server reported (/healthz revision and
# document count, polled every 200 ms) and how many fell inside the measured run, the load
# average, and whether the server is still up. praxis-index's own output goes to index-runs.log.
# The corpus, index and queries are made once under bench/out/load/ (BUILD names the build).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-incremental}
BUILD=${BUILD:-build}
OUT=bench/out/load
SIZE=100000
SECONDS_RUN=${SECONDS_RUN:-60}
FULL_SECONDS=${FULL_SECONDS:-600}
ROUNDS=${ROUNDS:-5}
CHANGED=${CHANGED:-20}
ADDED=${ADDED:-10}
corpus=$OUT/corpus-$SIZE
index=$OUT/index/index
queries=$OUT/queries-$SIZE.txt
INDEX_BIN=$BUILD/indexer/praxis-index
SERVER_BIN=$BUILD/server/praxis-server
command -v wrk >/dev/null || { echo "needs wrk (Debian package wrk)" >&2; exit 1; }
[ -x "$INDEX_BIN" ] && [ -x "$SERVER_BIN" ] || { echo "build $BUILD first" >&2; exit 1; }

[ -d "$corpus" ] || python3 bench/gen_corpus.py "$SIZE" "$corpus" --seed 1 >/dev/null
[ -f "$queries" ] || python3 bench/make_queries.py "$corpus" "$OUT/queries-$SIZE" >/dev/null
# Bring the index up to date with the corpus (a first full build, or leftovers of a run).
/usr/bin/time -f "index before the run: %e s" "$INDEX_BIN" -q --no-overlaps --content "$corpus" \
  --index "$index"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$OUT/server.log
"$SERVER_BIN" --index "$index" --host 127.0.0.1 --port "$port" >/dev/null 2>"$log" &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  [ -n "${watcher:-}" ] && kill "$watcher" 2>/dev/null || true
}
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
export QUERIES=$queries
url=http://127.0.0.1:$port
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

wrk -t2 -c64 -d20s -s bench/wrk_queries.lua "$url" >/dev/null  # warm-up: page cache, workers
rss_before=$(rss)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Every revision the server reports, with the time it was first seen.
swaps=$OUT/swaps.txt
: >"$swaps"
(
  last=""
  while sleep 0.2; do
    h=$(curl -s --max-time 2 "$url/healthz" || echo "unreachable")
    rev=$(echo "$h" | python3 -c 'import json,sys
try: j=json.load(sys.stdin); print(j["revision"], j["documents"])
except Exception: print("unreachable")' 2>/dev/null)
    if [ "$rev" != "$last" ]; then echo "$(date +%s.%N | cut -c1-14) $rev" >>"$swaps"; last=$rev; fi
  done
) &
watcher=$!

# One round of changes to the corpus: `updated` of CHANGED entries, ADDED new ones, the previous
# round's new ones gone.
change_corpus() {
  python3 - "$corpus" "$1" "$CHANGED" "$ADDED" <<'EOF'
import glob, os, re, sys
corpus, round_, changed, added = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
names = sorted(n for n in os.listdir(corpus) if n.endswith(".md") and not n.startswith("load-"))
for name in names[round_ * changed:(round_ + 1) * changed]:
    path = os.path.join(corpus, name)
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"(?m)^updated: .*$", f"updated: 2026-11-{10 + round_:02d}", text, count=1)
    open(path, "w", encoding="utf-8").write(text)
for path in glob.glob(os.path.join(corpus, f"load-r{round_ - 1}-*.md")):
    os.remove(path)
for n, name in enumerate(names[-added:] if added else []):
    text = open(os.path.join(corpus, name), encoding="utf-8").read()
    new_id = f"load-r{round_}-{n:03d}"
    text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)
    open(os.path.join(corpus, new_id + ".md"), "w", encoding="utf-8").write(text)
EOF
}

runs=$OUT/index-runs.txt
: >"$runs"
: >"$OUT/index-runs.log"
start=$(date +%s)
wrk_start=$(date +%s.%N)
if [ "$MODE" = full ]; then
  duration=$FULL_SECONDS
  wrk -t2 -c64 -d"${duration}s" --latency -s bench/wrk_queries.lua "$url" >"$OUT/wrk.txt" &
  wrk_pid=$!
  sleep 10
  t0=$(date +%s.%N)
  /usr/bin/time -a -o "$runs" -f "praxis-index --full: %e s, max RSS %M KB" \
    "$INDEX_BIN" -q --no-overlaps --full --content "$corpus" --index "$index" \
    >>"$OUT/index-runs.log" 2>&1
  echo "full rebuild published $(python3 -c "print(round($(date +%s.%N) - $t0, 1))") s after it started" >>"$runs"
  wait "$wrk_pid"
else
  duration=$SECONDS_RUN
  wrk -t2 -c64 -d"${duration}s" --latency -s bench/wrk_queries.lua "$url" >"$OUT/wrk.txt" &
  wrk_pid=$!
  # Spread the rounds over the run, leaving the last seconds to see the last swap served.
  # ROUNDS=0 is the control: the same load without reindexing.
  gap=$(( (duration - 10) / (ROUNDS > 0 ? ROUNDS : 1) ))
  for round in $(seq 1 "$ROUNDS"); do
    sleep $(( gap / 2 ))
    change_corpus "$round"
    /usr/bin/time -a -o "$runs" -f "round $round: praxis-index %e s" \
      "$INDEX_BIN" -q --no-overlaps --content "$corpus" --index "$index" \
      >>"$OUT/index-runs.log" 2>&1
    elapsed=$(( $(date +%s) - start ))
    [ "$elapsed" -lt $(( round * gap )) ] && sleep $(( round * gap - elapsed ))
  done
  wait "$wrk_pid"
fi
wrk_end=$(python3 -c "print($wrk_start + $duration)")
sleep 1
rss_after=$(rss)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
alive=$(kill -0 "$server" 2>/dev/null && curl -sf "$url/healthz" >/dev/null && echo yes || echo NO)
kill "$watcher" 2>/dev/null || true
watcher=
if [ "$MODE" != full ]; then
  # Leave the corpus and index consistent for the next run (not measured).
  rm -f "$corpus"/load-r*.md
  "$INDEX_BIN" -q --no-overlaps --content "$corpus" --index "$index" >>"$OUT/index-runs.log" 2>&1
fi

w=$OUT/wrk.txt
requests=$(awk '/requests in/ {print $1}' "$w")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$w")
socket_errors=$(awk '/Socket errors/ {sub(/.*Socket errors: /, ""); print}' "$w")
p50=$(awk '$1 == "50%" {print $2}' "$w")
p99=$(awk '$1 == "99%" {print $2}' "$w")
rps=$(awk '/Requests\/sec/ {print $2}' "$w")
revisions=$(grep -vc unreachable "$swaps" || true)
unreachable=$(grep -c unreachable "$swaps" || true)
# Swaps (every revision after the first) first seen while wrk was running.
during=$(awk -v a="$wrk_start" -v b="$wrk_end" 'NR > 1 && $2 != "unreachable" && $1 >= a && $1 <= b' "$swaps" | wc -l)
echo "mode: $MODE$([ "$MODE" = full ] || echo ", $ROUNDS rounds of $CHANGED changed and $ADDED added entries"), wrk -t2 -c64 -d${duration}s --latency -s bench/wrk_queries.lua (queries: $queries)"
echo "requests: $requests ($rps/s), non-2xx: ${non2xx:-0}, socket errors: ${socket_errors:-none}"
echo "latency: p50 $p50, p99 $p99"
echo "server RSS: $((rss_before / 1024)) MB before, $((rss_after / 1024)) MB after" \
     "($(python3 -c "print(f'{($rss_after - $rss_before) * 100 / $rss_before:+.1f}')") %)"
echo "index swaps seen by the server: $((revisions - 1)), $during of them during the wrk run" \
     "(revisions reported by /healthz, seconds after wrk started):"
awk -v a="$wrk_start" '{printf "  %+.1f s  %s %s\n", $1 - a, $2, $3}' "$swaps"
echo "healthz unreachable: $unreachable times"
echo "praxis-index runs:"
sed 's/^/  /' "$runs"
echo "load average: $load_before before, $load_after after ($(nproc) cores)"
echo "server still up: $alive"
grep -i "reload failed\|internal error" "$log" | head -5 || true
