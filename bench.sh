#!/usr/bin/env bash
# Runs the JMH benchmarks on purpose (never part of `mvn verify`). Usage: ./bench.sh [JMH regex] [JMH options...]
# Example: OMP_NUM_THREADS=2 ./bench.sh CodecBenchmark -wi 3 -i 5
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
mvn -B -q -o install -DskipTests -pl codec -am >/dev/null
cp_file="$(mktemp)"
mvn -B -q -o -pl codec dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), OMP_NUM_THREADS=$OMP_NUM_THREADS, $(java -version 2>&1 | head -1)" >&2
exec java -Dorg.bytedeco.javacpp.platform.extension=-onednn \
  -cp "codec/target/test-classes:codec/target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main "$@"
