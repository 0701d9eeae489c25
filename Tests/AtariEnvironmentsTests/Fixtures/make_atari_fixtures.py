"""Writes atari_reference.json: ale-py + Gymnasium traces that AtariEnvironmentsTests replays.

Pinned reference (asserted below): ale-py 0.12.1, gymnasium 1.4.0, numpy 2.4.6, opencv 5.0.0.93
(opencv-python-headless; Gymnasium's AtariPreprocessing resizes with cv2.INTER_AREA).

    python3 -m venv .venv-ale
    .venv-ale/bin/pip install ale-py==0.12.1 gymnasium==1.4.0 numpy==2.4.6 opencv-python-headless==5.0.0.93
    .venv-ale/bin/python Tests/AtariEnvironmentsTests/Fixtures/make_atari_fixtures.py

What is stored, per run (frames as md5 digests, grouped in windows to keep the file small):
- raw runs: gym.make("ALE/<Game>-v5", repeat_action_probability=p) for the seven games of Table 1
  of the TRPO paper, sticky actions on (p = 0.25, v5's default) and off (p = 0), seeds 0 and 1,
  random actions (seed 0, drawn here and stored) or a fixed cycle (seed 1: action (t // 7) % n);
  2,000 steps, resetting (unseeded) when an episode ends. Per window of 100 steps: the md5 of
  the concatenated md5 digests of each RGB frame seen (step observations, then any reset
  observation), and the same for the RAM; every non-zero reward, every change of lives, and the
  steps that terminated or truncated.
- preprocessed runs: AtariPreprocessing(gym.make("ALE/<Game>-v5", frameskip=1)) (Gymnasium's
  defaults: 30 no-ops, frame skip 4 with max-pooling, grayscale, 84 × 84 INTER_AREA) inside
  FrameStackObservation(4), seed 0, random actions: the stacked observations as windowed digests,
  and the newest 84 × 84 frame of the last observation in full; and one Breakout run (seed 1) with
  grayscale_obs=False and terminal_on_life_loss=True.
- resize: cv2.resize(..., (84, 84), interpolation=cv2.INTER_AREA) of two synthetic 210 × 160
  images (grayscale and RGB, pixel formulas below), in full.
- the size of each ROM's minimal action set.
"""

import base64
import hashlib
import json
import os
import sys

import ale_py
import cv2
import gymnasium as gym
import numpy as np

EXPECTED = {"ale_py": "0.12.1", "gymnasium": "1.4.0", "numpy": "2.4.6", "opencv": "5.0.0"}
ACTUAL = {"ale_py": ale_py.__version__, "gymnasium": gym.__version__, "numpy": np.__version__,
          "opencv": cv2.__version__}
for key, version in EXPECTED.items():
    assert ACTUAL[key] == version, f"{key} {ACTUAL[key]} installed, the fixtures pin {version}"

gym.register_envs(ale_py)
GAMES = ["beam_rider", "breakout", "enduro", "pong", "qbert", "seaquest", "space_invaders"]
STEPS = 2000
WINDOW = 100
ACTION_LETTERS = "abcdefghijklmnopqr"


def gym_name(game):
    return game.title().replace("_", "")


class WindowedDigests:
    """md5 of the concatenated md5 digests of the items added in each window of steps."""

    def __init__(self):
        self.windows, self.current = [], hashlib.md5()

    def add(self, array):
        self.current.update(hashlib.md5(np.ascontiguousarray(array).tobytes()).digest())

    def close_step(self, step):
        if (step + 1) % WINDOW == 0:
            self.windows.append(self.current.hexdigest())
            self.current = hashlib.md5()


def action_sequence(kind, count, seed):
    if kind == "random":
        return np.random.default_rng(1000 + seed).integers(0, count, size=STEPS).tolist()
    return [(step // 7) % count for step in range(STEPS)]


def raw_run(game, sticky, seed, kind):
    env = gym.make(f"ALE/{gym_name(game)}-v5", repeat_action_probability=sticky)
    actions = action_sequence(kind, env.action_space.n, seed)
    frames, rams = WindowedDigests(), WindowedDigests()
    observation, info = env.reset(seed=seed)
    ale = env.unwrapped.ale
    reset_digest = hashlib.md5(observation.tobytes()).hexdigest()
    reset_ram = hashlib.md5(ale.getRAM().tobytes()).hexdigest()
    rewards, lives, terminated_steps, truncated_steps = [], [[-1, info["lives"]]], [], []
    for step, action in enumerate(actions):
        observation, reward, terminated, truncated, info = env.step(action)
        frames.add(observation)
        rams.add(ale.getRAM())
        if reward != 0:
            rewards.append([step, float(reward)])
        if info["lives"] != lives[-1][1]:
            lives.append([step, info["lives"]])
        if terminated:
            terminated_steps.append(step)
        if truncated:
            truncated_steps.append(step)
        if terminated or truncated:
            observation, info = env.reset()
            frames.add(observation)
            rams.add(ale.getRAM())
            if info["lives"] != lives[-1][1]:
                lives.append([step, info["lives"]])
        frames.close_step(step)
        rams.close_step(step)
    env.close()
    return {
        "game": game, "sticky": sticky, "seed": seed, "actions": kind,
        "action_string": "".join(ACTION_LETTERS[a] for a in actions),
        "reset_frame": reset_digest, "reset_ram": reset_ram,
        "frame_windows": frames.windows, "ram_windows": rams.windows,
        "rewards": rewards, "lives": lives, "terminated": terminated_steps, "truncated": truncated_steps,
    }


def preprocessed_run(game, seed, grayscale=True, terminal_on_life_loss=False):
    base = gym.make(f"ALE/{gym_name(game)}-v5", frameskip=1)
    env = gym.wrappers.FrameStackObservation(gym.wrappers.AtariPreprocessing(
        base, grayscale_obs=grayscale, terminal_on_life_loss=terminal_on_life_loss), 4)
    actions = action_sequence("random", env.action_space.n, seed)
    stacks = WindowedDigests()
    observation, info = env.reset(seed=seed)
    assert observation.shape == ((4, 84, 84) if grayscale else (4, 84, 84, 3)) and observation.dtype == np.uint8
    reset_digest = hashlib.md5(observation.tobytes()).hexdigest()
    rewards, terminated_steps, truncated_steps = [], [], []
    for step, action in enumerate(actions):
        observation, reward, terminated, truncated, info = env.step(action)
        stacks.add(observation)
        if reward != 0:
            rewards.append([step, float(reward)])
        if terminated:
            terminated_steps.append(step)
        if truncated:
            truncated_steps.append(step)
        if terminated or truncated:
            observation, info = env.reset()
            stacks.add(observation)
        stacks.close_step(step)
    env.close()
    return {
        "game": game, "seed": seed, "grayscale": grayscale, "terminal_on_life_loss": terminal_on_life_loss,
        "action_string": "".join(ACTION_LETTERS[a] for a in actions),
        "reset_stack": reset_digest, "stack_windows": stacks.windows, "rewards": rewards,
        "terminated": terminated_steps, "truncated": truncated_steps,
        "last_frame": base64.b64encode(observation[-1].tobytes()).decode(),
    }


def synthetic_images():
    """Deterministic 210 × 160 test images with edges and gradients (formulas mirrored in Swift)."""
    rows, columns = np.meshgrid(np.arange(210), np.arange(160), indexing="ij")
    gray = ((rows * 7 + columns * 13 + (rows * columns) % 11) % 256).astype(np.uint8)
    rgb = np.stack([gray, ((rows * 3) % 256).astype(np.uint8),
                    (((rows // 5 + columns // 3) % 2) * 255).astype(np.uint8)], axis=-1)
    return gray, rgb


def main():
    output = os.path.join(os.path.dirname(os.path.abspath(__file__)), "atari_reference.json")
    gray, rgb = synthetic_images()
    resize = {
        "gray": base64.b64encode(cv2.resize(gray, (84, 84), interpolation=cv2.INTER_AREA).tobytes()).decode(),
        "rgb": base64.b64encode(cv2.resize(rgb, (84, 84), interpolation=cv2.INTER_AREA).tobytes()).decode(),
    }
    minimal = {}
    for game in ale_py.roms.get_all_rom_ids():
        if game in ("combat", "joust", "maze_craze", "warlords"):  # multiplayer only: ALE exits on them
            continue
        interface = ale_py.ALEInterface()
        interface.setLoggerMode(ale_py.LoggerMode.Error)
        interface.loadROM(ale_py.roms.get_rom_path(game))
        minimal[game] = len(interface.getMinimalActionSet())
    raw = []
    for game in GAMES:
        for sticky in (0.25, 0.0):
            for seed, kind in ((0, "random"), (1, "cycle")):
                raw.append(raw_run(game, sticky, seed, kind))
                print(f"raw {game} sticky={sticky} seed={seed}", file=sys.stderr)
    preprocessed = []
    for game in GAMES:
        preprocessed.append(preprocessed_run(game, 0))
        print(f"preprocessed {game}", file=sys.stderr)
    # The other two options: colour observations and termination on a lost life.
    preprocessed.append(preprocessed_run("breakout", 1, grayscale=False, terminal_on_life_loss=True))
    with open(output, "w") as file:
        json.dump({"versions": ACTUAL, "steps": STEPS, "window": WINDOW, "minimal_action_counts": minimal,
                   "resize": resize, "raw_runs": raw, "preprocessed_runs": preprocessed}, file)
        file.write("\n")


if __name__ == "__main__":
    main()
