#!/bin/sh
# Remake every committed demo file from nothing: speech, training sets, trained models.
#   tools/demo/make_all.sh [WORK_DIR]        (default WORK_DIR: build-demo; about 6 hours on 2 cores)
# Seeded: the same machine and torch build give the same files. Training sets and intermediate
# checkpoints stay in WORK_DIR; the results land under resources/demo/ (see docs/DEMO.md).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(cd "$root" && mkdir -p "${1:-build-demo}" && cd "${1:-build-demo}" && pwd)
py=/usr/bin/python3
demo="$root/resources/demo"

# Voices and effects (not needed by the build or the tests).
missing=""
for p in espeak-ng flite festival festvox-kallpc16k festvox-us-slt-hts sox; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y $missing; else sudo apt-get install -y $missing; fi
fi

# OpenBLAS 0.3.21 (Debian 12) does not know recent CPUs and then runs its Prescott (SSE3) kernels,
# about four times slower than its AVX-512 or AVX2 ones: name the kernels from the CPU's flags.
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell
  fi
fi

cd "$root/tools"
export PYTHONDONTWRITEBYTECODE=1
echo "== ASR test set (resources/demo/asr)"
$py -m demo.make_asr_data test "$demo/asr" --count 120
echo "== ASR training sets (two seeds: different sentences, voices and effects)"
$py -m demo.make_asr_data train "$work/train.pt" --count 12000 --jobs 2
$py -m demo.make_asr_data train "$work/train2.pt" --count 12000 --jobs 2 --seed 8
echo "== Whisper demo model, five stages (about 4 hours on one core)"
# Stage 1 forms the alignment (guided attention for its first half); each later stage restarts
# the learning-rate schedule on the previous stage's weights (each stage's record is kept).
# Stages 1-4 see the first training set; stage 5 both (more sentences: the demo's test
# sentences are never in training, so what generalises is the audio, not the sentence).
train() {
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $py -m demo.train_whisper "$@" --threads 1
}
m="$work/models"
train "$work/train.pt" "$m/whisper-demo-stage1.pt" --steps 3000
train "$work/train.pt" "$m/whisper-demo-stage2.pt" --resume "$m/whisper-demo-stage1.pt" \
  --steps 3000 --lr 3e-4 --warmup 200 --guide 0 --seed 2
train "$work/train.pt" "$m/whisper-demo-stage3.pt" --resume "$m/whisper-demo-stage2.pt" \
  --steps 1500 --lr 2e-4 --warmup 100 --guide 0 --seed 4
train "$work/train.pt" "$m/whisper-demo-stage4.pt" --resume "$m/whisper-demo-stage3.pt" \
  --steps 1000 --lr 1.5e-4 --warmup 100 --seed 5
train "$work/train2.pt" "$work/train.pt" "$m/whisper-demo.pt" --resume "$m/whisper-demo-stage4.pt" \
  --steps 3500 --lr 2e-4 --warmup 150 --guide 0 --seed 6
echo "== Distilled student (half the decoder layers)"
train "$work/train2.pt" "$work/train.pt" "$m/whisper-demo-student.pt" --student "$m/whisper-demo.pt" --steps 800
$py -m demo.whisper_packages pack "$m/whisper-demo.pt" "$m/whisper-demo-student.pt" \
  "$demo/models/whisper-demo.tar.xz"
echo "== Keyword spotting: clips, stream, training words, teacher, students, int8 (30-60 minutes)"
$py -m demo.make_kws_demo --demo-dir "$demo/kws" --train-file "$work/kws-train.pt" --jobs 2
echo "done: rebuild (cmake --build build) to export the packages and the demo project"
