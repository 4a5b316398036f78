"""The demo Whisper checkpoints: pack them for the repository, export them as model packages.

    python3 -m demo.whisper_packages pack TEACHER.pt STUDENT.pt ARCHIVE.tar.xz   (from tools/)
    python3 -m demo.whisper_packages export ARCHIVE.tar.xz OUT_DIR

pack: both checkpoints in OpenAI's layout with float16 weights (as OpenAI publishes Whisper's),
in one xz archive. The student's encoder is a copy of the teacher's, so xz stores it once.

export (run by the build): one package per variant under OUT_DIR, made with tools/whisper's
exporter: whisper-demo-fp32, -int8, -pruned30, -fp16, -frozen, and whisper-demo-student (the
distilled half-decoder student, float32). Each manifest's source says plainly that this is a
demo model trained here on synthetic speech, and carries the training record.
"""
import argparse
import io
import json
import lzma
import sys
import tarfile
from pathlib import Path

import torch

from whisper.export import export_package
from whisper.model import load_checkpoint

MEMBERS = {"teacher": "whisper-demo.pt", "student": "whisper-demo-student.pt"}
DEMO_TEXT = ("VoxBench demo model: Whisper architecture in OpenAI's checkpoint layout, trained "
             "from scratch on synthetic speech (espeak-ng, flite, Festival voices) over a small "
             "command-and-question grammar by tools/demo/train_whisper.py. Not a real Whisper "
             "checkpoint: it only knows the demo's vocabulary and writes lowercase words "
             "without punctuation.")
VARIANTS = [("whisper-demo-fp32", "teacher", "fp32"), ("whisper-demo-int8", "teacher", "int8"),
            ("whisper-demo-pruned30", "teacher", "pruned"),
            ("whisper-demo-fp16", "teacher", "fp16"), ("whisper-demo-frozen", "teacher", "frozen"),
            ("whisper-demo-student", "student", "fp32")]


def _half(ckpt: dict) -> dict:
    sd = {k: (v.half() if v.is_floating_point() else v) for k, v in ckpt["model_state_dict"].items()}
    return {**ckpt, "model_state_dict": sd}


def pack(teacher: Path, student: Path, archive: Path) -> None:
    archive.parent.mkdir(parents=True, exist_ok=True)
    with lzma.open(archive, "wb", preset=9 | lzma.PRESET_EXTREME) as xz, \
            tarfile.open(fileobj=xz, mode="w") as tar:
        for path, name in ((teacher, MEMBERS["teacher"]), (student, MEMBERS["student"])):
            buf = io.BytesIO()
            torch.save(_half(torch.load(path, map_location="cpu")), buf)
            info = tarfile.TarInfo(name)
            info.size = buf.tell()
            buf.seek(0)
            tar.addfile(info, buf)
    print(f"wrote {archive} ({archive.stat().st_size / 1e6:.1f} MB)")


def load_archive(archive: Path) -> dict:
    out = {}
    with lzma.open(archive, "rb") as xz, tarfile.open(fileobj=xz, mode="r") as tar:
        for role, name in MEMBERS.items():
            data = tar.extractfile(name).read()
            out[role] = torch.load(io.BytesIO(data), map_location="cpu")
    return out


def export_all(archive: Path, out: Path) -> None:
    ckpts = load_archive(archive)
    for name, role, variant in VARIANTS:
        ckpt = ckpts[role]
        model = load_checkpoint(ckpt)
        training = ckpt.get("voxbench_training", {})
        source = {"kind": "openai-checkpoint", "path": f"{archive.name}:{MEMBERS[role]}",
                  "description": DEMO_TEXT + (" Distilled student: half the decoder layers."
                                              if role == "student" else ""),
                  "demo": True, "training": training}
        torch.manual_seed(0)
        m = export_package(model, out / name, source, variant, 0.3, False)
        print(f"{name}: {m['variant']['kind']}, {m['parameter_count']} parameters")
    (out / "packages.json").write_text(json.dumps([v[0] for v in VARIANTS]) + "\n")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("pack")
    a.add_argument("teacher", type=Path)
    a.add_argument("student", type=Path)
    a.add_argument("archive", type=Path)
    b = sub.add_parser("export")
    b.add_argument("archive", type=Path)
    b.add_argument("out", type=Path)
    args = p.parse_args(argv)
    if args.cmd == "pack":
        pack(args.teacher, args.student, args.archive)
    else:
        export_all(args.archive, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
