"""Measure every demo variant with VoxBench itself and print a Markdown table (docs/DEMO.md).

    python3 -m demo.measure_demo [--build ../build] [--threads 1]          (run from tools/)

Whisper variants: `voxbench-cli transcribe` (greedy, batch 1, the given intra-op threads) on
the clean and hard demo sets, scored by `voxbench-cli score` (whisper-en normalizer, sclite
costs) for WER and, with --cer, CER; time per utterance is the engine's own total per call
(features, encoder, decoder), the mean over the set. KWS packages: `voxbench-cli classify` on
the clips (accuracy, time per clip) and the stream (hits, false alarms). Size on disk is the
package folder; parameters come from the manifest.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def run(cmd) -> str:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stderr}")
    return done.stdout


def references(manifest: Path) -> dict:
    out = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out[str((manifest.parent / row["audio_filepath"]).resolve())] = row["text"]
    return out


def error_rate(cli: Path, ref: Path, hyp: Path, cer: bool) -> float:
    cmd = [cli, "score", "--ref", ref, "--hyp", hyp, "--normalizer", "whisper-en", "-o", "json",
           "--bootstrap", "0"] + (["--cer"] if cer else [])
    report = json.loads(run(cmd))
    total = report["total"]
    counts = total.get("counts", total)
    return counts["errors"] / max(1, counts["reference_length"])


def whisper_row(cli: Path, package: Path, asr: Path, threads: int, work: Path) -> dict:
    manifest = json.loads((package / "voxbench-model.json").read_text())
    row = {"name": package.name, "kind": manifest["variant"]["kind"],
           "parameters": manifest["parameter_count"], "mb": folder_mb(package)}
    for part in ("clean", "hard"):
        refs = references(asr / f"{part}.json")
        out = run([cli, "transcribe", "-m", package, "--dataset", asr / f"{part}.json",
                   "--threads", threads, "--batch", 1, "-o", "json"])
        items = [json.loads(line) for line in out.splitlines() if line.strip()]
        ref, hyp = work / f"{part}.ref.trn", work / f"{part}.{package.name}.trn"
        ref.write_text("".join(f"{refs[str(Path(i['audio']).resolve())]} ({i['id']})\n" for i in items))
        hyp.write_text("".join(f"{i['text'].strip()} ({i['id']})\n" for i in items))
        row[f"{part}_wer"] = error_rate(cli, ref, hyp, False)
        row[f"{part}_cer"] = error_rate(cli, ref, hyp, True)
        row[f"{part}_ms"] = sum(i["timings_ms"]["total"] for i in items) / len(items)
        row[f"{part}_n"] = len(items)
    return row


def kws_row(cli: Path, package: Path, kws: Path, threads: int) -> dict:
    manifest = json.loads((package / "voxbench-kws.json").read_text())
    clips = json.loads(run([cli, "classify", "-m", package, kws / "clips.json", "--threads", threads,
                            "--batch", 1, "-o", "json"]))
    stream = json.loads(run([cli, "classify", "-m", package, kws / "stream.json", "--threads", threads,
                             "-o", "json"]))
    return {"name": package.name, "kind": manifest["variant"]["kind"],
            "parameters": manifest["parameter_count"], "mb": folder_mb(package),
            "clips": clips, "stream": stream}


def recall(clips: dict) -> float:
    """Percent of keyword clips classified as the keyword (label 0, the confusion's first row)."""
    row = clips["confusion"][0]
    return 100.0 * row[0] / max(1, sum(row))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", type=Path, default=ROOT / "build")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--json", type=Path, help="also write every figure here")
    a = p.parse_args(argv)
    cli = a.build / "bin" / "voxbench-cli"
    listing = a.build / "demo" / "models" / "packages.json"  # absent until the model is committed
    packages = json.loads(listing.read_text()) if listing.exists() else []
    asr = ROOT / "resources" / "demo" / "asr"
    kws = ROOT / "resources" / "demo" / "kws"
    rows, kws_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in packages:
            rows.append(whisper_row(cli, a.build / "demo" / "models" / name, asr, a.threads, Path(tmp)))
            print(f"measured {name}", file=sys.stderr)
    for package in sorted(p for p in (kws / "models").iterdir() if p.is_dir()):
        kws_rows.append(kws_row(cli, package, kws, a.threads))
        print(f"measured {package.name}", file=sys.stderr)
    if a.json:
        a.json.write_text(json.dumps({"whisper": rows, "kws": kws_rows}, indent=1))

    if rows:
        print(f"Whisper demo variants (greedy, batch 1, {a.threads} thread(s), whisper-en normalizer; "
              f"{rows[0]['clean_n']} clean and {rows[0]['hard_n']} hard utterances):\n")
        print("| Variant | Kind | Parameters | Size on disk | WER clean | CER clean | WER hard | CER hard "
              "| CPU ms / utt (clean) |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['name']} | {r['kind']} | {r['parameters']:,} | {r['mb']:.1f} MB "
              f"| {100 * r['clean_wer']:.1f} % | {100 * r['clean_cer']:.1f} % "
              f"| {100 * r['hard_wer']:.1f} % | {100 * r['hard_cer']:.1f} % | {r['clean_ms']:.0f} |")
    print(f"\nKeyword spotting (\"sheila\"; {a.threads} thread(s); clips one per call):\n")
    print("| Package | Kind | Parameters | Size on disk | Clip accuracy | Keyword recall "
          "| Stream hits / misses / false alarms | CPU ms / clip |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in kws_rows:
        c, s = r["clips"], r["stream"]
        print(f"| {r['name']} | {r['kind']} | {r['parameters']:,} | {r['mb'] * 1000:.0f} kB "
              f"| {100 * c['accuracy']:.1f} % | {recall(c):.1f} % "
              f"| {s['hits']} / {s['misses']} / {s['false_alarms']} | {c['cpu_ms_per_clip']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
