"""Hugging Face WhisperForConditionalGeneration state dicts <-> OpenAI checkpoint layout.

Mapping by name (HF -> OpenAI), N a layer index:

    model.encoder.conv1 / conv2                      encoder.conv1 / conv2
    model.encoder.embed_positions.weight             encoder.positional_embedding
    model.encoder.layers.N.self_attn.q_proj          encoder.blocks.N.attn.query
                         .self_attn.k_proj (no bias)                    .attn.key
                         .self_attn.v_proj                              .attn.value
                         .self_attn.out_proj                            .attn.out
                         .self_attn_layer_norm                          .attn_ln
                         .fc1 / .fc2                                    .mlp.0 / .mlp.2
                         .final_layer_norm                              .mlp_ln
    model.encoder.layer_norm                         encoder.ln_post
    model.decoder.embed_tokens.weight                decoder.token_embedding.weight
    model.decoder.embed_positions.weight             decoder.positional_embedding
    model.decoder.layers.N.(as encoder) and
                         .encoder_attn.*_proj        decoder.blocks.N.cross_attn.*
                         .encoder_attn_layer_norm    decoder.blocks.N.cross_attn_ln
    model.decoder.layer_norm                         decoder.ln
    proj_out.weight                                  (tied to embed_tokens; checked, dropped)

Head counts cannot be read from shapes: they come from an HF config (encoder_attention_heads,
decoder_attention_heads), else from n_state // 64 (every published Whisper size uses 64-wide
heads).
"""
import re
from typing import Dict, Optional, Tuple

import torch

from .model import Dims, WhisperModel

_LAYER_PARTS = [
    ("self_attn.q_proj", "attn.query"), ("self_attn.k_proj", "attn.key"),
    ("self_attn.v_proj", "attn.value"), ("self_attn.out_proj", "attn.out"),
    ("self_attn_layer_norm", "attn_ln"),
    ("encoder_attn.q_proj", "cross_attn.query"), ("encoder_attn.k_proj", "cross_attn.key"),
    ("encoder_attn.v_proj", "cross_attn.value"), ("encoder_attn.out_proj", "cross_attn.out"),
    ("encoder_attn_layer_norm", "cross_attn_ln"),
    ("fc1", "mlp.0"), ("fc2", "mlp.2"), ("final_layer_norm", "mlp_ln"),
]
_FIXED = {
    "model.encoder.conv1.weight": "encoder.conv1.weight",
    "model.encoder.conv1.bias": "encoder.conv1.bias",
    "model.encoder.conv2.weight": "encoder.conv2.weight",
    "model.encoder.conv2.bias": "encoder.conv2.bias",
    "model.encoder.embed_positions.weight": "encoder.positional_embedding",
    "model.encoder.layer_norm.weight": "encoder.ln_post.weight",
    "model.encoder.layer_norm.bias": "encoder.ln_post.bias",
    "model.decoder.embed_tokens.weight": "decoder.token_embedding.weight",
    "model.decoder.embed_positions.weight": "decoder.positional_embedding",
    "model.decoder.layer_norm.weight": "decoder.ln.weight",
    "model.decoder.layer_norm.bias": "decoder.ln.bias",
}
_LAYER_RE = re.compile(r"^model\.(encoder|decoder)\.layers\.(\d+)\.(.+)\.(weight|bias)$")


def hf_to_openai_name(name: str) -> Optional[str]:
    """OpenAI name of an HF parameter; None for proj_out.weight (tied)."""
    if name == "proj_out.weight":
        return None
    if name in _FIXED:
        return _FIXED[name]
    m = _LAYER_RE.match(name)
    if m:
        side, idx, part, kind = m.groups()
        for hf, oa in _LAYER_PARTS:
            if part == hf:
                return f"{side}.blocks.{idx}.{oa}.{kind}"
    raise KeyError(f"unknown Hugging Face Whisper parameter: {name}")


def openai_to_hf_name(name: str) -> str:
    for hf, oa in _FIXED.items():
        if oa == name:
            return hf
    m = re.match(r"^(encoder|decoder)\.blocks\.(\d+)\.(.+)\.(weight|bias)$", name)
    if m:
        side, idx, part, kind = m.groups()
        for hf, oa in _LAYER_PARTS:
            if part == oa:
                return f"model.{side}.layers.{idx}.{hf}.{kind}"
    raise KeyError(f"no Hugging Face name for {name}")


def _count_layers(sd: Dict[str, torch.Tensor], side: str) -> int:
    idx = {int(m.group(2)) for k in sd for m in [_LAYER_RE.match(k)] if m and m.group(1) == side}
    return max(idx) + 1 if idx else 0


def hf_to_checkpoint(sd: Dict[str, torch.Tensor], config: Optional[Dict] = None) -> Dict:
    """An HF state dict (and optional HF config) -> an OpenAI-layout checkpoint dict."""
    if "proj_out.weight" in sd and "model.decoder.embed_tokens.weight" in sd:
        if not torch.equal(sd["proj_out.weight"], sd["model.decoder.embed_tokens.weight"]):
            raise ValueError("proj_out.weight differs from embed_tokens: untied output "
                             "projections are not supported by the OpenAI layout")
    out = {}
    for k, v in sd.items():
        name = hf_to_openai_name(k)
        if name is not None:
            out[name] = v
    conv1 = out["encoder.conv1.weight"]
    d_audio = conv1.shape[0]
    d_text = out["decoder.token_embedding.weight"].shape[1]
    config = config or {}
    dims = Dims(
        n_mels=conv1.shape[1],
        n_audio_ctx=out["encoder.positional_embedding"].shape[0],
        n_audio_state=d_audio,
        n_audio_head=int(config.get("encoder_attention_heads", max(1, d_audio // 64))),
        n_audio_layer=_count_layers(sd, "encoder"),
        n_vocab=out["decoder.token_embedding.weight"].shape[0],
        n_text_ctx=out["decoder.positional_embedding"].shape[0],
        n_text_state=d_text,
        n_text_head=int(config.get("decoder_attention_heads", max(1, d_text // 64))),
        n_text_layer=_count_layers(sd, "decoder"),
    )
    return {"dims": dims.to_dict(), "model_state_dict": out}


def hf_config_of(dims: Dims) -> Dict:
    """The HF config fields this module reads (plus sizes, for people)."""
    return {"encoder_attention_heads": dims.n_audio_head,
            "decoder_attention_heads": dims.n_text_head,
            "num_mel_bins": dims.n_mels, "d_model": dims.n_audio_state,
            "encoder_layers": dims.n_audio_layer, "decoder_layers": dims.n_text_layer,
            "vocab_size": dims.n_vocab, "max_source_positions": dims.n_audio_ctx,
            "max_target_positions": dims.n_text_ctx}


def model_to_hf_state_dict(model: WhisperModel) -> Dict[str, torch.Tensor]:
    """The inverse mapping: an HF-layout state dict of the same weights (proj_out tied)."""
    sd = {openai_to_hf_name(k): v.clone() for k, v in model.state_dict().items()}
    sd["proj_out.weight"] = sd["model.decoder.embed_tokens.weight"].clone()
    return sd


def load_hf_file(path: str) -> Tuple[Dict[str, torch.Tensor], Optional[Dict]]:
    """torch.load an HF state dict: either the state dict itself or {"state_dict", "config"}."""
    obj = torch.load(path, map_location="cpu")
    if isinstance(obj, dict) and "state_dict" in obj:
        return obj["state_dict"], obj.get("config")
    return obj, None
