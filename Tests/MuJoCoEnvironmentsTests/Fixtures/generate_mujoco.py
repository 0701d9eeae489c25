"""Reference transitions of Gymnasium's MuJoCo -v4 environments, for MuJoCoEnvironmentsTests.

Pinned versions (the engine must be the one `scripts/install-mujoco.sh` installs):
    requirements: gymnasium[mujoco]==1.4.0 mujoco==4.0.0 numpy==2.4.6

Run from the repository root:
    python3 -m venv .venv-fixtures
    .venv-fixtures/bin/pip install "gymnasium[mujoco]==1.4.0" "mujoco==4.0.0" "numpy==2.4.6"
    .venv-fixtures/bin/python Tests/MuJoCoEnvironmentsTests/Fixtures/generate_mujoco.py

First it checks that each of our MJCF files (Sources/MuJoCoEnvironments/Models) compiles to the
same physics as Gymnasium's asset: every numeric array of the compiled MjModel that can influence
the dynamics must be equal bit for bit. Then, for each environment, it records episodes: the start
state after `reset(seed)` (qpos and qvel as exact hexadecimal doubles), the first observation, and
for every step the action (float32, drawn uniformly from 1.2 times the action box so MuJoCo's
control clamping is exercised), the float64 observation, the reward and the terminated flag. An
episode ends when it terminates or after `STEPS_PER_EPISODE` steps; episodes are recorded with
seeds 0, 1, ... until `TRANSITIONS` transitions are stored.
"""

import json
import os
import sys
import warnings

import gymnasium as gym
import gymnasium.envs.mujoco
import mujoco
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
MODELS = os.path.join(ROOT, "Sources", "MuJoCoEnvironments", "Models")
GYMNASIUM_ASSETS = os.path.join(os.path.dirname(gym.envs.mujoco.__file__), "assets")

# (Gymnasium id, our model file, Gymnasium's asset, keyword arguments, transitions, steps per episode)
ENVIRONMENTS = [
    ("Hopper-v4", "hopper.xml", "hopper.xml", {}, 200, 100),
    ("Walker2d-v4", "walker2d.xml", "walker2d.xml", {}, 200, 100),
    ("HalfCheetah-v4", "half_cheetah.xml", "half_cheetah.xml", {}, 200, 100),
    ("Swimmer-v4", "swimmer.xml", "swimmer.xml", {}, 200, 100),
    ("Ant-v4", "ant.xml", "ant.xml", {}, 150, 75),
    ("InvertedPendulum-v4", "inverted_pendulum.xml", "inverted_pendulum.xml", {}, 200, 100),
    ("InvertedDoublePendulum-v4", "inverted_double_pendulum.xml", "inverted_double_pendulum.xml", {}, 200, 100),
    ("Reacher-v4", "reacher.xml", "reacher.xml", {}, 200, 50),
]
# Ant with its optional contact forces (observation 111 wide, contact cost in the reward).
ANT_CONTACT = ("Ant-v4", "ant.xml", "ant.xml", {"use_contact_forces": True}, 30, 30)

# Model fields that only affect rendering, naming or bookkeeping, never the dynamics.
IGNORED_PREFIXES = ("name_", "names", "tex_", "mat_", "light_", "cam_", "vis", "skin_",
                    "paths", "signature", "text_", "numeric_", "tuple_", "key_", "ntext", "nnumeric",
                    "ntex", "nmat", "nlight", "ncam", "nnames", "npaths", "nskin", "ntuple", "nkey",
                    "nuser_geom", "geom_user", "geom_rgba", "geom_matid", "site_rgba", "site_matid",
                    "body_bvhadr", "body_bvhnum", "bvh_", "nbvh", "narena", "nbuffer", "nstack",
                    "ncustom", "nplugin", "buffer")


def compiled_arrays(model):
    """The numeric fields of an MjModel that bear on the dynamics, by name."""
    fields = {}
    for name in dir(model):
        if name.startswith("_") or name.startswith(IGNORED_PREFIXES):
            continue
        try:
            value = getattr(model, name)
        except Exception:
            continue
        if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
            fields[name] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            fields[name] = np.asarray(value)
    for group in ("opt", "stat"):
        for name in dir(getattr(model, group)):
            if not name.startswith("_"):
                value = getattr(getattr(model, group), name)
                if isinstance(value, (int, float, np.ndarray)):
                    fields[f"{group}.{name}"] = np.asarray(value)
    return fields


def check_same_physics(ours_file, theirs_file):
    ours = compiled_arrays(mujoco.MjModel.from_xml_path(os.path.join(MODELS, ours_file)))
    theirs = compiled_arrays(mujoco.MjModel.from_xml_path(os.path.join(GYMNASIUM_ASSETS, theirs_file)))
    differences = []
    for name, value in theirs.items():
        other = ours.get(name)
        if other is None or other.shape != value.shape or not np.array_equal(other, value):
            differences.append(name)
    if len(theirs) < 100:
        sys.exit(f"only {len(theirs)} model fields found: the comparison would prove little")
    if differences:
        sys.exit(f"{ours_file} differs from Gymnasium's {theirs_file} in: {', '.join(differences)}")


def hex_list(values):
    return [float(v).hex() for v in values]


def short(values):
    # 10 significant digits: 1e-10 relative, far below the tests' 1e-6 tolerance.
    return [float(f"{float(v):.10g}") for v in values]


def record(environment_id, kwargs, transitions, steps_per_episode):
    env = gym.make(environment_id, **kwargs).unwrapped
    low = env.action_space.low.astype(np.float64)
    high = env.action_space.high.astype(np.float64)
    center, half_width = (low + high) / 2, (high - low) / 2
    actions_random = np.random.default_rng(12345)
    episodes, stored, seed = [], 0, 0
    while stored < transitions:
        observation, _ = env.reset(seed=seed)
        episode = {
            "seed": seed,
            "qpos": hex_list(env.data.qpos),
            "qvel": hex_list(env.data.qvel),
            "observation": short(observation),
            "actions": [], "observations": [], "rewards": [], "terminated": [],
        }
        for _ in range(min(steps_per_episode, transitions - stored)):
            uniform = actions_random.uniform(-1.2, 1.2, size=low.shape)
            action = (center + half_width * uniform).astype(np.float32)
            observation, reward, terminated, _, _ = env.step(action)
            episode["actions"].append([float(a) for a in action])
            episode["observations"].append(short(observation))
            episode["rewards"].append(float(f"{float(reward):.10g}"))
            episode["terminated"].append(bool(terminated))
            stored += 1
            if terminated:
                break
        episodes.append(episode)
        seed += 1
    return {
        "environment": environment_id,
        "options": kwargs,
        "mujoco": mujoco.__version__,
        "gymnasium": gym.__version__,
        "numpy": np.__version__,
        "episodes": episodes,
    }


def main():
    warnings.filterwarnings("ignore")
    for environment_id, ours, theirs, kwargs, transitions, steps in ENVIRONMENTS + [ANT_CONTACT]:
        check_same_physics(ours, theirs)
        fixture = record(environment_id, kwargs, transitions, steps)
        suffix = "-contact-forces" if kwargs else ""
        path = os.path.join(HERE, f"{environment_id}{suffix}.json")
        with open(path, "w") as file:
            json.dump(fixture, file, separators=(",", ":"))
            file.write("\n")
        count = sum(len(e["rewards"]) for e in fixture["episodes"])
        print(f"{os.path.basename(path)}: {len(fixture['episodes'])} episodes, {count} transitions, "
              f"{os.path.getsize(path) // 1024} KB")


if __name__ == "__main__":
    main()
