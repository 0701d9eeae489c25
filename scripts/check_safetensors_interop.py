#!/usr/bin/env python3
"""Checks that Python's safetensors library loads a file TrustRegion's Swift code wrote.

Pinned versions: requirements: safetensors==0.8.0 numpy==2.4.6

Usage, from the repository root:
    python3 -m venv .venv-fixtures
    .venv-fixtures/bin/pip install safetensors==0.8.0 numpy==2.4.6
    TRUSTREGION_SAFETENSORS_INTEROP_OUT=/tmp/swift-written.safetensors \
        swift test --filter writesTheInteroperabilitySample
    .venv-fixtures/bin/python scripts/check_safetensors_interop.py /tmp/swift-written.safetensors

The Swift test writes the fixture's tensors plus a 10 x 100 F32 "ramp" and a second metadata key.
This script loads the file with both of the library's readers, compares every value bit for bit
with what the Swift side wrote, and checks that re-saving the loaded tensors with Python gives the
same data section and the same header. Exit status 0 and "OK" on success.
"""
import json
import struct
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save

EXPECTED = {
    "policy/weights": np.array([[0.5, -1.25, 3.0], [-0.0, 1e-45, 3.4028235e38]], dtype=np.float32),
    "policy/log_std": np.array([-np.inf, 0.1], dtype=np.float32),
    "normalizer/mean": np.array([np.pi, -2.5e-300, 1e300, 0.1], dtype=np.float64),
    "iteration": np.array(7, dtype=np.int64),
    "counters": np.array([-1, -(2**63), 2**63 - 1], dtype=np.int64),
    "random/state": np.array([2**64 - 1, 0x9E3779B97F4A7C15, 1, 0], dtype=np.uint64),
    "small": np.array([-7, 2**31 - 1], dtype=np.int32),
    "mask": np.array([0, 1, 255], dtype=np.uint8),
    "empty": np.zeros((0, 3), dtype=np.float32),
    "ramp": (np.arange(1000, dtype=np.float64) * 0.37 - 3).astype(np.float32).reshape(10, 100),
}
EXPECTED_METADATA = {"note": 'h\u00e9llo "quoted"\n\ttab \\ slash', "format": "trustregion-interop-1"}


def header_of(blob: bytes) -> dict:
    (length,) = struct.unpack("<Q", blob[:8])
    return json.loads(blob[8 : 8 + length])


def main(path: str) -> int:
    loaded = load_file(path)
    problems = []
    if set(loaded) != set(EXPECTED):
        problems.append(f"names {sorted(loaded)} != {sorted(EXPECTED)}")
    for name, want in EXPECTED.items():
        got = loaded.get(name)
        if got is None:
            continue
        if got.dtype != want.dtype or got.shape != want.shape or got.tobytes() != want.tobytes():
            problems.append(f"{name}: got {got.dtype} {got.shape}, want {want.dtype} {want.shape} (or values differ)")
    with safe_open(path, framework="numpy") as handle:
        if handle.metadata() != EXPECTED_METADATA:
            problems.append(f"metadata {handle.metadata()!r} != {EXPECTED_METADATA!r}")
        lazily = {name: handle.get_tensor(name) for name in handle.keys()}
    if any(lazily[name].tobytes() != loaded[name].tobytes() for name in loaded):
        problems.append("safe_open and load_file disagree")
    with open(path, "rb") as handle:
        ours = handle.read()
    theirs = save(loaded, metadata=EXPECTED_METADATA)
    if header_of(ours) != header_of(theirs):
        problems.append("Python lays the same tensors out differently")
    if ours[8 + struct.unpack("<Q", ours[:8])[0] :] != theirs[8 + struct.unpack("<Q", theirs[:8])[0] :]:
        problems.append("data sections differ from Python's re-save")
    for problem in problems:
        print("FAIL:", problem)
    if not problems:
        print(f"OK: Python safetensors loaded {len(loaded)} tensors and the metadata from {path}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
