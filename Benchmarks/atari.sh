#!/usr/bin/env bash
# Atari throughput, TrustRegion (release build, ALE trait) beside gymnasium + ale-py and beside
# ALE's C++ interface alone (the emulator's floor), in one run.
# Usage: Benchmarks/atari.sh [seconds per round] [rounds]   (needs .venv-ale, see the Python script)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-2}"
rounds="${2:-3}"
"$root/scripts/install-ale.sh" > /dev/null
swift build -c release --package-path "$root/Benchmarks/Atari" > /dev/null
# The floor: ALE's C++ interface stepped alone (the same work a raw step needs, no Swift, no Python).
ale_prefix="${ALE_PREFIX:-$root/.ale}"
floor="$(mktemp -d)/emulator_floor"
g++ -O2 -std=c++17 -I"$ale_prefix/include" "$root/Benchmarks/Atari/emulator_floor.cpp" \
    "$ale_prefix/lib/libale.a" -lz -lpthread -o "$floor"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
# Alternate the two sides so a change in the machine's load hits both.
for round in 1 2; do
    echo "-- round $round: ALE's C++ interface alone"
    "$floor" "$ale_prefix/roms/pong.bin" "$seconds" "$rounds"
    echo "-- round $round: TrustRegion"
    "$root/Benchmarks/Atari/.build/release/AtariBenchmark" "$seconds" "$rounds"
    echo "-- round $round: gymnasium + ale-py"
    "$root/.venv-ale/bin/python" "$root/Benchmarks/atari_steps_per_second.py" "$seconds" "$rounds"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
