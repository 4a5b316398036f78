"""The TorchScript modules of a VoxBench Whisper package (encoder.pt, decoder.pt).

Decoder methods (all tensors, no dicts; documented in docs/MODEL-PACKAGE.md):

    cross_kv(audio_features [B, S, D]) -> Tensor [L, 2, B, S, Wc]
        keys (index 0) and values (index 1) of every decoder layer's cross-attention.
    init_self_kv(cross_kv, max_len: int) -> Tensor [L, 2, B, max_len, Ws]
        zeros with cross_kv's dtype and device: the self-attention cache.
    step(tokens [B, T] int64, cross_kv, self_kv, offset: int) -> (logits [B, T, V] float32, self_kv)
        tokens sit at positions offset .. offset+T-1; their keys/values are written into self_kv
        in place at [:, :, :, offset:offset+T] and the same tensor is returned.
    step_hidden(tokens, cross_kv, self_kv, offset) -> (hidden [B, T, D], self_kv)
        step without its last operation: the final-LayerNormed states, in the module's dtype;
        step's logits are torch.matmul(hidden, logit_weight().t()).float() (the same ops).
    logit_weight() -> Tensor [V, D]
        the token embedding, which is also the output projection (tied).
    forward(tokens [B, T], audio_features) -> logits [B, T, V] float32  (uncached, for checks)

L = n_text_layer, Wc/Ws = kept heads * head width (n_text_state unless pruned).
"""
import math
from typing import List, Tuple

import torch
from torch import Tensor, nn

from .model import Attention, WhisperModel


def _split_heads(x: Tensor, h: int, d: int) -> Tensor:
    b, t, _ = x.shape
    return x.view(b, t, h, d).transpose(1, 2)


class ExportEncoder(nn.Module):
    def __init__(self, model: WhisperModel):
        super().__init__()
        enc = model.encoder
        self.conv1 = enc.conv1
        self.conv2 = enc.conv2
        self.register_buffer("positional_embedding", enc.positional_embedding.clone())
        self.attns = nn.ModuleList([b.attn for b in enc.blocks])
        self.attn_lns = nn.ModuleList([b.attn_ln for b in enc.blocks])
        self.mlps = nn.ModuleList([b.mlp for b in enc.blocks])
        self.mlp_lns = nn.ModuleList([b.mlp_ln for b in enc.blocks])
        self.ln_post = enc.ln_post

    def forward(self, mel: Tensor) -> Tensor:
        x = torch.nn.functional.gelu(self.conv1(mel))
        x = torch.nn.functional.gelu(self.conv2(x))
        x = x.permute(0, 2, 1)
        x = x + self.positional_embedding.to(x.dtype)
        for attn, attn_ln, mlp, mlp_ln in zip(self.attns, self.attn_lns, self.mlps, self.mlp_lns):
            x = x + attn(attn_ln(x), None, None)
            x = x + mlp(mlp_ln(x))
        return self.ln_post(x)


class ExportDecoder(nn.Module):
    def __init__(self, model: WhisperModel):
        super().__init__()
        dec = model.decoder
        blocks = list(dec.blocks)
        self.token_embedding = dec.token_embedding
        self.positional_embedding = dec.positional_embedding
        self.attns = nn.ModuleList([b.attn for b in blocks])
        self.attn_lns = nn.ModuleList([b.attn_ln for b in blocks])
        self.cross_attns = nn.ModuleList([b.cross_attn for b in blocks])
        self.cross_attn_lns = nn.ModuleList([b.cross_attn_ln for b in blocks])
        self.mlps = nn.ModuleList([b.mlp for b in blocks])
        self.mlp_lns = nn.ModuleList([b.mlp_ln for b in blocks])
        self.ln = dec.ln
        self_w = {b.attn.n_head * b.attn.head_dim for b in blocks}
        cross_w = {b.cross_attn.n_head * b.cross_attn.head_dim for b in blocks}
        if len(self_w) != 1 or len(cross_w) != 1:
            raise ValueError("decoder layers must share their attention widths to stack caches")
        self.n_layer = len(blocks)
        self.self_width = self_w.pop()
        self.cross_width = cross_w.pop()

    def _embed(self, tokens: Tensor, offset: int, dtype: torch.dtype) -> Tensor:
        t = tokens.shape[1]
        x = self.token_embedding(tokens) + self.positional_embedding[offset:offset + t]
        return x.to(dtype)

    def _logits(self, x: Tensor) -> Tensor:
        x = self.ln(x)
        return torch.matmul(x, self.token_embedding.weight.to(x.dtype).t()).float()

    def _cached(self, tokens: Tensor, cross_kv: Tensor, self_kv: Tensor, offset: int) -> Tensor:
        """The residual stream after the last block (before the final LayerNorm); writes the
        tokens' keys and values into self_kv."""
        t = tokens.shape[1]
        end = offset + t
        x = self._embed(tokens, offset, cross_kv.dtype)
        mask = torch.full((t, end), float("-inf"), dtype=x.dtype, device=x.device)
        mask = mask.triu(offset + 1)
        i = 0
        for attn, attn_ln, cattn, cattn_ln, mlp, mlp_ln in zip(
                self.attns, self.attn_lns, self.cross_attns, self.cross_attn_lns,
                self.mlps, self.mlp_lns):
            h = attn_ln(x)
            self_kv[i, 0, :, offset:end] = attn.key(h)
            self_kv[i, 1, :, offset:end] = attn.value(h)
            a = attn.attend(attn.query(h), self_kv[i, 0, :, :end], self_kv[i, 1, :, :end], mask)
            x = x + attn.out(a)
            h = cattn_ln(x)
            c = cattn.attend(cattn.query(h), cross_kv[i, 0], cross_kv[i, 1], None)
            x = x + cattn.out(c)
            x = x + mlp(mlp_ln(x))
            i += 1
        return x

    @torch.jit.export
    def cross_kv(self, audio_features: Tensor) -> Tensor:
        out: List[Tensor] = []
        for attn in self.cross_attns:
            out.append(torch.stack([attn.key(audio_features), attn.value(audio_features)]))
        return torch.stack(out)

    @torch.jit.export
    def init_self_kv(self, cross_kv: Tensor, max_len: int) -> Tensor:
        return torch.zeros([self.n_layer, 2, cross_kv.shape[2], max_len, self.self_width],
                           dtype=cross_kv.dtype, device=cross_kv.device)

    @torch.jit.export
    def step(self, tokens: Tensor, cross_kv: Tensor, self_kv: Tensor,
             offset: int) -> Tuple[Tensor, Tensor]:
        return self._logits(self._cached(tokens, cross_kv, self_kv, offset)), self_kv

    @torch.jit.export
    def step_hidden(self, tokens: Tensor, cross_kv: Tensor, self_kv: Tensor,
                    offset: int) -> Tuple[Tensor, Tensor]:
        # For engines that compute the vocabulary projection themselves (a C++ engine packs
        # logit_weight once instead of letting sgemm repack it at every step).
        return self.ln(self._cached(tokens, cross_kv, self_kv, offset)), self_kv

    @torch.jit.export
    def logit_weight(self) -> Tensor:
        return self.token_embedding.weight

    def forward(self, tokens: Tensor, audio_features: Tensor) -> Tensor:
        t = tokens.shape[1]
        x = self._embed(tokens, 0, audio_features.dtype)
        mask = torch.full((t, t), float("-inf"), dtype=x.dtype, device=x.device).triu(1)
        for attn, attn_ln, cattn, cattn_ln, mlp, mlp_ln in zip(
                self.attns, self.attn_lns, self.cross_attns, self.cross_attn_lns,
                self.mlps, self.mlp_lns):
            x = x + attn(attn_ln(x), None, mask)
            x = x + cattn(cattn_ln(x), audio_features, None)
            x = x + mlp(mlp_ln(x))
        return self._logits(x)


DECODER_METHODS = ["cross_kv", "init_self_kv", "step", "step_hidden", "logit_weight"]


def script_pair(model: WhisperModel, quantize_int8: bool = False):
    """Script (and optionally dynamically quantize) the encoder and decoder of a model."""
    enc = ExportEncoder(model).eval()
    dec = ExportDecoder(model).eval()
    if quantize_int8:
        torch.backends.quantized.engine = "qnnpack"
        enc = torch.ao.quantization.quantize_dynamic(enc, {nn.Linear}, dtype=torch.qint8)
        dec = torch.ao.quantization.quantize_dynamic(dec, {nn.Linear}, dtype=torch.qint8)
    return torch.jit.script(enc), torch.jit.script(dec)


def freeze_pair(enc, dec):
    """Freeze both modules and try optimize_for_inference; returns (enc, dec, applied list)."""
    applied = []
    enc = torch.jit.freeze(enc.eval())
    dec = torch.jit.freeze(dec.eval(), preserved_attrs=DECODER_METHODS)
    applied.append("torch.jit.freeze")
    try:
        enc_o = torch.jit.optimize_for_inference(enc)
        dec_o = torch.jit.optimize_for_inference(dec, other_methods=DECODER_METHODS)
        enc, dec = enc_o, dec_o
        applied.append("torch.jit.optimize_for_inference")
    except Exception as e:  # noqa: BLE001 - record why and keep the frozen modules
        applied.append(f"optimize_for_inference skipped: {type(e).__name__}: {str(e)[:200]}")
    return enc, dec, applied
