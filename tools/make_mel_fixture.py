#!/usr/bin/python3
"""Make test signals and the Whisper log-mel that the Python reference computes for each.

Used by tests/core/tst_log_mel.cpp: core's C++ front end (core/torch/log_mel.cpp) must
reproduce these values within 1e-4 and the filterbanks within 1e-6. Deterministic (fixed seeds).

    make_mel_fixture.py OUT_DIR

writes into OUT_DIR, all raw little-endian float32 with no header:
    <signal>.f32             16 kHz mono samples
    <signal>.mel80.f32       log_mel_spectrogram(pad_or_trim(samples), 80), [80, 3000] row-major
    <signal>.mel128.f32      the same with 128 bins, [128, 3000]
    filters80.f32            mel_filters(80), [80, 201];  filters128.f32: [128, 201]
and last mel_fixture.json, the index (names, sample counts, files, shapes).

Signals: 1 s of silence, a 5 s linear chirp from 50 Hz to 7950 Hz, white noise at two levels,
a 1.3 s harmonic clip (shorter than a window: zero-padded to 30 s), and a 31 s clip (longer
than a window: the front end keeps only its first 30 s, as Whisper's pad_or_trim does; cutting
long audio into 30-second windows is the engine's job). Its last second is a loud tone, so a
front end that does not trim shows it.

Before writing, the filterbank is checked against what is published about it (the script fails
if any check fails):
  - Slaney's mel scale: 200/3 Hz per mel below 1 kHz (1 kHz = mel 15), 27 mels per factor 6.4
    above (6.4 kHz = mel 42); band edges from 0 Hz to 8000 Hz (Nyquist), equally spaced in mel;
  - filter i is non-zero only strictly between edges i and i + 2 and peaks at one of the two
    FFT bins (40 Hz apart) around its centre, edge i + 1;
  - Slaney area normalisation: the triangle through each row's values has height 2 / (hi - lo),
    i.e. unit area over frequency; rows spanning 10 bins or more sum to 1/40 per Hz within 3%;
  - values of Whisper's published mel_filters.npz (librosa.filters.mel(sr=16000, n_fft=400,
    n_mels=80 or 128)) as printed in public sources: spot entries, the number of non-zero
    entries (391 and 394) and the sums (1.999024 and 3.1909855).
The whole front end is checked too: for one second of 440 Hz + 1000 Hz tones, padded to 30 s,
23 published 80-bin values computed with librosa's filterbank and STFT (center=True, reflect,
periodic Hann) and Whisper's log10, clamp and scale must agree within 1e-5 (they agree within
6e-7; a symmetric Hann window alone would move them by up to 0.48).
"""
import array
import json
import math
import sys
from pathlib import Path

import torch

sys.dont_write_bytecode = True  # the build runs this from the source tree: leave no __pycache__ there
sys.path.insert(0, str(Path(__file__).resolve().parent))
from whisper import audio  # noqa: E402  (tools/ is not a package)

# Entries of Whisper's mel_filters.npz (= librosa's filterbank) as printed in public sources
# (tables and tests of Whisper ports): (row, FFT bin, value).
_PUBLISHED = {
    80: {"entries": [(0, 1, 0.02486259490251541), (1, 2, 0.022871771827340126),
                     (69, 131, 0.00487553421407938), (79, 190, 0.0022320549469441175),
                     (79, 192, 0.0031647118739783764), (79, 199, 0.0004487590049393475)],
         "nonzero": 391, "sum": 1.999024},
    128: {"entries": [(0, 1, 0.012373986653983593), (1, 1, 0.030392564833164215),
                      (10, 6, 0.011289183981716633), (127, 195, 0.005041601601988077)],
          "nonzero": 394, "sum": 3.1909855},
}


SHORT_WINDOW = 6 * 16000


def _fail(message: str) -> None:
    raise SystemExit(f"make_mel_fixture.py: filterbank check failed: {message}")


def check_filterbank(n_mels: int, filters: torch.Tensor) -> None:
    """Check the filterbank against the published facts listed in the module docstring."""
    n_bins = audio.N_FFT // 2 + 1
    bin_hz = audio.SAMPLE_RATE / audio.N_FFT
    if abs(audio.hz_to_mel(1000.0) - 15.0) > 1e-12 or abs(audio.hz_to_mel(6400.0) - 42.0) > 1e-12:
        _fail("Slaney mel scale anchors (1 kHz = 15, 6.4 kHz = 42)")
    if abs(audio.hz_to_mel(500.0) - 7.5) > 1e-12 or abs(audio.mel_to_hz(audio.hz_to_mel(3000.0)) - 3000.0) > 1e-9:
        _fail("Slaney mel scale (linear part, round trip)")
    if filters.shape != (n_mels, n_bins) or filters.dtype != torch.float32:
        _fail(f"shape {list(filters.shape)} {filters.dtype}")
    if (filters < 0).any():
        _fail("negative weight")
    edges = audio.mel_band_edges(n_mels)
    if edges[0] != 0.0 or abs(edges[-1] - audio.SAMPLE_RATE / 2) > 1e-9:
        _fail(f"band edges {edges[0]}..{edges[-1]} Hz, expected 0..8000")
    values = filters.double()
    for i in range(n_mels):
        lo, centre, hi = edges[i], edges[i + 1], edges[i + 2]
        row = values[i]
        for k in range(n_bins):
            inside = lo < k * bin_hz < hi
            if (row[k] != 0) != inside:
                _fail(f"row {i} bin {k} ({k * bin_hz} Hz) outside ({lo:.3f}, {hi:.3f}) Hz or zero inside")
        peak = int(row.argmax())
        if peak not in (math.floor(centre / bin_hz), math.ceil(centre / bin_hz)):
            _fail(f"row {i} peaks at bin {peak}, centre is {centre:.3f} Hz")
        f = peak * bin_hz
        shape = min((f - lo) / (centre - lo), (hi - f) / (hi - centre))
        height = float(row[peak]) / shape
        if abs(height - 2.0 / (hi - lo)) > 1e-6 * height:
            _fail(f"row {i} height {height}, Slaney normalisation says {2.0 / (hi - lo)}")
        if hi - lo >= 10 * bin_hz and abs(float(row.sum()) * bin_hz - 1.0) > 0.03:
            _fail(f"row {i} area {float(row.sum()) * bin_hz}, expected about 1")
    published = _PUBLISHED[n_mels]
    for i, k, value in published["entries"]:
        if abs(float(values[i, k]) - value) > 1e-9:
            _fail(f"[{i}, {k}] = {float(values[i, k])!r}, published {value!r}")
    if int((filters != 0).sum()) != published["nonzero"]:
        _fail(f"{int((filters != 0).sum())} non-zero entries, published {published['nonzero']}")
    if abs(float(values.sum()) - published["sum"]) > 1e-6:
        _fail(f"sum {float(values.sum())}, published {published['sum']}")


# Published librosa-based 80-bin log-mel of the two-tone second: (mel bin, frame, value).
_TWO_TONE_POINTS = [
    (0, 0, 1.0255200862884521), (0, 50, -0.5617961883544922), (0, 99, 0.36268895864486694),
    (0, 100, 0.8750050663948059), (0, 101, 0.36268895864486694), (0, 2999, -0.5617961883544922),
    (3, 0, 1.046639084815979), (3, 100, 0.8961241245269775), (10, 0, 1.345945954322815),
    (10, 50, 1.3487379550933838), (10, 99, 1.3496463298797607), (10, 100, 1.272093415260315),
    (10, 101, 0.3800355792045593), (10, 150, -0.5617961883544922), (20, 0, 0.5353192090988159),
    (20, 99, 0.1999397873878479), (20, 100, 0.3848041892051697), (40, 0, 0.6249067783355713),
    (40, 99, -0.03366267681121826), (40, 100, 0.47439175844192505), (79, 0, 0.08437436819076538),
    (79, 99, -0.5617961883544922), (79, 100, -0.06614065170288086),
]


def check_log_mel() -> None:
    """The whole front end against the published two-tone values (see the module docstring)."""
    n = torch.arange(audio.SAMPLE_RATE, dtype=torch.float64)
    tones = 0.5 * torch.sin(2 * math.pi * 440 * n / audio.SAMPLE_RATE) \
        + 0.25 * torch.sin(2 * math.pi * 1000 * n / audio.SAMPLE_RATE)
    mel = audio.log_mel_spectrogram(audio.pad_or_trim(tones.float()), 80)
    if list(mel.shape) != [80, audio.N_FRAMES]:
        raise SystemExit(f"make_mel_fixture.py: log-mel check failed: shape {list(mel.shape)}")
    for b, frame, value in _TWO_TONE_POINTS:
        if abs(float(mel[b, frame]) - value) > 1e-5:
            raise SystemExit(f"make_mel_fixture.py: log-mel check failed: [{b}, {frame}] = "
                             f"{float(mel[b, frame])!r}, published {value!r}")


def make_signals() -> dict:
    sr = audio.SAMPLE_RATE
    generator = torch.Generator().manual_seed(20261122)
    signals = {"silence": torch.zeros(sr)}

    t = torch.arange(5 * sr, dtype=torch.float64) / sr
    f0, f1, duration = 50.0, 7950.0, 5.0
    signals["chirp"] = (0.5 * torch.sin(2 * math.pi * (f0 * t + (f1 - f0) * t * t / (2 * duration)))).float()

    signals["noise_loud"] = 0.3 * torch.randn(3 * sr, generator=generator)
    signals["noise_quiet"] = 1e-4 * torch.randn(3 * sr, generator=generator)

    # A vowel-like clip: 130 Hz harmonics shaped by three formants, with 50 ms fades.
    t = torch.arange(int(1.3 * sr), dtype=torch.float64) / sr
    clip = torch.zeros_like(t)
    for h in range(1, 40):
        f = 130.0 * h
        gain = sum(math.exp(-((f - fc) / bw) ** 2) for fc, bw in ((700, 130), (1220, 170), (2600, 250)))
        clip += (0.02 + gain) * torch.sin(2 * math.pi * f * t + 0.3 * h)
    fade = torch.clamp(torch.minimum(t, t[-1] - t) / 0.05, max=1.0)
    signals["clip_1p3s"] = (0.1 * clip * fade).float()

    # 31 s: a tone that steps up every second plus faint noise, then a loud last second.
    t = torch.arange(31 * sr, dtype=torch.float64) / sr
    step_hz = 200.0 + 100.0 * torch.floor(t)
    phase = 2 * math.pi * torch.cumsum(step_hz, dim=0) / sr
    long_clip = 0.2 * torch.sin(phase) + 0.01 * torch.randn(t.shape, generator=generator, dtype=torch.float64)
    last = t >= 30.0
    long_clip[last] = 0.9 * torch.sin(2 * math.pi * 5000.0 * t[last])
    signals["long_31s"] = long_clip.float()
    return signals


def write_f32(path: Path, tensor: torch.Tensor) -> None:
    """Raw little-endian float32, row-major (no numpy needed)."""
    values = array.array("f", tensor.detach().to(torch.float32).flatten().tolist())
    if sys.byteorder != "little":
        values.byteswap()
    path.write_bytes(values.tobytes())


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)

    index = {"torch_version": torch.__version__, "sample_rate": audio.SAMPLE_RATE,
             "n_samples": audio.N_SAMPLES, "n_frames": audio.N_FRAMES,
             "filters": {}, "signals": []}
    for n_mels in audio.SUPPORTED_N_MELS:
        filters = audio.mel_filters(n_mels)
        check_filterbank(n_mels, filters)
        name = f"filters{n_mels}.f32"
        write_f32(out / name, filters)
        index["filters"][str(n_mels)] = {"file": name, "shape": list(filters.shape)}

    check_log_mel()

    for name, samples in make_signals().items():
        write_f32(out / f"{name}.f32", samples)
        # Without pad_or_trim the front end gives samples // 160 frames.
        unpadded_frames = audio.log_mel_spectrogram(samples).shape[-1]
        assert unpadded_frames == samples.numel() // audio.HOP_LENGTH, (name, unpadded_frames)
        entry = {"name": name, "file": f"{name}.f32", "samples": samples.numel(),
                 "unpadded_frames": unpadded_frames, "mel": {}}
        for n_mels in audio.SUPPORTED_N_MELS:
            mel = audio.log_mel_spectrogram(audio.pad_or_trim(samples), n_mels)
            mel_name = f"{name}.mel{n_mels}.f32"
            write_f32(out / mel_name, mel)
            entry["mel"][str(n_mels)] = {"file": mel_name, "shape": list(mel.shape)}
        # A model with a shorter window (n_audio_ctx 300: 6 s, 600 frames, as the demo model).
        short = audio.log_mel_spectrogram(audio.pad_or_trim(samples, SHORT_WINDOW), 80)
        write_f32(out / f"{name}.mel80.6s.f32", short)
        entry["mel_6s"] = {"samples": SHORT_WINDOW, "file": f"{name}.mel80.6s.f32",
                           "shape": list(short.shape)}
        index["signals"].append(entry)

    # The index goes last: its presence means every file it names is complete.
    (out / "mel_fixture.json").write_text(json.dumps(index, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
