#!/usr/bin/env bash
# A fuzzing campaign (docs/robustness.md): each fuzz test in turn, for SECONDS each, through the -Pfuzz profile of the
# parent pom, in the module that holds the test (module_of below). Usage:
#
#   scripts/fuzz.sh [SECONDS] [Test#method ...]          (default: 300 s each, every target below)
#   nice -n 19 scripts/fuzz.sh 1500 > fuzz.log 2>&1 &     (a long one in the background)
#
# The corpus each target builds is kept in <module>/.cifuzz-corpus/<class>/<method>/ (git-ignored) and the next
# campaign starts from it. A finding fails its run and lands as crash-* or timeout-* in
# <module>/src/test/resources/<package>/<Test>Inputs/<method>/, where the default test run replays it: fix it,
# name a regression test after it, commit it. Per target the log ends in libFuzzer's DONE line and stat:: lines
# (executions, exec/s, corpus, peak RSS); "cov:" counts the edges of io.vqi classes reached. A summary follows.
# MVN_FLAGS adds Maven flags (e.g. -o).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-300}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(ContainerFuzzTest#rawBytes ContainerFuzzTest#validCrcs CodecFuzzTest#decode ImageReaderFuzzTest#read)
fi
# The module and package of each fuzz test: the container's own (its seeds are made with the codec), the codec's
# decode path, the ImageIO reader.
module_of() {
    case "$1" in
        ContainerFuzzTest*) echo "codec io/vqi/format" ;;
        CodecFuzzTest*) echo "codec io/vqi/codec" ;;
        ImageReaderFuzzTest*) echo "imageio io/vqi/imageio" ;;
        *) echo "unknown fuzz test: $1" >&2; exit 64 ;;
    esac
}
summary=()
failed=0
for target in "${targets[@]}"; do
    read -r module package < <(module_of "$target") || exit 64
    inputs="$module/src/test/resources/$package"
    echo "=== $target ($module): ${seconds} s, started $(date -u +%FT%TZ)"
    out="$(mktemp)"
    # shellcheck disable=SC2086
    mvn -B ${MVN_FLAGS:-} -Pfuzz -pl "$module" -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
        -Dfuzz.seconds="$seconds" 2>&1 | grep --line-buffered -v '^INFO: Instrumented ' | tee "$out"
    rc=${PIPESTATUS[0]}
    done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$out" | tail -1)"
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out" | tail -1)"
    cov="$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) corp: \([^ ]*\).*/cov \1, features \2, corpus \3/p' "$out" | tail -1)"
    findings="$(git status --porcelain --untracked-files=all -- "$inputs" | sed -n 's/^?? //p' | tr '\n' ' ')"
    [[ $rc -ne 0 ]] && failed=1
    summary+=("$target: exit $rc, ${execs:-?} executions (${rate:-?}/s), ${cov:-no coverage line}${done_line:+, done}; new inputs: ${findings:-none}")
    rm -f "$out"
done
echo "=== summary ($(date -u +%FT%TZ))"
printf '%s\n' "${summary[@]}"
exit $failed
