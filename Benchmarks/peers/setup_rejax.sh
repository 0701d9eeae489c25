#!/usr/bin/env bash
# Creates Benchmarks/peers/.venv-rejax (git-ignored) with rejax, the compiled-JAX PPO peer of issue 14.
#
# Pins: rejax 0.1.3, jax[cpu] 0.12.0.1 (needs Python >= 3.12: PYTHON312 or pyenv's 3.12),
# gymnax 0.0.9 (gymnax 1.0.1 requires jax < 0.12). rejax pulls flax, optax, distrax and chex.
# Usage: bash Benchmarks/peers/setup_rejax.sh      (idempotent)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv-rejax"
python="${PYTHON312:-}"
if [ -z "$python" ]; then
    for candidate in python3.12 "$HOME/.pyenv/versions/3.12.1/bin/python3.12"; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
            python="$candidate"; break
        fi
    done
fi
[ -n "$python" ] || { echo "setup_rejax.sh: no Python >= 3.12 (set PYTHON312)" >&2; exit 2; }
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip --disable-pip-version-check install --quiet \
    "jax[cpu]==0.12.0.1" "rejax==0.1.3" "gymnax==0.0.9"
"$venv/bin/python" -c 'import jax, rejax; print("rejax venv:", jax.__version__, jax.devices())'
