#!/usr/bin/env bash
# Builds the Arcade Learning Environment (ALE) as a static C++ library into .ale/ inside the
# repository, where Package.swift finds it when building with the `ALE` trait:
#
#   scripts/install-ale.sh && swift build --traits ALE
#
# Why the ale-py sdist: Gymnasium's Atari environments run on PyPI's `ale-py`, whose source
# distribution holds ALE's whole C++ source with its CMake build and the bundled ROMs with their
# md5 list. Building that exact source gives the emulator Gymnasium users run, frame for frame.
# (The wheel's .so is a Python extension, not a library; Debian has no ALE package.)
# ALE is GPL-2.0: a build with the trait links GPL code. Nothing here is committed to git.
#
# Why static and without LTO: ALE's CMake file turns on IPO in Release builds, which makes GCC
# "slim" LTO objects the Swift linker cannot read, so the build type is RelWithDebInfo with -O3;
# and SwiftPM drops an rpath given by pkg-config, so a static archive needs none.
#
# Layout written (all ignored by git):
#   .ale/include/ale/...            ALE's C++ headers (ale_interface.hpp, version.hpp, ...)
#   .ale/lib/libale.a               the emulator and its interface, static, position independent
#   .ale/lib/pkgconfig/ale.pc       for other build systems (-I, -L, -lale -lz -lpthread)
#   .ale/roms/*.bin, md5.json       the ROMs bundled with ale-py and their expected md5 sums
#
# Needs python3 with pip (to fetch the sdist from PyPI), cmake >= 3.14, a C++17 compiler and
# zlib's headers (Debian: apt-get install cmake g++ zlib1g-dev). Idempotent: with the pinned
# version already installed it returns at once. ALE_VERSION overrides the pinned version and
# ALE_PREFIX the installation directory (Package.swift reads ALE_PREFIX too).
set -euo pipefail

version="${ALE_VERSION:-0.12.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${ALE_PREFIX:-$root/.ale}"
pc_file="$prefix/lib/pkgconfig/ale.pc"
jobs="${ALE_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"

log() { echo "install-ale: $*"; }
fail() { echo "install-ale: error: $*" >&2; exit 1; }

if [[ -f "$pc_file" && -f "$prefix/lib/libale.a" && -f "$prefix/roms/md5.json" ]] \
    && grep -qx "Version: $version" "$pc_file" && grep -qx "prefix=$prefix" "$pc_file"; then
    log "ALE $version already installed in $prefix"
    exit 0
fi

python="${PYTHON:-python3}"
command -v cmake > /dev/null || fail "cmake not found (Debian: apt-get install cmake)"
command -v "$python" > /dev/null || fail "$python not found (needed to fetch ale-py from PyPI)"
command -v "${CXX:-c++}" > /dev/null || fail "no C++ compiler (Debian: apt-get install g++)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log "downloading the ale-py==$version source distribution from PyPI"
"$python" -m pip download --quiet --no-deps --no-binary ale-py --dest "$work" "ale-py==$version" >&2
archive="$(ls "$work"/ale_py-*.tar.gz)"
tar -xzf "$archive" -C "$work"
source_dir="$(ls -d "$work"/ale_py-*/)"
[[ -f "$source_dir/src/ale/ale_interface.hpp" ]] || fail "no ALE source in $archive"

log "building ALE $version (static, $jobs jobs; a few minutes)"
cmake -S "$source_dir" -B "$work/build" -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O3 -DNDEBUG" \
    -DBUILD_CPP_LIB=ON -DBUILD_PYTHON_LIB=OFF -DSDL_SUPPORT=OFF -DBUILD_SHARED_LIBS=OFF \
    -DCMAKE_INSTALL_LIBDIR=lib > "$work/configure.log" 2>&1 \
    || { tail -30 "$work/configure.log" >&2; fail "cmake configure failed"; }
cmake --build "$work/build" --parallel "$jobs" > "$work/build.log" 2>&1 \
    || { tail -30 "$work/build.log" >&2; fail "build failed"; }

rm -rf "$prefix/include/ale" "$prefix/lib" "$prefix/roms"
cmake --install "$work/build" > "$work/install.log" 2>&1 \
    || { tail -30 "$work/install.log" >&2; fail "install failed"; }
[[ -f "$prefix/lib/libale.a" ]] || fail "the build did not produce $prefix/lib/libale.a"
# The CMake package files point at the temporary build; only the pkg-config file below is kept.
rm -rf "$prefix/lib/cmake"

mkdir -p "$prefix/roms"
cp "$source_dir"/src/ale/python/roms/*.bin "$source_dir/src/ale/python/roms/md5.json" "$prefix/roms/"

mkdir -p "$(dirname "$pc_file")"
cat > "$pc_file" <<PC
prefix=$prefix
includedir=\${prefix}/include
libdir=\${prefix}/lib
romdir=\${prefix}/roms

Name: ale
Description: Arcade Learning Environment, static C++ library built from the PyPI ale-py $version sdist
Version: $version
Cflags: -I\${includedir}
Libs: -L\${libdir} -lale -lz -lpthread
PC

log "installed ALE $version in $prefix ($(ls "$prefix"/roms/*.bin | wc -l) ROMs)"
