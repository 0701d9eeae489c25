#!/usr/bin/env python3
"""Where each rank of a distributed `trpo train` spends its CPU time, communication included.

    rank_profile.py FREQUENCY PERF_DATA...

Each PERF_DATA is `perf record -e cpu-clock -F FREQUENCY -g` of one rank (rank_profile.sh makes
them). Samples are sorted as Benchmarks/speed/phase_profile.py sorts them, except that a sample
with Open MPI on its stack (the collectives, their polling and yielding) counts as communication
first, and the policy update is split into its batched passes.
"""
import collections, os, re, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "speed"))
from phase_profile import PHASES, read_stacks  # noqa: E402

UPDATE_PARTS = [
    ("update: Fisher-vector products", re.compile(r"fisherVectorProduct")),
    ("update: gradient", re.compile(r"gradient22logProbabilityWeights")),
    ("update: evaluations", re.compile(r"8evaluate2at")),
]
ORDER = [("communication", re.compile(r"ompi_|opal_|mca_|PMPI_|MPI_Allgather|sched_yield|libmpi|libopen-pal|MPICommunicator"))] \
    + PHASES[:3] + UPDATE_PARTS + PHASES[3:]
NAMES = [name for name, _ in ORDER] + ["other"]


def classify(stacks):
    counts = collections.Counter()
    for frames in stacks:
        phase = next((name for name, pattern in ORDER if any(pattern.search(f) for f in frames)), "other")
        counts[phase] += 1
    return counts


def main():
    frequency = float(sys.argv[1])
    columns = [classify(read_stacks(path)) for path in sys.argv[2:]]
    print("| phase | " + " | ".join(os.path.basename(p) for p in sys.argv[2:]) + " |")
    print("|---|" + "---|" * len(columns))
    for name in NAMES + ["total"]:
        cells = []
        for counts in columns:
            samples = sum(counts.values()) if name == "total" else counts[name]
            share = 100 * samples / max(sum(counts.values()), 1)
            cells.append(f"{samples / frequency:.2f} s ({share:.0f} %)")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
