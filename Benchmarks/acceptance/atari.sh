#!/usr/bin/env bash
# A Table 1-style table (Schulman et al. 2015) for any budget: each game trained with seed 0, then
# the mean of the last 100 finished games (rollout/ep_rew_mean of the last iteration) beside the
# paper's rows. TRPO runs with OpenAI Baselines' trpo_mpi Atari settings
# (presets/atari-trpo-baselines.yml) and an entropy bonus of 0.01 (SET, below), as the committed
# table does: with `trpo train`'s Atari defaults (SB3-contrib's δ = 0.01 per 1,024 steps)
# Breakout's policy became deterministic within 100k steps, and with the preset alone Pong's at
# 1.37M (Documentation/Atari.md). Other algorithms run with their Atari defaults (PPO: the RL
# Zoo's); PRESET=FILE.yml chooses another preset (PRESET= none), SET="key=value ..." other
# settings (SET= none).
# Usage: Benchmarks/acceptance/atari.sh GAMES BUDGET [OUT_DIR] [ALGO]
#   GAMES: comma-separated (Pong,Breakout) or "all" (the paper's seven); BUDGET: agent steps per game.
#   e.g. Benchmarks/acceptance/atari.sh Pong,Breakout 500000 /tmp/atari-table trpo
# Needs ALE (scripts/install-ale.sh); builds trpo in release with the ALE trait. The committed table
# (Documentation/Atari.md) comes from the resumable runs of atari_learning.sh, the same settings.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
usage="usage: atari.sh GAMES BUDGET [OUT_DIR] [ALGO]"
games_argument="${1:?$usage}"
budget="${2:?$usage}"
out="${3:-/tmp/trustregion-atari-table}"
algo="${4:-trpo}"
if [ "$games_argument" = all ]; then
    games=(BeamRider Breakout Enduro Pong Qbert Seaquest SpaceInvaders)
else
    IFS=, read -r -a games <<<"$games_argument"
fi
"$root/scripts/install-ale.sh" >/dev/null
ALE_PREFIX="${ALE_PREFIX:-$root/.ale}" swift build -c release --traits ALE --package-path "$root" \
    --scratch-path "$root/.build-ale" --product trpo >/dev/null
trpo="$root/.build-ale/release/trpo"
default_preset=""
[ "$algo" = trpo ] && default_preset="$root/Benchmarks/acceptance/presets/atari-trpo-baselines.yml"
preset="${PRESET-$default_preset}"
preset_arguments=()
[ -n "$preset" ] && preset_arguments=(--config "$preset")
default_settings=""
[ "$algo" = trpo ] && default_settings="ent_coef=0.01"
settings="${SET-$default_settings}"
for setting in $settings; do preset_arguments+=(--set "$setting"); done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; algo $algo; preset ${preset:-none}; settings ${settings:-none}; budget $budget steps"
python3 "$root/Benchmarks/acceptance/table1.py" header "ours ($algo, $budget steps)"
for game in "${games[@]}"; do
    dir="$out/$game"
    rm -rf "$dir"
    "$trpo" train "${preset_arguments[@]}" --algo "$algo" --env "${game}NoFrameskip-v4" --timesteps "$budget" --seed 0 --threads 2 \
        --run-dir "$dir" --quiet
    python3 "$root/Benchmarks/acceptance/table1.py" row "$game" "$dir/progress.csv" "$budget"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
