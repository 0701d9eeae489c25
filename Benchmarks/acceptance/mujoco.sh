#!/usr/bin/env bash
# Issue 7's acceptance: TRPO with the zoo's MuJoCo settings for 1M steps, then `trpo eval
# --episodes 20`. Usage: Benchmarks/acceptance/mujoco.sh OUT_DIR "Hopper-v4:0,1,2" "HalfCheetah-v4:0" ...
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
shift
"$root/scripts/install-mujoco.sh" >/dev/null
swift build -c release --traits MuJoCo --package-path "$root" --product trpo >/dev/null
trpo="$root/.build/release/trpo"
for spec in "$@"; do
    env="${spec%%:*}"
    for seed in ${spec#*:}; do
        seed="${seed//,/ }"
        for s in $seed; do
            dir="$out/$env/seed-$s"
            rm -rf "$dir"
            start=$(date +%s.%N)
            "$trpo" train --env "$env" --seed "$s" --run-dir "$dir" --threads "${THREADS:-2}" --quiet
            seconds=$(echo "$(date +%s.%N) - $start" | bc)
            "$trpo" eval --run-dir "$dir" --episodes 20 --seed "$s" | python3 -c "
import json, sys
r = json.load(sys.stdin)
print(f'$env seed $s: eval {r[\"mean_return\"]:.1f} ± {r[\"std_return\"]:.1f}, train {float(\"$seconds\"):.1f} s')"
        done
    done
done
