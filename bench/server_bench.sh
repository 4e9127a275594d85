#!/usr/bin/env bash
# Search benchmark: praxis-server over loopback with wrk, against SQLite FTS5 in process, on
# the same synthetic corpus and the same fixed queries, in one run.
#
#   bench/server_bench.sh [SIZE...]     (default: 10000 100000; corpora from bench/gen_corpus.py)
#
# For each size: start-up to the first answer, latency at concurrency 1 (p50, p99) of the API
# and of the HTML search page (PAGES=1 in bench/wrk_queries.lua), throughput
# at concurrency 8, server RSS, and the FTS5 peer's throughput with 8 threads. The machine is
# shared and noisy: compare the ratio, measured in the same run, more than the absolute figures.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=bench/out
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
command -v wrk >/dev/null || { echo "needs wrk (Debian package wrk)" >&2; exit 1; }
cmake --build "$BUILD" -j2 --target praxis-index praxis-server >/dev/null

for size in "${SIZES[@]}"; do
  corpus=$OUT/corpus-$size index=$OUT/index-$size/index
  [ -d "$corpus" ] || python3 bench/gen_corpus.py "$size" "$corpus" --seed 1 >/dev/null
  [ -f "$index" ] || "$BUILD/indexer/praxis-index" -q --content "$corpus" --index "$index" 2>/dev/null
  [ -f "$OUT/queries-$size.txt" ] || python3 bench/make_queries.py "$corpus" "$OUT/queries-$size" >/dev/null

  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  "$BUILD/server/praxis-server" --index "$index" --port "$port" --threads 16 >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.005; done
  startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))

  export QUERIES=$OUT/queries-$size.txt
  # Warm the page cache and the server once through the whole query set.
  wrk -t1 -c1 -d5s -s bench/wrk_queries.lua "http://127.0.0.1:$port" >/dev/null
  one=$(wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency -s bench/wrk_queries.lua "http://127.0.0.1:$port")
  page=$(PAGES=1 wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency -s bench/wrk_queries.lua "http://127.0.0.1:$port")
  eight=$(wrk -t2 -c8 -d"${SECONDS_PER_RUN}s" --latency -s bench/wrk_queries.lua "http://127.0.0.1:$port")
  rss_mb=$(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true

  p50=$(echo "$one" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$one" | awk '$1 == "99%" {print $2}')
  p99_8=$(echo "$eight" | awk '$1 == "99%" {print $2}')
  page_p50=$(echo "$page" | awk '$1 == "50%" {print $2}')
  page_p99=$(echo "$page" | awk '$1 == "99%" {print $2}')
  rps=$(echo "$eight" | awk '/Requests\/sec/ {print $2}')
  errors=$(echo "$one$page$eight" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  fts=$(python3 bench/fts5_peer.py "$corpus" "$OUT/queries-$size.json" "$OUT/fts5-$size.db" \
        --threads 8 --seconds "$SECONDS_PER_RUN")
  fts_qps=$(echo "$fts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["qps"])')
  ratio=$(python3 -c "print(round($rps / max($fts_qps, 0.01), 1))")
  echo "| $size | $startup_ms ms | $p50 | $p99 | $page_p50 | $page_p99 | $p99_8 | $rps | $fts_qps | ${ratio}x | $rss_mb MB | ${errors:-none} |"
done
