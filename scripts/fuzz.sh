#!/usr/bin/env bash
# Runs one libFuzzer target of Fuzz/ for a number of seconds:
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   scripts/fuzz.sh TARGET regressions      # run the target once over Fuzz/Regressions/TARGET
# TARGET is one of: safetensors checkpoint policy zoo-config python-literal finite-mdp.
# The seed corpus Fuzz/Corpus/TARGET is read, never written: new inputs go to
# Fuzz/.build/corpus/TARGET, crashes, leaks and timeouts to Fuzz/.build/artifacts/TARGET.
# Exits non-zero if libFuzzer found a crash, leak or hang (its artifact's path is printed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
targets="safetensors checkpoint policy zoo-config python-literal finite-mdp"
target=${1:-}; seconds=${2:-}
if [ -z "$target" ] || [ -z "$seconds" ] || ! [[ " $targets " == *" $target "* ]]; then
    echo "usage: scripts/fuzz.sh TARGET SECONDS|regressions  (TARGET: $targets)" >&2; exit 2
fi
shift 2
case $target in
    safetensors) module=FuzzSafeTensors ;; checkpoint) module=FuzzCheckpoint ;; policy) module=FuzzPolicy ;;
    zoo-config) module=FuzzZooConfig ;; python-literal) module=FuzzPythonLiteral ;; finite-mdp) module=FuzzFiniteMDP ;;
esac
cd "$root/Fuzz"
# Every module gets the sanitizers, so the parsers in the main package are instrumented too; lld,
# because gold fails on the sanitizer runtime's symbols.
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product "$module" >&2
binary="$(swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --show-bin-path)/$module"
# Swift's own crash backtracer, run under AddressSanitizer, takes minutes and then trips ASan itself;
# libFuzzer's report names the crash well enough.
export SWIFT_BACKTRACE=enable=no
# libFuzzer checks every input for leaks while it fuzzes; LeakSanitizer's own check at exit would
# only list Swift's once-built globals (their pointers carry enum tag bits it cannot follow), and
# the suppressions keep those globals out of the per-input checks too (see the file).
export LSAN_OPTIONS="leak_check_at_exit=0:suppressions=$root/Fuzz/LeakSuppressions.txt"
if [ "$seconds" = regressions ]; then
    inputs=("$root/Fuzz/Regressions/$target"/*)
    [ -e "${inputs[0]}" ] || { echo "no regression inputs for $target"; exit 0; }
    exec "$binary" -runs=1 "${inputs[@]}"
fi
corpus="$root/Fuzz/.build/corpus/$target"; artifacts="$root/Fuzz/.build/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
# -rss_limit_mb: an input that makes a loader allocate gigabytes is a finding, not a machine to kill.
exec "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$@" "$corpus" "$root/Fuzz/Corpus/$target"
