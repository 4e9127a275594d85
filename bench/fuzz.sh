#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets of tests/fuzz, their seed corpora, and runs each in turn.
#
#   bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60 seconds, every target)
#
# Builds with clang-14 in build-fuzz (-DPRAXIS_FUZZ=ON: ASan, UBSan, coverage), writes seeds from
# content/ and tests/fixtures (bench/fuzz_seeds.py) to bench/out/fuzz/seeds/, keeps the growing
# corpus in bench/out/fuzz/corpus/ (so later runs continue where earlier ones stopped) and any
# crash, leak or timeout input in bench/out/fuzz/findings/. One process at a time, on one core.
# Prints the executions of each target and the total; exits 1 if a target found something.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(front_matter_fuzz markdown_fuzz search_fuzz submission_fuzz)
BUILD=${BUILD:-build-fuzz}
OUT=bench/out/fuzz

command -v clang++-14 >/dev/null || { echo "needs clang-14: apt-get install clang-14" >&2; exit 1; }
CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPRAXIS_FUZZ=ON >/dev/null
cmake --build "$BUILD" -j2 --target "${TARGETS[@]}" >/dev/null

rm -rf "$OUT/seeds"
python3 bench/fuzz_seeds.py "$OUT/seeds"
mkdir -p "$OUT/findings" "$OUT/logs"

# 4 KiB holds a whole front matter and the start of a body: longer inputs slow every run down
# (seeds are cut there) and add little a shorter one cannot reach. Queries are short.
max_len() { case "$1" in search_fuzz) echo 2048 ;; *) echo 4096 ;; esac; }

total=0
failed=0
printf '\n%-20s %14s %10s  %s\n' target executions exec/s result
for target in "${TARGETS[@]}"; do
  mkdir -p "$OUT/corpus/$target"
  log="$OUT/logs/$target.log"
  status=0
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$BUILD/tests/fuzz/$target" "$OUT/corpus/$target" "$OUT/seeds/$target" \
    -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$target")" -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$OUT/findings/$target-" >"$log" 2>&1 ||
    status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=clean
  if [ "$status" -ne 0 ]; then
    result="FOUND SOMETHING (exit $status): see $log"
    failed=1
  fi
  printf '%-20s %14s %10s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "$result"
  total=$((total + ${runs:-0}))
done
printf '%-20s %14s\n' total "$total"
exit $failed
