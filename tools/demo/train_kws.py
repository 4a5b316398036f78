"""Train the keyword-spotting demo models and write them as VoxBench KWS packages.

    python3 -m demo.train_kws --data ../build-demo/kws-train.pt --out ../resources/demo/kws/models
        [--test-dir ../resources/demo/kws] [--epochs 20] [--student-epochs 16] [--batches 100]
        (from tools/)

A CRNN teacher (kws_model.KwsCRNN: convolutions 16/32, GRU 64) is trained with cross-entropy;
two students (convolutions 8/16, GRU 32 and GRU 16) learn from it by distillation
(temperature 4, alpha 0.5: half the loss is T^2 * KL(teacher || student) at temperature T, half
cross-entropy with the labels). Each of the three is also written dynamically quantized to int8
(torch.ao.quantization.quantize_dynamic of every nn.GRU and nn.Linear, qnnpack engine). Six
packages, each a folder with model.pt (TorchScript) and voxbench-kws.json (format in
docs/MODEL-PACKAGE.md, "KWS packages"), whose "metrics" hold the training record, the validation
accuracy, and, with --test-dir, the Python reference's accuracy on the committed clips and its
detections on the committed stream. The detection threshold of every package is the one that
does best on a validation stream made from held-apart utterances (kws_eval.tune_threshold).

Training examples come from kws_augment.Augmenter (speed, spectral tilt, level, placement, noise
at 0-30 dB SNR, context speech before the clip, 11-bit rounding); the model adds SpecAugment
frequency masks while training. AdamW, learning rate 3e-3 with a cosine decay, batches of 64;
the weights of the epoch with the best validation accuracy are kept.

One thread, seeded: the same data file gives the same weights.
"""
import argparse
import hashlib
import json
import math
import shutil
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from . import kws_audio as ka
from . import kws_eval
from .kws_augment import Augmenter
from .kws_model import KwsCRNN, describe, front_end, parameter_count, set_normalization

FORMAT_VERSION = 1
SEED = 2024
CHUNK = 1600  # samples per streaming step (100 ms)
TEMPERATURE, ALPHA = 4.0, 0.5
REFRACTORY, TOLERANCE = 1.0, 1.0  # seconds
PREFIXES = [0, 0, 0, 50, 100, 200]  # frames of context speech before a training clip
ARCHS = {
    "teacher": {"conv": (16, 32), "gru_hidden": 64},
    "student-gru32": {"conv": (8, 16), "gru_hidden": 32},
    "student-gru16": {"conv": (8, 16), "gru_hidden": 16},
}
INTERFACE = {
    "forward": "forward(samples: Tensor[B, N] float32) -> Tensor[B, C] logits",
    "init_state": "init_state(batch: int) -> Tensor[B, state_size]",
    "stream": "stream(chunk: Tensor[B, n] (n % hop_samples == 0), state: Tensor[B, state_size]) "
              "-> Tuple[Tensor[B, C] logits, Tensor[B, state_size]]",
}


def train(model, aug: Augmenter, val, epochs: int, batches: int, batch_size: int, teacher=None) -> dict:
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    total = epochs * batches
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: 0.03 + 0.97 * 0.5 * (1 + math.cos(math.pi * min(s, total) / total)))
    best, best_state, started, history = -1.0, None, time.time(), []
    for epoch in range(epochs):
        model.train()
        seen, correct, loss_sum = 0, 0, 0.0
        for _ in range(batches):
            x, y = aug.batch(batch_size, aug.rng.choice(PREFIXES) * 160)
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            if teacher is not None:
                with torch.no_grad():
                    soft = F.softmax(teacher(x) / TEMPERATURE, 1)
                kd = F.kl_div(F.log_softmax(logits / TEMPERATURE, 1), soft, reduction="batchmean")
                loss = ALPHA * TEMPERATURE ** 2 * kd + (1 - ALPHA) * loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            seen += y.numel()
            correct += (logits.argmax(1) == y).sum().item()
            loss_sum += loss.item() * y.numel()
        model.eval()
        val_acc = kws_eval.accuracy(model, *val)
        history.append({"epoch": epoch + 1, "loss": round(loss_sum / seen, 4),
                        "batch_accuracy": round(correct / seen, 4), "val_accuracy": round(val_acc, 4)})
        print(f"  epoch {epoch + 1}: loss {loss_sum / seen:.4f}, training batches {correct / seen:.3f}, "
              f"validation {val_acc:.3f} ({time.time() - started:.0f} s)", flush=True)
        if val_acc >= best:
            best, best_state = val_acc, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()
    return {"epochs": epochs, "batches_per_epoch": batches, "batch_size": batch_size,
            "train_seconds": round(time.time() - started, 1),
            "best_epoch": max(history, key=lambda h: (h["val_accuracy"], h["epoch"]))["epoch"],
            "history": history}


def quantize(model):
    torch.backends.quantized.engine = "qnnpack"
    return torch.ao.quantization.quantize_dynamic(model, {torch.nn.GRU, torch.nn.Linear}, dtype=torch.qint8)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def evaluate(scripted, name: str, sets: dict) -> dict:
    """Accuracy on the fixed training and validation clips, the detection threshold from the
    validation stream, and the committed test set's results when there is one."""
    m = {"train_accuracy": round(kws_eval.accuracy(scripted, *sets["train"]), 4),
         "val_accuracy": round(kws_eval.accuracy(scripted, *sets["val"]), 4)}
    audio, keywords = sets["val_stream"]
    scores = kws_eval.keyword_scores(scripted, audio, CHUNK)
    threshold, val_stream = kws_eval.tune_threshold(scores, CHUNK / ka.RATE, keywords, REFRACTORY, TOLERANCE)
    m["val_stream"] = val_stream
    if "test" in sets:
        x, y, _, _ = sets["test"]
        m["test_accuracy"] = round(kws_eval.accuracy(scripted, x, y), 4)
        m["test_clips"] = int(y.numel())
        audio, keywords = sets["test_stream"]
        scores = kws_eval.keyword_scores(scripted, audio, CHUNK)
        m["test_stream"] = kws_eval.match(kws_eval.detect(scores, CHUNK / ka.RATE, threshold, REFRACTORY),
                                          keywords, TOLERANCE)
    print(f"  {name}: {json.dumps(m)} threshold {threshold}", flush=True)
    return m, threshold


SOURCE = {"kind": "trained-here", "demo": True,
          "description": ("VoxBench demo model: trained from scratch by tools/demo/train_kws.py on "
                          "synthetic speech (espeak-ng, flite and Festival voices) for the keyword "
                          "'sheila'. Not trained on recorded speech.")}


def write_package(folder: Path, model, scripted, name: str, variant: dict, record: dict,
                  metrics: dict, threshold: float) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    scripted.save(str(folder / "model.pt"))
    manifest = {
        "format_version": FORMAT_VERSION,
        "family": "kws-crnn",
        "name": name,
        "labels": ka.LABELS,
        "keyword": ka.KEYWORD,
        "keyword_index": ka.KEYWORD_INDEX,
        "sample_rate": ka.RATE,
        "clip_seconds": ka.CLIP / ka.RATE,
        "hop_samples": 160,
        "chunk_samples": CHUNK,
        "state_size": int(scripted.init_state(1).size(1)),
        "front_end": front_end(),
        "architecture": describe(model),
        "interface": INTERFACE,
        "variant": variant,
        "parameter_count": parameter_count(model),
        "detection": {"threshold": threshold, "refractory_seconds": REFRACTORY,
                      "tolerance_seconds": TOLERANCE, "score": "softmax probability of the keyword"},
        "source": SOURCE,
        "training": record,
        "metrics": metrics,
        "torch_version": torch.__version__.split("+")[0],
        "files": {"model": "model.pt"},
        "sha256": {"model.pt": sha256(folder / "model.pt")},
    }
    (folder / "voxbench-kws.json").write_text(json.dumps(manifest, indent=1) + "\n")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--test-dir", type=Path)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--student-epochs", type=int, default=16)
    p.add_argument("--batches", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--checkpoints", type=Path,
                   help="float weights and training records: read from this file when it exists "
                        "(no training, only export and evaluation), written to it otherwise")
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    data = torch.load(a.data)
    aug = Augmenter(data, SEED)
    val_aug = Augmenter(data["val"], SEED + 1)
    sets = {"train": Augmenter(data, SEED + 2).fixed_clips(1000), "val": val_aug.fixed_clips(600),
            "val_stream": val_aug.stream(400.0)}
    if a.test_dir:
        sets["test"] = kws_eval.load_clips(a.test_dir)
        sets["test_stream"] = kws_eval.load_stream(a.test_dir)

    models, records = {}, {}
    saved = torch.load(a.checkpoints) if a.checkpoints and a.checkpoints.exists() else None
    norm_audio = list(Augmenter(data, SEED + 3).fixed_clips(400)[0])
    for name, arch in ARCHS.items():
        model = KwsCRNN(**arch)
        if saved:
            model.load_state_dict(saved["weights"][name])
            model.eval()
            records[name] = saved["records"][name]
            models[name] = model
            continue
        set_normalization(model, norm_audio)
        teacher = models.get("teacher")
        print(f"training {name} ({parameter_count(model)} parameters)"
              + (" by distillation from the teacher" if teacher else ""), flush=True)
        epochs = a.student_epochs if teacher else a.epochs
        records[name] = train(model, aug, sets["val"], epochs, a.batches, a.batch_size, teacher)
        records[name]["objective"] = (f"distillation from teacher, temperature {TEMPERATURE}, alpha {ALPHA}"
                                      if teacher else "cross-entropy")
        models[name] = model
    if a.checkpoints and not saved:
        a.checkpoints.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"weights": {n: m.state_dict() for n, m in models.items()}, "records": records},
                   a.checkpoints)

    for name, model in models.items():
        fp32_variant = {"kind": "fp32", "description": "float32 weights, TorchScript",
                        "options": {}, "source": None if name == "teacher" else "teacher"}
        int8_variant = {"kind": "int8", "description": "dynamic int8 quantization of every nn.GRU and "
                        "nn.Linear (weights int8, activations quantized per call), qnnpack engine",
                        "options": {"quantization_engine": "qnnpack", "dtype": "qint8",
                                    "modules": ["GRU", "Linear"]},
                        "source": name}
        for suffix, variant, module in (("", fp32_variant, model), ("-int8", int8_variant, quantize(model))):
            scripted = torch.jit.script(module)
            metrics, threshold = evaluate(scripted, name + suffix, sets)
            write_package(a.out / (name + suffix), model, scripted, name + suffix, variant,
                          records[name], metrics, threshold)
    print(f"wrote {2 * len(models)} packages to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
