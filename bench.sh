#!/usr/bin/env bash
# Runs the JMH benchmarks on purpose (never part of `mvn verify`). Usage: ./bench.sh [JMH regex] [JMH options...]
# Example: OMP_NUM_THREADS=2 ./bench.sh CodecBenchmark -wi 3 -i 5
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
cp_file="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$cp_file" "$log"' EXIT # exec below skips it: the files are removed before
# One build of the codec (and the modules it needs) and its benchmarks, and the test classpath they run with; the
# codec, built last, writes the classpath file. No `mvn install`: an installed
# io.vqi artifact in ~/.m2 hides builds that fail on a fresh machine (issue 10). Offline first, like ./vqi; online
# when a plugin or dependency is not in ~/.m2 yet (the dependency plugin is not part of `mvn verify`).
args=(-B -q -pl codec -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
if ! mvn -o "${args[@]}" >"$log" 2>&1; then
    if ! grep -qi 'offline' "$log" || ! mvn "${args[@]}" >"$log" 2>&1; then
        sed "s/\x1b\[[0-9;]*m//g" "$log" >&2
        echo "bench.sh: building the benchmarks failed (mvn ${args[*]}; log above)" >&2
        exit 70
    fi
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), OMP_NUM_THREADS=$OMP_NUM_THREADS, $(java -version 2>&1 | head -1)" >&2
classpath="codec/target/test-classes:codec/target/classes:$(cat "$cp_file")"
rm -f "$cp_file" "$log"
exec java -Dorg.bytedeco.javacpp.platform.extension=-onednn -cp "$classpath" org.openjdk.jmh.Main "$@"
