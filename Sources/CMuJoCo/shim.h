// The MuJoCo C API, as installed by scripts/install-mujoco.sh into .mujoco/include.
// Only built with the `MuJoCo` trait, which adds that include directory (see Package.swift).
#if __has_include(<mujoco/mujoco.h>)
#include <mujoco/mujoco.h>
#else
#error "MuJoCo headers not found: run scripts/install-mujoco.sh (or set MUJOCO_PREFIX) before building with --traits MuJoCo"
#endif
