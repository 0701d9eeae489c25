#!/usr/bin/env bash
# The PPO paper's Figure 3 on Gymnasium v5: `trpo compare --algos trpo,npg,vpg,ppo` at 1M steps on
# its seven MuJoCo tasks. Seed 0 on every task first, then SEEDS (default 0-2; finished runs are
# reused, so an interrupted sweep resumes). Usage: Benchmarks/acceptance/figure3.sh OUT_DIR [SEEDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
seeds="${2:-0-2}"
"$root/scripts/install-mujoco.sh" >/dev/null
swift build -c release --traits MuJoCo --package-path "$root" --product trpo >/dev/null
trpo="$root/.build/release/trpo"
tasks="InvertedPendulum-v5 InvertedDoublePendulum-v5 Reacher-v5 Swimmer-v5 Hopper-v5 Walker2d-v5 HalfCheetah-v5"
for pass in 0 "$seeds"; do
    for env in $tasks; do
        "$trpo" compare --env "$env" --algos trpo,npg,vpg,ppo --seeds "$pass" --timesteps 1000000 \
            --out "$out/$env" --jobs "${JOBS:-2}" --quiet
        echo "$env seeds $pass: $out/$env/summary.md"
    done
done
