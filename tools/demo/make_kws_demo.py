"""Make the whole keyword-spotting demo in one command: test audio, training words, models.

    cd tools && nice -n 5 /usr/bin/python3 -m demo.make_kws_demo
        [--demo-dir ../resources/demo/kws] [--train-file ../build-demo/kws-train.pt] [--jobs 2]

1. make_kws_data test  -> DEMO_DIR/clips.json, clips/, stream.flac, stream.json   (about 1 min)
2. make_kws_data train -> TRAIN_FILE (not committed, about 100 MB)                (about 4 min)
3. train_kws           -> DEMO_DIR/models/<six packages>                           (30-60 min on
   one core: teacher 20 epochs, students 16 epochs each, 100 batches of 64 an epoch)

Seeded throughout; the same Debian packages (espeak-ng, flite, festival voices, sox) and
python3-torch give the same audio and the same weights.
"""
import argparse
import sys
from pathlib import Path

from . import make_kws_data, train_kws

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--demo-dir", type=Path, default=ROOT / "resources" / "demo" / "kws")
    p.add_argument("--train-file", type=Path, default=ROOT / "build-demo" / "kws-train.pt")
    p.add_argument("--jobs", type=int, default=2)
    a = p.parse_args(argv)
    make_kws_data.main(["test", str(a.demo_dir), "--jobs", str(a.jobs)])
    make_kws_data.main(["train", str(a.train_file), "--jobs", str(a.jobs)])
    return train_kws.main(["--data", str(a.train_file), "--out", str(a.demo_dir / "models"),
                           "--test-dir", str(a.demo_dir)])


if __name__ == "__main__":
    sys.exit(main())
