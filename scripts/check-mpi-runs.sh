#!/usr/bin/env bash
# Distributed runs give the bits of one process: for each case, `trpo train` alone and under
# `mpirun -np P` for P = 1..4 must write identical progress rows (every column but the clock's),
# checkpoint.safetensors and policy.safetensors. Then the fault test: one rank of a 3-rank run is
# killed mid-run; the job must exit non-zero within seconds, and `--resume` with 2 ranks must
# finish with the bits of the uninterrupted one-process run.
#
#   scripts/install-mpi.sh && swift build --traits MPI && scripts/check-mpi-runs.sh [TRPO_BINARY]
#
# As root, Open MPI needs OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM); --oversubscribe runs more ranks than cores.
set -euo pipefail
cd "$(dirname "$0")/.."
trpo="${1:-.build/debug/trpo}"
ranks="${MPI_RANKS:-1 2 3 4}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun=(mpirun --oversubscribe --bind-to none)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Progress rows without the clock's columns (time/fps, time/elapsed_s) and the world size (time/ranks).
rows() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = ($i != "time/fps" && $i != "time/elapsed_s" && $i != "time/ranks") }
             { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line $i ","; print line }' "$1/progress.csv"
}

# The distinct values of progress.csv's time/ranks column.
ranks_column() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "time/ranks") column = i; next }
             { print $column }' "$1/progress.csv" | sort -u | tr '\n' ' '
}

same_run() {  # same_run REFERENCE OTHER LABEL
    cmp -s <(rows "$1") <(rows "$2") || { echo "FAIL $3: progress rows differ"; diff <(rows "$1") <(rows "$2") | head; exit 1; }
    cmp -s "$1/checkpoint.safetensors" "$2/checkpoint.safetensors" || { echo "FAIL $3: checkpoint differs"; exit 1; }
    cmp -s "$1/policy.safetensors" "$2/policy.safetensors" || { echo "FAIL $3: policy differs"; exit 1; }
}

check_case() {  # check_case NAME ARGS...
    local name="$1"; shift
    "$trpo" train "$@" --run-dir "$work/$name-alone" --quiet
    for np in $ranks; do
        "${mpirun[@]}" -np "$np" "$trpo" train "$@" --run-dir "$work/$name-np$np" --quiet
        same_run "$work/$name-alone" "$work/$name-np$np" "$name np $np"
        [ "$(ranks_column "$work/$name-np$np")" = "$np " ] \
            || { echo "FAIL $name np $np: time/ranks is '$(ranks_column "$work/$name-np$np")'"; exit 1; }
    done
    [ "$(ranks_column "$work/$name-alone")" = "1 " ] || { echo "FAIL $name: time/ranks of one process"; exit 1; }
    echo "ok: $name: np $ranks identical to one process ($(($(wc -l < "$work/$name-alone/progress.csv") - 1)) rows)"
}

# Every batch of at least one block per rank is shared out (TRPO_MPI_BLOCKS_PER_RANK's default, 1):
# 5 copies × 128 steps = 640 rows, policy blocks of 256 rows 2/1, 1/1/1 over 2 and 3 ranks
# (computed whole with 4), critic minibatches of 64-row blocks.
check_case trpo-cartpole --env CartPole-v1 --timesteps 1920 --set n_envs=5 --set n_steps=128
check_case ppo-pendulum --env Pendulum-v1 --algo ppo --timesteps 1280 --set n_envs=5 --set n_steps=128 \
    --set batch_size=320 --set n_epochs=2 --set normalize=True
check_case vine-cartpole --env CartPole-v1 --sampler vine --timesteps 1280 --set n_envs=4 --set n_steps=160
# Linear schedules (the zoo's Atari PPO settings use them): every rank anneals over the same budget.
check_case ppo-schedules --env CartPole-v1 --algo ppo --timesteps 1280 --set n_envs=4 --set n_steps=64 \
    --set learning_rate=lin_0.001 --set clip_range=lin_0.2

echo "== fault: kill -9 one rank of three mid-run"
fault="$work/fault"
args=(--env CartPole-v1 --timesteps 3840 --set n_envs=5 --set n_steps=128 --set checkpoint_interval=1)
"$trpo" train "${args[@]}" --run-dir "$work/fault-alone" --quiet
"${mpirun[@]}" -np 3 "$trpo" train "${args[@]}" --run-dir "$fault" --quiet 2> "$work/fault.log" &
job=$!
for _ in $(seq 1 600); do
    [ "$(wc -l 2> /dev/null < "$fault/progress.csv" || echo 0)" -ge 3 ] && break
    sleep 0.1
done
victim="$(pgrep -P "$job" | tail -n 1)"
[ -n "$victim" ] || { echo "FAIL fault: no rank to kill (the run ended first?)"; exit 1; }
killed_at=$(date +%s)
kill -9 "$victim"
status=0
wait "$job" || status=$?
waited=$(($(date +%s) - killed_at))
[ "$status" -ne 0 ] || { echo "FAIL fault: mpirun exited 0 after a rank was killed"; exit 1; }
[ "$waited" -le 20 ] || { echo "FAIL fault: the job took ${waited}s to end"; exit 1; }
echo "ok: fault: mpirun exited with status $status ${waited}s after rank pid $victim was killed"
"${mpirun[@]}" -np 2 "$trpo" train --resume "$fault" --quiet
same_run "$work/fault-alone" "$fault" "fault: resumed with np 2"
echo "ok: fault: resumed with 2 ranks, identical to the uninterrupted one-process run"
