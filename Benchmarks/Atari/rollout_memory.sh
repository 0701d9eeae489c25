#!/usr/bin/env bash
# Peak RSS and CPU seconds of TRPO on Pong, one iteration of 8 x STEPS steps, two trpo binaries
# alternated (e.g. before and after a change), --threads 2, seed 0; their progress rows compared.
#   Benchmarks/Atari/rollout_memory.sh BEFORE_TRPO AFTER_TRPO [STEPS=128] [ROUNDS=2]
# Prints: binary round wall_s user_s sys_s max_rss_kB load. Needs /usr/bin/time (GNU time).
set -euo pipefail
before=$1; after=$2; steps=${3:-128}; rounds=${4:-2}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    binary=$before; [ "$side" = after ] && binary=$after
    /usr/bin/time -f "%e %U %S %M" -o "$work/$side-$round.time" "$binary" train --env PongNoFrameskip-v4 \
      --timesteps $((8 * steps)) --set n_steps="$steps" --threads 2 --seed 0 --run-dir "$work/$side-$round" --quiet
    echo "$side $round $(cat "$work/$side-$round.time") load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
python3 - "$work/before-1/progress.csv" "$work/after-1/progress.csv" <<'PY'
import csv, sys
a, b = (list(csv.DictReader(open(p))) for p in sys.argv[1:3])
columns = [c for c in a[0] if not c.startswith("time/") or c == "time/total_timesteps"]
same = len(a) == len(b) and all(x[c] == y[c] for x, y in zip(a, b) for c in columns)
print("progress rows identical (time columns aside)" if same else "PROGRESS ROWS DIFFER")
PY
rm -rf "$work"
