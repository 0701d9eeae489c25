#!/usr/bin/env bash
# Creates Benchmarks/peers/.venv (git-ignored) with the Python peers TrustRegion is benchmarked against.
#
# Pinned versions (what the committed figures in results/ were produced with):
#   stable-baselines3 2.9.2, sb3-contrib 2.9.2, gymnasium 1.4.0, numpy 2.4.6, torch 2.13.0 (CPU build).
#
# Why this torch: PyPI's default `torch==2.13.0` wheel for linux x86_64 is the CUDA build; a
# `pip install --dry-run --report` shows it pulls about 20 extra packages (nvidia-cudnn-cu13,
# nvidia-cublas, nvidia-nccl-cu13, triton, cuda-toolkit, ...), several GB in all, none of which a
# CPU-only benchmark uses. PyPI itself publishes no CPU-only torch wheel (the `+cpu` builds live on the
# PyTorch project's own index, which is not reachable here). This machine image, however, ships the
# official `torch-2.13.0+cpu` wheel (192 MB) in /opt/wheels, which pip's configuration already lists as
# `find-links`. So: we install `torch==2.13.0+cpu` when pip can find it, and otherwise fall back to
# PyPI's `torch==2.13.0` and accept the big download. Both are the same torch release, so figures are
# comparable (the CPU kernels are the same; the CUDA libraries are only loaded, never used).
#
# Usage: bash Benchmarks/peers/setup.sh        (idempotent; re-running only checks the pins)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

peers=(stable-baselines3==2.9.2 sb3-contrib==2.9.2 gymnasium==1.4.0 numpy==2.4.6)

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check)

if "$venv/bin/python" -c 'import torch, sys; sys.exit(0 if torch.__version__.startswith("2.13.0") else 1)' 2>/dev/null; then
    echo "torch $("$venv/bin/python" -c 'import torch; print(torch.__version__)') already installed"
elif "${pip[@]}" install "torch==2.13.0+cpu"; then
    echo "installed the CPU-only torch wheel"
else
    echo "no CPU-only torch wheel reachable; installing PyPI's default torch==2.13.0 (pulls CUDA packages)" >&2
    "${pip[@]}" install "torch==2.13.0"
fi
# Installing the peers after torch keeps pip from replacing the CPU build: torch==2.13.0+cpu
# satisfies stable-baselines3's `torch>=2.8,<3.0`.
"${pip[@]}" install "${peers[@]}"
"$venv/bin/python" - <<'PY'
import gymnasium, numpy, sb3_contrib, stable_baselines3, torch
print(f"torch {torch.__version__} (CUDA available: {torch.cuda.is_available()}), "
      f"stable-baselines3 {stable_baselines3.__version__}, sb3-contrib {sb3_contrib.__version__}, "
      f"gymnasium {gymnasium.__version__}, numpy {numpy.__version__}")
PY
