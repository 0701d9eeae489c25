"""The table compare.py prints: per seed and mean wall seconds, steps/s, final return, and the wall-clock ratios."""

from __future__ import annotations

import statistics

PEER = {"trpo": "sb3-contrib", "ppo": "sb3-ppo"}  # the "impl" each peer script reports, by --algo


def label(record: dict) -> str:
    return record["impl"] if is_peer(record) else f"trustregion t{record['threads']}"


def is_peer(record: dict) -> bool:
    return record["impl"] in PEER.values()


def print_table(records: list[dict]) -> None:
    header = f"{'implementation':<16} {'seed':>5} {'wall s':>8} {'steps/s':>9} {'return':>17}  notes"
    print(header)
    print("-" * len(header))
    for record in records:
        notes = (f"rollout {record['rollout_seconds']:.1f} s, update {record['train_seconds']:.1f} s, "
                 f"process {record['process_seconds']:.1f} s" if is_peer(record)
                 else f"KL>δ on accepted steps: {record['kl_violations']}, "
                      f"in-process {record['in_process_seconds'] or float('nan'):.2f} s")
        notes += f", load {record['load_average_1min']}" if "load_average_1min" in record else ""
        print(f"{label(record):<16} {record['seed']:>5} {record['wall_seconds']:>8.2f} "
              f"{record['steps_per_second']:>9.0f} {record['mean_return']:>9.1f} ± {record['std_return']:<6.1f}  {notes}")
    print("-" * len(header))
    groups: dict[str, list[dict]] = {}
    for record in records:
        groups.setdefault(label(record), []).append(record)
    for name, group in groups.items():
        returns = [r["mean_return"] for r in group]
        spread = statistics.pstdev(returns) if len(returns) > 1 else 0.0
        print(f"{name:<16} {'mean':>5} {mean(group, 'wall_seconds'):>8.2f} {mean(group, 'steps_per_second'):>9.0f} "
              f"{statistics.fmean(returns):>9.1f} ± {spread:<6.1f}  (± across seeds; min {min(returns):.1f})")
    peers = [name for name in groups if name in PEER.values()]
    sb3 = groups[peers[0]] if peers else None
    for name, group in groups.items():
        if sb3 and name not in PEER.values():
            # Runs of one seed are adjacent in time, so per-seed ratios are less exposed to load drift.
            theirs = {r["seed"]: r["wall_seconds"] for r in sb3}
            per_seed = [theirs[r["seed"]] / r["wall_seconds"] for r in group if r["seed"] in theirs]
            print(f"wall-clock ratio {peers[0]}/TrustRegion ({name}): "
                  f"{mean(sb3, 'wall_seconds') / mean(group, 'wall_seconds'):.2f}x on model.learn vs whole process; "
                  f"{mean(sb3, 'process_seconds') / mean(group, 'wall_seconds'):.2f}x process vs process; "
                  f"per seed {', '.join(f'{x:.2f}' for x in per_seed)} (median {statistics.median(per_seed):.2f}x)")


def mean(group: list[dict], key: str) -> float:
    return statistics.fmean(record[key] for record in group)


def sort_and_print(records: list[dict]) -> None:
    records.sort(key=lambda r: (not is_peer(r), r.get("threads", 1), r["seed"]))
    print_table(records)
