#!/usr/bin/env bash
# How the embedded refinement layer (codec/src/main/resources/io/vqi/codec/models/default.vqr, the quality levels
# above 1) was made, as one script: train on the frozen default model, pick the ladder on held-out images, export.
# Time-boxed and resumable: rerunning continues the run directories. One training thread leaves the other core free.
# The cards (codec/src/main/resources/io/vqi/codec/models/default-refine.md, and refine-<id>.md for each retired
# layer) record what actually ran.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
data=(--data ../shared/datasets/photos --data ../shared/datasets/photos2 --data ../shared/datasets/bsds500/train
      --data ../shared/datasets/bsds500/val)
models=codec/src/main/resources/io/vqi/codec/models
base=$models/default.vqm

if [[ "${FIRST_LAYER:-}" == 1 ]]; then
    # 0. (History) the first layer, refine-2e1071a5: scales from the base codes only, no context, no mean.
    #    Six trained levels (lambdas 0.0018 .. 0.048), lr 3e-4 annealed towards 3e-5 at step 12,000, stopped at
    #    8,184; exported at LEVELS=-2,-1,0,1,2,3,4 as $models/refine-2e1071a5.vqr.
    ./vqi train refine --no-context --base "$base" "${data[@]}" --out runs/refine --minutes "${MINUTES:-105}" \
        --steps 12000 --lr 3e-4 --lr-final 3e-5 --seed 3 --log-every 250 --checkpoint-minutes 10 --resume
    exit 0
fi

if [[ "${SECOND_LAYER:-}" == 1 ]]; then
    # 1. (History) the second layer, refine-a595365e: the checkerboard context and predicted means
    #    (refine.context=checkerboard), fine-tuned from the first layer (its tensors copied, the new context and mean
    #    starting at zero, so step 0 is that layer's quality; a fresh Adam, hence the warm-up), lr 1.5e-4 annealed
    #    towards 2e-5 at step 10,000, stopped at 7,915; exported at LEVELS=-2,-1,0,1,2,3,4.
    ./vqi train refine --slices 0 --base "$base" "${data[@]}" --out runs/refine2 --minutes "${MINUTES:-125}" \
        --steps 10000 --lr 1.5e-4 --lr-final 2e-5 --lr-warmup 300 --seed 5 --log-every 250 --checkpoint-minutes 10 \
        --init "$models/refine-2e1071a5.vqr" --resume
    exit 0
fi

if [[ "${THIRD_LAYER:-}" == 1 ]]; then
    # 2. (History) the third layer, refine-1b220a40: a second slice per cell (refine.firstSlice=16: the 16 lowest
    #    frequencies of each colour plane first, the other channels' entropy model also seeing them), fine-tuned from
    #    the second layer (the new slice convolution at zero), lr 1.5e-4 annealed towards 2e-5 at step 11,000,
    #    stopped at 8,664; exported at LEVELS=-2,-1,0,1,2,3,4 as $models/refine-1b220a40.vqr.
    ./vqi train refine --base "$base" "${data[@]}" --out runs/refine3 --minutes "${MINUTES:-125}" --steps 11000 \
        --lr 1.5e-4 --lr-final 2e-5 --lr-warmup 300 --seed 7 --log-every 250 --checkpoint-minutes 10 \
        --init "$models/refine-a595365e.vqr" --resume
    exit 0
fi

if [[ "${FOURTH_LAYER:-}" == 1 ]]; then
    # 3. (History) the fourth layer, refine-78922a5e, in two runs. First a second residual block in both nonlinear
    #    branches (--blocks 2; the new blocks start as the identity, so step 0 is the third layer), lr 1e-4 annealed
    #    towards 1e-5 at step 10,000,
    #    stopped by hand after its checkpoint at step 6,600 or so; exported as the start of the second run.
    ./vqi train refine --blocks 2 --base "$base" "${data[@]}" --out runs/refine4 --minutes "${MINUTES4:-125}" \
        --steps 10000 --lr 1e-4 --lr-final 1e-5 --lr-warmup 200 --seed 9 --log-every 250 --checkpoint-minutes 10 \
        --init "$models/refine-1b220a40.vqr" --resume
    ./vqi train export runs/refine4 --levels=-2,-1,0,1,2,3,4 -o runs/refine4.vqr
    # Then a third slice per cell (--slices 16,32: frequencies 16-31 of each colour plane get a step of their own; the
    # slice convolution's rows for them start at zero, so step 0 is the first run's layer).
    ./vqi train refine --blocks 2 --slices 16,32 --base "$base" "${data[@]}" --out runs/refine5 \
        --minutes "${MINUTES:-48}" --steps 5000 --lr 6e-5 --lr-final 1e-5 --lr-warmup 200 --seed 11 --log-every 250 \
        --checkpoint-minutes 10 --init runs/refine4.vqr --resume
    ./vqi train export runs/refine5 --levels=-2,-1,0,1,2,3,4 -o "$models/refine-78922a5e.vqr"
    exit 0
fi

if [[ "${FIFTH_LAYER:-}" == 1 ]]; then
    # 4. (History) the fifth layer, refine-b4f67d86: lapped linear transforms (--linear-kernel 3: each cell's
    #    transform reads and writes its 3x3 neighbourhood of cells; the fourth layer's transforms start as the centre
    #    taps) and eight trained levels (the two lowest are the positions -2 and -1 the earlier ladders extrapolated
    #    to), from the fourth layer; exported at LEVELS=0,1,2,3,4,5,6 as $models/refine-b4f67d86.vqr.
    ./vqi train refine --blocks 2 --slices 16,32 --linear-kernel 3 \
        --lambdas 4.7608163265306074E-4,9.257142857142851E-4,0.0018,0.0035,0.0067,0.013,0.025,0.048 \
        --base "$base" "${data[@]}" --out runs/refine6 --minutes "${MINUTES:-112}" --steps 7500 --lr 1e-4 \
        --lr-final 1e-5 --lr-warmup 200 --seed 13 --log-every 250 --checkpoint-minutes 10 \
        --init "$models/refine-78922a5e.vqr" --resume
    ./vqi train export runs/refine6 --levels=0,1,2,3,4,5,6 -o "$models/refine-b4f67d86.vqr"
    exit 0
fi

# 5. The shipped layer (refine-cac69d7a; its first 5,385 steps were refine-b66eac85): the fifth layer trained on, besides the corpus above (each image downscaled by 2), the
#    high-resolution photographs at their own resolution (--native-data: half of each batch's crops), whose smooth
#    areas the downscaled corpus hardly shows. The last two images by name of photos and of photos2 are held out of
#    this run altogether (both as --data and as --native-data): centre and side 500x500 crops of them at native
#    resolution are the second held-out set its decisions were made on.
held_out_native=(photos/YellowFlower.png photos/summer_1am.png photos2/sunset_by_Aitzol_Berasategi.png
                 photos2/umang_by_Abhishek_Mudgal.png)
selected=()
native=()
for f in ../shared/datasets/photos/*.png ../shared/datasets/photos2/*.png; do
    keep=1
    for h in "${held_out_native[@]}"; do [[ "$f" == */"$h" ]] && keep=0; done
    if [[ $keep == 1 ]]; then selected+=(--data "$f"); native+=(--native-data "$f"); fi
done
./vqi train refine --blocks 2 --slices 16,32 --linear-kernel 3 \
    --lambdas 4.7608163265306074E-4,9.257142857142851E-4,0.0018,0.0035,0.0067,0.013,0.025,0.048 \
    --base "$base" "${selected[@]}" --data ../shared/datasets/bsds500/train --data ../shared/datasets/bsds500/val \
    "${native[@]}" --out runs/refine8 --minutes "${MINUTES:-120}" --steps 8500 --lr 1e-4 --lr-final 1e-5 \
    --lr-warmup 200 --seed 17 --log-every 250 --checkpoint-minutes 10 --init "$models/refine-b4f67d86.vqr" --resume
#    Run it again until it reaches step 8,500: with --resume the same command continues the run and its learning-rate
#    schedule. (The shipped run was made in two parts, 0-5,385 in 6,226 s and 5,385-8,500 in 3,599 s; the trainer of
#    that day restarted the schedule on resume, so the second part was given --minutes 80 and --lr
#    4.299294117647059E-5, the rate in runs/refine8/state.properties, which the second part's own schedule then took
#    linearly to 1e-5 after a 200-step warm-up.)

# 6. The ladder: positions in the trained levels' space (gains interpolated in log space, Cui et al. 2021), chosen
#    on the 8 held-out bsds500/val images (never on kodak24); the card records 0,1,2,3,4,5,6.
./vqi train export runs/refine8 --levels "${LEVELS:-0,1,2,3,4,5,6}" \
    -o "$models/default.vqr"
