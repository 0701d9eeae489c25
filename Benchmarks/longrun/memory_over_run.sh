#!/usr/bin/env bash
# Memory, file handles and threads of one long `trpo train`, sampled from /proc (Linux) while it runs.
#   Benchmarks/longrun/memory_over_run.sh TRPO ENV TIMESTEPS [more trpo train arguments...]
# e.g. Benchmarks/longrun/memory_over_run.sh .build/release/trpo CartPole-v1 2000000
#      Benchmarks/longrun/memory_over_run.sh .build/release/trpo Hopper-v4 1000000   (MuJoCo trait build)
# Samples every 0.5 s: peak RSS (VmHWM), RSS, open descriptors, threads, and the run's progress
# (time/total_timesteps of progress.csv's last row). Prints the sample at the first row past 10 % of
# the budget and the last sample (the final rows), and the peak-RSS change between them, which the
# reliability acceptance wants below 5 %; the run directory goes to a temporary folder.
set -euo pipefail
trpo=$1; env=$2; timesteps=$3; shift 3
run=$(mktemp -d)/run
"$trpo" train --env "$env" --timesteps "$timesteps" --run-dir "$run" --quiet "$@" &
pid=$!
samples=$(mktemp)
progress() { tail -n 1 "$run/progress.csv" 2>/dev/null | cut -d, -f2 | grep -E '^[0-9]+$' || echo 0; }
while kill -0 "$pid" 2>/dev/null; do
    status=$(cat /proc/$pid/status 2>/dev/null) || break
    hwm=$(awk '/^VmHWM/ {print $2}' <<< "$status"); rss=$(awk '/^VmRSS/ {print $2}' <<< "$status")
    threads=$(awk '/^Threads/ {print $2}' <<< "$status")
    fds=$( (ls /proc/$pid/fd 2>/dev/null || true) | wc -l)
    [ -n "$hwm" ] && echo "$(progress) $hwm $rss $fds $threads" >> "$samples"
    sleep 0.5
done
status=0; wait "$pid" || status=$?
awk -v total="$timesteps" -v env="$env" -v code="$status" '
    { step=$1; if (!first && step >= total / 10) { first=$0 } last=$0 }
    END {
        split(first, a, " "); split(last, b, " ")
        printf "%s %d steps (exit %d)\n", env, total, code
        printf "  at %5.1f%% (%d steps): peak RSS %d KiB, RSS %d KiB, %d descriptors, %d threads\n", 100*a[1]/total, a[1], a[2], a[3], a[4], a[5]
        printf "  at %5.1f%% (%d steps): peak RSS %d KiB, RSS %d KiB, %d descriptors, %d threads\n", 100*b[1]/total, b[1], b[2], b[3], b[4], b[5]
        printf "  peak RSS change: %+.2f%%\n", 100 * (b[2] - a[2]) / a[2]
    }' "$samples"
rm -rf "$(dirname "$run")" "$samples"
