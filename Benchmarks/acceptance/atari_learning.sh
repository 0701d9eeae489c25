#!/usr/bin/env bash
# Issue 15's learning runs, resumable across sessions: TRPO and PPO on Breakout and Pong (seed 0,
# 2M agent steps = 8M frames each), the vine on Pong, and TRPO on the other five games of the
# paper's Table 1 for 500k steps (Breakout's and Pong's table rows are their TRPO runs at 500k). A
# run whose directory holds a checkpoint resumes there (`trpo train --resume`), so runs killed with
# their session continue where they left off and give the rows of an uninterrupted run. Two runs at a time, one thread each (the cheapest use of
# two cores); `nice -n 19` so that other work keeps the machine.
#
#   Benchmarks/acceptance/atari_learning.sh run RUNS [NAME ...]     start or resume (default: all)
#   Benchmarks/acceptance/atari_learning.sh report RUNS OUT_DIR      curves (SVG) and progress files
#                                                                    of whatever the runs reached, and a table
# With ZOO=DIR (a clone of https://github.com/DLR-RM/rl-trained-agents) the report also draws each
# PPO run beside the RL Zoo's published SB3 PPO run of the same game over the same steps (its
# Monitor files, read by Benchmarks/peers/zoo_monitor.py) and prints that run's ep_rew_mean.
# NAME: trpo-breakout ppo-breakout trpo-pong trpo-pong-entropy trpo-breakout-entropy ppo-pong ppo-pong-shared ppo-breakout-shared
# ppo-breakout-shared-zoo-schedule vine-pong
# vine-pong-paper-kl trpo-breakout-defaults trpo-breakout-defaults-entropy table-BeamRider table-Enduro table-Qbert table-Seaquest table-SpaceInvaders. TRPO runs use
# Baselines' trpo_mpi Atari settings (below), the later ones with an entropy bonus of 0.01; PPO
# runs the RL Zoo's (`trpo train`'s Atari defaults; ppo-breakout and ppo-pong with two networks, as
# those defaults were before the eighth session). Needs ALE
# (scripts/install-ale.sh) and a release build with the ALE trait (TRPO=path to choose another binary).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mode="${1:?usage: atari_learning.sh run RUNS [NAME ...] | report RUNS OUT_DIR}"
runs="${2:?usage: atari_learning.sh run RUNS [NAME ...] | report RUNS OUT_DIR}"
shift 2
trpo="${TRPO:-$root/.build/release/trpo}"

arguments() {
    # TRPO: OpenAI Baselines' trpo_mpi Atari settings (presets/atari-trpo-baselines.yml: cnn_small,
    # 512 steps per iteration, max_kl 0.001, Fisher products on every 5th row, vf_iters 3). With
    # `trpo train`'s Atari defaults (SB3-contrib's TRPO settings, δ = 0.01 per 1,024 steps, NatureCNN)
    # Breakout's policy became deterministic by 100k steps (entropy 1e-34, then every update
    # skipped at sᵀFs = 0); the paper spent its δ = 0.01 on 100k-step batches.
    local baselines="--config $root/Benchmarks/acceptance/presets/atari-trpo-baselines.yml --set checkpoint_interval=20"
    case "$1" in
        trpo-breakout) echo "$baselines --env BreakoutNoFrameskip-v4" ;;
        trpo-pong) echo "$baselines --env PongNoFrameskip-v4" ;;
        # trpo-pong became deterministic at 1.37M steps (entropy 1e-28, ep_rew_mean -21, every
        # later update skipped); the same with Baselines' entropy bonus (`entcoeff`, 0 in its
        # Atari defaults) at PPO's Atari 0.01.
        trpo-pong-entropy) echo "$baselines --env PongNoFrameskip-v4 --set ent_coef=0.01" ;;
        # Breakout's entropy was 0.1-0.5 from 300k steps on in trpo-breakout; the bonus that kept
        # Pong learning, and from here on every TRPO Atari run's (the vine's, the table's).
        trpo-breakout-entropy) echo "$baselines --env BreakoutNoFrameskip-v4 --set ent_coef=0.01" ;;
        # The zoo's settings with two NatureCNNs, π's and V's (`trpo train`'s PPO Atari defaults
        # until the eighth session).
        ppo-breakout) echo "--algo ppo --env BreakoutNoFrameskip-v4 --set checkpoint_interval=10 --set share_features_extractor=false" ;;
        ppo-pong) echo "--algo ppo --env PongNoFrameskip-v4 --set checkpoint_interval=10 --set share_features_extractor=false" ;;
        # ppo-pong's policy barely moved (approx_kl 1e-5-6e-4 through 1.5M steps) and it ended at
        # the random row. SB3's CnnPolicy is one NatureCNN for π and V, trained on the joint loss,
        # so the critic's loss shapes the policy's features: the same run with that one change
        # (now `trpo train`'s PPO Atari default).
        ppo-pong-shared) echo "--algo ppo --env PongNoFrameskip-v4 --set checkpoint_interval=10 --set share_features_extractor=true" ;;
        ppo-breakout-shared) echo "--algo ppo --env BreakoutNoFrameskip-v4 --set checkpoint_interval=10 --set share_features_extractor=true" ;;
        # ppo-breakout-shared fell behind the zoo's run after 1M steps (30.5 against 44.2 at 1.5M)
        # while its learning rate and clip range annealed to 0 at 2M; the zoo's anneal over its
        # 10M (0.8 of the start at 2M). The same run with the zoo's 10M schedules, stopped at 2M:
        # the zoo's run up to our budget.
        ppo-breakout-shared-zoo-schedule) echo "$(arguments ppo-breakout-shared) --stop-at 2000000" ;;
        # Every action of Pong's minimal set (6) branched once from each of 32 states for 50 steps:
        # 9,600 branch steps beside each 512 trunk steps, so 100k trunk steps simulate ~2.0M,
        # single path's budget. The vine's batch is 192 rows, so its products use every row.
        vine-pong) echo "$baselines --env PongNoFrameskip-v4 --set ent_coef=0.01 --set sampler=vine --set vine_states=32 --set vine_actions=6 --set vine_horizon=50 --set fisher_sub_sampling_factor=1" ;;
        # The vine with the paper's δ = 0.01 per update (it used 0.01 for both samplers): at
        # Baselines' 0.001 the vine's ~200 updates in 100k trunk steps barely move the policy.
        vine-pong-paper-kl) echo "$(arguments vine-pong) --set target_kl=0.01" ;;
        # trpo train's TRPO Atari defaults (SB3-contrib's settings, NatureCNN): Breakout's policy was
        # deterministic by 103k steps (stopped at 115k); then the same with the bonus.
        trpo-breakout-defaults) echo "--env BreakoutNoFrameskip-v4 --set fisher_sub_sampling_factor=10 --set checkpoint_interval=5" ;;
        trpo-breakout-defaults-entropy) echo "$(arguments trpo-breakout-defaults) --set ent_coef=0.01" ;;
        table-*) echo "$baselines --env ${1#table-}NoFrameskip-v4 --set ent_coef=0.01" ;;
        *) echo "unknown run $1" >&2; return 2 ;;
    esac
}
budget() {
    case "$1" in vine-pong*) echo 100000 ;; table-*) echo 500000 ;; *-zoo-schedule) echo 10000000 ;; *) echo 2000000 ;; esac
}
# What a resumed run needs again (a stop short of its budget is not recorded in the run directory).
resume_arguments() {
    case "$1" in *-zoo-schedule) echo "--stop-at 2000000" ;; *) echo "" ;; esac
}
table_games=(BeamRider Enduro Qbert Seaquest SpaceInvaders)

if [ "$mode" = run ]; then
    [ -x "$trpo" ] || { echo "no $trpo: swift build -c release --traits ALE first" >&2; exit 2; }
    names=("$@")
    [ ${#names[@]} -gt 0 ] || names=(trpo-breakout ppo-breakout trpo-pong trpo-pong-entropy trpo-breakout-entropy ppo-pong vine-pong "${table_games[@]/#/table-}")
    mkdir -p "$runs"
    one() {
        local name=$1 dir="$runs/$1" status=0
        if [ -f "$dir/checkpoint.safetensors" ]; then
            # shellcheck disable=SC2046
            nice -n 19 "$trpo" train --resume "$dir" $(resume_arguments "$name") --threads 1 >> "$runs/$name.log" 2>&1 || status=$?
        else
            rm -rf "$dir"
            # shellcheck disable=SC2046
            nice -n 19 "$trpo" train $(arguments "$name") --timesteps "$(budget "$name")" --seed 0 --threads 1 \
                --run-dir "$dir" > "$runs/$name.log" 2>&1 || status=$?
        fi
        echo "$name: exit $status ($(tail -n 1 "$dir/progress.csv" 2>/dev/null | cut -d, -f2) steps)"
    }
    export -f one arguments budget resume_arguments; export root runs trpo
    printf '%s\n' "${names[@]}" | xargs -P 2 -I{} bash -c 'one {}'
    exit 0
fi

[ "$mode" = report ] || { echo "unknown mode $mode" >&2; exit 2; }
out="${1:?usage: atari_learning.sh report RUNS OUT_DIR}"
mkdir -p "$out"
learning_runs="trpo-breakout ppo-breakout trpo-pong trpo-pong-entropy trpo-breakout-entropy ppo-pong ppo-pong-shared ppo-breakout-shared
    ppo-breakout-shared-zoo-schedule vine-pong
    vine-pong-paper-kl trpo-breakout-defaults trpo-breakout-defaults-entropy"
for name in $learning_runs; do
    [ -f "$runs/$name/progress.csv" ] || continue
    cp "$runs/$name/progress.csv" "$out/$name-seed0.csv"
    "$trpo" plot --run-dir "$runs/$name" --out "$out/$name-seed0.svg" --title "$name, seed 0: ep_rew_mean"
done
for game in "${table_games[@]}"; do  # Table 1's five other games: their progress files
    [ -f "$runs/table-$game/progress.csv" ] && cp "$runs/table-$game/progress.csv" "$out/table-$game-seed0.csv"
done
# The vines beside the single-path run of the same settings (all with the entropy bonus).
if [ -f "$runs/trpo-pong-entropy/progress.csv" ] && [ -f "$runs/vine-pong/progress.csv" ]; then
    vines=(--run-dir "$runs/vine-pong")
    [ -f "$runs/vine-pong-paper-kl/progress.csv" ] && vines+=(--run-dir "$runs/vine-pong-paper-kl")
    "$trpo" plot --run-dir "$runs/trpo-pong-entropy" "${vines[@]}" --x time/simulated_timesteps \
        --out "$out/pong-single-path-vs-vine.svg" --title "Pong, TRPO: single path and vine (simulated steps)"
fi
if [ -n "${ZOO:-}" ]; then
    scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
    for game in Breakout Pong; do
        zoo_run="$ZOO/ppo/${game}NoFrameskip-v4_1" ours="$runs/ppo-${game,,}"
        [ -d "$zoo_run" ] && [ -f "$ours/progress.csv" ] || continue
        # The directory's name labels the line; the shared-trunk run joins when it exists.
        mkdir -p "$scratch/sb3-rl-zoo-ppo-${game,,}" "$scratch/trustregion-ppo-${game,,}-two-networks"
        cp "$ours/progress.csv" "$scratch/trustregion-ppo-${game,,}-two-networks/"
        lines=(--run-dir "$scratch/trustregion-ppo-${game,,}-two-networks")
        if [ -f "$ours-shared/progress.csv" ]; then
            mkdir -p "$scratch/trustregion-ppo-${game,,}-shared-trunk"
            cp "$ours-shared/progress.csv" "$scratch/trustregion-ppo-${game,,}-shared-trunk/"
            lines+=(--run-dir "$scratch/trustregion-ppo-${game,,}-shared-trunk")
        fi
        if [ -f "$ours-shared-zoo-schedule/progress.csv" ]; then
            mkdir -p "$scratch/trustregion-ppo-${game,,}-shared-trunk-10M-schedules"
            cp "$ours-shared-zoo-schedule/progress.csv" "$scratch/trustregion-ppo-${game,,}-shared-trunk-10M-schedules/"
            lines+=(--run-dir "$scratch/trustregion-ppo-${game,,}-shared-trunk-10M-schedules")
        fi
        python3 "$root/Benchmarks/peers/zoo_monitor.py" "$zoo_run" --steps 500000 1000000 2000000 \
            --curve "$scratch/sb3-rl-zoo-ppo-${game,,}/progress.csv" --until 2000000
        "$trpo" plot "${lines[@]}" --run-dir "$scratch/sb3-rl-zoo-ppo-${game,,}" \
            --out "$out/ppo-${game,,}-vs-sb3-zoo.svg" --title "$game, PPO: ours (seed 0) and the RL Zoo's SB3 run"
        echo
    done
fi
# The defaults' runs' entropy, with and without the bonus: the collapse the bonus is there for.
defaults_runs=()
for name in trpo-breakout-defaults trpo-breakout-defaults-entropy; do
    [ -f "$runs/$name/progress.csv" ] && defaults_runs+=(--run-dir "$runs/$name")
done
[ ${#defaults_runs[@]} -eq 0 ] || "$trpo" plot "${defaults_runs[@]}" --y train/entropy \
    --out "$out/trpo-breakout-atari-defaults-entropy.svg" --title "Breakout, TRPO with trpo train's Atari defaults: entropy"
python3 - "$runs" "$root/Benchmarks/acceptance" "$learning_runs" <<'PY'
import os, sys
runs = sys.argv[1]
sys.path.insert(0, sys.argv[2])
from table1 import PAPER, row, scored_rows

def score(found_row):
    return float(found_row["rollout/ep_rew_mean"])

print("Learning runs (seed 0; ep_rew_mean: the mean return of the last 100 finished games)\n")
print("| run | agent steps | simulated steps | last ep_rew_mean | best ep_rew_mean | random | paper single path |")
print("|---|---|---|---|---|---|---|")
for name in sys.argv[3].split():
    found = scored_rows(os.path.join(runs, name, "progress.csv"))
    if found:
        random, single, _ = PAPER[name.split("-")[1].capitalize()]
        last = found[-1]
        print(f"| {name} | {int(last['time/total_timesteps']):,} | {int(last['time/simulated_timesteps']):,} | "
              f"{score(last):.2f} | {max(map(score, found)):.2f} | {random} | {single} |")

print("\nTable 1 at 500k agent steps (TRPO with Baselines' settings and ent_coef 0.01, seed 0; a run short of 500k "
      "shows its steps)\n")
print("| game | random | paper single path | paper vine | ours |")
print("|---|---|---|---|---|")
for game in PAPER:
    name = {"Breakout": "trpo-breakout-entropy", "Pong": "trpo-pong-entropy"}.get(game, f"table-{game}")
    print(row(game, os.path.join(runs, name, "progress.csv"), 500_000))
PY
