"""Writes sb3_atari_reference.json: SB3's AtariWrapper + VecFrameStack(4) traces that
AtariWrapperParityTests replays (the RL Zoo's Atari stack: make_atari_env, then frame_stack 4).

Pinned reference (asserted below): stable-baselines3 2.9.2 (its wheel, read but not installed),
ale-py 0.12.1, gymnasium 1.4.0, numpy 2.4.6, opencv 5.0.0 (opencv-python-headless 5.0.0.93),
cloudpickle 3.1.1 (imported by SB3's vec_env/base_vec_env.py).

    python3 -m venv .venv-atari
    .venv-atari/bin/pip install ale-py==0.12.1 gymnasium==1.4.0 numpy==2.4.6 \
        opencv-python-headless==5.0.0.93 cloudpickle==3.1.1
    .venv-atari/bin/pip download --no-deps stable-baselines3==2.9.2 -d .venv-atari/wheels
    .venv-atari/bin/python Tests/AtariEnvironmentsTests/Fixtures/make_sb3_atari_fixtures.py \
        .venv-atari/wheels/stable_baselines3-2.9.2-py3-none-any.whl

How SB3's own code runs without torch (too large to install here): the wheel is a zip archive,
and Python imports modules from a path inside one. The three packages stable_baselines3,
stable_baselines3.common and stable_baselines3.common.vec_env are put in sys.modules as empty
modules whose __path__ points into the wheel, so their __init__.py files (which import the
algorithms, hence torch) never run, while the module files below load unchanged from the wheel:
- common/atari_wrappers.py (AtariWrapper and its wrappers): its one SB3 import,
  common/type_aliases.py, imports torch for type aliases only; a stub module supplies
  AtariResetReturn and AtariStepReturn (used only in annotations);
- common/vec_env/dummy_vec_env.py, base_vec_env.py, patch_gym.py and util.py (DummyVecEnv); util.py
  imports check_for_nested_spaces from common/preprocessing.py, which does nothing for a Box
  (it only rejects Dicts/Tuples nested in Dicts/Tuples): the stub asserts a Box and returns;
- common/vec_env/vec_frame_stack.py and stacked_observations.py (VecFrameStack): the latter
  imports is_image_space and is_image_space_channels_first from common/preprocessing.py (which
  imports torch); they only pick the channel order when none is given, so VecFrameStack gets
  channels_order="last" — what they decide for WarpFrame's (84, 84, 1) uint8 frames, the smallest
  axis being last — and the stub versions raise if they are ever called.
The script checks that torch was never imported. make_atari_env's Monitor wrapper (between
gym.make and AtariWrapper) only records episode statistics and is left out.

What is stored, per run: gym.make("<Game>NoFrameskip-v4") (repeat_action_probability as given)
inside AtariWrapper() with its defaults, in DummyVecEnv and VecFrameStack(n_stack=4); seed s via
venv.seed(s) then venv.reset(); 2,000 steps of random actions (numpy default_rng(2000 + s)).
Stacks are stored transposed to (4, 84, 84), oldest first — what SB3's CNN policies see after
VecTransposeImage — as windowed md5 digests (each step's stack; at an episode end the
info["terminal_observation"] stack, then the reset stack), with every non-zero (clipped) reward,
every change of lives, the steps that ended (terminated, or truncated by the time limit), and the
newest 84 × 84 frame of the last stack in full. Also cv2.cvtColor(RGB2GRAY) of the synthetic RGB
image of make_atari_fixtures.py, in full.
"""

import base64
import hashlib
import json
import os
import sys
import types
import zipfile

import ale_py
import cv2
import cloudpickle
import gymnasium as gym
import numpy as np

EXPECTED = {"stable_baselines3": "2.9.2", "ale_py": "0.12.1", "gymnasium": "1.4.0", "numpy": "2.4.6",
            "opencv": "5.0.0", "cloudpickle": "3.1.1"}
GAMES = ["beam_rider", "breakout", "enduro", "pong", "qbert", "seaquest", "space_invaders"]
STEPS = 2000
WINDOW = 100
ACTION_LETTERS = "abcdefghijklmnopqr"


def load_sb3(wheel):
    """SB3's AtariWrapper, DummyVecEnv and VecFrameStack from the wheel, without torch."""
    with zipfile.ZipFile(wheel) as archive:
        version = archive.read("stable_baselines3/version.txt").decode().strip()
    for name in ("stable_baselines3", "stable_baselines3.common", "stable_baselines3.common.vec_env"):
        package = types.ModuleType(name)
        package.__path__ = [os.path.join(os.path.abspath(wheel), *name.split("."))]
        sys.modules[name] = package
    aliases = types.ModuleType("stable_baselines3.common.type_aliases")
    aliases.AtariResetReturn = tuple
    aliases.AtariStepReturn = tuple
    sys.modules[aliases.__name__] = aliases

    def never_called(*_, **__):
        raise AssertionError("the channel order is given, so preprocessing.py's helpers are not used")

    def check_for_nested_spaces(space):  # SB3's returns without effect for a Box
        assert isinstance(space, gym.spaces.Box), space

    preprocessing = types.ModuleType("stable_baselines3.common.preprocessing")
    preprocessing.is_image_space = preprocessing.is_image_space_channels_first = never_called
    preprocessing.check_for_nested_spaces = check_for_nested_spaces
    sys.modules[preprocessing.__name__] = preprocessing
    from stable_baselines3.common.atari_wrappers import AtariWrapper
    from stable_baselines3.common.vec_env.dummy_vec_env import DummyVecEnv
    from stable_baselines3.common.vec_env.vec_frame_stack import VecFrameStack
    assert "torch" not in sys.modules, "torch was imported"
    return version, AtariWrapper, DummyVecEnv, VecFrameStack


def gym_name(game):
    return game.title().replace("_", "")


def digest(array):
    return hashlib.md5(np.ascontiguousarray(array).tobytes()).digest()


def channels_first(stack):
    """(84, 84, 4) channels-last → (4, 84, 84), oldest first, as VecTransposeImage gives it."""
    assert stack.shape == (84, 84, 4) and stack.dtype == np.uint8
    return np.transpose(stack, (2, 0, 1))


def run(sb3, game, seed, sticky):
    _, AtariWrapper, DummyVecEnv, VecFrameStack = sb3
    make = lambda: AtariWrapper(gym.make(f"{gym_name(game)}NoFrameskip-v4", repeat_action_probability=sticky))
    venv = VecFrameStack(DummyVecEnv([make]), n_stack=4, channels_order="last")
    actions = np.random.default_rng(2000 + seed).integers(0, venv.action_space.n, size=STEPS).tolist()
    venv.seed(seed)
    observation = venv.reset()
    reset_stack = hashlib.md5(channels_first(observation[0]).tobytes()).hexdigest()
    ale = venv.venv.envs[0].unwrapped.ale
    windows, current = [], hashlib.md5()
    rewards, lives, terminated_steps, truncated_steps = [], [[-1, ale.lives()]], [], []
    for step, action in enumerate(actions):
        observation, reward, done, info = venv.step(np.array([action]))
        if reward[0] != 0:
            rewards.append([step, float(reward[0])])
        if info[0]["lives"] != lives[-1][1]:
            lives.append([step, info[0]["lives"]])
        if done[0]:
            current.update(digest(channels_first(info[0]["terminal_observation"])))
            (truncated_steps if info[0]["TimeLimit.truncated"] else terminated_steps).append(step)
        current.update(digest(channels_first(observation[0])))
        if (step + 1) % WINDOW == 0:
            windows.append(current.hexdigest())
            current = hashlib.md5()
    venv.close()
    return {
        "game": game, "seed": seed, "sticky": sticky, "action_string": "".join(ACTION_LETTERS[a] for a in actions),
        "reset_stack": reset_stack, "stack_windows": windows, "rewards": rewards, "lives": lives,
        "terminated": terminated_steps, "truncated": truncated_steps,
        "last_frame": base64.b64encode(channels_first(observation[0])[-1].tobytes()).decode(),
    }


def synthetic_rgb():
    """make_atari_fixtures.py's synthetic 210 × 160 RGB image (formulas mirrored in Swift)."""
    rows, columns = np.meshgrid(np.arange(210), np.arange(160), indexing="ij")
    gray = ((rows * 7 + columns * 13 + (rows * columns) % 11) % 256).astype(np.uint8)
    return np.stack([gray, ((rows * 3) % 256).astype(np.uint8),
                     (((rows // 5 + columns // 3) % 2) * 255).astype(np.uint8)], axis=-1)


def main():
    sb3 = load_sb3(sys.argv[1])
    actual = {"stable_baselines3": sb3[0], "ale_py": ale_py.__version__, "gymnasium": gym.__version__,
              "numpy": np.__version__, "opencv": cv2.__version__, "cloudpickle": cloudpickle.__version__}
    for key, version in EXPECTED.items():
        assert actual[key] == version, f"{key} {actual[key]} installed, the fixtures pin {version}"
    gym.register_envs(ale_py)
    gray = cv2.cvtColor(synthetic_rgb(), cv2.COLOR_RGB2GRAY)
    runs = []
    for game in GAMES:
        runs.append(run(sb3, game, 0, 0.0))
        print(f"sb3 {game}", file=sys.stderr)
    runs.append(run(sb3, "breakout", 1, 0.25))  # ALE's sticky actions under the same stack
    output = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sb3_atari_reference.json")
    with open(output, "w") as file:
        json.dump({"versions": actual, "steps": STEPS, "window": WINDOW,
                   "grayscale": base64.b64encode(gray.tobytes()).decode(), "runs": runs}, file)
        file.write("\n")


if __name__ == "__main__":
    main()
