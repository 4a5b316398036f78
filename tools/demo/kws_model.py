"""The keyword-spotting CRNN: log-mel front end, two causal convolutions, a GRU, attention
pooling over the last second and a classifier, written so that the same TorchScript module
classifies whole clips and runs as a stream.

Everything a C++ caller needs is inside the module (docs/MODEL-PACKAGE.md, "KWS packages"):

    forward(samples [B, N] float32 in [-1, 1], 16 kHz) -> logits [B, C]
    init_state(batch) -> state [B, S]
    stream(chunk [B, n], state [B, S]) -> (logits [B, C], new state [B, S])   n % 160 == 0

forward(x) is stream(x, init_state(B)): frames are causal (a 25 ms window ends at every 10 ms
hop; before the first sample the stream holds 15 ms of zeros), the convolutions look two frames
back, the GRU carries its hidden state, and the logits always come from attention over the
last POOL_FRAMES (100, one second) GRU outputs. So a 1-second clip yields exactly 100 frames,
and streaming a clip chunk by chunk gives forward's logits. A final part of less than one hop
(10 ms) of forward's input is ignored.

The state is one flat tensor: the audio tail (240 samples), the two convolution histories, the
GRU hidden state, and the last 100 GRU outputs with their attention energies (-1e4 marks an
empty slot).
"""
import math
from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

RATE = 16000
WIN = 400  # 25 ms
HOP = 160  # 10 ms
N_FFT = 512
N_MELS = 40
F_MIN, F_MAX = 20.0, 8000.0
POOL_FRAMES = 100
LOG_FLOOR = 1e-6
EMPTY = -1.0e4


def mel_filterbank(n_mels: int = N_MELS) -> torch.Tensor:
    """HTK-style triangular mel filters, peak 1, [N_FFT // 2 + 1, n_mels]."""
    def mel(f):
        return 2595.0 * math.log10(1.0 + f / 700.0)

    def hz(m):
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)

    edges = [hz(mel(F_MIN) + i * (mel(F_MAX) - mel(F_MIN)) / (n_mels + 1)) for i in range(n_mels + 2)]
    freqs = torch.arange(N_FFT // 2 + 1, dtype=torch.float64) * RATE / N_FFT
    fb = torch.zeros(N_FFT // 2 + 1, n_mels, dtype=torch.float64)
    for m in range(n_mels):
        lo, mid, hi = edges[m], edges[m + 1], edges[m + 2]
        up = (freqs - lo) / (mid - lo)
        down = (hi - freqs) / (hi - mid)
        fb[:, m] = torch.clamp(torch.minimum(up, down), min=0.0)
    return fb.float()


class KwsCRNN(nn.Module):
    def __init__(self, conv: Tuple[int, int] = (16, 32), gru_hidden: int = 64, gru_layers: int = 1,
                 attention: int = 32, classes: int = 3, dropout: float = 0.1):
        super().__init__()
        self.register_buffer("window", torch.hann_window(WIN, periodic=True))
        self.register_buffer("mel_fb", mel_filterbank())
        self.register_buffer("feat_mean", torch.zeros(N_MELS))
        self.register_buffer("feat_std", torch.ones(N_MELS))
        c1, c2 = conv
        self.conv1 = nn.Conv2d(1, c1, (5, 3), stride=(2, 1))
        self.bn1 = nn.BatchNorm2d(c1)
        self.conv2 = nn.Conv2d(c1, c2, (3, 3), stride=(2, 1))
        self.bn2 = nn.BatchNorm2d(c2)
        f1 = (N_MELS - 5) // 2 + 1
        f2 = (f1 - 3) // 2 + 1
        self.gru = nn.GRU(c2 * f2, gru_hidden, num_layers=gru_layers, batch_first=True)
        self.att = nn.Linear(gru_hidden, attention)
        self.att_v = nn.Linear(attention, 1, bias=False)
        self.drop = nn.Dropout(dropout)
        self.classifier = nn.Linear(gru_hidden, classes)
        # Framing constants and the state layout (see the module docstring), as attributes
        # because TorchScript does not read module globals.
        self.win, self.hop, self.n_fft, self.n_mels, self.pool = WIN, HOP, N_FFT, N_MELS, POOL_FRAMES
        self.log_floor, self.empty = LOG_FLOOR, EMPTY
        self.c1, self.f1, self.hidden, self.layers = c1, f1, gru_hidden, gru_layers
        self.tail_size = WIN - HOP
        self.hist1_size = N_MELS * 2
        self.hist2_size = c1 * f1 * 2
        self.gru_size = gru_layers * gru_hidden
        self.buf_size = POOL_FRAMES * gru_hidden
        self.state_size = (self.tail_size + self.hist1_size + self.hist2_size + self.gru_size
                           + self.buf_size + POOL_FRAMES)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """Normalized log-mel of every complete frame of x [B, M]: [B, T, self.n_mels]."""
        frames = x.unfold(1, self.win, self.hop)
        spec = torch.fft.rfft(frames * self.window, n=self.n_fft).abs().pow(2)
        logmel = torch.log(torch.matmul(spec, self.mel_fb) + self.log_floor)
        feat = (logmel - self.feat_mean) / self.feat_std
        if self.training:
            feat = self.mask_bands(feat)
        return feat

    def mask_bands(self, feat: torch.Tensor) -> torch.Tensor:
        """Training only (SpecAugment's frequency masks): two bands of 0 to 6 mel bins per
        example set to the mean."""
        bins = torch.arange(self.n_mels, device=feat.device).view(1, 1, -1)
        for _ in range(2):
            width = torch.randint(0, 7, (feat.size(0), 1, 1), device=feat.device)
            start = (torch.rand(feat.size(0), 1, 1, device=feat.device) * (self.n_mels - width)).long()
            feat = feat.masked_fill((bins >= start) & (bins < start + width), 0.0)
        return feat

    @torch.jit.export
    def init_state(self, batch: int) -> torch.Tensor:
        state = torch.zeros(batch, self.state_size)
        state[:, self.state_size - self.pool:] = self.empty
        return state

    @torch.jit.export
    def stream(self, chunk: torch.Tensor, state: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        if chunk.dim() != 2 or chunk.size(1) < self.hop or chunk.size(1) % self.hop != 0:
            raise RuntimeError("stream() takes [batch, n] samples with n a positive multiple of 160")
        if state.dim() != 2 or state.size(0) != chunk.size(0) or state.size(1) != self.state_size:
            raise RuntimeError("stream(): the state does not come from this model's init_state() "
                               "with the chunk's batch size")
        b = chunk.size(0)
        pieces = torch.split(state, [self.tail_size, self.hist1_size, self.hist2_size, self.gru_size,
                                     self.buf_size, self.pool], dim=1)
        tail, hist1, hist2, gru_h, outputs, energies = (pieces[0], pieces[1], pieces[2], pieces[3],
                                                        pieces[4], pieces[5])
        x = torch.cat([tail, chunk], 1)
        t = (x.size(1) - self.win) // self.hop + 1
        new_tail = x[:, t * self.hop:]
        feat = self.features(x).transpose(1, 2).unsqueeze(1)  # [B, 1, mels, T]
        in1 = torch.cat([hist1.reshape(b, 1, self.n_mels, 2), feat], 3)
        y = F.relu(self.bn1(self.conv1(in1)))
        in2 = torch.cat([hist2.reshape(b, self.c1, self.f1, 2), y], 3)
        y = F.relu(self.bn2(self.conv2(in2)))  # [B, c2, f2, T]
        y = y.permute(0, 3, 1, 2).reshape(b, t, -1)
        h0 = gru_h.reshape(b, self.layers, self.hidden).transpose(0, 1).contiguous()
        out, h = self.gru(y, h0)
        energy = self.att_v(torch.tanh(self.att(out))).squeeze(2)  # [B, T]
        out_buf = torch.cat([outputs.reshape(b, self.pool, self.hidden), out], 1)[:, -self.pool:]
        energy_buf = torch.cat([energies, energy], 1)[:, -self.pool:]
        weights = torch.softmax(energy_buf, 1)
        pooled = (weights.unsqueeze(2) * out_buf).sum(1)
        logits = self.classifier(self.drop(pooled))
        new_state = torch.cat([new_tail, in1[:, :, :, -2:].reshape(b, -1), in2[:, :, :, -2:].reshape(b, -1),
                               h.transpose(0, 1).reshape(b, -1), out_buf.reshape(b, -1), energy_buf], 1)
        return logits, new_state

    def forward(self, samples: torch.Tensor) -> torch.Tensor:
        n = samples.size(1) - samples.size(1) % self.hop
        logits, _ = self.stream(samples[:, :n], self.init_state(samples.size(0)))
        return logits


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def describe(model: KwsCRNN) -> dict:
    return {"conv_channels": [model.conv1.out_channels, model.conv2.out_channels],
            "conv_kernels": [[5, 3], [3, 3]], "conv_strides": [[2, 1], [2, 1]],
            "gru_hidden": model.hidden, "gru_layers": model.layers,
            "attention": model.att.out_features, "pool_frames": POOL_FRAMES}


def front_end() -> dict:
    return {"kind": "log-mel inside the module", "window_samples": WIN, "hop_samples": HOP,
            "n_fft": N_FFT, "window": "hann (periodic)", "n_mels": N_MELS, "f_min": F_MIN,
            "f_max": F_MAX, "mel_scale": "htk", "log_floor": LOG_FLOOR,
            "normalization": "per-bin mean and std of the training features (module buffers)",
            "framing": "causal: a frame ends at every hop; 240 zero samples precede the input"}


def set_normalization(model: KwsCRNN, audio: List[torch.Tensor]) -> None:
    training = model.training
    model.eval()  # no masks
    with torch.no_grad():
        feats = torch.cat([model.features(x.unsqueeze(0))[0] for x in audio], 0)
        model.feat_mean.copy_(feats.mean(0))
        model.feat_std.copy_(feats.std(0).clamp(min=1e-3))
    model.train(training)
