#!/usr/bin/env bash
# Reproduces the committed peer figures in results/: SB3-contrib TRPO and SB3 PPO, RL Zoo hyperparameters,
# 100k steps, seeds 0-4, one torch thread, one run at a time. Appends one JSON line per run.
# Usage: bash Benchmarks/peers/run_peers.sh [TIMESTEPS]   (after setup.sh; about 25 minutes on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="$here/.venv/bin/python"
steps="${1:-100000}"
out="$here/results"
mkdir -p "$out"
for seed in 0 1 2 3 4; do
    for env in CartPole-v1 Pendulum-v1; do
        "$py" "$here/sb3_trpo.py" --env "$env" --seed "$seed" --timesteps "$steps" >> "$out/sb3_trpo_$env.jsonl"
        "$py" "$here/sb3_ppo.py" --env "$env" --seed "$seed" --timesteps "$steps" >> "$out/sb3_ppo_$env.jsonl"
    done
done
# gSDE, as the zoo trains Pendulum-v1, for reference (TrustRegion has no gSDE).
"$py" "$here/sb3_trpo.py" --env Pendulum-v1 --seed 0 --timesteps "$steps" --sde >> "$out/sb3_trpo_Pendulum-v1_sde.jsonl"
"$py" "$here/sb3_ppo.py" --env Pendulum-v1 --seed 0 --timesteps "$steps" --sde >> "$out/sb3_ppo_Pendulum-v1_sde.jsonl"
