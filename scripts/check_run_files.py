#!/usr/bin/env python3
"""Held-out check of a run directory with Python's safetensors: every .safetensors file loads
(with safe_open and with load_file) and every floating-point tensor is finite.

Pinned versions: safetensors==0.8.0 numpy==2.4.6 (see check_safetensors_interop.py for the venv).

Usage: .venv-fixtures/bin/python scripts/check_run_files.py RUN_DIR [RUN_DIR...]
Prints one line per file and "OK"; exit status 1 naming the tensor if one is not finite.
"""
import pathlib
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

failures = 0
for directory in sys.argv[1:]:
    files = sorted(pathlib.Path(directory).glob("*.safetensors"))
    if not files:
        print(f"{directory}: no .safetensors files"); failures += 1
    for path in files:
        tensors = load_file(str(path))
        with safe_open(str(path), framework="numpy") as handle:
            assert sorted(handle.keys()) == sorted(tensors), path
            metadata = handle.metadata() or {}
        bad = [name for name, value in tensors.items()
               if np.issubdtype(value.dtype, np.floating) and not np.all(np.isfinite(value))]
        for name in bad:
            print(f"{path}: tensor {name} is not finite"); failures += 1
        print(f"{path}: {len(tensors)} tensors, format {metadata.get('format', '?')}, "
              f"{'all finite' if not bad else 'NOT FINITE'}")
print("OK" if failures == 0 else f"{failures} problem(s)")
sys.exit(1 if failures else 0)
