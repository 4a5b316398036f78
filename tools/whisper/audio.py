"""Whisper's log-mel front end: the Python reference for core/torch/log_mel.cpp.

Conventions (Whisper's published ones): 16 kHz mono float32 audio, a 400-point STFT with a
periodic Hann window, hop 160, centred frames (reflect padding), power spectrum, a Slaney-style
mel filterbank with Slaney area normalisation (what librosa.filters.mel(sr=16000, n_fft=400,
n_mels=n) computes with htk=False, norm='slaney'), log10 with a floor, a dynamic range of 8
decades below the loudest value, then (x + 4) / 4.

Frame counts. log_mel_spectrogram(audio, padding=p) on L samples gives (L + p) // 160 frames:
the centred STFT has 1 + (L + p) // 160 frames and the last one is dropped, as Whisper does.
torch's reflect padding needs L + p > 200 (more samples than half a window).
The engine always calls log_mel_spectrogram(pad_or_trim(audio)): L = N_SAMPLES = 480000, so
exactly N_FRAMES = 3000 frames (30 s, 100 frames a second) whatever the input length; a shorter
input is zero-padded at the end, a longer one is cut to its first 30 s (splitting long audio into
30-second windows is the engine's job, not the front end's).

Runs on torch 1.13 (Debian's python3-torch) and torch 2.x; needs nothing but torch.
"""
import math
from array import array
from functools import lru_cache

import torch
import torch.nn.functional as F

SAMPLE_RATE = 16000
N_FFT = 400
HOP_LENGTH = 160
CHUNK_LENGTH = 30
N_SAMPLES = CHUNK_LENGTH * SAMPLE_RATE  # 480000
N_FRAMES = N_SAMPLES // HOP_LENGTH  # 3000

SUPPORTED_N_MELS = (80, 128)

# The Slaney mel scale (Auditory Toolbox): linear below 1 kHz at 200/3 Hz per mel, so 1 kHz is
# mel 15; logarithmic above, 27 mels for every factor of 6.4 in frequency.
_LINEAR_HZ_PER_MEL = 200.0 / 3.0
_BREAK_HZ = 1000.0
_BREAK_MEL = _BREAK_HZ / _LINEAR_HZ_PER_MEL  # 15
_LOG_HZ_PER_MEL = math.log(6.4) / 27.0


def hz_to_mel(hz: float) -> float:
    """Slaney mel of a frequency in Hz."""
    if hz < _BREAK_HZ:
        return hz / _LINEAR_HZ_PER_MEL
    return _BREAK_MEL + math.log(hz / _BREAK_HZ) / _LOG_HZ_PER_MEL


def mel_to_hz(mel: float) -> float:
    """Frequency in Hz of a Slaney mel (inverse of hz_to_mel)."""
    if mel < _BREAK_MEL:
        return mel * _LINEAR_HZ_PER_MEL
    return _BREAK_HZ * math.exp(_LOG_HZ_PER_MEL * (mel - _BREAK_MEL))


def mel_band_edges(n_mels: int) -> list:
    """The n_mels + 2 edge frequencies (Hz), equally spaced in Slaney mel from 0 Hz to Nyquist.

    Filter i rises from edge i to a peak at edge i + 1 and falls to zero at edge i + 2.
    """
    top = hz_to_mel(SAMPLE_RATE / 2.0)
    step = top / (n_mels + 1)
    mels = [k * step for k in range(n_mels + 1)] + [top]
    return [mel_to_hz(m) for m in mels]


@lru_cache(maxsize=None)
def _mel_filters_cached(n_mels: int) -> torch.Tensor:
    n_bins = N_FFT // 2 + 1
    bin_hz = [SAMPLE_RATE * k / N_FFT for k in range(n_bins)]  # 0, 40, ..., 8000 Hz
    edges = mel_band_edges(n_mels)
    rows = []
    for i in range(n_mels):
        lo, centre, hi = edges[i], edges[i + 1], edges[i + 2]
        # Slaney normalisation: every triangle gets area 1 over frequency, height 2 / (hi - lo).
        scale = 2.0 / (hi - lo)
        row = []
        for f in bin_hz:
            rising = (f - lo) / (centre - lo)
            falling = (hi - f) / (hi - centre)
            weight = max(0.0, min(rising, falling))
            # The weight is stored in float32 before it is scaled, as librosa's float32 array does.
            row.append(array("f", [weight])[0] * scale)
        rows.append(row)
    return torch.tensor(rows, dtype=torch.float64).to(torch.float32)


def mel_filters(n_mels: int) -> torch.Tensor:
    """Slaney mel filterbank, float32 [n_mels, N_FFT // 2 + 1] = [n_mels, 201]."""
    if n_mels not in SUPPORTED_N_MELS:
        raise ValueError(f"unsupported n_mels {n_mels} (Whisper uses 80 or 128)")
    return _mel_filters_cached(n_mels).clone()


def pad_or_trim(audio: torch.Tensor, length: int = N_SAMPLES) -> torch.Tensor:
    """Cut the last dimension to its first `length` samples, or zero-pad it at the end to `length`."""
    n = audio.shape[-1]
    if n > length:
        return audio[..., :length]
    if n < length:
        return F.pad(audio, (0, length - n))
    return audio


def log_mel_spectrogram(audio: torch.Tensor, n_mels: int = 80, padding: int = 0) -> torch.Tensor:
    """Whisper's log-mel of 16 kHz mono samples [L] -> float32 [n_mels, (L + padding) // 160]."""
    audio = torch.as_tensor(audio, dtype=torch.float32)
    if audio.dim() != 1:
        raise ValueError(f"expected 1-D audio samples, got shape {list(audio.shape)}")
    if padding > 0:
        audio = F.pad(audio, (0, padding))
    window = torch.hann_window(N_FFT, periodic=True, dtype=torch.float32)
    stft = torch.stft(audio, N_FFT, hop_length=HOP_LENGTH, win_length=N_FFT, window=window,
                      center=True, pad_mode="reflect", normalized=False, onesided=True,
                      return_complex=True)
    power = stft[..., :-1].abs() ** 2
    mel = mel_filters(n_mels) @ power
    log_spec = torch.clamp(mel, min=1e-10).log10()
    log_spec = torch.maximum(log_spec, log_spec.max() - 8.0)
    return (log_spec + 4.0) / 4.0
