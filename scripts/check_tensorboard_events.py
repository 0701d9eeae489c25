"""Checks a run directory's TensorBoard events against its progress.csv with the reference readers.

Usage: python scripts/check_tensorboard_events.py RUN_DIR [RUN_DIR ...]

Reads the events with tbparse and with TensorBoard's own EventAccumulator and checks that every
progress column is a scalar at step time/total_timesteps, one value per row (no step twice, e.g.
after a resume), equal to the CSV value rounded to float32 (TensorBoard stores scalars as
float32), and that the settings are there as text. Exits non-zero on the first mismatch.
Needs `pip install tbparse==0.0.9 tensorboard==2.21.0` (CI does it in a venv).
"""

import csv
import math
import os
import sys

import numpy as np
from tbparse import SummaryReader
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def fail(message):
    print(f"check_tensorboard_events: {message}", file=sys.stderr)
    sys.exit(1)


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def check(run):
    with open(os.path.join(run, "progress.csv"), newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        fail(f"{run}: progress.csv has no rows")
    columns = list(rows[0].keys())
    steps = [int(float(row["time/total_timesteps"])) for row in rows]

    scalars = SummaryReader(run, pivot=False).scalars
    accumulator = EventAccumulator(run, size_guidance={"scalars": 0, "tensors": 0})
    accumulator.Reload()
    for column in columns:
        expected = [float(np.float32(float(row[column]))) for row in rows if row[column] != ""]
        wanted_steps = [step for step, row in zip(steps, rows) if row[column] != ""]
        found = scalars[scalars["tag"] == column]
        if list(found["step"]) != wanted_steps:
            fail(f"{run}: tbparse steps of {column} are {list(found['step'])}, progress.csv has {wanted_steps}")
        if not all(same(float(a), b) for a, b in zip(found["value"], expected)):
            fail(f"{run}: tbparse values of {column} differ from progress.csv")
        events = accumulator.Scalars(column)
        if [event.step for event in events] != wanted_steps:
            fail(f"{run}: TensorBoard's reader finds steps {[e.step for e in events]} for {column}")
        if not all(same(float(event.value), b) for event, b in zip(events, expected)):
            fail(f"{run}: TensorBoard's reader finds other values for {column}")
    text = SummaryReader(run, pivot=False).text
    if "hyperparameters" not in set(text["tag"]) or "total_timesteps" not in text["value"].iloc[0]:
        fail(f"{run}: no hyperparameters text summary")
    print(f"{run}: {len(columns)} columns x {len(rows)} rows match progress.csv (tbparse and EventAccumulator)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        fail("usage: check_tensorboard_events.py RUN_DIR [RUN_DIR ...]")
    for directory in sys.argv[1:]:
        check(directory)
