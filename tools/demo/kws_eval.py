"""Evaluation of keyword-spotting modules in Python: clip accuracy, per-chunk keyword scores of
a stream, and keyword detection. detect() and match() are the reference for VoxBench's C++
(core/kws/detection.*): the same rules, described in docs/MODEL-PACKAGE.md ("Detections").
"""
import json
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import torch

RATE = 16000


def read_audio(path: Path) -> torch.Tensor:
    """Mono float32 at 16 kHz (int16 / 32768, as FFmpeg's float output gives)."""
    raw = subprocess.run(["sox", str(path), "-t", "raw", "-e", "signed", "-b", "16", "-c", "1",
                          "-r", str(RATE), "-"], capture_output=True, check=True).stdout
    return torch.frombuffer(bytearray(raw), dtype=torch.int16).float() / 32768.0


def load_clips(folder: Path) -> Tuple[torch.Tensor, torch.Tensor, List[dict], List[str]]:
    manifest = json.loads((folder / "clips.json").read_text())
    labels = manifest["labels"]
    n = int(manifest["clip_seconds"] * manifest["sample_rate"])
    xs = []
    for row in manifest["clips"]:
        x = read_audio(folder / row["audio"])
        xs.append(torch.nn.functional.pad(x, (0, max(0, n - x.numel())))[:n])
    y = torch.tensor([labels.index(r["label"]) for r in manifest["clips"]])
    return torch.stack(xs), y, manifest["clips"], labels


def load_stream(folder: Path) -> Tuple[torch.Tensor, List[Tuple[float, float]]]:
    manifest = json.loads((folder / "stream.json").read_text())
    keywords = [(e["start"], e["end"]) for e in manifest["events"] if e["keyword"]]
    return read_audio(folder / manifest["audio"]), keywords


@torch.no_grad()
def classify(module, x: torch.Tensor, batch: int = 1) -> torch.Tensor:
    """Logits of every clip, `batch` clips per call. One clip per call by default, as
    `voxbench-cli classify` runs: dynamic int8 quantization picks its activation scales per call,
    so an int8 model's results depend on which clips share a call."""
    return torch.cat([module(x[i:i + batch]) for i in range(0, x.size(0), batch)])


@torch.no_grad()
def accuracy(module, x: torch.Tensor, y: torch.Tensor) -> float:
    return (classify(module, x).argmax(1) == y).float().mean().item()


@torch.no_grad()
def keyword_scores(module, audio: torch.Tensor, chunk: int, keyword_index: int = 0) -> List[float]:
    """Softmax probability of the keyword after every whole chunk (a last partial chunk is
    dropped)."""
    state = module.init_state(1)
    scores = []
    for start in range(0, audio.numel() - chunk + 1, chunk):
        logits, state = module.stream(audio[start:start + chunk].unsqueeze(0), state)
        scores.append(torch.softmax(logits, 1)[0, keyword_index].item())
    return scores


def detect(scores: List[float], chunk_seconds: float, threshold: float,
           refractory: float) -> List[Tuple[float, float]]:
    """[(time, peak score)]: a detection starts at the first chunk of every run of chunks with
    score >= threshold, at that chunk's end time, unless it comes less than `refractory` seconds
    after the previous detection (then the whole run is ignored); its peak is the run's maximum."""
    out: List[Tuple[float, float]] = []
    in_run, counted = False, False
    for i, p in enumerate(scores):
        t = (i + 1) * chunk_seconds
        if p >= threshold:
            if not in_run:
                in_run = True
                counted = not out or t - out[-1][0] >= refractory - 1e-9
                if counted:
                    out.append((t, p))
            elif counted and p > out[-1][1]:
                out[-1] = (out[-1][0], p)
        else:
            in_run = False
    return out


def match(detections: List[Tuple[float, float]], keywords: List[Tuple[float, float]],
          tolerance: float) -> Dict:
    """A detection at time t is a hit of the earliest unmatched keyword with start <= t <=
    end + tolerance; otherwise a false alarm. Keywords without a hit are misses."""
    used = [False] * len(keywords)
    hits, false_alarms, latencies = 0, 0, []
    for t, _ in detections:
        for k, (start, end) in enumerate(keywords):
            if not used[k] and start <= t + 1e-9 and t <= end + tolerance + 1e-9:
                used[k] = True
                hits += 1
                latencies.append(t - end)
                break
        else:
            false_alarms += 1
    return {"keywords": len(keywords), "hits": hits, "misses": len(keywords) - hits,
            "false_alarms": false_alarms,
            "mean_latency_seconds": round(sum(latencies) / len(latencies), 3) if latencies else None}


def tune_threshold(scores: List[float], chunk_seconds: float, keywords, refractory: float,
                   tolerance: float) -> Tuple[float, Dict]:
    """The threshold in 0.50, 0.55, ... 0.95 with the most hits minus false alarms (the higher
    threshold on ties)."""
    best = None
    for step in range(10):
        threshold = round(0.5 + 0.05 * step, 2)
        m = match(detect(scores, chunk_seconds, threshold, refractory), keywords, tolerance)
        if best is None or m["hits"] - m["false_alarms"] >= best[1]["hits"] - best[1]["false_alarms"]:
            best = (threshold, m)
    return best
