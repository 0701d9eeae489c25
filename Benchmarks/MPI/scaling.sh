#!/usr/bin/env bash
# Issue 12's acceptance figure: the throughput of `mpirun -np P trpo train` against one process,
# measured side by side as alternated whole-process runs (/usr/bin/time), and the bits checked.
#
#   Benchmarks/MPI/scaling.sh [TRPO] [ROUNDS]     e.g. Benchmarks/MPI/scaling.sh .build/release/trpo 3
#
# Each round runs one process, then each P of SCALING_RANKS (default "2 3"; 3 oversubscribes a
# 2-core machine), the order rotating from round to round, every run into a fresh run directory
# with TRPO_MPI_STATISTICS=1 (rank 0 reports its seconds inside collectives). Prints per setting the
# median wall time (min–max), the median CPU time (user + sys of all the job's processes), the
# communication share (rank 0's seconds inside collectives / wall) and the throughput ratio
# one-process wall / np-P wall, taken round by round (median, min–max); then checks that every
# distributed run wrote the one-process run's progress rows (clock and world-size columns aside),
# checkpoint and policy. Needs a release build with --traits MuJoCo,MPI and a quiet machine for
# wall times. Environment: SCALING_TIMESTEPS (default 100000), SCALING_ARGS (extra train arguments,
# e.g. "--set n_steps=512"), and the usual TRPO_MPI_SPIN_MICROSECONDS / TRPO_MPI_BLOCKS_PER_RANK.
set -euo pipefail
trpo="${1:-.build/release/trpo}"
rounds="${2:-3}"
ranks="${SCALING_RANKS:-2 3}"
[ -x "$trpo" ] || { echo "no $trpo: swift build -c release --traits MuJoCo,MPI first" >&2; exit 2; }
# shellcheck disable=SC2206
args=(train --env Hopper-v4 --timesteps "${SCALING_TIMESTEPS:-100000}" --set n_envs=4 --threads 1 --seed 0 --quiet ${SCALING_ARGS:-})
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 TRPO_MPI_STATISTICS=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() {  # run NP ROUND: one timed run, appended to $work/times as "np round wall cpu communication"
    local np=$1 round=$2 dir="$work/np$1-$2" command
    if [ "$np" = 1 ]; then
        command=("$trpo" "${args[@]}" --run-dir "$dir")
    else
        command=(mpirun --oversubscribe --bind-to none -np "$np" "$trpo" "${args[@]}" --run-dir "$dir")
    fi
    /usr/bin/time -f "%e %U %S" -o "$work/time" "${command[@]}" > /dev/null 2> "$work/stderr" \
        || { echo "np $np failed:"; cat "$work/stderr"; exit 1; }
    local communication
    communication=$(sed -n 's/.* \([0-9.]*\) s inside them.*/\1/p' "$work/stderr" | head -n 1)
    echo "$np $round $(tail -n 1 "$work/time") ${communication:-0}" >> "$work/times"
}

rows() {  # progress rows without time/fps, time/elapsed_s and time/ranks
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = ($i != "time/fps" && $i != "time/elapsed_s" && $i != "time/ranks") }
             { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line $i ","; print line }' "$1/progress.csv"
}

echo "trpo ${args[*]}; $(nproc) CPUs; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
settings=(1 $ranks)
for round in $(seq 1 "$rounds"); do
    count=${#settings[@]}
    for index in $(seq 0 $((count - 1))); do
        run "${settings[$(((index + round - 1) % count))]}" "$round"
    done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/times" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    np, round_, wall, user, system, communication = line.split()
    runs.setdefault(int(np), {})[int(round_)] = (float(wall), float(user) + float(system), float(communication))
print("| processes | wall (median, min–max) | cpu (median) | communication share | throughput vs one process (median, min–max) |")
print("|---|---|---|---|---|")
for np, by_round in sorted(runs.items()):
    walls = [wall for wall, _, _ in by_round.values()]
    cpus = [cpu for _, cpu, _ in by_round.values()]
    line = f"| {np} | {statistics.median(walls):.2f} s ({min(walls):.2f}–{max(walls):.2f}) | {statistics.median(cpus):.2f} s |"
    if np == 1:
        print(line + " — | — |")
        continue
    shares = [communication / wall for wall, _, communication in by_round.values()]
    ratios = [runs[1][r][0] / by_round[r][0] for r in by_round if r in runs[1]]
    print(line + f" {100 * statistics.median(shares):.0f} % | **{statistics.median(ratios):.2f}×** ({min(ratios):.2f}–{max(ratios):.2f}) |")
EOF

for dir in "$work"/np*-*; do
    case "$dir" in */np1-*) continue ;; esac
    label=$(basename "$dir")
    cmp -s <(rows "$work/np1-1") <(rows "$dir") || { echo "FAIL $label: progress rows differ from one process"; exit 1; }
    cmp -s "$work/np1-1/checkpoint.safetensors" "$dir/checkpoint.safetensors" || { echo "FAIL $label: checkpoint differs"; exit 1; }
    cmp -s "$work/np1-1/policy.safetensors" "$dir/policy.safetensors" || { echo "FAIL $label: policy differs"; exit 1; }
done
echo "bits: every distributed run wrote the one-process rows, checkpoint and policy"
