"""Self-test of the Python side of VoxBench's Whisper engine.

    /usr/bin/python3 -m tools.whisper.selftest OUT_DIR     (run from the repository root)

Makes tiny random packages (width 64, 4 heads, 2+2 layers; English and multilingual, 80 and
128 mel bins, every variant) under OUT_DIR and checks them. Prints one line per check and
"selftest: N passed, M failed"; exits 1 when a check fails. About a minute on 2 cores.
"""
import hashlib
import json
import subprocess
import sys
import time
import traceback
from pathlib import Path

import torch

from . import export, hf_mapping, quantized_engines
from .model import checkpoint_of, load_checkpoint, parse_dims, random_model
from .reference import Package, mel_windows, repetition_tripped
from .tokenizer import LANGUAGES, Tokenizer, layout

DIMS = "64x2h4"
MAX_NEW = 24
REPO = Path(__file__).resolve().parents[2]


class Runner:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, fn):
        t = time.time()
        try:
            detail = fn()
            self.passed += 1
            print(f"PASS {name} ({time.time() - t:.1f}s){': ' + detail if detail else ''}",
                  flush=True)
        except Exception as e:  # noqa: BLE001 - a failed check is reported, not raised
            self.failed += 1
            print(f"FAIL {name}: {type(e).__name__}: {e}", flush=True)
            traceback.print_exc(limit=3)


def test_audio(n: int, seed: int = 7):
    """n synthetic clips, 0.5 to 3.5 s: noise plus a chirp, different per clip."""
    g = torch.Generator().manual_seed(seed)
    clips = []
    for i in range(n):
        length = 8000 + (i * 7919) % 48000
        t = torch.arange(length, dtype=torch.float32) / 16000
        tone = torch.sin(2 * torch.pi * (200 + 150 * i) * t * (1 + t))
        clips.append((0.3 * tone + 0.05 * torch.randn(length, generator=g)).float())
    return clips


def mels(clips, n_mels):
    return torch.cat([mel_windows(c, n_mels) for c in clips])


def verify_checksums(pkg: Path):
    m = json.loads((pkg / "voxbench-model.json").read_text())
    for name, digest in m["sha256"].items():
        got = hashlib.sha256((pkg / name).read_bytes()).hexdigest()
        assert got == digest, f"{name}: checksum differs"
    assert set(m["sha256"]) == set(m["files"].values())
    return m


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    r = Runner()
    start = time.time()
    clips = test_audio(6)
    state = {}

    # -- tokenizer and layouts -----------------------------------------------------------
    def tokenizer_basics():
        tok = Tokenizer()
        assert tok.encode("Hello world") == [15496, 995], tok.encode("Hello world")
        for s in ["Hello, it's 2024!  Ünïcödé ☃ text\n", " a  b\t\tc   ", "I'll say 'hi' 's"]:
            assert tok.decode(tok.encode(s)) == s, s
        assert tok.decode([15496, 50256, 50257, 995]) == "Hello world"
        return f"{len(tok.encoder)} tokens, {len(tok.ranks)} merges"

    def layouts():
        en = layout(51864, False)["special_tokens"]
        assert (en["endoftext"], en["startoftranscript"], en["translate"], en["transcribe"],
                en["startoflm"], en["startofprev"], en["nospeech"], en["notimestamps"],
                en["timestamp_begin"]) == (50256, 50257, 50357, 50358, 50359, 50360, 50361,
                                           50362, 50363)
        ml = layout(51865, True)
        s = ml["special_tokens"]
        assert (s["endoftext"], s["startoftranscript"], s["translate"], s["transcribe"],
                s["notimestamps"], s["timestamp_begin"]) == (50257, 50258, 50358, 50359,
                                                             50363, 50364)
        assert ml["language_tokens"]["en"] == 50259 and ml["language_tokens"]["su"] == 50357
        v3 = layout(51866, True)
        assert v3["language_tokens"]["yue"] == 50358 and v3["special_tokens"]["transcribe"] == 50360
        return f"{len(LANGUAGES)} language codes"

    def guard():
        assert repetition_tripped([1, 2, 3, 3, 3, 3, 3], 8, 5)
        assert not repetition_tripped([3, 3, 3, 3], 8, 5)
        assert repetition_tripped([9] + [4, 5] * 5, 8, 5)
        assert not repetition_tripped([4, 5] * 4 + [4], 8, 5)
        return None

    r.check("tokenizer encode/decode", tokenizer_basics)
    r.check("special-token layouts", layouts)
    r.check("repetition guard rule", guard)

    # -- OpenAI checkpoint and HF state dict of the same weights -------------------------
    def same_weights_two_layouts():
        model = random_model(parse_dims(DIMS, 80, False), seed=11)
        ckpt = out / "en80-openai.pt"
        torch.save(checkpoint_of(model), ckpt)
        sd = hf_mapping.model_to_hf_state_dict(model)
        hf = out / "en80-hf.pt"
        torch.save(sd, hf)
        (out / "en80-hf-config.json").write_text(json.dumps(hf_mapping.hf_config_of(model.dims)))
        # strict reload of both layouts gives the same state dict
        a = load_checkpoint(torch.load(ckpt)).state_dict()
        b = load_checkpoint(hf_mapping.hf_to_checkpoint(torch.load(hf),
                                                        hf_mapping.hf_config_of(model.dims)))
        for k, v in a.items():
            assert torch.equal(v, b.state_dict()[k]), k
        assert export.main(["--checkpoint", str(ckpt), "--out", str(out / "en80")]) == 0
        assert export.main(["--hf-state-dict", str(hf), "--hf-config",
                            str(out / "en80-hf-config.json"), "--out",
                            str(out / "en80-from-hf")]) == 0
        state["model_en80"] = model
        verify_checksums(out / "en80")
        verify_checksums(out / "en80-from-hf")
        mel = mels(clips, 80)
        state["mel80"] = mel
        pa, pb = Package(str(out / "en80")), Package(str(out / "en80-from-hf"))
        ga, gb = pa.greedy(mel, max_new_tokens=MAX_NEW), pb.greedy(mel, max_new_tokens=MAX_NEW)
        assert [x["tokens"] for x in ga] == [x["tokens"] for x in gb]
        ba = pa.beam(mel[:3], 3, max_new_tokens=MAX_NEW)
        bb = pb.beam(mel[:3], 3, max_new_tokens=MAX_NEW)
        assert [x["tokens"] for x in ba] == [x["tokens"] for x in bb]
        state["greedy_en80"] = ga
        ends = sorted({x["finished_by"] for x in ga + ba})
        return (f"greedy lengths {[len(x['tokens']) for x in ga]}, beam lengths "
                f"{[len(x['tokens']) for x in ba]}, ends {ends}")

    r.check("OpenAI checkpoint and HF state dict give identical tokens (greedy, beam 3)",
            same_weights_two_layouts)

    # -- KV-cache decoder against the uncached model -------------------------------------
    def kv_cache_equivalence():
        model = state["model_en80"]
        dec = torch.jit.load(str(out / "en80" / "decoder.pt"))
        enc = torch.jit.load(str(out / "en80" / "encoder.pt"))
        mel = state["mel80"][:2]
        with torch.no_grad():
            af = enc(mel)
            assert tuple(af.shape) == (2, 1500, 64)
            assert (af - model.encoder(mel)).abs().max() < 1e-4
            g = torch.Generator().manual_seed(3)
            toks = torch.randint(0, 50256, (2, 12), generator=g)
            toks[:, 0] = 50257
            full = model.decoder(toks, af)
            ck = dec.cross_kv(af)
            assert tuple(ck.shape) == (2, 2, 2, 1500, 64), ck.shape
            kv = dec.init_self_kv(ck, 16)
            assert tuple(kv.shape) == (2, 2, 2, 16, 64), kv.shape
            parts = []
            l, kv = dec.step(toks[:, :4], ck, kv, 0)      # prompt, T > 1
            parts.append(l)
            for i in range(4, 12):                         # then T = 1
                l, kv = dec.step(toks[:, i:i + 1], ck, kv, i)
                parts.append(l)
            cached = torch.cat(parts, dim=1)
            diff = (cached - full).abs().max().item()
            assert diff < 1e-4, diff
            assert cached.dtype == torch.float32 and tuple(cached.shape) == (2, 12, 51864)
            # step_hidden + logit_weight: step's logits, the same operations (bit for bit).
            kv2 = dec.init_self_kv(ck, 16)
            h, kv2 = dec.step_hidden(toks[:, :4], ck, kv2, 0)
            assert tuple(h.shape) == (2, 4, 64), h.shape
            assert torch.equal(torch.matmul(h, dec.logit_weight().t()).float(), parts[0])
        return f"max abs diff {diff:.2e}"

    r.check("TorchScript decoder with KV cache equals the uncached model", kv_cache_equivalence)

    # -- multilingual, 128 mels ----------------------------------------------------------
    def multilingual128():
        assert export.main(["--random-dims", DIMS, "--n-mels", "128", "--multilingual",
                            "--seed", "5", "--out", str(out / "ml128")]) == 0
        m = verify_checksums(out / "ml128")
        assert m["dims"]["n_vocab"] == 51865 and m["dims"]["n_mels"] == 128
        assert m["vocabulary"].startswith("gpt2 (stand-in")
        p = Package(str(out / "ml128"))
        mel = mels(clips[:4], 128)
        g = p.greedy(mel, language="en", max_new_tokens=MAX_NEW)
        assert g[0]["prompt"] == [50258, 50259, 50359, 50363], g[0]["prompt"]
        g_de = p.greedy(mel, language="de", max_new_tokens=MAX_NEW)
        b = p.beam(mel[:2], 2, max_new_tokens=MAX_NEW)
        sup = set(m["suppress_tokens"])
        for x in g + g_de + b:
            assert not sup & set(x["tokens"])
        return f"greedy lengths {[len(x['tokens']) for x in g]}"

    def english128_multilingual80():
        for name, args in (("en128", ["--n-mels", "128", "--english"]),
                           ("ml80", ["--multilingual"])):
            assert export.main(["--random-dims", DIMS, "--seed", "6", "--out",
                                str(out / name)] + args) == 0
            m = verify_checksums(out / name)
            p = Package(str(out / name))
            g = p.greedy(mels(clips[:2], m["dims"]["n_mels"]), max_new_tokens=MAX_NEW)
            assert len(g) == 2
        return None

    def end_conditions():
        """Every way a hypothesis ends occurs: EOT (seed 13), the repetition guard (a model
        whose tied output layer repeats the last token), the maximum length (seed 11)."""
        ends = {x["finished_by"] for x in state["greedy_en80"]}
        src = {"kind": "random", "path": None, "description": "selftest"}
        for name, model in (
                ("en80-eot", random_model(parse_dims(DIMS, 80, False), seed=13)),
                ("en80-repeat", random_model(parse_dims(DIMS, 80, False), seed=12, out_gain=1,
                                             mlp_gain=1, emb_std=1.0, eot_gain=1.0))):
            export.export_package(model, out / name, src)
            p = Package(str(out / name))
            res = p.greedy(state["mel80"], max_new_tokens=MAX_NEW) + \
                p.beam(state["mel80"][:2], 3, max_new_tokens=MAX_NEW)
            ends |= {x["finished_by"] for x in res}
        assert ends == {"eot", "repetition", "max_length"}, ends
        return None

    r.check("hypotheses end by EOT, repetition guard and maximum length", end_conditions)
    r.check("multilingual 128-mel package exports and decodes", multilingual128)
    r.check("English 128-mel and multilingual 80-mel packages", english128_multilingual80)

    # -- variants ------------------------------------------------------------------------
    base = out / "en80-openai.pt"
    mel = state.get("mel80")
    ref_tokens = [x["tokens"] for x in state.get("greedy_en80", [])]

    def variant(kind, extra=(), dtype="auto"):
        def run():
            name = f"en80-{kind}"
            assert export.main(["--checkpoint", str(base), "--variant", kind, "--out",
                                str(out / name)] + list(extra)) == 0
            m = verify_checksums(out / name)
            p = Package(str(out / name), dtype)
            g = p.greedy(mel, max_new_tokens=MAX_NEW)
            b = p.beam(mel[:2], 2, max_new_tokens=MAX_NEW)
            same = sum(x["tokens"] == t for x, t in zip(g, ref_tokens))
            msg = f"{same}/{len(g)} greedy outputs equal fp32"
            if kind == "pruned":
                sh = m["shapes"]
                assert sh["heads"]["decoder.attn"] == [2, 2], sh["heads"]
                assert sh["mlp"]["encoder"] == [128, 128], sh["mlp"]
                ck = p.decoder.cross_kv(p.encode(mel[:1]))
                assert ck.shape[-1] == sh["cross_kv_width"] == 32
                assert p.decoder.init_self_kv(ck, 4).shape[-1] == sh["self_kv_width"] == 32
                msg += f", {m['parameter_count']} parameters"
            if kind == "int8":
                o = m["variant"]["options"]
                assert o["quantization_engine"] == "qnnpack"
                engines = o["quantization_engines"]
                assert engines == quantized_engines.by_rule() and o["engine_choice"] == "rule", o
                assert p.engines == engines, (p.engines, engines)
                shape = type("Dims", (), m["dims"])
                chosen, timed = quantized_engines.choose(p.encoder, p.decoder, shape)
                for module in ("encoder", "decoder"):
                    assert chosen[module] == min(timed[module], key=timed[module].get), timed
                    assert set(timed[module]) == set(quantized_engines.available()), timed
                msg += f", engines {engines}"
            if kind in ("fp16", "bf16"):
                assert m["variant"]["dtype_at_load"] == {"fp16": "float16",
                                                         "bf16": "bfloat16"}[kind]
                msg += f", decoded in {str(p.dtype).replace('torch.', '')}"
            if kind == "frozen":
                msg += f", applied {m['variant']['options']['applied']}"
            assert all(len(x["tokens"]) > 0 for x in g)
            del b
            return msg
        return run

    r.check("int8 variant (dynamic quantization, an engine per module)", variant("int8"))
    r.check("pruned variant (amount 0.5)", variant("pruned", ["--prune-amount", "0.5"]))
    r.check("fp16-marked variant", variant("fp16"))
    r.check("bf16-marked variant, cast to bfloat16 at load", variant("bf16"))
    r.check("frozen variant", variant("frozen"))

    # -- the command line ----------------------------------------------------------------
    def reference_cli():
        f32 = out / "clip0.f32"
        f32.write_bytes(clips[0].numpy().tobytes())
        cmd = [sys.executable, "-m", "tools.whisper.reference", "--package",
               str(out / "en80"), "--audio-f32", str(f32), "--json",
               "--max-new-tokens", str(MAX_NEW)]
        res = subprocess.run(cmd, cwd=str(REPO), capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, res.stderr[-500:]
        got = json.loads(res.stdout)
        assert got["tokens"] == ref_tokens[0], (got["tokens"], ref_tokens[0])
        return f"text {got['text'][:40]!r}"

    r.check("reference CLI on raw float32 audio", reference_cli)

    print(f"selftest: {r.passed} passed, {r.failed} failed ({time.time() - start:.0f}s)")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
