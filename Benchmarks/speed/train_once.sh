#!/bin/sh
# One `trpo train` into a fresh run directory that is removed afterwards, for timing whole processes (ab.sh):
#   train_once.sh TRPO ARGS...    e.g. train_once.sh .build/release/trpo --env CartPole-v1 --timesteps 100000 --threads 1
trpo=$1; shift
dir=$(mktemp -d /tmp/train-once.XXXXXX) || exit 1
"$trpo" train "$@" --run-dir "$dir/run" --quiet >/dev/null
status=$?
rm -rf "$dir"
exit $status
