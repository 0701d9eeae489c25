#!/usr/bin/env bash
# Issue 4's acceptance runs: TRPO with the default (zoo) settings, 100k steps, seeds 0–4, then
# `trpo eval --episodes 20`; prints one line per (environment, seed) and the mean per environment.
# Usage: Benchmarks/acceptance/classic_control.sh [OUT_DIR] [ENV ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-/tmp/trustregion-acceptance}"
shift || true
environments=("$@")
[ ${#environments[@]} -gt 0 ] || environments=(CartPole-v1 Pendulum-v1 Acrobot-v1 MountainCar-v0)
swift build -c release --package-path "$root" --product trpo >/dev/null
trpo="$root/.build/release/trpo"
for env in "${environments[@]}"; do
    returns=()
    for seed in 0 1 2 3 4; do
        dir="$out/$env/seed-$seed"
        rm -rf "$dir"
        start=$(date +%s.%N)
        "$trpo" train --env "$env" --timesteps 100000 --seed "$seed" --run-dir "$dir" --quiet
        seconds=$(echo "$(date +%s.%N) - $start" | bc)
        mean=$("$trpo" eval --run-dir "$dir" --episodes 20 --seed "$seed" \
            | python3 -c 'import json, sys; print(json.load(sys.stdin)["mean_return"])')
        worst_kl=$(python3 - "$dir/progress.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
accepted = [float(r["train/kl_divergence"]) for r in rows if r["train/is_line_search_success"] == "1"]
print(max(accepted) if accepted else 0)
PY
)
        printf '%s seed %d: eval mean %.1f, train %.2f s, largest accepted KL %.5f\n' "$env" "$seed" "$mean" "$seconds" "$worst_kl"
        returns+=("$mean")
    done
    python3 -c "import sys; v=[float(x) for x in sys.argv[2:]]; print(f'{sys.argv[1]}: mean over seeds {sum(v)/len(v):.1f}')" "$env" "${returns[@]}"
done
