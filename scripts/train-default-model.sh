#!/usr/bin/env bash
# How the embedded default model was made, as one script: VQ-VAE, then the prior on its index grids, then the
# evaluation its card reports. Every stage is time-boxed and resumable: rerunning a stage continues its run
# directory. One training thread (OMP_NUM_THREADS=1) leaves the second core of a 2-core machine free.
# The model card (codec/src/main/resources/io/vqi/codec/models/default.md) records the segments actually run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=(--data ../shared/datasets/photos --data ../shared/datasets/bsds500/train --data ../shared/datasets/bsds500/val)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

# 1. VQ-VAE: 75 minutes at lr 5e-4, then 29 minutes at 1.5e-4 (the rate applies on resume).
./vqi train vqvae "${data[@]}" --out runs/vqvae-f8-k1024 --crop 128 --batch 8 --downscale 2 --seed 1 \
    --lr 5e-4 --log-every 50 --checkpoint-minutes 5 --validation-images 8 --minutes 75 --resume
./vqi train vqvae "${data[@]}" --out runs/vqvae-f8-k1024 --crop 128 --batch 8 --downscale 2 --seed 1 \
    --lr 1.5e-4 --log-every 50 --checkpoint-minutes 5 --validation-images 8 --minutes 29 --resume

# 2. The PixelCNN prior on the VQ-VAE's index grids (full size and downscaled by 2, each also mirrored).
./vqi train prior --vqvae runs/vqvae-f8-k1024/model.vqm "${data[@]}" --out runs/prior --batch 32 --crop 16 \
    --channels 64 --layers 4 --embed 32 --lr 1e-3 --seed 1 --log-every 100 --checkpoint-minutes 5 \
    --validation-images 8 --minutes 30 --resume

# 3. Ship it, then measure what the card reports (kodak24 is measured, never trained or tuned on).
cp runs/prior/model.vqm codec/src/main/resources/io/vqi/codec/models/default.vqm
./vqi evaluate --images ../shared/datasets/kodak24
