#!/usr/bin/env bash
# Behaviour check for refactorings: compresses the same images with two builds of the CLI jar at several qualities and
# compares the .vqi files byte for byte, then decodes the old build's files with both jars and compares the PNGs.
#
#   scripts/same-bytes.sh OLD.jar NEW.jar IMAGE...        (QS="1 3 6 8" by default)
#
# Build the old jar in a worktree of the old commit: git worktree add /tmp/old <rev> && (cd /tmp/old && mvn -q
# package -DskipTests -pl cli -am) and pass /tmp/old/cli/target/vqi.jar. Exits 1 when any file or picture differs.
set -uo pipefail
old=$1; new=$2; shift 2
out=$(mktemp -d)
opts=(-Xmx4g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.platform.extension=-onednn)
same=0; diff=0; bad=0
for img in "$@"; do
  for q in ${QS:-1 3 6 8}; do
    b=$(basename "$img" .png)
    java "${opts[@]}" -jar "$old" compress "$img" -o "$out/$b-q$q-old.vqi" --quality $q --quiet >/dev/null 2>&1 || echo "old failed $img $q"
    java "${opts[@]}" -jar "$new" compress "$img" -o "$out/$b-q$q-new.vqi" --quality $q --quiet >/dev/null 2>&1 || echo "new failed $img $q"
    if cmp -s "$out/$b-q$q-old.vqi" "$out/$b-q$q-new.vqi"; then same=$((same+1)); else diff=$((diff+1)); echo "DIFFERENT: $b q$q $(stat -c %s "$out/$b-q$q-old.vqi") vs $(stat -c %s "$out/$b-q$q-new.vqi")"; fi
    java "${opts[@]}" -jar "$new" decompress "$out/$b-q$q-old.vqi" -o "$out/$b-q$q-oldfile-new.png" --quiet >/dev/null 2>&1
    java "${opts[@]}" -jar "$old" decompress "$out/$b-q$q-old.vqi" -o "$out/$b-q$q-oldfile-old.png" --quiet >/dev/null 2>&1
    cmp -s "$out/$b-q$q-oldfile-new.png" "$out/$b-q$q-oldfile-old.png" || { bad=$((bad+1)); echo "DECODE DIFFERS: $b q$q"; }
  done
done
echo "identical files: $same, different: $diff"
fail=$diff
rm -rf "$out"
[[ $fail -eq 0 && $bad -eq 0 ]]
