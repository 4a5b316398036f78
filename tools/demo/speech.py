"""Synthetic speech for the demo: Debian's voices (espeak-ng, flite, Festival) and sox effects.

    Voice(engine, name, rate, pitch)   one speaker setting; str(voice) is a stable id
    training_voices(), held_out_voices()
    synth(text, voice) -> torch.int16 tensor at 16 kHz mono
    tempo(audio, factor), reverb(audio, amount)     sox effects
    mix_noise(audio, noise, snr_db)                 additive noise at a signal-to-noise ratio
    pink_noise(n, gen), babble(parts)               noise sources
    write_flac(path, audio), readwav_bytes(data)

Held out from training: the CMU SLT speaker (Festival's HTS voice and flite's slt), used only by
the "unseen voice" part of the demo test set.
"""
import io
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import List

import torch

RATE = 16000

ESPEAK_ACCENTS = ["en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp", "en-gb-x-gbcwmd",
                  "en-gb-x-gbclan"]
ESPEAK_VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5",
                   "klatt", "klatt2", "klatt3", "klatt4"]
FLITE_TRAIN = ["kal", "kal16", "awb", "rms"]
FESTIVAL_TRAIN = ["kal_diphone"]
FESTIVAL_HELD_OUT = ["cmu_us_slt_arctic_hts"]
FLITE_HELD_OUT = ["slt"]


@dataclass(frozen=True)
class Voice:
    engine: str  # espeak-ng | flite | festival
    name: str
    rate: int = 0  # espeak words a minute; 0 = the voice's own
    pitch: int = 0  # espeak pitch 0..99; 0 = the voice's own

    def __str__(self) -> str:
        extra = f"@{self.rate}/{self.pitch}" if self.engine == "espeak-ng" else ""
        return f"{self.engine}:{self.name}{extra}"


def training_voices(rng) -> List[Voice]:
    """A voice list to draw training speakers from: every espeak accent x variant (with a random
    rate and pitch each time it is drawn, see draw_voice), plus the flite and Festival voices."""
    voices = [Voice("espeak-ng", f"{a}+{v}") for a in ESPEAK_ACCENTS for v in ESPEAK_VARIANTS]
    voices += [Voice("flite", n) for n in FLITE_TRAIN] * 12
    voices += [Voice("festival", n) for n in FESTIVAL_TRAIN] * 12
    return voices


def draw_voice(rng, voices: List[Voice], rate=(140, 200)) -> Voice:
    v = rng.choice(voices)
    if v.engine == "espeak-ng":
        return Voice(v.engine, v.name, rng.randint(*rate), rng.randint(30, 70))
    return v


def held_out_voices() -> List[Voice]:
    return ([Voice("festival", n) for n in FESTIVAL_HELD_OUT]
            + [Voice("flite", n) for n in FLITE_HELD_OUT])


def readwav_bytes(data: bytes) -> torch.Tensor:
    with wave.open(io.BytesIO(data)) as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1 or w.getframerate() != RATE:
            raise ValueError("expected 16-bit mono 16 kHz WAV")
        raw = w.readframes(w.getnframes())
    return torch.frombuffer(bytearray(raw), dtype=torch.int16).clone()


def _sox(data: bytes, effects: List[str], in_type: str = "wav") -> bytes:
    cmd = ["sox", "-t", in_type, "-", "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed",
           "-t", "wav", "-"] + effects
    return subprocess.run(cmd, input=data, capture_output=True, check=True).stdout


def wav_bytes(audio: torch.Tensor) -> bytes:
    """16 kHz mono int16 audio as a WAV file in memory."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(audio.to(torch.int16).numpy().tobytes())
    return buf.getvalue()


def synth(text: str, voice: Voice) -> torch.Tensor:
    """Speak `text` with `voice`; 16 kHz mono int16. Raises CalledProcessError on failure."""
    if voice.engine == "espeak-ng":
        cmd = ["espeak-ng", "-v", voice.name, "--stdout"]
        if voice.rate:
            cmd += ["-s", str(voice.rate)]
        if voice.pitch:
            cmd += ["-p", str(voice.pitch)]
        raw = subprocess.run(cmd + [text], capture_output=True, check=True).stdout
    elif voice.engine == "flite":
        raw = subprocess.run(["flite", "-voice", voice.name, "-t", text, "-o", "/dev/stdout"],
                             capture_output=True, check=True).stdout
    elif voice.engine == "festival":
        with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:  # text2wave seeks its output
            subprocess.run(["text2wave", "-eval", f"(voice_{voice.name})", "-o", tmp.name],
                           input=text.encode(), capture_output=True, check=True)
            raw = Path(tmp.name).read_bytes()
    else:
        raise ValueError(f"unknown speech engine {voice.engine}")
    # Normalise the level: voices differ by 20 dB; peak at -3 dBFS.
    return readwav_bytes(_sox(raw, ["gain", "-n", "-3"]))


def tempo(audio: torch.Tensor, factor: float) -> torch.Tensor:
    """Faster or slower speech without a pitch change (sox tempo)."""
    return readwav_bytes(_sox(wav_bytes(audio), ["tempo", "-s", f"{factor:.3f}"]))


def reverb(audio: torch.Tensor, amount: int = 50, room: int = 80) -> torch.Tensor:
    """sox's reverberation, wet only mixed with the dry signal, back to the input length."""
    out = readwav_bytes(_sox(wav_bytes(audio), ["reverb", str(amount), "50", str(room),
                                                 "gain", "-n", "-3"]))
    return out[: audio.numel() + RATE // 4]


def pink_noise(n: int, gen: torch.Generator) -> torch.Tensor:
    """Approximately 1/f noise: white noise shaped in the frequency domain, unit RMS."""
    white = torch.randn(n, generator=gen)
    spec = torch.fft.rfft(white)
    f = torch.arange(spec.numel(), dtype=torch.float32).clamp(min=1.0)
    pink = torch.fft.irfft(spec / f.sqrt(), n=n)
    return pink / pink.pow(2).mean().sqrt().clamp(min=1e-9)


def babble(parts: List[torch.Tensor], n: int) -> torch.Tensor:
    """Several talkers at once, tiled to n samples, unit RMS."""
    out = torch.zeros(n)
    for p in parts:
        x = p.float()
        reps = n // max(1, x.numel()) + 1
        out += x.repeat(reps)[:n]
    return out / out.pow(2).mean().sqrt().clamp(min=1e-9)


def mix_noise(audio: torch.Tensor, noise: torch.Tensor, snr_db: float) -> torch.Tensor:
    """audio (int16) + noise scaled to `snr_db` below the speech's RMS; int16, clipped."""
    x = audio.float()
    speech_rms = x.pow(2).mean().sqrt().clamp(min=1.0)
    n = noise[: x.numel()].float()
    n = n / n.pow(2).mean().sqrt().clamp(min=1e-9)
    y = x + n * speech_rms / (10.0 ** (snr_db / 20.0))
    peak = y.abs().max().clamp(min=1.0)
    if peak > 32000:
        y = y * (32000 / peak)
    return y.round().to(torch.int16)


def write_flac(path: Path, audio: torch.Tensor) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["sox", "-t", "wav", "-", str(path)], input=wav_bytes(audio), check=True,
                   capture_output=True)
