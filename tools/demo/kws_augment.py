"""Training examples for the keyword-spotting demo, built on the fly from the single utterances
that make_kws_data.py synthesized (kws-train.pt): speed, clip placement, level, noise, context
speech before the clip, and the rounding the committed audio has.

    aug = Augmenter(data, seed)           data: the "train" or "val" part of kws-train.pt
    x, y = aug.batch(64, prefix)          x [64, prefix + 16000] float32, y [64] class indices
    x, y = aug.fixed_clips(600)           the same distribution, no prefix (for accuracy)
    audio, keywords = aug.stream(120.0)   a stream with (start, end) of every keyword
"""
import random
from typing import List, Tuple

import torch

from . import kws_audio as ka

CLASS_WEIGHTS = [0.3, 0.5, 0.2]  # how often a training example is keyword / other / background


class Augmenter:
    def __init__(self, data: dict, seed: int, bank_size: int = 48):
        self.rng = random.Random(seed)
        self.gen = torch.Generator().manual_seed(seed)
        self.keyword = [ka.to_float(a) for a in data["keyword"]]
        self.other = [ka.to_float(a) for a in data["other"]]
        self.sentences = [ka.to_float(a) for a in data["sentences"]]
        # Noise is cut from a bank of 3-second buffers (making it afresh for every example
        # would cost more than the model's step).
        self.bank = {k: [ka.noise(k, 3 * ka.RATE, self.gen, self.other) for _ in range(bank_size)]
                     for k in ka.NOISE_KINDS}

    def noise(self, n: int) -> torch.Tensor:
        buf = self.rng.choice(self.bank[self.rng.choice(ka.NOISE_KINDS)])
        if n > buf.numel():
            buf = buf.repeat(n // buf.numel() + 1)
        start = self.rng.randint(0, buf.numel() - n)
        return buf[start:start + n]

    def level(self, x: torch.Tensor) -> torch.Tensor:
        """A random level; on half the utterances a speed change of up to 10% (kept only if a
        single word still fits 0.98 s), on half a spectral tilt (y[n] = x[n] - a x[n-1],
        -0.6 <= a <= 0.8: duller or brighter voices and microphones)."""
        if self.rng.random() < 0.5:
            y = ka.speed(x, self.rng.uniform(0.9, 1.1))
            if y.numel() <= 0.98 * ka.CLIP or y.numel() <= x.numel():
                x = y
        if self.rng.random() < 0.5:
            a = self.rng.uniform(-0.6, 0.8)
            x = x - a * torch.cat([x.new_zeros(1), x[:-1]])
        return ka.normalize_peak(x, self.rng.uniform(-25.0, -1.0))

    def other_speech(self, n: int) -> torch.Tensor:
        """n samples of the other class: a sentence crop, two words, or one word."""
        r = self.rng.random()
        if r < 0.25:
            return ka.crop(self.level(self.rng.choice(self.sentences)), n, self.rng)
        words = 2 if r < 0.35 else 1
        out = torch.zeros(n)
        for _ in range(words):
            w = self.level(self.rng.choice(self.other))
            out += ka.place(w, n, ka.other_offsets(w.numel(), n, self.rng))
        return out

    def keyword_speech(self, n: int) -> torch.Tensor:
        w = self.level(self.rng.choice(self.keyword))
        offset = ka.keyword_offsets(w.numel(), n, self.rng)
        out = ka.place(w, n, offset)
        if self.rng.random() < 0.25:  # another word just before or after, partly in the clip
            c = self.level(self.rng.choice(self.other))
            gap = self.rng.randint(ka.RATE // 50, ka.RATE // 4)
            at = offset - gap - c.numel() if self.rng.random() < 0.5 else offset + w.numel() + gap
            out += ka.place(c, n, at)
        return out

    def example(self, label: int, prefix: int) -> torch.Tensor:
        n = prefix + ka.CLIP
        track = torch.zeros(n)
        if prefix > 0 and self.rng.random() < 0.6:
            track[:prefix] = self.other_speech(prefix)
        if label == 0:
            track[prefix:] += self.keyword_speech(ka.CLIP)
        elif label == 1:
            track[prefix:] += self.other_speech(ka.CLIP)
        if label == 2 or track.abs().max() < 1e-4:
            r = self.rng.random()
            if r < 0.0625:  # digital silence
                return track
            level = ka.db(-75.0) if r < 0.125 else ka.db(self.rng.uniform(-60.0, -15.0))
            return track + self.noise(n) * level
        r = self.rng.random()
        if r < 0.8:
            return ka.add_noise(track, self.noise(n), self.rng.uniform(0.0, 30.0))
        if r < 0.9:
            return track + self.noise(n) * ka.db(self.rng.uniform(-75.0, -55.0))
        return track

    def finish(self, x: torch.Tensor) -> torch.Tensor:
        x = x.clamp(-1.0, 1.0)
        return ka.quantize_like_storage(x) if self.rng.random() < 0.5 else x

    def batch(self, size: int, prefix: int = 0) -> Tuple[torch.Tensor, torch.Tensor]:
        labels = self.rng.choices(range(3), weights=CLASS_WEIGHTS, k=size)
        x = torch.stack([self.finish(self.example(y, prefix)) for y in labels])
        return x, torch.tensor(labels)

    def fixed_clips(self, count: int) -> Tuple[torch.Tensor, torch.Tensor]:
        xs, ys = [], []
        for start in range(0, count, 100):
            x, y = self.batch(min(100, count - start))
            xs.append(x)
            ys.append(y)
        return torch.cat(xs), torch.cat(ys)

    def stream(self, seconds: float) -> Tuple[torch.Tensor, List[Tuple[float, float]]]:
        """Keyword, other words and sentence crops with pauses over changing noise, like the
        committed stream (make_kws_data.make_stream), for choosing a detection threshold."""
        n = int(seconds * ka.RATE)
        out = torch.zeros(n)
        keywords, t, last_end = [], 0.7, -10.0
        while True:
            r = self.rng.random()
            if r < 0.15 and t - last_end >= 2.5:
                x = self.level(self.rng.choice(self.keyword))
            elif r < 0.6:
                x = self.level(self.rng.choice(self.other))
            else:
                x = self.level(self.rng.choice(self.sentences))
            if t + x.numel() / ka.RATE > seconds - 1.0:
                break
            start = int(t * ka.RATE)
            out[start:start + x.numel()] += x
            end = (start + x.numel()) / ka.RATE
            if r < 0.15 and t - last_end >= 2.5:
                keywords.append((start / ka.RATE, end))
                last_end = end
            t = end + self.rng.uniform(0.3, 2.2)
        pos = 0
        while pos < n:
            length = min(n - pos, int(self.rng.uniform(10.0, 30.0) * ka.RATE))
            out[pos:pos + length] += self.noise(length) * ka.db(self.rng.uniform(-60.0, -40.0))
            pos += length
        return ka.quantize_like_storage(out), keywords
