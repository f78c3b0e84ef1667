#!/usr/bin/env bash
# Whole-process speed as a user meets it (issue 12): each command runs once to warm the page cache and the launcher's
# class-data archive, then N times (default 5) under /usr/bin/time -v; prints the median run's wall time, CPU time
# (user + system), CPU/wall and peak RSS. Run it on an idle machine and say which machine it was.
#
#   [VQI=path/to/vqi] [N=5] scripts/process-speed.sh [IMAGE.png] [BIG.png]
#
# IMAGE (default kodak24's kodim23) is compressed at the default quality and decompressed; BIG (default: IMAGE
# scaled up to 2560x1600, bicubic) is compressed once and decompressed. OMP_NUM_THREADS defaults to the core count.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vqi="${VQI:-$root/vqi}" # VQI=other/clone/vqi measures another build
image="${1:-$root/../shared/datasets/kodak24/kodim23.png}"
big="${2:-}"
runs="${N:-5}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$vqi" --version >/dev/null # builds the jar and the archive if needed, outside the measurements

# median of $runs after one warm-up: "wall cpu rss_kb"
measure() {
    local name=$1
    shift
    "$@" >/dev/null 2>&1
    local rows=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -v "$@" >/dev/null 2>"$work/time"
        local wall cpu rss
        wall=$(awk -F': ' '/Elapsed \(wall/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time")
        cpu=$(awk '/User time/ {u = $NF} /System time/ {s = $NF} END {print u + s}' "$work/time")
        rss=$(awk '/Maximum resident/ {print $NF}' "$work/time")
        rows+=("$wall $cpu $rss")
    done
    printf '%s\n' "${rows[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p" \
        | awk -v n="$name" '{printf "| %s | %.2f s | %.2f s | %.2f | %d MB |\n", n, $1, $2, $2 / $1, $3 / 1024}'
}

if [[ -z "$big" ]]; then
    big="$work/big.png"
    cat >"$work/Scale.java" <<'JAVA'
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
public class Scale {
    public static void main(String[] a) throws Exception {
        BufferedImage in = ImageIO.read(new File(a[0]));
        BufferedImage out = new BufferedImage(Integer.parseInt(a[1]), Integer.parseInt(a[2]), BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(in, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        ImageIO.write(out, "png", new File(a[3]));
    }
}
JAVA
    java "$work/Scale.java" "$image" 2560 1600 "$big"
fi
"$vqi" compress "$image" -o "$work/small.vqi" --quiet >/dev/null
"$vqi" compress "$big" -o "$work/big.vqi" --quiet >/dev/null

echo "| command | wall | CPU | CPU/wall | peak RSS |"
echo "| --- | ---: | ---: | ---: | ---: |"
measure "vqi --version" "$vqi" --version
measure "vqi info ($(basename "$image" .png))" "$vqi" info "$work/small.vqi"
measure "vqi compress $(basename "$image")" "$vqi" compress "$image" -o "$work/c.vqi" --force --quiet
measure "vqi decompress ($(basename "$image" .png), $(stat -c %s "$work/small.vqi") bytes)" \
    "$vqi" decompress "$work/small.vqi" -o "$work/d.png" --force --quiet
measure "vqi decompress 2560x1600 ($(stat -c %s "$work/big.vqi") bytes)" \
    "$vqi" decompress "$work/big.vqi" -o "$work/e.png" --force --quiet
