"""Test fixture for the C++ Whisper engine (tests/core/whisper/).

    /usr/bin/python3 tools/whisper/make_engine_fixture.py OUT_DIR     (from the repository root)

Writes into OUT_DIR:
  packages/en, packages/ml          tiny random packages (64x2h4): English 80 mels, multilingual 128
  packages/en-int8, en-pruned, en-fp16   variants of the English weights
  packages/en-rules                 the English package with scripted stand-in modules (see below)
  packages/en-rules-half, en-rules-mismatch   invalid decoders for the load checks: only one of
                                    step_hidden / logit_weight; both, but not giving step's logits
  audio/uNN.f32                     synthetic 16 kHz mono float32 clips (one longer than 30 s)
  engine_fixture.json               (last, the build's OUTPUT) the Python reference's tokens and
                                    text per package and utterance: greedy, beam 3, a batch
Every reference result comes from tools/whisper/reference.py on the exported files themselves.
"""
import json
import math
import shutil
import sys
import time
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tools.whisper import export  # noqa: E402
from tools.whisper.model import parse_dims, random_model  # noqa: E402
from tools.whisper.reference import Package, mel_windows, transcribe  # noqa: E402

DIMS = "64x2h4"
SR = 16000
BEAM = 3
MAX_NEW = 32  # new tokens per window: keeps the fixture fast; the engine test uses the same
N_UTTERANCES = 22
BATCH = [0, 3, 7, 21]  # utterances decoded as one greedy batch (21 is the long one)


def clip(i: int) -> torch.Tensor:
    """Utterance i: tones, chirps, noise bursts and silences, 0.1 s to 12 s; the last one 34 s."""
    g = torch.Generator().manual_seed(1000 + i)
    seconds = 34.0 if i == N_UTTERANCES - 1 else [0.1, 0.5, 1.0, 2.5, 4.0, 7.0, 12.0][i % 7] + 0.13 * i
    n = int(seconds * SR)
    t = torch.arange(n, dtype=torch.float64) / SR
    kind = i % 4
    if kind == 0:
        x = torch.sin(2 * math.pi * (150 + 40 * i) * t)
    elif kind == 1:
        x = torch.sin(2 * math.pi * (100 + 300 * t) * t)
    elif kind == 2:
        x = torch.randn(n, generator=g, dtype=torch.float64) * (0.5 + 0.5 * torch.sin(2 * math.pi * 3 * t))
    else:
        x = torch.sin(2 * math.pi * 220 * t) * (torch.sin(2 * math.pi * 0.5 * t) > 0).double()
    x = 0.05 * i / N_UTTERANCES * torch.randn(n, generator=g, dtype=torch.float64) + 0.4 * x
    return x.clamp(-1, 1).float()


def make_packages(root: Path):
    torch.manual_seed(0)
    specs = {"en": (80, False, "fp32"), "ml": (128, True, "fp32"), "en-int8": (80, False, "int8"),
             "en-pruned": (80, False, "pruned"), "en-fp16": (80, False, "fp16")}
    for name, (n_mels, multilingual, variant) in specs.items():
        seed = 2 if multilingual else 1
        model = random_model(parse_dims(DIMS, n_mels, multilingual), seed=seed)
        source = {"kind": "random", "path": None,
                  "description": f"random weights, dims '{DIMS}', seed {seed}"}
        export.export_package(model, root / name, source, variant, 0.3, multilingual)
    return list(specs)


# "en-rules": the English package with its two modules replaced by scripted stand-ins whose
# logits are a hash of each row's history, with many exact ties, frequent end-of-text and
# repeated tokens: the decoding rules (suppression, ties, end-of-text, repetition guard, beam
# ranking and cache reordering) are then exercised in C++ and Python on the same modules.
RULE_TOKENS = [464, 262, 286, 290, 284, 257, 11, 13, 50256]


class RuleEncoder(torch.nn.Module):
    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        m = mel.float().mean(dim=(1, 2))
        return m.view(-1, 1, 1).expand(-1, 1500, 64).contiguous().to(mel.dtype)


class RuleDecoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("candidates", torch.tensor(RULE_TOKENS, dtype=torch.long))

    @torch.jit.export
    def cross_kv(self, audio: torch.Tensor) -> torch.Tensor:
        return audio.unsqueeze(0).unsqueeze(0).expand(2, 2, -1, -1, -1).contiguous()

    @torch.jit.export
    def init_self_kv(self, cross_kv: torch.Tensor, max_len: int) -> torch.Tensor:
        return torch.zeros(2, 2, cross_kv.shape[2], max_len, 64, dtype=cross_kv.dtype,
                           device=cross_kv.device)

    @torch.jit.export
    def step(self, tokens: torch.Tensor, cross_kv: torch.Tensor, self_kv: torch.Tensor,
             offset: int):
        b, t = tokens.shape[0], tokens.shape[1]
        self_kv[0, 0, :, offset:offset + t, 0] = tokens.to(self_kv.dtype)
        seed = torch.floor(cross_kv[0, 0, :, 0, 0].double() * 64.0)
        logits = torch.full([b, t, 51864], -10.0, dtype=torch.float32, device=tokens.device)
        for j in range(t):
            pos = offset + j
            hist = self_kv[0, 0, :, :pos + 1, 0].double()
            w = torch.arange(1, pos + 2, dtype=torch.float64, device=tokens.device)
            s = (hist * w).sum(-1) + seed * 13.0 + float(pos * 7)
            last = hist[:, -1]
            for ci in range(self.candidates.shape[0]):
                c = self.candidates[ci]
                val = torch.remainder(s * 31.0 + float(int(c) * 17), 7.0)
                # Sticky: often keep the last token, so repetitions happen.
                val = val + 3.0 * ((last == c.double()) & (torch.remainder(s, 4.0) != 0.0)).double()
                if ci == self.candidates.shape[0] - 1:  # end-of-text wins its ties late
                    val = val + 0.5 * (float(pos) >= 8.0 + torch.remainder(seed, 31.0)).double()
                logits[:, j, c] = val.float()
        return logits, self_kv

    def forward(self, tokens: torch.Tensor, audio_features: torch.Tensor) -> torch.Tensor:
        ck = self.cross_kv(audio_features)
        kv = self.init_self_kv(ck, tokens.shape[1])
        return self.step(tokens, ck, kv, 0)[0]


class HalfDecoder(RuleDecoder):
    """logit_weight without step_hidden: the engine must refuse it."""

    @torch.jit.export
    def logit_weight(self) -> torch.Tensor:
        return torch.zeros(51864, 64)


class MismatchDecoder(RuleDecoder):
    """step_hidden and logit_weight whose product is not step's logits: refused."""

    @torch.jit.export
    def step_hidden(self, tokens: torch.Tensor, cross_kv: torch.Tensor, self_kv: torch.Tensor,
                    offset: int):
        return torch.ones(tokens.shape[0], tokens.shape[1], 64), self_kv

    @torch.jit.export
    def logit_weight(self) -> torch.Tensor:
        return torch.zeros(51864, 64)


def make_rules_package(root: Path, name: str = "en-rules", decoder=RuleDecoder):
    src, dst = root / "en", root / name
    shutil.copytree(src, dst, dirs_exist_ok=True)
    torch.jit.script(RuleEncoder()).save(str(dst / "encoder.pt"))
    torch.jit.script(decoder()).save(str(dst / "decoder.pt"))
    m = json.loads((dst / "voxbench-model.json").read_text())
    assert not set(RULE_TOKENS[:-1]) & set(m["suppress_tokens"])
    m["source"]["description"] = "scripted stand-in modules (decoding-rule test), not a model"
    m["sha256"] = {name: export.sha256(dst / name) for name in m["files"].values()}
    (dst / "voxbench-model.json").write_text(json.dumps(m, indent=1) + "\n")


def result(r):
    return {"tokens": r["tokens"], "text": r["text"],
            "finished_by": [w["finished_by"] for w in r["windows"]],
            "no_speech_prob": [w["no_speech_prob"] for w in r["windows"]]}


def main(argv) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    (out / "audio").mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    start = time.time()
    names = make_packages(out / "packages")
    make_rules_package(out / "packages")
    names.append("en-rules")
    make_rules_package(out / "packages", "en-rules-half", HalfDecoder)
    make_rules_package(out / "packages", "en-rules-mismatch", MismatchDecoder)

    clips = [clip(i) for i in range(N_UTTERANCES)]
    utterances = []
    for i, c in enumerate(clips):
        path = out / "audio" / f"u{i:02d}.f32"
        path.write_bytes(c.numpy().tobytes())
        utterances.append({"id": f"u{i:02d}", "file": str(path), "samples": int(c.shape[0])})

    fixture = {"dims": DIMS, "beam": BEAM, "max_new_tokens": MAX_NEW, "utterances": utterances, "batch": BATCH, "packages": {}}
    for name in names:
        pkg = Package(str(out / "packages" / name))
        entry = {"path": str(out / "packages" / name), "dtype": str(pkg.dtype).replace("torch.", "")}
        # Variants: greedy on a few utterances (they must load and run; int8/pruned/fp16 fall
        # back to float32 on CPU exactly as the reference does). The two main packages: all.
        full = name in ("en", "ml", "en-rules")
        which = range(N_UTTERANCES) if full else range(3)
        entry["greedy"] = [result(transcribe(pkg, clips[i], max_new_tokens=MAX_NEW)) for i in which]
        if full:
            entry["beam"] = [result(transcribe(pkg, clips[i], beam=BEAM, max_new_tokens=MAX_NEW)) for i in which]
            mel = torch.cat([mel_windows(clips[i], pkg.manifest["dims"]["n_mels"]) for i in BATCH])
            rows = pkg.greedy(mel, max_new_tokens=MAX_NEW)
            batch, r = [], 0
            for i in BATCH:
                n = mel_windows(clips[i], pkg.manifest["dims"]["n_mels"]).shape[0]
                toks = [t for w in rows[r:r + n] for t in w["tokens"]]
                batch.append({"tokens": toks, "text": pkg.tokenizer.decode(toks)})
                r += n
            entry["batch_greedy"] = batch
        fixture["packages"][name] = entry
    fixture["seconds"] = round(time.time() - start, 1)
    (out / "engine_fixture.json").write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n")
    print(f"engine fixture: {len(names)} packages, {N_UTTERANCES} utterances, {fixture['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
