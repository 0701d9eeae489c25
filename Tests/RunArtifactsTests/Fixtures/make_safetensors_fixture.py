#!/usr/bin/env python3
"""Writes python_reference.safetensors, the fixture SafeTensorsFixtureTests reads.

Pinned versions (the fixture was generated with exactly these):
    requirements: safetensors==0.8.0 numpy==2.4.6

Regenerate from the repository root:
    python3 -m venv .venv-fixtures
    .venv-fixtures/bin/pip install safetensors==0.8.0 numpy==2.4.6
    .venv-fixtures/bin/python Tests/RunArtifactsTests/Fixtures/make_safetensors_fixture.py

The values are spelled out in the Swift test too; change both together. One metadata key only:
Python's library writes metadata in hash-map order, and the test compares our bytes with these.
"""
import pathlib

import numpy as np
from safetensors.numpy import save_file

HERE = pathlib.Path(__file__).resolve().parent

tensors = {
    # F32 edge cases: negative zero, the smallest subnormal, the largest finite value, infinity.
    "policy/weights": np.array([[0.5, -1.25, 3.0], [-0.0, 1e-45, 3.4028235e38]], dtype=np.float32),
    "policy/log_std": np.array([-np.inf, 0.1], dtype=np.float32),
    "normalizer/mean": np.array([np.pi, -2.5e-300, 1e300, 0.1], dtype=np.float64),
    "iteration": np.array(7, dtype=np.int64),  # a scalar: shape []
    "counters": np.array([-1, -(2**63), 2**63 - 1], dtype=np.int64),
    "random/state": np.array([2**64 - 1, 0x9E3779B97F4A7C15, 1, 0], dtype=np.uint64),
    "small": np.array([-7, 2**31 - 1], dtype=np.int32),
    "mask": np.array([0, 1, 255], dtype=np.uint8),
    "empty": np.zeros((0, 3), dtype=np.float32),
}

save_file(tensors, str(HERE / "python_reference.safetensors"), metadata={"note": 'h\u00e9llo "quoted"\n\ttab \\ slash'})
print("wrote", HERE / "python_reference.safetensors")
