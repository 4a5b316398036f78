"""Shared pieces of the keyword-spotting demo: words, labels, and the audio operations that both
the data script (make_kws_data.py) and the training script (train_kws.py) use.

Audio here is float32 in [-1, 1] at 16 kHz unless a name says int16. Every random choice takes a
seeded random.Random or torch.Generator from the caller.
"""
import math
import random
import subprocess
from typing import List, Sequence

import torch

from . import speech

RATE = 16000
CLIP = RATE  # 1-second clips, as in Speech Commands
KEYWORD = "sheila"
LABELS = ["sheila", "other", "background"]  # class order of every model's logits
KEYWORD_INDEX = 0

# Words of the "other" class used for training (and in the test set and stream). Half are
# neighbours of "sheila" in sound (she-, -ila, -eela, sh-), half are ordinary command words.
CONFUSABLE_WORDS = ["she", "shell", "shelter", "sheet", "shield", "shelf", "tequila",
                    "leila", "delia", "celia", "sheldon", "shilling", "chiller", "healer",
                    "feeler", "sealer", "shy", "shine", "she'll", "cheetah", "villa", "gorilla",
                    "vanilla"]
COMMON_WORDS = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go", "zero",
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "bed",
                "bird", "cat", "dog", "happy", "house", "marvin", "tree", "wow", "follow",
                "learn", "forward", "backward", "visual", "hello", "water", "table", "window"]
# Never in training: the test set and the stream use them to measure false alarms on words a
# model has not heard.
UNSEEN_WORDS = ["sheep", "sheena", "shelby", "lila", "banana", "shirley", "camilla"]
TRAIN_WORDS = CONFUSABLE_WORDS + COMMON_WORDS
assert KEYWORD not in TRAIN_WORDS + UNSEEN_WORDS

NOISE_KINDS = ["white", "pink", "brown", "babble", "hum"]
STORAGE_STEP = 32  # committed audio keeps 11 significant bits (see quantize_for_storage)


def sox_effects(audio16: torch.Tensor, effects: List[str]) -> torch.Tensor:
    """int16 16 kHz audio through sox effects, back at 16 kHz (sox resamples after `speed`)."""
    out = subprocess.run(["sox", "-t", "wav", "-", "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed",
                          "-t", "raw", "-"] + effects, input=speech.wav_bytes(audio16), capture_output=True,
                         check=True).stdout
    return torch.frombuffer(bytearray(out), dtype=torch.int16).clone()


def speed(x: torch.Tensor, factor: float) -> torch.Tensor:
    """x played `factor` times faster (pitch, formants and duration together), by linear
    interpolation; for the small factors of training-time perturbation."""
    n = max(2, int(round(x.numel() / factor)))
    return torch.nn.functional.interpolate(x.view(1, 1, -1), size=n, mode="linear",
                                           align_corners=False).view(-1)


def to_float(audio16: torch.Tensor) -> torch.Tensor:
    return audio16.float() / 32768.0


def quantize_for_storage(x: torch.Tensor) -> torch.Tensor:
    """float -> int16 rounded to multiples of STORAGE_STEP (32): 11 significant bits, rounding
    noise about -71 dBFS, far below any signal here. FLAC stores the 5 constant low bits of each
    block once ("wasted bits"), which makes the committed audio about a third smaller."""
    q = torch.round(x.clamp(-1.0, 1.0) * (32768.0 / STORAGE_STEP)) * STORAGE_STEP
    return q.clamp(-32768, 32767 - STORAGE_STEP + 1).to(torch.int16)


def quantize_like_storage(x: torch.Tensor) -> torch.Tensor:
    """The same rounding, staying in float (training sees stored-like audio too)."""
    return quantize_for_storage(x).float() / 32768.0


def rms(x: torch.Tensor) -> torch.Tensor:
    return x.pow(2).mean().sqrt()


def db(value: float) -> float:
    return 10.0 ** (value / 20.0)


def trim_silence(audio16: torch.Tensor, rel_db: float = -40.0) -> torch.Tensor:
    """Cut the synthesizers' leading and trailing silence: keep from 20 ms before the first to
    20 ms after the last 10 ms frame whose energy is within rel_db of the loudest frame."""
    x = audio16.float()
    hop = RATE // 100
    n = x.numel() // hop
    if n == 0:
        return audio16
    energy = x[: n * hop].view(n, hop).pow(2).mean(1)
    loud = torch.nonzero(energy > energy.max() * 10.0 ** (rel_db / 10.0)).flatten()
    start = max(0, int(loud[0]) - 2) * hop
    end = min(x.numel(), (int(loud[-1]) + 3) * hop)
    return audio16[start:end].clone()


def noise(kind: str, n: int, gen: torch.Generator, words: Sequence[torch.Tensor] = ()) -> torch.Tensor:
    """n samples of a background, unit RMS. babble: 4 to 7 of `words` (float) at random places
    and levels, looped; hum: mains hum (50 or 60 Hz with harmonics) over faint white noise."""
    if kind == "white":
        out = torch.randn(n, generator=gen)
    elif kind == "pink" or kind == "brown":
        spec = torch.fft.rfft(torch.randn(n, generator=gen))
        f = torch.arange(spec.numel(), dtype=torch.float32).clamp(min=1.0)
        out = torch.fft.irfft(spec / (f.sqrt() if kind == "pink" else f), n=n)
    elif kind == "babble":
        out = torch.zeros(n)
        talkers = int(torch.randint(4, 8, (1,), generator=gen))
        for _ in range(talkers):
            w = words[int(torch.randint(0, len(words), (1,), generator=gen))]
            gap = int(torch.randint(0, RATE // 4, (1,), generator=gen))
            unit = torch.cat([w, torch.zeros(gap)])
            shift = int(torch.randint(0, unit.numel(), (1,), generator=gen))
            loop = unit.roll(shift).repeat(n // unit.numel() + 1)[:n]
            out += loop * float(torch.empty(1).uniform_(0.5, 1.0, generator=gen))
    elif kind == "hum":
        t = torch.arange(n, dtype=torch.float32) / RATE
        base = 50.0 if float(torch.rand(1, generator=gen)) < 0.5 else 60.0
        phase = float(torch.rand(1, generator=gen)) * 2 * math.pi
        out = sum(torch.sin(2 * math.pi * base * h * t + phase * h) / h for h in (1, 2, 3, 5))
        out = out + 0.05 * torch.randn(n, generator=gen)
    else:
        raise ValueError(f"unknown noise kind {kind}")
    return out / rms(out).clamp(min=1e-9)


def background_clip(rng: random.Random, gen: torch.Generator, n: int,
                    words: Sequence[torch.Tensor]) -> (torch.Tensor, str):
    """A background-class clip: one noise kind at -60 to -15 dBFS RMS, or (one in eight)
    near-silence (digital zero or -75 dBFS white noise)."""
    if rng.random() < 0.125:
        level = 0.0 if rng.random() < 0.5 else db(-75.0)
        return torch.randn(n, generator=gen) * level, "silence"
    kind = rng.choice(NOISE_KINDS)
    return noise(kind, n, gen, words) * db(rng.uniform(-60.0, -15.0)), kind


def place(word: torch.Tensor, n: int, offset: int) -> torch.Tensor:
    """`word` at sample `offset` of n zeros; parts outside [0, n) are cut."""
    out = torch.zeros(n)
    a, b = max(0, offset), min(n, offset + word.numel())
    if b > a:
        out[a:b] = word[a - offset:b - offset]
    return out


def add_noise(x: torch.Tensor, bg: torch.Tensor, snr_db: float) -> torch.Tensor:
    """x plus unit-RMS bg scaled to snr_db below x's active (non-zero-region) RMS."""
    active = x[x.abs() > 1e-4]
    level = rms(active) if active.numel() > 0 else torch.tensor(0.01)
    return x + bg[: x.numel()] * level / db(snr_db)


def keyword_offsets(word_len: int, n: int, rng: random.Random) -> int:
    """Where a keyword goes in a clip: entirely inside, anywhere."""
    return rng.randint(0, max(0, n - word_len))


def other_offsets(word_len: int, n: int, rng: random.Random) -> int:
    """Where an other-class word goes: mostly inside, up to 30% of it may hang out either side."""
    slack = int(0.3 * word_len)
    return rng.randint(-slack, max(-slack, n - word_len + slack))


def normalize_peak(x: torch.Tensor, peak_db: float) -> torch.Tensor:
    return x * (db(peak_db) / x.abs().max().clamp(min=1e-9))


def crop(x: torch.Tensor, n: int, rng: random.Random) -> torch.Tensor:
    if x.numel() <= n:
        return place(x, n, rng.randint(0, n - x.numel()))
    start = rng.randint(0, x.numel() - n)
    return x[start:start + n].clone()


def words_of(texts: List[str]) -> List[str]:
    return sorted({w for t in texts for w in t.split()})
