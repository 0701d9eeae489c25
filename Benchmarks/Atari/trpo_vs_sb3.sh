#!/usr/bin/env bash
# TRPO on PongNoFrameskip-v4 with NatureCNN, ours beside SB3-contrib's (CnnPolicy, one torch thread), both
# 8 envs × 128 steps for TIMESTEPS steps (default 8,192), seed 0: steps per wall second and per CPU second
# (user + sys, the fairer figure on a shared machine), and the ratio. Runs the two one after the other.
#   Benchmarks/Atari/trpo_vs_sb3.sh TRPO PYTHON [TIMESTEPS] [THREADS]
#   e.g. Benchmarks/Atari/trpo_vs_sb3.sh .build/release/trpo /work/venvs/sb3/bin/python 8192 2
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
trpo=$1; python=$2; steps=${3:-8192}; threads=${4:-2}
run=$(mktemp -d /tmp/trpo-vs-sb3.XXXXXX); trap 'rm -rf "$run"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ours=$( { /usr/bin/time -f "%e %U %S" "$trpo" train --env PongNoFrameskip-v4 --timesteps "$steps" --seed 0 \
    --threads "$threads" --run-dir "$run/ours" --quiet >/dev/null; } 2>&1 | tail -1)
theirs=$("$python" "$here/sb3_trpo_pong.py" "$steps" 0 | tail -1)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$steps" "$ours" "$theirs" "$threads" <<'PY'
import json, sys
steps = int(sys.argv[1]); wall, user, system = map(float, sys.argv[2].split()); sb3 = json.loads(sys.argv[3])
ours_wall, ours_cpu = steps / wall, steps / (user + system)
print(f"ours (--threads {sys.argv[4]}): {ours_wall:6.1f} steps/s wall, {ours_cpu:6.1f} steps per CPU second")
print(f"SB3-contrib (1 torch thread): {sb3['steps_per_second']:6.1f} steps/s wall, {sb3['steps_per_cpu_second']:6.1f} steps per CPU second")
print(f"ratio ours / SB3-contrib: {ours_wall / sb3['steps_per_second']:.2f}× wall, {ours_cpu / sb3['steps_per_cpu_second']:.2f}× CPU")
PY
