#!/usr/bin/env bash
# The PPO paper's Figure 3 on Gymnasium v5: `trpo compare --algos trpo,npg,vpg,ppo` at 1M steps on
# its seven MuJoCo tasks, SEEDS (default 0-2) each; finished runs are reused, so an interrupted
# sweep resumes. Usage: [ALGOS=trpo] Benchmarks/acceptance/figure3.sh OUT_DIR [SEEDS] [TASKS...]
#
# A 1M-step MuJoCo run takes 5–15 minutes on a shared 2-core machine, more than one working session
# holds for 84 runs, so every finished run's record (config.json, progress.csv and the final
# policy, about 200 kB) is kept in Benchmarks/acceptance/results/figure3/TASK/runs/ALGO/seed-S and
# copied into OUT_DIR first: `trpo compare` reuses a run directory whose config.json is the same
# run and which holds its policy, so later sessions add seeds instead of training them again.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
seeds="${2:-0-2}"
shift $(( $# >= 2 ? 2 : 1 ))
tasks="${*:-InvertedPendulum-v5 InvertedDoublePendulum-v5 Reacher-v5 Swimmer-v5 Hopper-v5 Walker2d-v5 HalfCheetah-v5}"
records="$root/Benchmarks/acceptance/results/figure3"
trpo="${TRPO:-$root/.build/release/trpo}"
if [[ -z "${TRPO:-}" ]]; then
    "$root/scripts/install-mujoco.sh" >/dev/null
    swift build -c release --traits MuJoCo --package-path "$root" --product trpo >/dev/null
fi

# Copies finished runs (those holding a policy) from one compare tree to another, records only.
copy_finished() {
    local from="$1" to="$2" policy run
    [[ -d "$from/runs" ]] || return 0
    for policy in "$from"/runs/*/seed-*/policy.safetensors; do
        [[ -f "$policy" ]] || continue
        run="${policy%/policy.safetensors}"
        run="${run#"$from"/}"
        [[ -f "$to/$run/policy.safetensors" ]] && continue
        mkdir -p "$to/$run"
        cp "$from/$run/config.json" "$from/$run/progress.csv" "$from/$run/policy.safetensors" "$to/$run/"
    done
}

for env in $tasks; do
    copy_finished "$records/$env" "$out/$env"
    "$trpo" compare --env "$env" --algos "${ALGOS:-trpo,npg,vpg,ppo}" --seeds "$seeds" --timesteps 1000000 \
        --out "$out/$env" --jobs "${JOBS:-2}" --quiet
    copy_finished "$out/$env" "$records/$env"
    echo "$env seeds $seeds: $out/$env/summary.md"
done
