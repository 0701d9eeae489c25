#!/usr/bin/env bash
# Per-phase profile of one training run (issue 14): perf's cpu-clock samples of `trpo train`,
# sorted into acting / environment / GAE / policy update / critic / other by phase_profile.py,
# beside each phase's FLOP count and the kernel variant that ran.
#   phase_profile.sh TRPO TRAIN-ARGS...     e.g. phase_profile.sh .build/release/trpo --env CartPole-v1 --timesteps 100000 --threads 1
# Needs perf (cpu-clock works without hardware counters). Prints the load average before and after.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
trpo=$1; shift
work=$(mktemp -d /tmp/phase-profile.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kernel: $(grep -q avx512f /proc/cpuinfo && echo AVX-512+FMA || (grep -q avx2 /proc/cpuinfo && echo AVX2+FMA || echo baseline)) (the variant MatrixProduct selects on this processor)"
start=$(date +%s.%N)
perf record -q -e cpu-clock -F 4000 -g -o "$work/perf.data" -- "$trpo" train "$@" --run-dir "$work/run" --quiet >/dev/null 2>&1
end=$(date +%s.%N)
seconds=$(python3 -c "print($end - $start)")
echo "wall: $seconds s (under perf); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/phase_profile.py" "$work/perf.data" "$work/run" --frequency 4000 \
    ${OBSERVATION_WIDTH:+--observation-width $OBSERVATION_WIDTH} ${ACTIONS:+--actions $ACTIONS}
