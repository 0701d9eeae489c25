#!/usr/bin/env bash
# Issue 14's speed table in one command: sets up the peers' venvs if missing (SB3 and SB3-contrib:
# setup.sh; rejax on Python 3.12: setup_rejax.sh), builds ours in release, and prints ours against
# SB3-contrib TRPO, SB3 PPO and rejax PPO on CartPole-v1 at 100k and 1M steps (and Hopper-v4 with
# --trpo-mujoco), each row with its load average. Arguments go to speed_table.py (e.g. --repeats 5).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x "$here/.venv/bin/python" ] || bash "$here/setup.sh"
[ -x "$here/.venv-rejax/bin/python" ] || bash "$here/setup_rejax.sh"
(cd "$root" && swift build -c release --product trpo >/dev/null)
python3 "$here/speed_table.py" --trpo "$root/.build/release/trpo" "$@"
