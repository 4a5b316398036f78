"""Which quantized engine runs an int8 package's modules fastest on this machine.

Dynamic int8 packs each quantized Linear's weights for the engine current when the module is
loaded (torch.backends.quantized.engine), and runs them with that engine's kernels whatever is
current later. So one exported file can run on QNNPACK (every build; ARM's fast one) or oneDNN
(x86 builds; VNNI kernels), and the two differ by several times on x86: measured on the demo
model (AMD EPYC, AVX-512), the encoder took 31 ms with QNNPACK and 7.5 ms with oneDNN, a decoder
step 0.70 and 0.96 ms (one thread; a whole-window GEMM is where oneDNN's kernels win, a
one-token decoder step is where QNNPACK's lower call overhead does).

The exporter records one engine per module (variant.options.quantization_engines); the C++
engine and the reference load each module with it. By default it follows that rule (the
encoder on oneDNN where this torch has it, the decoder on QNNPACK), so that a package is the
same wherever it is exported; `timed` measures every engine on this machine and takes the
fastest per module instead (timings on a busy machine mislead: measured during a parallel
build, oneDNN's encoder took 64 ms instead of 7).
"""
import io
import time
from typing import Dict, List, Tuple

import torch

CANDIDATES = ["qnnpack", "onednn", "fbgemm", "x86"]


def available() -> List[str]:
    have = set(torch.backends.quantized.supported_engines)
    return [e for e in CANDIDATES if e in have]


def _load(buffer: bytes, engine: str):
    torch.backends.quantized.engine = engine
    return torch.jit.load(io.BytesIO(buffer), map_location="cpu")


def _seconds(fn, repeats: int) -> float:
    fn()  # the first call profiles the graph
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def by_rule() -> Dict[str, str]:
    """The default: oneDNN for the encoder where this torch has it, QNNPACK for the decoder."""
    have = available()
    return {"encoder": "onednn" if "onednn" in have else "qnnpack", "decoder": "qnnpack"}


def choose(encoder, decoder, dims) -> Tuple[Dict[str, str], Dict[str, Dict[str, float]]]:
    """The fastest engine for each scripted int8 module here, and every engine's time (ms)."""
    enc_bytes, dec_bytes = io.BytesIO(), io.BytesIO()
    torch.jit.save(encoder, enc_bytes)
    torch.jit.save(decoder, dec_bytes)
    threads, engine_before = torch.get_num_threads(), torch.backends.quantized.engine
    torch.set_num_threads(1)
    mel = torch.zeros(1, dims.n_mels, 2 * dims.n_audio_ctx)
    times: Dict[str, Dict[str, float]] = {"encoder": {}, "decoder": {}}
    try:
        with torch.inference_mode():
            features = None
            for engine in available():
                enc = _load(enc_bytes.getvalue(), engine)
                times["encoder"][engine] = 1000 * _seconds(lambda: enc(mel), 3)
                features = enc(mel)
            for engine in available():
                dec = _load(dec_bytes.getvalue(), engine)
                cross = dec.cross_kv(features)
                token = torch.zeros(1, 1, dtype=torch.long)

                def steps():
                    kv = dec.init_self_kv(cross, 16)
                    for i in range(16):
                        dec.step_hidden(token, cross, kv, i)
                times["decoder"][engine] = 1000 * _seconds(steps, 3) / 16
    finally:
        torch.set_num_threads(threads)
        torch.backends.quantized.engine = engine_before
    chosen = {module: min(t, key=t.get) for module, t in times.items()}
    return chosen, {m: {e: round(v, 3) for e, v in t.items()} for m, t in times.items()}
