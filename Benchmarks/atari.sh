#!/usr/bin/env bash
# Atari throughput, TrustRegion (release build, ALE trait) beside gymnasium + ale-py, in one run.
# Usage: Benchmarks/atari.sh [seconds per round] [rounds]   (needs .venv-ale, see the Python script)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-2}"
rounds="${2:-3}"
"$root/scripts/install-ale.sh" > /dev/null
swift build -c release --package-path "$root/Benchmarks/Atari" > /dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
# Alternate the two sides so a change in the machine's load hits both.
for round in 1 2; do
    echo "-- round $round: TrustRegion"
    "$root/Benchmarks/Atari/.build/release/AtariBenchmark" "$seconds" "$rounds"
    echo "-- round $round: gymnasium + ale-py"
    "$root/.venv-ale/bin/python" "$root/Benchmarks/atari_steps_per_second.py" "$seconds" "$rounds"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
