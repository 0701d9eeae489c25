#!/usr/bin/env bash
# Issue 6's vine acceptance: single path and vine TRPO on CartPole-v1 and Pendulum-v1 (seed 0,
# 100k trunk steps, default settings), their budgets, evaluations and curves.
# Usage: Benchmarks/acceptance/vine.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-/tmp/trustregion-vine}"
swift build -c release --package-path "$root" --product trpo >/dev/null
trpo="$root/.build/release/trpo"
mkdir -p "$out"
for env in CartPole-v1 Pendulum-v1; do
    for sampler in single_path vine; do
        dir="$out/$env-$sampler"
        rm -rf "$dir"
        "$trpo" train --env "$env" --seed 0 --timesteps 100000 --run-dir "$dir" --set "sampler=$sampler" --quiet
        mean=$("$trpo" eval --run-dir "$dir" --episodes 20 --seed 0 | python3 -c 'import json, sys; print(json.load(sys.stdin)["mean_return"])')
        python3 - "$dir/progress.csv" "$env" "$sampler" "$mean" <<'PY'
import csv, sys
last = list(csv.DictReader(open(sys.argv[1])))[-1]
print(f"{sys.argv[2]} {sys.argv[3]}: trunk {last['time/total_timesteps']}, simulated {last['time/simulated_timesteps']}, "
      f"final ep_rew_mean {float(last['rollout/ep_rew_mean']):.1f}, eval {float(sys.argv[4]):.1f}, {float(last['time/elapsed_s']):.1f} s")
PY
    done
    "$trpo" plot --run-dir "$out/$env-single_path" --run-dir "$out/$env-vine" --out "$out/$env.svg" \
        --title "$env: single path vs vine (trunk steps)"
done
