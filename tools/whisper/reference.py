"""Python reference decoder for VoxBench Whisper packages (tests and benchmarks only).

It runs the exported package itself (encoder.pt, and decoder.pt through cross_kv /
init_self_kv / step, the methods the C++ engine calls), so C++ and Python can be compared
token for token. The rules (prompt, suppression, greedy, beam, repetition guard, maximum
length, 30-second windows) are specified in docs/MODEL-PACKAGE.md; this file follows them.

    /usr/bin/python3 -m tools.whisper.reference --package PKG --audio-f32 FILE.f32 \
        [--beam N] [--max-new-tokens N] [--dtype auto|float32|float16|bfloat16] --json
"""
import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import torch

from .tokenizer import Tokenizer

N_SAMPLES = 480000


def repetition_tripped(seq: List[int], max_ngram: int, repeats: int) -> bool:
    """True when the sampled tokens end with `repeats` consecutive copies of one n-gram,
    for some n in 1..max_ngram."""
    if repeats < 2:
        return False
    for n in range(1, max_ngram + 1):
        span = n * repeats
        if len(seq) < span:
            break
        tail = seq[-span:]
        gram = tail[-n:]
        if all(tail[k] == gram[k % n] for k in range(span)):
            return True
    return False


class Package:
    def __init__(self, path: str, dtype: str = "auto", threads: Optional[int] = None):
        self.path = Path(path)
        self.manifest = json.loads((self.path / "voxbench-model.json").read_text())
        m = self.manifest
        if threads:
            torch.set_num_threads(threads)
        self.engines = self.quantized_engines(m)
        if self.engines:
            torch.backends.quantized.engine = self.engines["encoder"]
        self.encoder = torch.jit.load(str(self.path / m["files"]["encoder"]), map_location="cpu")
        if self.engines:
            torch.backends.quantized.engine = self.engines["decoder"]
        self.decoder = torch.jit.load(str(self.path / m["files"]["decoder"]), map_location="cpu")
        want = m["variant"]["dtype_at_load"] if dtype == "auto" else dtype
        # float16 convolutions are not implemented on CPU in torch 1.13: auto falls back.
        if dtype == "auto" and want == "float16":
            want = None
        self.dtype = {None: torch.float32, "float32": torch.float32, "float16": torch.float16,
                      "bfloat16": torch.bfloat16}[want]
        if self.dtype != torch.float32:
            self.encoder = self.encoder.to(self.dtype)
            self.decoder = self.decoder.to(self.dtype)
        self.tokenizer = Tokenizer(self.path / m["files"]["vocab"],
                                   self.path / m["files"]["merges"],
                                   multilingual=m["multilingual"], n_vocab=m["dims"]["n_vocab"])
        self.sp = m["special_tokens"]
        self.eot = self.sp["endoftext"]
        self.nospeech = self.sp["nospeech"]
        self.suppress = torch.tensor(m["suppress_tokens"], dtype=torch.long)
        self.begin_suppress = torch.tensor(m["begin_suppress_tokens"], dtype=torch.long)
        g = m["decoding_defaults"]["repetition_guard"]
        self.guard = (int(g["max_ngram"]), int(g["repeats"]))

    @staticmethod
    def quantized_engines(m) -> Optional[dict]:
        """int8: the engine each module is loaded with (its packed weights are made for it), as
        the C++ engine chooses: the manifest's per module, else its one engine; one this torch
        lacks gives way to qnnpack."""
        if m["variant"]["kind"] != "int8":
            return None
        options = m["variant"]["options"]
        per = options.get("quantization_engines") or {}
        have = set(torch.backends.quantized.supported_engines)
        pick = lambda e: e if e in have else "qnnpack"  # noqa: E731
        return {mod: pick(per.get(mod, options["quantization_engine"])) for mod in ("encoder", "decoder")}

    def prompt(self, language: str = "en") -> List[int]:
        if self.manifest["multilingual"]:
            return [self.sp["startoftranscript"], self.manifest["language_tokens"][language],
                    self.sp["transcribe"], self.sp["notimestamps"]]
        return [self.sp["startoftranscript"], self.sp["notimestamps"]]

    def max_new(self, prompt_len: int, max_new_tokens: Optional[int]) -> int:
        n_ctx = self.manifest["dims"]["n_text_ctx"]
        limit = self.manifest["decoding_defaults"]["max_new_tokens"]
        if max_new_tokens is not None:
            limit = max_new_tokens
        return max(0, min(limit, n_ctx - prompt_len))

    def _suppress(self, logits: torch.Tensor, first: bool) -> torch.Tensor:
        logits = logits.clone()
        logits[..., self.suppress] = float("-inf")
        if first:
            logits[..., self.begin_suppress] = float("-inf")
        return logits

    @torch.no_grad()
    def encode(self, mel: torch.Tensor) -> torch.Tensor:
        return self.encoder(mel.to(self.dtype))

    @torch.no_grad()
    def greedy(self, mel: torch.Tensor, language: str = "en",
               max_new_tokens: Optional[int] = None) -> List[Dict]:
        """mel [B, n_mels, 3000] -> one result per row."""
        b = mel.shape[0]
        prompt = self.prompt(language)
        p = len(prompt)
        n_new = self.max_new(p, max_new_tokens)
        ck = self.decoder.cross_kv(self.encode(mel))
        kv = self.decoder.init_self_kv(ck, p + n_new)
        toks = torch.tensor([prompt] * b, dtype=torch.long)
        logits, kv = self.decoder.step(toks, ck, kv, 0)
        no_speech = self.no_speech_probs(logits)
        last = logits[:, -1]
        seqs: List[List[int]] = [[] for _ in range(b)]
        why = ["max_length"] * b
        done = [False] * b
        for i in range(n_new):
            nxt = self._suppress(last, i == 0).argmax(dim=-1).tolist()
            for r in range(b):
                if done[r]:
                    continue
                if nxt[r] == self.eot:
                    done[r], why[r] = True, "eot"
                    continue
                seqs[r].append(nxt[r])
                if repetition_tripped(seqs[r], *self.guard):
                    done[r], why[r] = True, "repetition"
            if all(done) or i == n_new - 1:
                break
            feed = torch.tensor([[self.eot if done[r] else nxt[r]] for r in range(b)])
            logits, kv = self.decoder.step(feed, ck, kv, p + i)
            last = logits[:, -1]
        return [{"prompt": prompt, "tokens": s, "finished_by": w, "no_speech_prob": ns,
                 "text": self.tokenizer.decode(s)} for s, w, ns in zip(seqs, why, no_speech)]

    def no_speech_probs(self, logits: torch.Tensor) -> List[float]:
        """OpenAI's no_speech_prob: softmax at the start-of-transcript position (the prompt's
        first), the no-speech token's probability; one per row."""
        return logits[:, 0].float().softmax(dim=-1)[:, self.nospeech].tolist()

    @torch.no_grad()
    def beam(self, mel: torch.Tensor, beam_size: int, language: str = "en",
             max_new_tokens: Optional[int] = None) -> List[Dict]:
        return [self._beam_one(mel[r:r + 1], beam_size, language, max_new_tokens)
                for r in range(mel.shape[0])]

    def _beam_one(self, mel: torch.Tensor, k: int, language: str,
                  max_new_tokens: Optional[int]) -> Dict:
        prompt = self.prompt(language)
        p = len(prompt)
        n_new = self.max_new(p, max_new_tokens)
        ck1 = self.decoder.cross_kv(self.encode(mel))
        kv = self.decoder.init_self_kv(ck1, p + n_new)
        logits, kv = self.decoder.step(torch.tensor([prompt]), ck1, kv, 0)
        no_speech = self.no_speech_probs(logits)[0]
        last = logits[:, -1]                        # [live, V]
        live: List[Tuple[List[int], float]] = [([], 0.0)]
        finished: List[Tuple[List[int], float, str]] = []
        ck = ck1
        for i in range(n_new):
            logp = torch.log_softmax(self._suppress(last, i == 0).float(), dim=-1)
            cands = []
            for bi, (seq, score) in enumerate(live):
                vals, ids = torch.sort(logp[bi], descending=True, stable=True)
                for rank in range(k + 1):
                    cands.append((score + float(vals[rank]), bi, int(ids[rank])))
            cands.sort(key=lambda c: -c[0])         # stable: ties keep (beam, rank) order
            nxt: List[Tuple[List[int], float]] = []
            src: List[int] = []
            for score, bi, tok in cands:
                if tok == self.eot:
                    if len(finished) < k:
                        finished.append((live[bi][0], score, "eot"))
                    continue
                seq = live[bi][0] + [tok]
                if repetition_tripped(seq, *self.guard):
                    if len(finished) < k:
                        finished.append((seq, score, "repetition"))
                    continue
                nxt.append((seq, score))
                src.append(bi)
                if len(nxt) == k:
                    break
            if len(finished) >= k or not nxt or i == n_new - 1:
                live = nxt
                break
            idx = torch.tensor(src, dtype=torch.long)
            kv = kv.index_select(2, idx)
            if ck.shape[2] != len(src):
                ck = ck1.expand(-1, -1, len(src), -1, -1).contiguous()
            feed = torch.tensor([[s[-1]] for s, _ in nxt])
            logits, kv = self.decoder.step(feed, ck, kv, p + i)
            last = logits[:, -1]
            live = nxt
        if len(finished) < k:
            for seq, score in sorted(live, key=lambda c: -c[1]):
                if len(finished) >= k:
                    break
                finished.append((seq, score, "max_length"))
        best = None
        for seq, score, why in finished:           # first maximum wins
            norm = score / max(1, len(seq))
            if best is None or norm > best[0]:
                best = (norm, seq, score, why)
        norm, seq, score, why = best
        return {"prompt": prompt, "tokens": seq, "finished_by": why, "sum_logprob": score,
                "score": norm, "no_speech_prob": no_speech, "text": self.tokenizer.decode(seq)}


def window_samples(n_audio_ctx: int) -> int:
    """Samples in one window of a model: 2 mel frames per encoder position, 160 samples a frame
    (480000, 30 s, for Whisper's n_audio_ctx 1500)."""
    from .audio import HOP_LENGTH
    return 2 * n_audio_ctx * HOP_LENGTH


def mel_windows(audio: torch.Tensor, n_mels: int, window: int = N_SAMPLES) -> torch.Tensor:
    """Consecutive windows of `window` samples (the last zero-padded) -> mel [W, n_mels, window / 160]."""
    from .audio import log_mel_spectrogram, pad_or_trim
    n = max(1, -(-audio.shape[0] // window))
    mels = []
    for w in range(n):
        chunk = pad_or_trim(audio[w * window:(w + 1) * window], window)
        mels.append(log_mel_spectrogram(chunk, n_mels))
    return torch.stack(mels)


def transcribe(pkg: Package, audio: torch.Tensor, beam: int = 1, language: str = "en",
               max_new_tokens: Optional[int] = None) -> Dict:
    dims = pkg.manifest["dims"]
    mel = mel_windows(audio, dims["n_mels"], window_samples(dims["n_audio_ctx"]))
    res = (pkg.greedy(mel, language, max_new_tokens) if beam <= 1
           else pkg.beam(mel, beam, language, max_new_tokens))
    tokens = [t for r in res for t in r["tokens"]]
    return {"windows": res, "tokens": tokens, "text": pkg.tokenizer.decode(tokens)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m tools.whisper.reference")
    ap.add_argument("--package", required=True)
    ap.add_argument("--audio-f32", required=True, help="raw 16 kHz mono float32 samples")
    ap.add_argument("--beam", type=int, default=1)
    ap.add_argument("--language", default="en")
    ap.add_argument("--max-new-tokens", type=int)
    ap.add_argument("--dtype", default="auto", choices=["auto", "float32", "float16", "bfloat16"])
    ap.add_argument("--threads", type=int)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    pkg = Package(args.package, args.dtype, args.threads)
    data = Path(args.audio_f32).read_bytes()
    audio = torch.frombuffer(bytearray(data), dtype=torch.float32)
    out = transcribe(pkg, audio, args.beam, args.language, args.max_new_tokens)
    out.update({"package": str(args.package), "beam": args.beam,
                "dtype": str(pkg.dtype).replace("torch.", "")})
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(out["text"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
