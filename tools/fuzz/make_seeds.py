"""Seeds of the fuzz corpus (tests/fuzz/corpus/<target>/): small valid inputs taken from the
demo and the package fixtures, and the hostile ones issue 17 names (bytes that are not UTF-8,
deep nesting, many keys, long lines, non-finite numbers, truncated files). Run from the
repository root after a build (the demo's Whisper manifests come from build/demo/models):
python3 -m tools.fuzz.make_seeds. Fuzz runs add their own inputs beside these."""
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fuzz" / "corpus"

LATIN1 = "caf\u00e9 cr\u00e8me".encode("latin-1")


def put(target: str, name: str, data: bytes):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def main() -> int:
    clean = (ROOT / "resources/demo/asr/clean.json").read_bytes().splitlines(keepends=True)
    put("nemo", "demo-lines", b"".join(clean[:3]))
    put("nemo", "latin1-text", b'{"audio_filepath": "a.wav", "duration": 1.0, "text": "' + LATIN1 + b'"}\n')
    put("nemo", "latin1-extra", b'{"audio_filepath": "a.wav", "text": "ok", "city": "' + LATIN1 + b'"}\n')
    put("nemo", "deep", b'{"audio_filepath": "a.wav", "text": "x", "x": ' + nested(200) + b"}\n")
    put("nemo", "keys", ("{" + ", ".join(f'"k{i}": {i}' for i in range(1500)) + ', "text": "x"}\n').encode())
    put("nemo", "inf-duration", b'{"audio_filepath": "a.wav", "duration": 1e999, "text": "x"}\n')
    put("nemo", "truncated", b'{"audio_filepath": "a.wav", "text": "x')

    put("table", "good", b"path,text,speaker\na.wav,hello world,s1\nb.wav,\"quoted, text\",s2\n")
    put("table", "latin1", b"path,text,note\na.wav,hi," + LATIN1 + b"\nb.wav," + LATIN1 + b",x\n")
    put("table", "ragged", b"path,text\na.wav\nb.wav,one,two,three\n\"unterminated,x\n")
    put("table", "formula", b"path,text\n=cmd|' /C calc'!A0,=1+1\n")

    put("commonvoice", "good", b"client_id\tpath\tsentence\tup_votes\n"
        b"c1\ta.mp3\thello there\t2\nc2\tb.mp3\t" + LATIN1 + b"\t0\n")
    put("commonvoice", "header-only", b"client_id\tpath\tsentence\n")

    put("kaldi", "good", b"u1 hello world\nu2 good morning\n\xffu1 /data/u1.wav\nu2 sox x.wav -t wav - |\n")
    put("kaldi", "latin1", b"u1 " + LATIN1 + b"\n\xffu1 /data/" + LATIN1 + b".wav\n")
    put("kaldi", "no-scp", b"u1 text only\n")

    clips = json.loads((ROOT / "resources/demo/kws/clips.json").read_text())
    clips["clips"] = clips["clips"][:3]
    put("kws_clips", "demo-three", json.dumps(clips).encode())
    broken = dict(clips, clips=[{"id": "x", "audio": "a.flac", "label": "nope"}])
    put("kws_clips", "unknown-label", json.dumps(broken).encode())
    put("kws_clips", "deep", b'{"format": "voxbench-kws-clips", "clips": ' + nested(300) + b"}")
    stream = json.loads((ROOT / "resources/demo/kws/stream.json").read_text())
    stream["events"] = stream["events"][:4]
    put("kws_stream", "demo-four", json.dumps(stream).encode())
    put("kws_stream", "reversed-event", json.dumps(dict(stream, events=[{"start": 5, "end": 1, "keyword": True}])).encode())

    put("transcripts", "trn", (ROOT / "tests/cli/data/ref.trn").read_bytes())
    put("transcripts", "kaldi", b"u1 hello world\nu2\nu3 " + LATIN1 + b"\n")
    put("transcripts", "unbalanced", b"hello (u1\nworld) (u2)\n(((\n")

    put("normalizers", "numbers", "It's $1,234.50 at 3:45pm on the 2nd, Mr. O'Neil's colour; ½ ⅓ 10% -5 1e9".encode())
    put("normalizers", "latin1", LATIN1 + b" \xc3\x28 \xe2\x82")
    put("normalizers", "marks", "e\u0301\u0301\u0301 \u200b\ufeff [laughs] (um) <noise> \u00a0\u3000".encode())

    kws_manifest = (ROOT / "resources/demo/kws/models/teacher/voxbench-kws.json").read_bytes()
    put("kws_manifest", "teacher", kws_manifest)
    put("kws_manifest", "truncated", kws_manifest[: len(kws_manifest) // 2])
    # The demo's Whisper packages are exported by the build (build/demo/models/).
    whisper_manifests = sorted((ROOT / "build/demo/models").glob("*/voxbench-model.json"))
    if whisper_manifests:
        m = whisper_manifests[0].read_bytes()
        put("whisper_manifest", "demo", m)
        put("whisper_manifest", "truncated", m[: len(m) // 2])
    put("whisper_manifest", "wrong-types", b'{"format_version": "1", "family": 7, "dims": [], "files": {"encoder": "../x"}}')

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "p.voxbench"
        c = sqlite3.connect(db)
        c.executescript("""
            PRAGMA user_version = 5;
            CREATE TABLE datasets (id INTEGER PRIMARY KEY, name TEXT, source TEXT, format TEXT,
                                   imported_at TEXT, report_json TEXT, utterance_count INTEGER);
            CREATE TABLE variants (id INTEGER PRIMARY KEY, name TEXT, package_path TEXT,
                                   manifest_json TEXT, registered_on TEXT, trusted_machines TEXT);
            INSERT INTO variants VALUES (1, 'v', '/pkg', '{not json', '', '');
        """)
        c.commit()
        c.close()
        data = db.read_bytes()
    put("project", "wrong-schema", data)
    put("project", "truncated", data[:200])
    put("project", "not-sqlite", b"SQLite format 2\0" + b"\0" * 100)
    print(f"fuzz seeds written under {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
