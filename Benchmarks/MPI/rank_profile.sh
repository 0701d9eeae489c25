#!/usr/bin/env bash
# Per-rank CPU profile of a distributed run (issue 12): perf's cpu-clock samples of every rank of
# `mpirun -np P trpo train`, sorted by rank_profile.py (communication, environment, the update's
# passes, the critic, ...). P = 0 profiles one process without mpirun.
#   rank_profile.sh P TRPO TRAIN-ARGS...   e.g. rank_profile.sh 2 .build/release/trpo --env Hopper-v4 --timesteps 100000 --set n_envs=4 --threads 1
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ranks=$1 trpo=$2; shift 2
work=$(mktemp -d /tmp/rank-profile.XXXXXX)
# RANK_PROFILE_KEEP=DIR keeps the perf data there (for perf report); else it is removed.
trap 'if [ -n "${RANK_PROFILE_KEEP:-}" ]; then mkdir -p "$RANK_PROFILE_KEEP" && cp "$work"/perf.*.data "$RANK_PROFILE_KEEP"; fi; rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
record=(perf record -q -e cpu-clock -F 2000 -g)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
if [ "$ranks" = 0 ]; then
    "${record[@]}" -o "$work/perf.alone.data" -- "$trpo" train "$@" --run-dir "$work/run" --quiet > /dev/null
else
    # Each rank records itself (the rank number comes from Open MPI's environment).
    TRPO_MPI_STATISTICS=1 mpirun --oversubscribe --bind-to none -np "$ranks" sh -c \
        'exec '"${record[*]}"' -o "$0/perf.rank$OMPI_COMM_WORLD_RANK.data" -- "$@"' "$work" \
        "$trpo" train "$@" --run-dir "$work/run" --quiet > /dev/null
fi
end=$(date +%s.%N)
echo "wall: $(python3 -c "print(round($end - $start, 1))") s (under perf); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/rank_profile.py" 2000 "$work"/perf.*.data
