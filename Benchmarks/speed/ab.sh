#!/usr/bin/env bash
# Alternated whole-process timing of two commands, A and B (public tools only: /usr/bin/time).
# Runs a warm-up of each, then RUNS pairs in alternating order (A B, B A, A B, ...), so that a change
# of load hits both sides alike; prints each side's median wall and CPU (user + system) seconds and
# the medians (min–max) of the pair-by-pair ratios A/B, with the load average before and after.
#   ab.sh RUNS "COMMAND A" "COMMAND B"     e.g. ab.sh 5 "train_once.sh new/trpo ..." "train_once.sh old/trpo ..."
set -euo pipefail
runs=$1; a=$2; b=$3
log=$(mktemp /tmp/ab-times.XXXXXX)
trap 'rm -f "$log"' EXIT
timed() {  # timed SIDE COMMAND: appends "SIDE wall cpu" to the log; a failing command stops the script
    /usr/bin/time -o "$log.one" -f "%e %U %S" sh -c "$2" >/dev/null || { echo "failed: $2" >&2; exit 1; }
    awk -v side="$1" '{ print side, $1, $2 + $3 }' "$log.one" >>"$log"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
sh -c "$a" >/dev/null; sh -c "$b" >/dev/null  # warm-up: page cache, CPU frequency
for ((run = 0; run < runs; run++)); do
    if ((run % 2 == 0)); then timed A "$a"; timed B "$b"; else timed B "$b"; timed A "$a"; fi
done
rm -f "$log.one"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$log" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
side = {s: [(float(w), float(c)) for t, w, c in rows if t == s] for s in "AB"}
for s in "AB":
    walls, cpus = zip(*side[s])
    print(f"{s}: wall {statistics.median(walls):.3f} s, cpu {statistics.median(cpus):.3f} s "
          f"({len(walls)} runs)")
for index, name in ((0, "wall"), (1, "cpu")):
    ratios = [x[index] / y[index] if y[index] else float("nan") for x, y in zip(side["A"], side["B"])]
    print(f"A/B {name}: {statistics.median(ratios):.3f} ({min(ratios):.3f}–{max(ratios):.3f})")
PY
