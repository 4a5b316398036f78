"""A Whisper model written for VoxBench, with OpenAI's checkpoint parameter names and shapes.

A checkpoint is a dict {"dims": {...}, "model_state_dict": {...}}; WhisperModel(dims) loads its
model_state_dict with strict=True. Attention modules take an optional inner width (heads kept
after structured pruning times the head width) and MLPs an optional hidden width, so pruned
models keep the same parameter names with smaller shapes.

Runs on torch 1.13 and 2.x (plain nn.Module code, TorchScript-compatible).
"""
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

DIM_KEYS = ("n_mels", "n_audio_ctx", "n_audio_state", "n_audio_head", "n_audio_layer",
            "n_vocab", "n_text_ctx", "n_text_state", "n_text_head", "n_text_layer")


@dataclass
class Dims:
    n_mels: int
    n_audio_ctx: int
    n_audio_state: int
    n_audio_head: int
    n_audio_layer: int
    n_vocab: int
    n_text_ctx: int
    n_text_state: int
    n_text_head: int
    n_text_layer: int

    @staticmethod
    def from_dict(d: Dict) -> "Dims":
        return Dims(**{k: int(d[k]) for k in DIM_KEYS})

    def to_dict(self) -> Dict[str, int]:
        return asdict(self)


@dataclass
class Shapes:
    """Per-layer widths after pruning (None: the unpruned widths implied by Dims).

    heads: {"encoder.attn": [h per layer], "decoder.attn": [...], "decoder.cross_attn": [...]}
    mlp: {"encoder": [hidden per layer], "decoder": [...]}
    """
    heads: Dict[str, List[int]] = field(default_factory=dict)
    mlp: Dict[str, List[int]] = field(default_factory=dict)


class FloatLayerNorm(nn.LayerNorm):
    """LayerNorm computed in float32 and cast back to the input dtype (for fp16/bf16 runs)."""

    def forward(self, x: Tensor) -> Tensor:
        return F.layer_norm(x.float(), self.normalized_shape, self.weight.float(),
                            self.bias.float(), self.eps).to(x.dtype)


class Attention(nn.Module):
    """Multi-head attention; `key` has no bias. Inner width = n_head * head_dim."""

    def __init__(self, n_state: int, n_head: int, head_dim: int):
        super().__init__()
        self.n_head = n_head
        self.head_dim = head_dim
        inner = n_head * head_dim
        self.query = nn.Linear(n_state, inner)
        self.key = nn.Linear(n_state, inner, bias=False)
        self.value = nn.Linear(n_state, inner)
        self.out = nn.Linear(inner, n_state)

    def attend(self, q: Tensor, k: Tensor, v: Tensor, mask: Optional[Tensor]) -> Tensor:
        """q [B, Tq, inner], k/v [B, Tk, inner], mask additive [Tq, Tk] -> [B, Tq, inner]."""
        b, tq, _ = q.shape
        tk = k.shape[1]
        h = self.n_head
        d = self.head_dim
        qh = q.view(b, tq, h, d).transpose(1, 2)
        kh = k.view(b, tk, h, d).transpose(1, 2)
        vh = v.view(b, tk, h, d).transpose(1, 2)
        scores = torch.matmul(qh, kh.transpose(-1, -2)) * (1.0 / math.sqrt(d))
        if mask is not None:
            scores = scores + mask
        weights = torch.softmax(scores.float(), dim=-1).to(q.dtype)
        out = torch.matmul(weights, vh)
        return out.transpose(1, 2).reshape(b, tq, h * d)

    def forward(self, x: Tensor, source: Optional[Tensor] = None,
                mask: Optional[Tensor] = None) -> Tensor:
        src = x if source is None else source
        return self.out(self.attend(self.query(x), self.key(src), self.value(src), mask))


class Block(nn.Module):
    """Pre-LN residual block: attention, optional cross-attention, MLP (Linear, GELU, Linear)."""

    def __init__(self, n_state: int, n_head: int, head_dim: int, cross: bool,
                 cross_heads: int, mlp_width: int):
        super().__init__()
        self.attn = Attention(n_state, n_head, head_dim)
        self.attn_ln = FloatLayerNorm(n_state)
        self.has_cross = cross
        if cross:
            self.cross_attn = Attention(n_state, cross_heads, head_dim)
            self.cross_attn_ln = FloatLayerNorm(n_state)
        self.mlp = nn.Sequential(nn.Linear(n_state, mlp_width), nn.GELU(),
                                 nn.Linear(mlp_width, n_state))
        self.mlp_ln = FloatLayerNorm(n_state)

    def forward(self, x: Tensor, xa: Optional[Tensor] = None,
                mask: Optional[Tensor] = None) -> Tensor:
        x = x + self.attn(self.attn_ln(x), None, mask)
        if self.has_cross and xa is not None:
            x = x + self.cross_attn(self.cross_attn_ln(x), xa, None)
        return x + self.mlp(self.mlp_ln(x))


def sinusoids(length: int, channels: int) -> Tensor:
    """Whisper's encoder positions: [sin | cos] of t * 10000^(-i/(channels/2 - 1))."""
    half = channels // 2
    step = math.log(10000.0) / (half - 1)
    freqs = torch.exp(-step * torch.arange(half, dtype=torch.float64))
    angles = torch.arange(length, dtype=torch.float64)[:, None] * freqs[None, :]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1).float()


def _widths(shapes: Optional[Shapes], key: str, group: Dict[str, List[int]], n_layer: int,
            default: int) -> List[int]:
    if shapes is not None and key in group:
        vals = [int(v) for v in group[key]]
        if len(vals) != n_layer:
            raise ValueError(f"{key}: {len(vals)} widths for {n_layer} layers")
        return vals
    return [default] * n_layer


class AudioEncoder(nn.Module):
    def __init__(self, dims: Dims, shapes: Optional[Shapes] = None):
        super().__init__()
        d = dims.n_audio_state
        hd = d // dims.n_audio_head
        heads = _widths(shapes, "encoder.attn", shapes.heads if shapes else {},
                        dims.n_audio_layer, dims.n_audio_head)
        mlps = _widths(shapes, "encoder", shapes.mlp if shapes else {}, dims.n_audio_layer, 4 * d)
        self.conv1 = nn.Conv1d(dims.n_mels, d, kernel_size=3, padding=1)
        self.conv2 = nn.Conv1d(d, d, kernel_size=3, stride=2, padding=1)
        self.register_buffer("positional_embedding", sinusoids(dims.n_audio_ctx, d))
        self.blocks = nn.ModuleList(
            [Block(d, heads[i], hd, False, 0, mlps[i]) for i in range(dims.n_audio_layer)])
        self.ln_post = FloatLayerNorm(d)

    def forward(self, mel: Tensor) -> Tensor:
        """mel [B, n_mels, 2 * n_audio_ctx] -> audio features [B, n_audio_ctx, n_audio_state]."""
        x = F.gelu(self.conv1(mel))
        x = F.gelu(self.conv2(x))
        x = x.permute(0, 2, 1)
        x = x + self.positional_embedding.to(x.dtype)
        for block in self.blocks:
            x = block(x)
        return self.ln_post(x)


class TextDecoder(nn.Module):
    def __init__(self, dims: Dims, shapes: Optional[Shapes] = None):
        super().__init__()
        d = dims.n_text_state
        hd = d // dims.n_text_head
        hs = shapes.heads if shapes else {}
        heads = _widths(shapes, "decoder.attn", hs, dims.n_text_layer, dims.n_text_head)
        cross = _widths(shapes, "decoder.cross_attn", hs, dims.n_text_layer, dims.n_text_head)
        mlps = _widths(shapes, "decoder", shapes.mlp if shapes else {}, dims.n_text_layer, 4 * d)
        self.token_embedding = nn.Embedding(dims.n_vocab, d)
        self.positional_embedding = nn.Parameter(torch.empty(dims.n_text_ctx, d))
        self.blocks = nn.ModuleList(
            [Block(d, heads[i], hd, True, cross[i], mlps[i]) for i in range(dims.n_text_layer)])
        self.ln = FloatLayerNorm(d)

    def forward(self, tokens: Tensor, xa: Tensor) -> Tensor:
        """Uncached: tokens [B, T], audio features [B, S, D] -> logits [B, T, n_vocab] (float32)."""
        t = tokens.shape[1]
        x = self.token_embedding(tokens) + self.positional_embedding[:t].to(xa.dtype)
        x = x.to(xa.dtype)
        mask = torch.full((t, t), float("-inf"), dtype=x.dtype, device=x.device).triu(1)
        for block in self.blocks:
            x = block(x, xa, mask)
        x = self.ln(x)
        return torch.matmul(x, self.token_embedding.weight.to(x.dtype).t()).float()


class WhisperModel(nn.Module):
    def __init__(self, dims: Dims, shapes: Optional[Shapes] = None):
        super().__init__()
        self.dims = dims
        self.shapes = shapes
        self.encoder = AudioEncoder(dims, shapes)
        self.decoder = TextDecoder(dims, shapes)

    def forward(self, mel: Tensor, tokens: Tensor) -> Tensor:
        return self.decoder(tokens, self.encoder(mel))


def load_checkpoint(obj) -> WhisperModel:
    """Build a WhisperModel from an OpenAI-layout checkpoint dict (strict load)."""
    if not isinstance(obj, dict) or "dims" not in obj or "model_state_dict" not in obj:
        raise ValueError("not an OpenAI-layout Whisper checkpoint: need keys 'dims' and "
                         "'model_state_dict'")
    model = WhisperModel(Dims.from_dict(obj["dims"]))
    sd = {k: v.float() if v.is_floating_point() else v for k, v in obj["model_state_dict"].items()}
    model.load_state_dict(sd, strict=True)
    return model.eval()


def checkpoint_of(model: WhisperModel) -> Dict:
    return {"dims": model.dims.to_dict(), "model_state_dict": model.state_dict()}


def random_model(dims: Dims, seed: int = 0, out_gain: float = 3.0, qk_gain: float = 3.0,
                 mlp_gain: float = 0.3, emb_std: float = 0.1, eot_gain: float = 1.4) -> WhisperModel:
    """A model with seeded random weights, scaled so that a random decoder's choices depend on
    the audio and the history (not just on the last token): normal weights with std
    1/sqrt(fan_in), `out_gain` times that for the layers writing into the residual stream
    (attention out, mlp.2), unit-std positional embeddings, LayerNorm weights
    1 + N(0, 0.1^2), biases N(0, 0.1^2). Gains: attention out `out_gain`, query/key
    `qk_gain` (sharp attention), mlp.2 `mlp_gain`; token embedding std `emb_std` (small, so
    the tied output layer does not just repeat the last token) with the <|endoftext|> row
    `eot_gain` times larger (so some sequences end by themselves)."""
    g = torch.Generator().manual_seed(seed)
    model = WhisperModel(dims)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if re.search(r"(ln|ln_post|_ln)\.weight$", name):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
            elif p.dim() == 1:
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith("token_embedding.weight"):
                p.copy_(emb_std * torch.randn(p.shape, generator=g))
                eot = 50256 if dims.n_vocab == 51864 else 50257
                p[eot] *= eot_gain  # so that random decoders end some sequences by themselves
            elif name.endswith("positional_embedding"):
                p.copy_(torch.randn(p.shape, generator=g))
            else:
                gain = 1.0
                if re.search(r"\.out\.weight$", name):
                    gain = out_gain
                elif re.search(r"mlp\.2\.weight$", name):
                    gain = mlp_gain
                elif re.search(r"\.(query|key)\.weight$", name):
                    gain = qk_gain
                p.copy_(gain * torch.randn(p.shape, generator=g) / math.sqrt(p[0].numel()))
    return model.eval()


def parse_dims(spec: str, n_mels: int, multilingual: bool, n_languages: int = 99) -> Dims:
    """'tiny'|'base'|'small'|'medium'|'large' or 'WxL' (width W, L encoder + L decoder layers,
    heads W // 64, at least 1; 'WxLhH' sets H heads)."""
    named = {"tiny": (384, 6, 4), "base": (512, 8, 6), "small": (768, 12, 12),
             "medium": (1024, 16, 24), "large": (1280, 20, 32)}
    if spec in named:
        width, heads, layers = named[spec]
    else:
        head_spec = None
        body = spec
        if "h" in spec:
            body, head_spec = spec.split("h", 1)
        w, l = body.lower().split("x")
        width, layers = int(w), int(l)
        heads = int(head_spec) if head_spec else max(1, width // 64)
    if width % heads:
        raise ValueError(f"width {width} is not divisible by {heads} heads")
    n_vocab = 51766 + n_languages if multilingual else 51864
    return Dims(n_mels=n_mels, n_audio_ctx=1500, n_audio_state=width, n_audio_head=heads,
                n_audio_layer=layers, n_vocab=n_vocab, n_text_ctx=448, n_text_state=width,
                n_text_head=heads, n_text_layer=layers)
