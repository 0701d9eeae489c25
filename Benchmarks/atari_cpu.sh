#!/usr/bin/env bash
# CPU time per Pong step, TrustRegion against gymnasium + ale-py, alternated: the comparison that
# holds on a machine loaded by other jobs (Benchmarks/atari.sh's wall-clock figures need a quiet one).
# Ours: user+sys seconds (/usr/bin/time) of `AtariBenchmark count KIND N` for two step counts, the
# difference divided by the difference of the counts (set-up cancels); gymnasium: its loop's
# time.process_time (Benchmarks/atari_count.py). Prints µs per step and the ratio per round.
# Usage: Benchmarks/atari_cpu.sh [steps] [rounds]   (needs .venv-ale, as Benchmarks/atari.sh)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
steps="${1:-4000}"
rounds="${2:-3}"
"$root/scripts/install-ale.sh" > /dev/null
swift build -c release --package-path "$root/Benchmarks/Atari" > /dev/null
ours="$root/Benchmarks/Atari/.build/release/AtariBenchmark"
cpu_seconds() { /usr/bin/time -f "%U %S" "$@" 2>&1 > /dev/null | tail -1 | awk '{print $1 + $2}'; }
microseconds_per_step() {
    local short long
    short="$(cpu_seconds "$ours" count "$1" 500)"
    long="$(cpu_seconds "$ours" count "$1" $((500 + steps)))"
    awk -v a="$short" -v b="$long" -v n="$steps" 'BEGIN { printf "%.1f", (b - a) * 1e6 / n }'
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for round in $(seq 1 "$rounds"); do
    for kind in raw stack; do
        mine="$(microseconds_per_step "$kind")"
        theirs="$("$root/.venv-ale/bin/python" "$root/Benchmarks/atari_count.py" "$kind" "$steps" 2> /dev/null | tail -1)"
        ratio="$(awk -v a="$mine" -v b="$theirs" 'BEGIN { printf "%.2f", b / a }')"
        echo "round $round $kind: TrustRegion $mine µs/step, gymnasium + ale-py $theirs µs/step (${ratio}×)"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
