// The MuJoCo C API, as installed by scripts/install-mujoco.sh into .mujoco/include.
// Only built with the `MuJoCo` trait, which adds that include directory (see Package.swift).
#include <mujoco/mujoco.h>
