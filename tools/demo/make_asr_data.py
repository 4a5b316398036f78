"""Make the demo ASR audio: the committed test set and the (uncommitted) training set.

    python3 -m demo.make_asr_data test  OUT_DIR  [--count 120]     (run from tools/)
    python3 -m demo.make_asr_data train OUT_FILE [--count 12000] [--jobs 2] [--seed 7]

test: OUT_DIR/clean.json and OUT_DIR/hard.json (NeMo manifests: audio_filepath relative to the
manifest, duration, text, speaker = the voice, condition) with FLAC audio under OUT_DIR/audio/.
The clean part uses training voices at ordinary rates; the hard part is a quarter each of
pink or babble noise at 0-10 dB SNR, reverberation, fast speech (sox tempo 1.4-1.6) and a voice
never used in training (CMU SLT through Festival's HTS voice and flite).

train: a torch file {"texts", "voices", "audio" (int16 tensors)} of sentences that never occur in
the test set, from the training voices, with tempo perturbation (0.85-1.25) on a fifth and
reverberation on a tenth of them. Noise is mixed in during training, not here.

Every choice comes from seeded generators: the same command gives the same files.
"""
import argparse
import json
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import torch

from . import grammar, speech

TEST_SEED = 20261122
TRAIN_SEED = 7
MAX_SECONDS = 5.6  # the demo model's windows are 6 s; keep room for the leading pause
TEST_POOL = 1000  # test sentences drawn for the test set, all banned from training
CONDITIONS = ["noise", "reverb", "fast", "unseen-voice"]


def test_sentences(count: int) -> list:
    rng = random.Random(TEST_SEED)
    seen, out = set(), []
    while len(out) < count:
        s = grammar.sentence(rng)
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def lead_in(audio: torch.Tensor, rng: random.Random) -> torch.Tensor:
    """A short random pause before the speech, as a recording would have."""
    return torch.cat([torch.zeros(int(rng.uniform(0.05, 0.3) * speech.RATE), dtype=torch.int16),
                      audio])


def _speak_fitting(rng, text_source, voices, rate=(140, 200)):
    """Draw sentences until one fits the window with the drawn voice."""
    while True:
        text = text_source()
        voice = speech.draw_voice(rng, voices, rate)
        audio = speech.synth(text, voice)
        if audio.numel() <= MAX_SECONDS * speech.RATE:
            return text, voice, audio


def make_test(out: Path, count: int) -> None:
    rng = random.Random(TEST_SEED + 1)
    gen = torch.Generator().manual_seed(TEST_SEED)
    texts = test_sentences(TEST_POOL)
    pool = iter(texts)
    voices = speech.training_voices(rng)
    babble_parts = [speech.synth(grammar.sentence(random.Random(i)), speech.Voice(
        "espeak-ng", f"en-us+{v}", 160, 50)) for i, v in enumerate(["m1", "f2", "m3", "f4"])]
    rows = {"clean": [], "hard": []}
    for part in ("clean", "hard"):
        for i in range(count):
            condition = "clean" if part == "clean" else CONDITIONS[i % len(CONDITIONS)]
            if condition == "unseen-voice":
                text, voice, audio = _speak_fitting(rng, lambda: next(pool),
                                                    speech.held_out_voices())
            else:
                text, voice, audio = _speak_fitting(rng, lambda: next(pool), voices)
            if condition == "fast":
                audio = speech.tempo(audio, rng.uniform(1.4, 1.6))
            elif condition == "reverb":
                audio = speech.reverb(audio, rng.randint(60, 90), rng.randint(70, 100))
            audio = lead_in(audio, rng)
            if condition == "noise":
                noise = (speech.pink_noise(audio.numel(), gen) if i % 8 < 4
                         else speech.babble(babble_parts, audio.numel()))
                audio = speech.mix_noise(audio, noise, rng.uniform(0.0, 10.0))
            name = f"{part}-{i:03d}"
            speech.write_flac(out / "audio" / part / f"{name}.flac", audio)
            rows[part].append({"audio_filepath": f"audio/{part}/{name}.flac",
                               "duration": round(audio.numel() / speech.RATE, 4),
                               "text": text, "speaker": str(voice), "condition": condition})
    for part, items in rows.items():
        with open(out / f"{part}.json", "w", encoding="utf-8") as f:
            for row in items:
                f.write(json.dumps(row) + "\n")
    print(f"wrote {sum(len(r) for r in rows.values())} utterances to {out}")


def _train_chunk(args):
    seed, count, banned = args
    rng = random.Random(seed)
    voices = speech.training_voices(rng)
    texts, names, audio = [], [], []
    while len(texts) < count:
        text, voice, a = _speak_fitting(rng, lambda: grammar.sentence(rng), voices,
                                        rate=(130, 210))
        if text in banned:
            continue
        r = rng.random()
        if r < 0.2:
            a = speech.tempo(a, rng.uniform(0.85, 1.25))
        elif r < 0.3:
            a = speech.reverb(a, rng.randint(20, 80), rng.randint(40, 100))
        a = lead_in(a, rng)
        if a.numel() > 5.9 * speech.RATE:
            continue
        texts.append(text)
        names.append(str(voice))
        audio.append(a)
    return texts, names, audio


def make_train(out: Path, count: int, jobs: int, seed: int = TRAIN_SEED) -> None:
    banned = set(test_sentences(TEST_POOL))
    chunks = [(seed * 1000 + i, count // 16 + (1 if i < count % 16 else 0), banned)
              for i in range(16)]
    texts, names, audio = [], [], []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for t, n, a in pool.map(_train_chunk, chunks):
            texts += t
            names += n
            audio += a
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"texts": texts, "voices": names, "audio": audio}, out)
    hours = sum(a.numel() for a in audio) / speech.RATE / 3600
    print(f"wrote {len(texts)} training utterances ({hours:.2f} h) to {out}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("what", choices=["test", "train"])
    p.add_argument("out", type=Path)
    p.add_argument("--count", type=int)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--seed", type=int, default=TRAIN_SEED,
                   help="training set only: another seed gives other sentences and voices")
    a = p.parse_args(argv)
    if a.what == "test":
        a.out.mkdir(parents=True, exist_ok=True)
        make_test(a.out, a.count or 120)
    else:
        make_train(a.out, a.count or 12000, a.jobs, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
