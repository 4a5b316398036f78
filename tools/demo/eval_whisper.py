"""Score a demo Whisper training checkpoint on the committed demo test set, in Python.

    python3 -m demo.eval_whisper CHECKPOINT.pt [--part clean|hard] [--show 20]   (run from tools/)

Greedy decoding as in training (tools/demo/train_whisper.py), references and hypotheses compared
word by word without a normalizer (the grammar writes lowercase words without punctuation, so
whisper-en changes little). Prints the WER and the worst utterances; for checking a training
stage before packing it. VoxBench's own figures come from demo.measure_demo.
"""
import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import torch

from whisper.model import load_checkpoint
from whisper.tokenizer import Tokenizer

from . import train_whisper as tw
from .kws_eval import read_audio

ASR = Path(__file__).resolve().parents[2] / "resources" / "demo" / "asr"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("checkpoint", type=Path)
    p.add_argument("--part", default="clean", choices=["clean", "hard"])
    p.add_argument("--show", type=int, default=15, help="worst utterances to print")
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    tok = Tokenizer()
    sp = tok.layout["special_tokens"]
    prompt, eot = [sp["startoftranscript"], sp["notimestamps"]], sp["endoftext"]
    model = load_checkpoint(torch.load(a.checkpoint)).eval()
    rows = [json.loads(line) for line in (ASR / f"{a.part}.json").read_text().splitlines()]
    gen = torch.Generator().manual_seed(0)
    errs = words = 0
    worst, confusions = [], Counter()
    by_voice = {}
    for k in range(0, len(rows), 16):
        part = rows[k:k + 16]
        clips = [(read_audio(ASR / r["audio_filepath"]) * 32768).round().to(torch.int16)
                 for r in part]
        mel = tw.features(clips, gen, False)
        for r, toks in zip(part, tw.greedy(model, mel, prompt, eot)):
            hyp = tok.decode(toks).strip()
            e, n = tw.word_errors(r["text"], hyp)
            errs, words = errs + e, words + n
            voice = r["speaker"].split("+")[0].split("@")[0]
            ve, vn = by_voice.get(voice, (0, 0))
            by_voice[voice] = (ve + e, vn + n)
            if e:
                worst.append((e / n, r["text"], hyp))
                ref_w, hyp_w = r["text"].split(), hyp.split()
                if len(ref_w) == len(hyp_w):
                    confusions.update((x, y) for x, y in zip(ref_w, hyp_w) if x != y)
    print(f"{a.checkpoint.name}: {a.part} WER {errs / max(1, words):.3f} ({errs}/{words} words)")
    print("by voice:", ", ".join(f"{v} {e / n:.2f} ({n} words)"
                                 for v, (e, n) in sorted(by_voice.items())))
    for rate, ref, hyp in sorted(worst, reverse=True)[:a.show]:
        print(f"  {rate:.2f}  REF: {ref}\n        HYP: {hyp}")
    if confusions:
        print("substitutions (same length):",
              ", ".join(f"{x}->{y} {c}" for (x, y), c in confusions.most_common(20)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
