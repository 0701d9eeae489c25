#!/usr/bin/env bash
# Installs Open MPI from Debian for the `MPI` trait (distributed training under mpirun):
#
#   scripts/install-mpi.sh && swift build --traits MPI
#   mpirun -np 2 .build/debug/trpo train --env CartPole-v1 --run-dir runs/cp --set n_envs=4
#
# Package.swift finds it through `pkg-config ompi-c` (libopenmpi-dev); `mpirun` comes with
# openmpi-bin. Nothing is written into the repository. Needs apt-get (run as root or through
# sudo) the first time; afterwards it only checks that pkg-config and mpirun find Open MPI.
set -euo pipefail

log() { echo "install-mpi: $*"; }

if pkg-config --exists ompi-c 2> /dev/null && command -v mpirun > /dev/null; then
    log "Open MPI $(pkg-config --modversion ompi-c) already installed ($(command -v mpirun))"
    exit 0
fi

command -v apt-get > /dev/null || { log "needs apt-get (Debian or Ubuntu): install Open MPI's C headers and mpirun yourself" >&2; exit 1; }
sudo=""
if [[ $(id -u) != 0 ]]; then
    command -v sudo > /dev/null || { log "run as root, or install sudo" >&2; exit 1; }
    sudo="sudo"
fi
log "apt-get install libopenmpi-dev openmpi-bin"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libopenmpi-dev openmpi-bin pkg-config > /dev/null
pkg-config --exists ompi-c || { log "pkg-config does not find ompi-c after the install" >&2; exit 1; }
log "Open MPI $(pkg-config --modversion ompi-c) installed ($(command -v mpirun))"
