#!/usr/bin/env bash
# How the embedded refinement layer (codec/src/main/resources/io/vqi/codec/models/default.vqr, the quality levels
# above 1) was made, as one script: train on the frozen default model, pick the ladder on held-out images, export.
# Time-boxed and resumable: rerunning continues runs/refine. One training thread leaves the other core free.
# The card (codec/src/main/resources/io/vqi/codec/models/default-refine.md) records what actually ran.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
data=(--data ../shared/datasets/photos --data ../shared/datasets/photos2 --data ../shared/datasets/bsds500/train
      --data ../shared/datasets/bsds500/val)
base=codec/src/main/resources/io/vqi/codec/models/default.vqm

# 1. Six trained levels (lambdas 0.0018 .. 0.048), 192 channels, lr 3e-4 annealed towards 3e-5 at step 12,000.
./vqi train refine --base "$base" "${data[@]}" --out runs/refine --minutes "${MINUTES:-105}" --steps 12000 \
    --lr 3e-4 --lr-final 3e-5 --seed 3 --log-every 250 --checkpoint-minutes 10 --resume

# 2. The ladder: positions in the trained levels' space (gains interpolated in log space, Cui et al. 2021), chosen
#    on the 8 held-out bsds500/val images (never on kodak24); see the card for the candidates measured.
./vqi train export runs/refine --levels "${LEVELS:?set LEVELS to the positions the card records}" \
    -o codec/src/main/resources/io/vqi/codec/models/default.vqr
