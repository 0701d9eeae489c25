"""rejax 0.1.3's compiled PPO on gymnax CartPole-v1 with TrustRegion's RL Zoo PPO settings mirrored
(issue 14): 8 envs x 32 steps, 20 epochs of one 256-row minibatch, lr 1e-3, gamma 0.98, lambda 0.8,
clip 0.2, no entropy bonus, max_grad_norm 0.5, 64-64 tanh actor and critic with their own Adam.

Differences that remain (rejax's code, not settings): the value loss is always clipped with clip_eps
around the old values (ours: no value clipping unless clip_range_vf is set); advantages are
standardised per minibatch as ours; the environment is gymnax's CartPole (same dynamics as
Gymnasium's, its own random resets); rejax's evaluation callback is replaced by a no-op so that
only training is timed.

Prints one JSON line: import, compile and training seconds (training after compilation, with
block_until_ready) and the whole process, in wall and in CPU seconds.
Usage: .venv-rejax/bin/python rejax_ppo.py --timesteps 1000000 [--seed 0]   (taskset -c 0 for one core)
"""
import argparse
import json
import os
import time

start = time.perf_counter()
start_cpu = time.process_time()
import jax  # noqa: E402
from rejax import PPO  # noqa: E402

imported = time.perf_counter()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--timesteps", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    algo = PPO.create(
        env="CartPole-v1", total_timesteps=args.timesteps, eval_freq=args.timesteps, skip_initial_evaluation=True,
        num_envs=8, num_steps=32, num_epochs=20, num_minibatches=1, learning_rate=1e-3, gamma=0.98,
        gae_lambda=0.8, clip_eps=0.2, ent_coef=0.0, vf_coef=0.5, max_grad_norm=0.5,
        normalize_observations=False, normalize_rewards=False,
        agent_kwargs={"activation": "tanh", "hidden_layer_sizes": (64, 64)})
    algo = algo.replace(eval_callback=lambda algo, ts, rng: jax.numpy.zeros(()))
    rng = jax.random.PRNGKey(args.seed)
    compiled = jax.jit(algo.train).lower(rng).compile()
    compiled_at, compiled_cpu = time.perf_counter(), time.process_time()
    state, _ = compiled(rng)
    jax.block_until_ready(state)
    trained, trained_cpu = time.perf_counter(), time.process_time()
    print(json.dumps({
        "peer": "rejax 0.1.3 PPO", "jax": jax.__version__, "timesteps": args.timesteps, "seed": args.seed,
        "cpus": len(os.sched_getaffinity(0)), "import_s": imported - start, "compile_s": compiled_at - imported,
        "train_s": trained - compiled_at, "whole_s": trained - start,
        # CPU seconds of every thread of the process: steadier than wall time on a shared machine.
        "train_cpu_s": trained_cpu - compiled_cpu, "whole_cpu_s": trained_cpu - start_cpu,
    }))


if __name__ == "__main__":
    main()
