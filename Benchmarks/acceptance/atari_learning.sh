#!/usr/bin/env bash
# Issue 15's learning runs, resumable across sessions: TRPO and PPO on Breakout and Pong (seed 0,
# 2M agent steps = 8M frames each) and the vine on Pong. A run whose directory holds a checkpoint
# resumes there (`trpo train --resume`), so runs killed with their session continue where they left off
# and give the rows of an uninterrupted run. Two runs at a time, one thread each (the cheapest use of
# two cores); `nice -n 19` so that other work keeps the machine.
#
#   Benchmarks/acceptance/atari_learning.sh run RUNS [NAME ...]     start or resume (default: all)
#   Benchmarks/acceptance/atari_learning.sh report RUNS OUT_DIR      curves (SVG) and progress files
#                                                                    of whatever the runs reached, and a table
# NAME: trpo-breakout trpo-pong ppo-breakout ppo-pong vine-pong. TRPO runs compute CG's Fisher-vector
# products on every 10th row (the paper's Appendix C; ~2× faster); everything else is the Atari
# defaults of `trpo train` (AtariWrapper, 4 frames, NatureCNN, 8 copies × 128 steps). Needs ALE
# (scripts/install-ale.sh) and a release build with the ALE trait (TRPO=path to choose another binary).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mode="${1:?usage: atari_learning.sh run RUNS [NAME ...] | report RUNS OUT_DIR}"
runs="${2:?usage: atari_learning.sh run RUNS [NAME ...] | report RUNS OUT_DIR}"
shift 2
trpo="${TRPO:-$root/.build/release/trpo}"

arguments() {
    case "$1" in
        trpo-breakout) echo "--env BreakoutNoFrameskip-v4 --set fisher_sub_sampling_factor=10 --set checkpoint_interval=5" ;;
        trpo-pong) echo "--env PongNoFrameskip-v4 --set fisher_sub_sampling_factor=10 --set checkpoint_interval=5" ;;
        ppo-breakout) echo "--algo ppo --env BreakoutNoFrameskip-v4 --set checkpoint_interval=10" ;;
        ppo-pong) echo "--algo ppo --env PongNoFrameskip-v4 --set checkpoint_interval=10" ;;
        # Every action of Pong's minimal set (6) branched once from each of 32 states for 50 steps:
        # 9,600 branch steps beside each 1,024 trunk steps, so 190k trunk steps simulate ~2.0M,
        # single path's budget. The vine's batch is 192 rows, so its products use every row.
        vine-pong) echo "--env PongNoFrameskip-v4 --set sampler=vine --set vine_states=32 --set vine_actions=6 --set vine_horizon=50 --set checkpoint_interval=5" ;;
        *) echo "unknown run $1" >&2; return 2 ;;
    esac
}
budget() { [ "$1" = vine-pong ] && echo 190000 || echo 2000000; }

if [ "$mode" = run ]; then
    [ -x "$trpo" ] || { echo "no $trpo: swift build -c release --traits ALE first" >&2; exit 2; }
    names=("$@"); [ ${#names[@]} -gt 0 ] || names=(trpo-breakout ppo-breakout trpo-pong ppo-pong vine-pong)
    mkdir -p "$runs"
    one() {
        local name=$1 dir="$runs/$1" status=0
        if [ -f "$dir/checkpoint.safetensors" ]; then
            nice -n 19 "$trpo" train --resume "$dir" --threads 1 >> "$runs/$name.log" 2>&1 || status=$?
        else
            rm -rf "$dir"
            # shellcheck disable=SC2046
            nice -n 19 "$trpo" train $(arguments "$name") --timesteps "$(budget "$name")" --seed 0 --threads 1 \
                --run-dir "$dir" > "$runs/$name.log" 2>&1 || status=$?
        fi
        echo "$name: exit $status ($(tail -n 1 "$dir/progress.csv" 2>/dev/null | cut -d, -f2) steps)"
    }
    export -f one arguments budget; export runs trpo
    printf '%s\n' "${names[@]}" | xargs -P 2 -I{} bash -c 'one {}'
    exit 0
fi

[ "$mode" = report ] || { echo "unknown mode $mode" >&2; exit 2; }
out="${1:?usage: atari_learning.sh report RUNS OUT_DIR}"
mkdir -p "$out"
for name in trpo-breakout ppo-breakout trpo-pong ppo-pong vine-pong; do
    [ -f "$runs/$name/progress.csv" ] || continue
    cp "$runs/$name/progress.csv" "$out/$name-seed0.csv"
    "$trpo" plot --run-dir "$runs/$name" --out "$out/$name-seed0.svg" --title "$name, seed 0: ep_rew_mean"
done
if [ -f "$runs/trpo-pong/progress.csv" ] && [ -f "$runs/vine-pong/progress.csv" ]; then
    "$trpo" plot --run-dir "$runs/trpo-pong" --run-dir "$runs/vine-pong" --x time/simulated_timesteps \
        --out "$out/pong-single-path-vs-vine.svg" --title "Pong, TRPO: single path and vine (simulated steps)"
fi
python3 - "$runs" <<'PY'
import csv, os, sys
# Table 1 of Schulman et al. (2015): random, TRPO single path, TRPO vine (50M steps, one run each).
paper = {"breakout": (1.2, 10.8, 34.2), "pong": (-20.4, 20.9, 20.9)}
print("| run | agent steps | simulated steps | ep_rew_mean (last 100 episodes) | best ep_rew_mean | random | paper single path | paper vine |")
print("|---|---|---|---|---|---|---|---|")
for name in ["trpo-breakout", "ppo-breakout", "trpo-pong", "ppo-pong", "vine-pong"]:
    path = os.path.join(sys.argv[1], name, "progress.csv")
    if not os.path.exists(path):
        continue
    rows = [r for r in csv.DictReader(open(path)) if r["rollout/ep_rew_mean"] not in ("", "nan")]
    if not rows:
        continue
    game = name.split("-")[1]
    random, single, vine = paper[game]
    best = max(float(r["rollout/ep_rew_mean"]) for r in rows)
    last = rows[-1]
    print(f"| {name} | {int(last['time/total_timesteps']):,} | {int(last['time/simulated_timesteps']):,} | "
          f"{float(last['rollout/ep_rew_mean']):.2f} | {best:.2f} | {random} | {single} | {vine} |")
PY
