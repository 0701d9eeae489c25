#!/usr/bin/env bash
# The TRPO paper's Figure 4 comparison (Schulman et al. 2015, §8.1) with `trpo compare`: single
# path TRPO, vine TRPO, the natural gradient with a fixed penalty, the empirical FIM, max KL
# (cart-pole only, as in the paper), CEM and CMA-ES, on one task.
#   Benchmarks/paper/figure4.sh TRPO ENV OUT [SCALE]
# e.g. Benchmarks/paper/figure4.sh .build/release/trpo CartPole-v1 /tmp/figure4-cartpole
#      Benchmarks/paper/figure4.sh .build-mujoco/release/trpo Hopper-v4 /tmp/figure4-hopper 100
# Settings: Presets/paper-single-path.yml and paper-vine.yml (Table 2). SCALE (default 1) divides
# the paper's single-path steps per iteration (n_envs) for a shared machine, and then gives the vine
# the same simulated steps per iteration (see below); ITERATIONS (default:
# the preset's, 100 for cart-pole, 200 otherwise), SEEDS (default 0-2), JOBS (default 2) and PENALTY
# (npg-fixed's λ, default 3) come from the environment. Every rule gets the same simulation steps per iteration (the vine's trunk
# steps; its branches come on top, in time/simulated_timesteps); CEM and CMA-ES evaluate one
# candidate per 1/POPULATION of an iteration (n_steps / POPULATION steps, default population 20),
# so that one generation costs one policy iteration's steps. Writes OUT/{single-path,vine,
# gradient-free}/ (each a `trpo compare` output) and OUT/summary.md and OUT/curves.svg (merge.py).
# PARTS (default "single-path vine gradient-free") chooses which compares run, in that order, at
# NICENESS (default 10); finished runs in OUT are reused, so a later call with every part only merges.
set -euo pipefail
trpo=$1; env=$2; out=$3; scale=${4:-1}
here=$(cd "$(dirname "$0")" && pwd); presets=$here/../../Presets
seeds=${SEEDS:-0-2}; jobs=${JOBS:-2}; niceness=${NICENESS:-10}; population=${POPULATION:-20}; penalty=${PENALTY:-3}
# The preset's per-iteration settings for ENV, read from the YAML (flat two-level file).
setting() { awk -v env="$env:" -v key="  $2:" '$0 == env {inside=1; next} /^[^ #]/ {inside=0}
    inside && index($0, key) == 1 {sub(key " *", ""); print; exit}' "$presets/$1"; }
copies=$(( $(setting paper-single-path.yml n_envs) / scale )); [ "$copies" -ge 1 ] || copies=1
steps=$(setting paper-single-path.yml n_steps)
if [ "$env" = CartPole-v1 ]; then default_iterations=100; else default_iterations=200; fi
iterations=${ITERATIONS:-$default_iterations}
budget=$(( copies * steps * iterations ))
vine_states=$(setting paper-vine.yml vine_states)
vine_copies=$(setting paper-vine.yml n_envs)
vine_steps=$(setting paper-vine.yml n_steps)
# With SCALE > 1 a vine iteration simulates about as many steps as a single-path one: half of them
# in the trunk (whole paths of n_steps), half in the branches (vine_states × vine_actions × vine_horizon).
if [ "$scale" -gt 1 ]; then
    vine_copies=$(( copies / 2 )); [ "$vine_copies" -ge 1 ] || vine_copies=1
    branch=$(( $(setting paper-vine.yml vine_actions) * $(setting paper-vine.yml vine_horizon) ))
    vine_states=$(( copies * steps / 2 / branch )); [ "$vine_states" -ge 4 ] || vine_states=4
fi
single_algorithms="trpo,npg-fixed,empirical-fim"
[ "$env" = CartPole-v1 ] && single_algorithms="$single_algorithms,max-kl"
common=(--env "$env" --seeds "$seeds" --jobs "$jobs" --quiet)
echo "figure4 $env: $copies × $steps steps per iteration, $iterations iterations ($budget steps per run), seeds $seeds;" \
    "vine $vine_copies × $vine_steps trunk steps and $vine_states states; candidates of $population × $(( steps / population )) steps"
candidate_steps=$(( steps / population )); [ "$candidate_steps" -ge 1 ] || candidate_steps=1
for group in ${PARTS:-single-path vine gradient-free}; do
    case $group in
    single-path) nice -n "$niceness" "$trpo" compare "${common[@]}" --algos "$single_algorithms" --timesteps "$budget" \
        --config "$presets/paper-single-path.yml" --set n_envs=$copies --set penalty_coefficient=$penalty \
        --out "$out/single-path" ;;
    vine) nice -n "$niceness" "$trpo" compare "${common[@]}" --algos trpo --timesteps $(( vine_copies * vine_steps * iterations )) \
        --config "$presets/paper-vine.yml" --set n_envs=$vine_copies --set vine_states=$vine_states --out "$out/vine" ;;
    gradient-free) nice -n "$niceness" "$trpo" compare "${common[@]}" --algos cem,cma --timesteps "$budget" \
        --config "$presets/paper-single-path.yml" --set n_envs=$copies --set n_steps=$candidate_steps \
        --set cem_population=$population --set cma_population=$population --set n_critic_updates=1 \
        --out "$out/gradient-free" ;;
    *) echo "figure4.sh: unknown group $group (single-path, vine, gradient-free)" >&2; exit 2 ;;
    esac
done
python3 "$here/merge.py" "$env" "$out"
