"""Write a VoxBench Whisper model package (format in docs/MODEL-PACKAGE.md).

Run from the repository root with Debian's Python:

    /usr/bin/python3 -m tools.whisper.export (--checkpoint CKPT.pt | --hf-state-dict SD.pt
        [--hf-config config.json] | --random-dims tiny|base|WxL[hH]) --out PKG_DIR
        [--variant fp32|int8|pruned|fp16|bf16|frozen] [--prune-amount 0.3]
        [--english | --multilingual] [--n-mels 80|128] [--seed N]

--english/--multilingual default to what n_vocab says (51864: English-only).
"""
import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Dict, Optional

import torch

from . import hf_mapping, prune, quantized_engines, scripted
from .model import Dims, WhisperModel, load_checkpoint, parse_dims, random_model
from .tokenizer import GPT2_DIR, Tokenizer

FORMAT_VERSION = 1
STAND_IN = "gpt2 (stand-in; multilingual BPE not available offline)"

# Defaults a C++ engine should use unless a run overrides them (see MODEL-PACKAGE.md).
REPETITION_GUARD = {"max_ngram": 8, "repeats": 5}

VARIANT_TEXT = {
    "fp32": "float32 weights, TorchScript",
    "int8": "dynamic int8 quantization of every nn.Linear (weights int8, activations "
            "quantized per call); each module loaded with the quantized engine that ran it "
            "fastest where it was exported",
    "pruned": "structured magnitude pruning of attention heads and FFN channels",
    "fp16": "float32 weights in the files; the engine casts the modules to float16 at load",
    "bf16": "float32 weights in the files; the engine casts the modules to bfloat16 at load",
    "frozen": "torch.jit.freeze (+ optimize_for_inference where it works on CPU)",
}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_source(args) -> (WhisperModel, Dict):
    if args.checkpoint:
        obj = torch.load(args.checkpoint, map_location="cpu")
        model = load_checkpoint(obj)
        return model, {"kind": "openai-checkpoint", "path": str(args.checkpoint),
                       "description": "OpenAI-layout checkpoint {dims, model_state_dict}"}
    if args.hf_state_dict:
        sd, config = hf_mapping.load_hf_file(args.hf_state_dict)
        if args.hf_config:
            config = json.loads(Path(args.hf_config).read_text())
        model = load_checkpoint(hf_mapping.hf_to_checkpoint(sd, config))
        heads = "from the HF config" if config else "n_state // 64 (no HF config given)"
        return model, {"kind": "hf-state-dict", "path": str(args.hf_state_dict),
                       "description": "Hugging Face WhisperForConditionalGeneration state dict "
                                      f"mapped by name to OpenAI's layout; head counts {heads}"}
    multilingual = bool(args.multilingual)
    dims = parse_dims(args.random_dims, args.n_mels, multilingual)
    model = random_model(dims, seed=args.seed)
    return model, {"kind": "random", "path": None,
                   "description": f"random weights, dims '{args.random_dims}', seed {args.seed}"}


def export_package(model: WhisperModel, out: Path, source: Dict, variant: str = "fp32",
                   prune_amount: float = 0.3, multilingual: Optional[bool] = None,
                   quantization: str = "rule") -> Dict:
    """Export `model` to the package folder `out`; returns the manifest."""
    dims = model.dims
    if multilingual is None:
        multilingual = dims.n_vocab != 51864
    tok = Tokenizer(multilingual=multilingual, n_vocab=dims.n_vocab)
    out.mkdir(parents=True, exist_ok=True)
    options: Dict = {}
    dtype_at_load = None
    shapes_report = None
    if variant == "pruned":
        model, rep = prune.prune_model(model, prune_amount)
        options = {"prune_amount": prune_amount, "scoring": "L2 norm of head / channel weights",
                   "kept_heads": rep["kept_heads"]}
        shapes_report = {"heads": rep["heads"], "mlp": rep["mlp"]}
    if variant == "fp16":
        dtype_at_load = "float16"
    if variant == "bf16":
        dtype_at_load = "bfloat16"
    with torch.no_grad():
        enc, dec = scripted.script_pair(model, quantize_int8=(variant == "int8"))
        if variant == "int8":
            if quantization == "timed":
                engines, timings = quantized_engines.choose(enc, dec, model.dims)
            else:
                engines, timings = quantized_engines.by_rule(), None
            options = {"quantization_engine": "qnnpack", "quantization_engines": engines,
                       "engine_choice": "timed" if timings else "rule", "dtype": "qint8",
                       "modules": "torch.nn.Linear (encoder and decoder; not conv, not the "
                                  "token embedding / output projection)"}
            if timings:
                options["engine_timings_ms"] = timings
        if variant == "frozen":
            enc, dec, applied = scripted.freeze_pair(enc, dec)
            options = {"applied": applied}
    enc.save(str(out / "encoder.pt"))
    dec.save(str(out / "decoder.pt"))
    shutil.copyfile(GPT2_DIR / "encoder.json", out / "vocab.json")
    shutil.copyfile(GPT2_DIR / "vocab.bpe", out / "merges.txt")
    shutil.copyfile(GPT2_DIR / "LICENSE", out / "LICENSE.vocab")

    d = dims
    hd = d.n_text_state // d.n_text_head
    heads = shapes_report["heads"] if shapes_report else {
        "encoder.attn": [d.n_audio_head] * d.n_audio_layer,
        "decoder.attn": [d.n_text_head] * d.n_text_layer,
        "decoder.cross_attn": [d.n_text_head] * d.n_text_layer}
    mlp = shapes_report["mlp"] if shapes_report else {
        "encoder": [4 * d.n_audio_state] * d.n_audio_layer,
        "decoder": [4 * d.n_text_state] * d.n_text_layer}
    lay = tok.layout
    files = {"encoder": "encoder.pt", "decoder": "decoder.pt", "vocab": "vocab.json",
             "merges": "merges.txt", "vocab_license": "LICENSE.vocab"}
    manifest = {
        "format_version": FORMAT_VERSION,
        "family": "whisper",
        "dims": d.to_dict(),
        "sample_rate": 16000, "n_fft": 400, "hop_length": 160,
        # One window: 2 mel frames per encoder position (30 s, 3000 frames for n_audio_ctx 1500).
        "chunk_seconds": 2 * d.n_audio_ctx * 160 / 16000,
        "n_frames": 2 * d.n_audio_ctx,
        "multilingual": multilingual,
        "vocabulary": STAND_IN if multilingual else "gpt2",
        "special_tokens": lay["special_tokens"],
        "language_tokens": lay["language_tokens"],
        "task_tokens": {"transcribe": lay["special_tokens"]["transcribe"],
                        "translate": lay["special_tokens"]["translate"]},
        "timestamp_tokens": lay["timestamp_tokens"],
        "text_token_limit": lay["special_tokens"]["endoftext"],
        "suppress_tokens": tok.suppress_tokens(stand_in=multilingual),
        "begin_suppress_tokens": tok.begin_suppress_tokens(),
        "decoding_defaults": {
            "prompt": "English-only: [startoftranscript, notimestamps]; multilingual: "
                      "[startoftranscript, language, transcribe, notimestamps]",
            "default_language": "en",
            "max_new_tokens": d.n_text_ctx // 2,
            "repetition_guard": REPETITION_GUARD,
        },
        "shapes": {"head_dim": {"encoder": d.n_audio_state // d.n_audio_head, "decoder": hd},
                   "heads": heads, "mlp": mlp,
                   "self_kv_width": heads["decoder.attn"][0] * hd,
                   "cross_kv_width": heads["decoder.cross_attn"][0] * hd},
        "decoder_interface": {
            "cross_kv": "cross_kv(audio_features[B,S,D]) -> Tensor[L,2,B,S,Wc]",
            "init_self_kv": "init_self_kv(cross_kv, max_len:int) -> Tensor[L,2,B,max_len,Ws]",
            "step": "step(tokens[B,T] int64, cross_kv, self_kv, offset:int) -> "
                    "(logits[B,T,V] float32, self_kv)",
            "step_hidden": "step_hidden(tokens[B,T] int64, cross_kv, self_kv, offset:int) -> "
                           "(hidden[B,T,D], self_kv)",
            "logit_weight": "logit_weight() -> Tensor[V,D]",
        },
        "source": source,
        "variant": {"kind": variant, "description": VARIANT_TEXT[variant], "options": options,
                    "dtype_at_load": dtype_at_load},
        "parameter_count": int(sum(p.numel() for p in model.parameters())),
        "torch_version": torch.__version__,
        "files": files,
    }
    manifest["sha256"] = {name: sha256(out / name) for name in files.values()}
    (out / "voxbench-model.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m tools.whisper.export", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint")
    src.add_argument("--hf-state-dict")
    src.add_argument("--random-dims")
    ap.add_argument("--hf-config")
    ap.add_argument("--out", required=True)
    ap.add_argument("--variant", default="fp32", choices=sorted(VARIANT_TEXT))
    ap.add_argument("--prune-amount", type=float, default=0.3)
    ap.add_argument("--quantized-engines", choices=["rule", "timed"], default="rule",
                    help="int8: each module's engine by the rule (oneDNN encoder where torch has it, "
                         "QNNPACK decoder) or by timing every engine on this machine")
    lang = ap.add_mutually_exclusive_group()
    lang.add_argument("--english", action="store_true")
    lang.add_argument("--multilingual", action="store_true")
    ap.add_argument("--n-mels", type=int, default=80, choices=[80, 128])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)
    model, source = build_source(args)
    multilingual = True if args.multilingual else (False if args.english else None)
    if multilingual is not None and (model.dims.n_vocab != 51864) != multilingual:
        print(f"error: n_vocab {model.dims.n_vocab} does not fit "
              f"{'--multilingual' if multilingual else '--english'}", file=sys.stderr)
        return 2
    m = export_package(model, Path(args.out), source, args.variant, args.prune_amount,
                       multilingual, args.quantized_engines)
    print(f"wrote {args.out}: {m['family']} {m['variant']['kind']}, "
          f"{m['parameter_count']} parameters, vocabulary {m['vocabulary']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
