#!/usr/bin/python3
"""Times the Python reference decoder on a set of audio files, in process, for the engine
benchmark (bench/bench_whisper_engine): the package is loaded and warmed up first, then every
file is decoded once; the time covers log-mel, encoder and decoding, as the C++ engine's does.

    python3 -m tools.whisper.bench_reference --package PKG --threads 1 [--beam 1] A.f32 B.f32 ...

Prints one JSON object: {"seconds": total, "files": {name: tokens}, "threads": n, "beam": b}.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import torch

from .reference import Package, transcribe


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m tools.whisper.bench_reference")
    ap.add_argument("--package", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--beam", type=int, default=1)
    ap.add_argument("audio", nargs="+", help="raw 16 kHz mono float32 files")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    pkg = Package(args.package, "auto", args.threads)
    clips = {Path(p).name: torch.frombuffer(bytearray(Path(p).read_bytes()), dtype=torch.float32)
             for p in args.audio}
    first = next(iter(clips.values()))
    for _ in range(2):  # warm-up: TorchScript optimises on the first calls
        transcribe(pkg, first, args.beam)

    tokens = {}
    start = time.perf_counter()
    for name, audio in clips.items():
        tokens[name] = transcribe(pkg, audio, args.beam)["tokens"]
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "files": tokens, "threads": args.threads, "beam": args.beam}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
