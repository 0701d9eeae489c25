#!/usr/bin/env bash
# Installs the MuJoCo C library into .mujoco/ inside the repository, where Package.swift finds
# it when building with the `MuJoCo` trait (compiler, linker and rpath flags; no environment
# variables needed):
#
#   scripts/install-mujoco.sh && swift build --traits MuJoCo
#
# Why the PyPI wheel: Gymnasium's MuJoCo environments run on the `mujoco` Python package, whose
# native part (the `mujoco-core` wheel since 4.0) ships the official C headers (mujoco/include)
# and the shared library (libmujoco.so.X). Linking the same file makes our trajectories comparable
# to Gymnasium's bit for bit; Debian's libmujoco-dev is an older engine with different dynamics.
#
# Layout written (all ignored by git):
#   .mujoco/include/mujoco/*.h
#   .mujoco/lib/libmujoco.so.<version>, libmujoco.so -> libmujoco.so.<version>
#   .mujoco/lib/pkgconfig/mujoco.pc      (for other build systems: -I, -L, -lmujoco, rpath)
#
# Needs python3 with pip and network access to PyPI the first time; afterwards it only checks
# the installed version and returns at once. MUJOCO_VERSION overrides the pinned version.
set -euo pipefail

version="${MUJOCO_VERSION:-4.0.0}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$root/.mujoco"
pkgconfig_dir="$prefix/lib/pkgconfig"
pc_file="$pkgconfig_dir/mujoco.pc"

log() { echo "install-mujoco: $*"; }

# Already installed at this version and at this location: nothing to do.
if [[ -f "$pc_file" && -f "$prefix/lib/libmujoco.so.$version" ]] \
    && grep -qx "Version: $version" "$pc_file" && grep -qx "prefix=$prefix" "$pc_file"; then
    log "MuJoCo $version already installed in $prefix"
    exit 0
fi

python="${PYTHON:-python3}"
# Since 4.0 the native library lives in `mujoco-core`; before, in `mujoco` itself.
major="${version%%.*}"
if (( major >= 4 )); then wheel_package="mujoco-core"; else wheel_package="mujoco"; fi

download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT
log "downloading $wheel_package==$version from PyPI"
"$python" -m pip download --quiet --no-deps --only-binary=:all: \
    --dest "$download" "$wheel_package==$version" >&2

wheel="$(ls "$download"/*.whl)"
rm -rf "$prefix/include" "$prefix/lib"
mkdir -p "$prefix/include" "$prefix/lib" "$pkgconfig_dir"
# Extract only the headers and the shared library (the wheel also holds Python extensions and docs).
"$python" - "$wheel" "$prefix" "$version" <<'PYTHON'
import os, shutil, sys, zipfile
wheel, prefix, version = sys.argv[1], sys.argv[2], sys.argv[3]
library = f"mujoco/libmujoco.so.{version}"
found_library = False
with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        if name.startswith("mujoco/include/mujoco/") and name.endswith(".h"):
            target = os.path.join(prefix, "include", "mujoco", os.path.basename(name))
        elif name == library:
            target = os.path.join(prefix, "lib", os.path.basename(name))
            found_library = True
        else:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with archive.open(name) as source, open(target, "wb") as destination:
            shutil.copyfileobj(source, destination)
if not found_library:
    sys.exit(f"install-mujoco: {library} is not in {wheel}")
PYTHON
ln -sf "libmujoco.so.$version" "$prefix/lib/libmujoco.so"

cat > "$pc_file" <<PC
prefix=$prefix
includedir=\${prefix}/include
libdir=\${prefix}/lib

Name: mujoco
Description: MuJoCo physics engine, C library from the PyPI $wheel_package wheel
Version: $version
Cflags: -I\${includedir}
Libs: -L\${libdir} -lmujoco -Wl,-rpath,\${libdir}
PC

log "installed MuJoCo $version in $prefix"
