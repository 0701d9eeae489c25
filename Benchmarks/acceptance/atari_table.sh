#!/usr/bin/env bash
# A Table 1-style table (Schulman et al. 2015) for any budget: each game trained with seed 0, then
# the mean of the last 100 finished games (rollout/ep_rew_mean of the last iteration) beside the
# paper's rows. TRPO runs with OpenAI Baselines' trpo_mpi Atari settings
# (presets/atari-trpo-baselines.yml), as the committed table and learning runs do: with `trpo
# train`'s Atari defaults (SB3-contrib's δ = 0.01 per 1,024 steps) Breakout's policy became
# deterministic within 100k steps (Documentation/Atari.md). Other algorithms run with their Atari
# defaults (PPO: the RL Zoo's); PRESET=FILE.yml chooses another preset (PRESET= none).
# Usage: Benchmarks/acceptance/atari_table.sh BUDGET [OUT_DIR] [ALGO] [GAME ...]
#   e.g. Benchmarks/acceptance/atari_table.sh 500000 /tmp/atari-table trpo Pong Breakout
# Needs ALE (scripts/install-ale.sh); builds trpo in release with the ALE trait.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
budget="${1:?usage: atari_table.sh BUDGET [OUT_DIR] [ALGO] [GAME ...]}"
out="${2:-/tmp/trustregion-atari-table}"
algo="${3:-trpo}"
shift 3 || shift $#
games=("$@")
[ ${#games[@]} -gt 0 ] || games=(BeamRider Breakout Enduro Pong Qbert Seaquest SpaceInvaders)
"$root/scripts/install-ale.sh" >/dev/null
ALE_PREFIX="${ALE_PREFIX:-$root/.ale}" swift build -c release --traits ALE --package-path "$root" \
    --scratch-path "$root/.build-ale" --product trpo >/dev/null
trpo="$root/.build-ale/release/trpo"
default_preset=""
[ "$algo" = trpo ] && default_preset="$root/Benchmarks/acceptance/presets/atari-trpo-baselines.yml"
preset="${PRESET-$default_preset}"
preset_arguments=()
[ -n "$preset" ] && preset_arguments=(--config "$preset")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; algo $algo; preset ${preset:-none}; budget $budget steps"
printf '| game | random | paper single path | paper vine | ours (%s, %s steps) |\n|---|---|---|---|---|\n' "$algo" "$budget"
for game in "${games[@]}"; do
    dir="$out/$game"
    rm -rf "$dir"
    "$trpo" train "${preset_arguments[@]}" --algo "$algo" --env "${game}NoFrameskip-v4" --timesteps "$budget" --seed 0 --threads 2 \
        --run-dir "$dir" --quiet
    python3 - "$game" "$dir/progress.csv" <<'PY'
import csv, sys
# Table 1 of the paper: random, TRPO single path, TRPO vine.
paper = {"BeamRider": (354, 1425.2, 859.5), "Breakout": (1.2, 10.8, 34.2), "Enduro": (0, 534.6, 430.8),
         "Pong": (-20.4, 20.9, 20.9), "Qbert": (157, 1973.5, 7732.5), "Seaquest": (110, 1908.6, 788.4),
         "SpaceInvaders": (179, 568.4, 450.2)}
game, path = sys.argv[1], sys.argv[2]
rows = [r for r in csv.DictReader(open(path)) if r["rollout/ep_rew_mean"] not in ("", "nan")]
ours = f'{float(rows[-1]["rollout/ep_rew_mean"]):.1f}' if rows else "no finished episode"
random, single, vine = paper.get(game, ("?", "?", "?"))
print(f"| {game} | {random} | {single} | {vine} | {ours} |")
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
