"""Reference transitions of Gymnasium's MuJoCo v4 and v5 environments, for MuJoCoEnvironmentsTests.

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
seeds 0, 1, ... until `TRANSITIONS` transitions are stored. Each file also holds the start states
(qpos, qvel) of `reset(seed)` for a few more seeds (`resets`), which must match ours bit for bit, and the
keyword arguments as `str(value)` (`arguments`), as a user would pass them to `--env-kwargs`.
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
    # Ant with its optional contact forces (observation 111 wide, contact cost in the reward).
    ("Ant-v4", "ant.xml", "ant.xml", {"use_contact_forces": True}, 30, 30),
    # v5 with its default arguments: shorter traces, the dynamics code is shared with v4.
    ("Hopper-v5", "hopper.xml", "hopper.xml", {}, 100, 50),
    ("Walker2d-v5", "walker2d_v5.xml", "walker2d_v5.xml", {}, 100, 50),
    ("HalfCheetah-v5", "half_cheetah.xml", "half_cheetah.xml", {}, 60, 30),
    ("Swimmer-v5", "swimmer.xml", "swimmer.xml", {}, 60, 30),
    ("Ant-v5", "ant.xml", "ant.xml", {}, 60, 30),
    ("InvertedPendulum-v5", "inverted_pendulum.xml", "inverted_pendulum.xml", {}, 100, 50),
    ("InvertedDoublePendulum-v5", "inverted_double_pendulum.xml", "inverted_double_pendulum.xml", {}, 100, 50),
    ("Reacher-v5", "reacher.xml", "reacher.xml", {}, 100, 50),
    # v5 with the options users pass (observation layout, healthy ranges, weights, noise, frame skip).
    ("Hopper-v5", "hopper.xml", "hopper.xml",
     {"exclude_current_positions_from_observation": False, "healthy_z_range": (0.9, float("inf")),
      "reset_noise_scale": 0.05, "terminate_when_unhealthy": False, "frame_skip": 5}, 40, 40),
    ("Walker2d-v5", "walker2d_v5.xml", "walker2d_v5.xml",
     {"forward_reward_weight": 2.0, "ctrl_cost_weight": 0.01, "healthy_angle_range": (-0.5, 0.5)}, 40, 40),
    ("HalfCheetah-v5", "half_cheetah.xml", "half_cheetah.xml",
     {"exclude_current_positions_from_observation": False, "reset_noise_scale": 0.3}, 30, 30),
    ("Swimmer-v5", "swimmer.xml", "swimmer.xml", {"exclude_current_positions_from_observation": False}, 30, 30),
    ("Ant-v5", "ant.xml", "ant.xml",
     {"include_cfrc_ext_in_observation": False, "healthy_z_range": (0.3, 1.0), "contact_cost_weight": 1e-3,
      "exclude_current_positions_from_observation": False}, 30, 30),
    ("InvertedDoublePendulum-v5", "inverted_double_pendulum.xml", "inverted_double_pendulum.xml",
     {"healthy_reward": 5.0, "reset_noise_scale": 0.2}, 30, 30),
    ("Reacher-v5", "reacher.xml", "reacher.xml", {"reward_dist_weight": 0.5, "reward_control_weight": 2.0}, 30, 30),
    ("Pusher-v5", "pusher_v5.xml", "pusher_v5.xml", {}, 100, 50),
    ("Pusher-v5", "pusher_v5.xml", "pusher_v5.xml", {"reward_near_weight": 1.0, "reward_control_weight": 0.5}, 20, 20),
    # The humanoids: 348 to 376 numbers per observation, so a few steps each.
    ("Humanoid-v4", "humanoid.xml", "humanoid.xml", {}, 8, 4),
    ("Humanoid-v5", "humanoid.xml", "humanoid.xml", {}, 8, 4),
    ("HumanoidStandup-v4", "humanoidstandup.xml", "humanoidstandup.xml", {}, 8, 4),
    ("HumanoidStandup-v5", "humanoidstandup.xml", "humanoidstandup.xml", {}, 8, 4),
    ("Humanoid-v5", "humanoid.xml", "humanoid.xml",
     {"include_cinert_in_observation": False, "include_cvel_in_observation": False,
      "contact_cost_weight": 1e-5, "healthy_reward": 1.0}, 6, 6),
]
# Extra seeds whose reset states are recorded (2**32 + 5 takes SeedSequence's two-word path).
RESET_SEEDS = [7, 11, 123, 2**32 + 5]

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
    resets = []
    for reset_seed in RESET_SEEDS:
        observation, _ = env.reset(seed=reset_seed)
        resets.append({"seed": reset_seed, "qpos": hex_list(env.data.qpos), "qvel": hex_list(env.data.qvel)})
    return {
        "environment": environment_id,
        "arguments": {key: str(value) for key, value in kwargs.items()},
        "resets": resets,
        "mujoco": mujoco.__version__,
        "gymnasium": gym.__version__,
        "numpy": np.__version__,
        "episodes": episodes,
    }


def fixture_name(environment_id, kwargs):
    if not kwargs:
        return environment_id
    if environment_id == "Ant-v4":
        return "Ant-v4-contact-forces"
    return f"{environment_id}-options"


def main():
    warnings.filterwarnings("ignore")
    for environment_id, ours, theirs, kwargs, transitions, steps in ENVIRONMENTS:
        check_same_physics(ours, theirs)
        fixture = record(environment_id, kwargs, transitions, steps)
        path = os.path.join(HERE, f"{fixture_name(environment_id, kwargs)}.json")
        with open(path, "w") as file:
            json.dump(fixture, file, separators=(",", ":"))
            file.write("\n")
        count = sum(len(e["rewards"]) for e in fixture["episodes"])
        print(f"{os.path.basename(path)}: {len(fixture['episodes'])} episodes, {count} transitions, "
              f"{os.path.getsize(path) // 1024} KB")


if __name__ == "__main__":
    main()
