"""Measure every demo variant with VoxBench itself and print Markdown tables (docs/DEMO.md).

    python3 -m demo.measure_demo [--build ../build] [--threads 1] [--only kws]   (run from tools/)

Whisper variants: `voxbench-cli transcribe` (greedy, batch 1, the given intra-op threads) on
the clean and hard demo sets, scored by `voxbench-cli score` (whisper-en normalizer, sclite
costs) for WER and, with --cer, CER; time per utterance is the engine's own total per call
(features, encoder, decoder), the mean over the set. Size on disk is the package folder;
parameters come from the manifest.

KWS packages: VoxBench runs, as a user makes them. A copy of the build's demo project (which
holds the six KWS packages as variants `kws-...`) gets the demo's clip manifest and stream
imported; each package runs over both with `voxbench-cli run` (one process per run, one clip
per call, warm-up calls, timed repeats with the median kept), and the tables are what
`voxbench-cli runs -o markdown --baseline kws-teacher` prints.
"""
import argparse
import json
import shutil
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


# The order of the KWS table: the teacher (the baseline) first, then its int8 and the students.
KWS_ORDER = ["teacher", "teacher-int8", "student-gru32", "student-gru32-int8", "student-gru16", "student-gru16-int8"]


def kws_tables(cli: Path, build: Path, kws: Path, threads: int, repeats: int, warmup: int) -> tuple:
    """VoxBench runs of every KWS package over the demo clips and stream, in a copy of the demo
    project; returns (`runs -o markdown`, `runs -o json`)."""
    demo = build / "demo" / "demo.voxbench"
    if not demo.exists():
        sys.exit(f"no demo project at {demo}: build the voxbench_demo target first")
    packages = [p.name for p in (kws / "models").iterdir() if p.is_dir()]
    packages.sort(key=lambda n: (KWS_ORDER.index(n) if n in KWS_ORDER else len(KWS_ORDER), n))
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "demo.voxbench"
        shutil.copyfile(demo, project)
        for name, manifest in (("demo kws clips", "clips.json"), ("demo kws stream", "stream.json")):
            run([cli, "import", kws / manifest, "-p", project, "--name", name])
        for dataset in ("demo kws clips", "demo kws stream"):
            for name in packages:
                run([cli, "run", "-p", project, "--variant", f"kws-{name}", "--dataset", dataset,
                     "--threads", threads, "--batch", 1, "--warmup", warmup, "--repeats", repeats])
                print(f"measured {name} on {dataset}", file=sys.stderr)
        report = [cli, "runs", "-p", project, "--baseline", f"kws-{packages[0]}"]
        return run(report + ["-o", "markdown"]), json.loads(run(report + ["-o", "json"]))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", type=Path, default=ROOT / "build")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3, help="KWS runs: timed calls per batch (median kept)")
    p.add_argument("--warmup", type=int, default=2, help="KWS runs: untimed calls first")
    p.add_argument("--only", choices=("all", "whisper", "kws"), default="all")
    p.add_argument("--json", type=Path, help="also write every figure here")
    a = p.parse_args(argv)
    cli = a.build / "bin" / "voxbench-cli"
    listing = a.build / "demo" / "models" / "packages.json"  # absent until the model is committed
    packages = json.loads(listing.read_text()) if listing.exists() and a.only != "kws" else []
    asr = ROOT / "resources" / "demo" / "asr"
    kws = ROOT / "resources" / "demo" / "kws"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in packages:
            rows.append(whisper_row(cli, a.build / "demo" / "models" / name, asr, a.threads, Path(tmp)))
            print(f"measured {name}", file=sys.stderr)
    markdown, kws_runs = ("", {}) if a.only == "whisper" else kws_tables(cli, a.build, kws, a.threads, a.repeats,
                                                                           a.warmup)
    if a.json:
        a.json.write_text(json.dumps({"whisper": rows, "kws": kws_runs.get("kws", [])}, indent=1))

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
    if markdown:
        print(f"\nKeyword spotting (\"sheila\"; voxbench-cli run: {a.threads} thread(s), one clip per call, "
              f"{a.warmup} warm-up calls, the median of {a.repeats} timed calls; voxbench-cli runs -o markdown):")
        print(markdown, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
