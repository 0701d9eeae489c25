#!/usr/bin/env bash
# Does a second thread help, and never hurt? (issue 14) `--threads 2` against `--threads 1` as
# alternated whole-process runs (ab.sh, /usr/bin/time), on a quiet machine and then with a competing
# CPU-bound process (a busy loop) pinned to CPU 1. Prints the load average around each comparison.
#   threads.sh TRPO [RUNS] [TRAIN-ARGS...]   default: CartPole-v1 TRPO, 100k steps, 5 runs each
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
trpo=$(readlink -f "$1"); runs=${2:-5}; shift $(( $# >= 2 ? 2 : 1 ))
args=("$@"); [ ${#args[@]} -gt 0 ] || args=(--env CartPole-v1 --timesteps 100000 --seed 0)
once="$here/train_once.sh $trpo ${args[*]}"
echo "== quiet (A = --threads 2, B = --threads 1): ${args[*]}"
"$here/ab.sh" "$runs" "$once --threads 2" "$once --threads 1"
echo "== with a busy loop pinned to CPU 1 (A = --threads 2, B = --threads 1)"
taskset -c 1 sh -c 'while :; do :; done' &
busy=$!
trap 'kill $busy 2>/dev/null' EXIT
"$here/ab.sh" "$runs" "$once --threads 2" "$once --threads 1"
kill $busy; trap - EXIT
