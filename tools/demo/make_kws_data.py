"""Make the keyword-spotting demo audio: the committed test clips and stream, and the
(uncommitted) training words. Keyword "sheila", after the Speech Commands task of that name.

    python3 -m demo.make_kws_data test  OUT_DIR  [--jobs 2]     (run from tools/)
    python3 -m demo.make_kws_data train OUT_FILE [--jobs 2]

test: OUT_DIR/clips.json (label per clip; format in docs/MODEL-PACKAGE.md, "KWS demo data") with
1-second FLAC clips under OUT_DIR/clips/, and OUT_DIR/stream.flac, about 10 minutes of single
words, sentences, the keyword and background noise, with every spoken item's time in
OUT_DIR/stream.json. Clips: the keyword, other words (trained ones, words never trained on,
crops of sentences) and backgrounds, from training voices (clean and at 5-20 dB SNR) and from
voices never used in training (CMU SLT, see speech.py). Committed audio keeps 11 significant bits
(kws_audio.quantize_for_storage) so that FLAC packs it small.

train: a torch file of trimmed single utterances (int16): "keyword", "other" (with "other_text"),
"sentences", and a "val" dict of the same made from other draws; train_kws.py builds clips,
noise and gain from them while training. Tempo, pitch, speed and reverberation perturb the
utterances (see perturbed()).

Every choice comes from seeded generators, and sox runs in repeatable mode (SOX_OPTS=-R: its
dither is seeded); synthesis runs in --jobs processes but the job list is fixed before, so the
same command gives the same files.
"""
import argparse
import json
import os
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

import torch

from . import grammar, speech
from . import kws_audio as ka

TEST_SEED = 5150
STREAM_SEED = 5151
TRAIN_SEED = 5152
VAL_SEED = 5153
STREAM_SECONDS = 600.0
WORD_MAX = 0.95  # seconds: every single word fits a clip with room to move
SENTENCE_MAX = 4.0


@dataclass(frozen=True)
class Job:
    text: str
    voice: speech.Voice
    tempo: Optional[float] = None
    reverb: Optional[Tuple[int, int]] = None
    max_seconds: float = WORD_MAX
    pitch: Optional[int] = None  # cents, sox pitch (formants kept)
    speed: Optional[float] = None  # sox speed: pitch, formants and tempo together

    @property
    def word(self) -> str:
        return self.text.rstrip(".?!,")


def speak(job: Job) -> torch.Tensor:
    """int16 speech for a job: synthesized, effects applied (speed, pitch, tempo, reverb),
    silence trimmed, and sped up (sox tempo) if it is longer than job.max_seconds."""
    audio = speech.synth(job.text, job.voice)
    if job.speed:
        audio = ka.sox_effects(audio, ["speed", f"{job.speed:.4f}"])
    if job.pitch:
        audio = ka.sox_effects(audio, ["pitch", str(job.pitch)])
    if job.tempo:
        audio = speech.tempo(audio, job.tempo)
    if job.reverb:
        audio = speech.reverb(audio, *job.reverb)
    audio = ka.trim_silence(audio)
    limit = int(job.max_seconds * ka.RATE)
    if audio.numel() > limit:
        audio = ka.trim_silence(speech.tempo(audio, audio.numel() / limit * 1.02))[:limit]
    return audio


def run_jobs(jobs: List[Job], workers: int) -> List[torch.Tensor]:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(speak, jobs, chunksize=8))


def perturbed(rng: random.Random, text: str, voices, max_seconds=WORD_MAX, rate=(130, 210)) -> Job:
    """A training utterance: a drawn voice, and (independently) tempo 0.8-1.25 on 30%, a pitch
    shift of up to 7 semitones on 45%, sox speed 0.85-1.2 (a vocal-tract change) on 35%,
    reverberation on 10%, and single words end in punctuation that changes their intonation.
    The synthesizers say a word the same way every time; without this the models learn the few
    renderings of the keyword instead of the keyword."""
    voice = speech.draw_voice(rng, voices, rate)
    tempo = rng.uniform(0.8, 1.25) if rng.random() < 0.3 else None
    pitch = rng.randint(-700, 700) if rng.random() < 0.45 else None
    speed = rng.uniform(0.85, 1.2) if rng.random() < 0.35 else None
    rev = (rng.randint(20, 80), rng.randint(40, 100)) if rng.random() < 0.1 else None
    if max_seconds == WORD_MAX:
        text += rng.choice(["", "", ".", "?", "!", ","])
    return Job(text, voice, tempo, rev, max_seconds, pitch, speed)


def sentences(seed: int, count: int, banned=frozenset()) -> List[str]:
    rng = random.Random(seed)
    out, seen = [], set(banned)
    while len(out) < count:
        s = grammar.sentence(rng)
        if s not in seen and ka.KEYWORD not in s.split():
            seen.add(s)
            out.append(s)
    return out


# ---------------------------------------------------------------- training words

def word_set_jobs(seed: int, keyword: int, per_word: int, n_sentences: int, banned) -> List[Job]:
    rng = random.Random(seed)
    voices = speech.training_voices(rng)
    jobs = [perturbed(rng, ka.KEYWORD, voices) for _ in range(keyword)]
    jobs += [perturbed(rng, w, voices) for w in ka.TRAIN_WORDS for _ in range(per_word)]
    jobs += [perturbed(rng, s, voices, SENTENCE_MAX)
             for s in sentences(seed, n_sentences, banned)]
    return jobs


def split_set(jobs: List[Job], audio: List[torch.Tensor]) -> dict:
    out = {"keyword": [], "other": [], "other_text": [], "sentences": [], "voices": []}
    for job, a in zip(jobs, audio):
        if job.max_seconds == SENTENCE_MAX:
            out["sentences"].append(a)
        elif job.word == ka.KEYWORD:
            out["keyword"].append(a)
        else:
            out["other"].append(a)
            out["other_text"].append(job.word)
        out["voices"].append(str(job.voice))
    return out


def make_train(out: Path, workers: int) -> None:
    banned = set(stream_plan()[1])
    train_jobs = word_set_jobs(TRAIN_SEED, 2000, 48, 300, banned)
    val_jobs = word_set_jobs(VAL_SEED, 150, 6, 40, banned)
    audio = run_jobs(train_jobs + val_jobs, workers)
    data = split_set(train_jobs, audio[:len(train_jobs)])
    data["val"] = split_set(val_jobs, audio[len(train_jobs):])
    data["seed"] = TRAIN_SEED
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(data, out)
    print(f"wrote {len(data['keyword'])} keyword, {len(data['other'])} other-word and "
          f"{len(data['sentences'])} sentence utterances (+ validation) to {out}")


# ---------------------------------------------------------------- test clips

# (label, condition, voice set, words) -> count
TEST_PLAN = [
    ("sheila", "clean", "train", None, 50),
    ("sheila", "noisy", "train", None, 30),
    ("sheila", "unseen-voice", "held-out", None, 30),
    ("other", "clean", "train", "train", 45),
    ("other", "noisy", "train", "train", 25),
    ("other", "unseen-voice", "held-out", "train", 20),
    ("other", "unseen-word", "train", "unseen", 30),
    ("other", "sentence", "train", "sentence", 15),
    ("background", "noise", None, None, 45),
]


def make_test(out: Path, workers: int) -> None:
    rng = random.Random(TEST_SEED)
    gen = torch.Generator().manual_seed(TEST_SEED)
    voices = speech.training_voices(rng)
    held_out = speech.held_out_voices()
    test_sentences = sentences(TEST_SEED, 15, set(stream_plan()[1]))
    jobs, rows = [], []
    for label, condition, voice_set, words, count in TEST_PLAN:
        for i in range(count):
            if label == "background":
                rows.append((label, condition, None))
                continue
            pool = voices if voice_set == "train" else held_out
            if label == "sheila":
                text = ka.KEYWORD
            elif words == "sentence":
                text = test_sentences[i]
            else:
                text = rng.choice(ka.TRAIN_WORDS if words == "train" else ka.UNSEEN_WORDS)
            job = Job(text, speech.draw_voice(rng, pool, (140, 200)),
                      max_seconds=SENTENCE_MAX if words == "sentence" else WORD_MAX)
            rows.append((label, condition, len(jobs)))
            jobs.append(job)
    babble_jobs = [Job(w, speech.draw_voice(rng, voices)) for w in rng.sample(ka.TRAIN_WORDS, 12)]
    audio = run_jobs(jobs + babble_jobs, workers)
    babble_words = [ka.to_float(a) for a in audio[len(jobs):]]

    clips, counters = [], {}
    for label, condition, job_index in rows:
        n = counters.get(label, 0)
        counters[label] = n + 1
        clip_id = f"{label}-{n:03d}"
        if job_index is None:
            x, kind = ka.background_clip(rng, gen, ka.CLIP, babble_words)
            text, voice, condition = "", "", kind
        else:
            job = jobs[job_index]
            word = ka.normalize_peak(ka.to_float(audio[job_index]), rng.uniform(-20.0, -3.0))
            if condition == "sentence":
                x = ka.crop(word, ka.CLIP, rng)
            elif label == "sheila":
                x = ka.place(word, ka.CLIP, ka.keyword_offsets(word.numel(), ka.CLIP, rng))
            else:
                x = ka.place(word, ka.CLIP, ka.other_offsets(word.numel(), ka.CLIP, rng))
            noisy = condition == "noisy" or (condition == "unseen-voice" and n % 2 == 1)
            if noisy:
                kind = rng.choice(ka.NOISE_KINDS)
                x = ka.add_noise(x, ka.noise(kind, ka.CLIP, gen, babble_words), rng.uniform(5.0, 20.0))
                condition = f"{condition}+{kind}" if condition != "noisy" else f"noisy-{kind}"
            text, voice = job.text, str(job.voice)
        path = f"clips/{clip_id}.flac"
        speech.write_flac(out / path, ka.quantize_for_storage(x))
        clips.append({"id": clip_id, "audio": path, "label": label, "text": text, "voice": voice,
                      "condition": condition})
    manifest = {"format": "voxbench-kws-clips", "version": 1, "keyword": ka.KEYWORD,
                "labels": ka.LABELS, "sample_rate": ka.RATE, "clip_seconds": ka.CLIP / ka.RATE,
                "clips": clips}
    (out / "clips.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote {len(clips)} clips to {out}")


# ---------------------------------------------------------------- the stream

def stream_plan():
    """The stream's items [(kind, text, voice_set)] and the sentences it uses, fixed by the seed.
    Item kinds: keyword, word (trained word), unseen-word, sentence."""
    rng = random.Random(STREAM_SEED)
    texts = sentences(STREAM_SEED, 420)
    items, used = [], []
    for i in range(420):
        r = rng.random()
        voice_set = "held-out" if rng.random() < 0.3 else "train"
        if r < 0.15:
            items.append(("keyword", ka.KEYWORD, voice_set))
        elif r < 0.47:
            items.append(("word", rng.choice(ka.TRAIN_WORDS), voice_set))
        elif r < 0.62:
            items.append(("unseen-word", rng.choice(ka.UNSEEN_WORDS), voice_set))
        else:
            used.append(texts[len(used)])
            items.append(("sentence", used[-1], voice_set))
    return items, used


def make_stream(out: Path, workers: int) -> None:
    rng = random.Random(STREAM_SEED + 1)
    gen = torch.Generator().manual_seed(STREAM_SEED)
    voices, held_out = speech.training_voices(rng), speech.held_out_voices()
    items, _ = stream_plan()
    # Lay items out until the stream is full; synthesize only those.
    jobs = [Job(text, speech.draw_voice(rng, voices if vs == "train" else held_out, (140, 200)),
                max_seconds=SENTENCE_MAX if kind == "sentence" else WORD_MAX)
            for kind, text, vs in items[:420]]
    audio = run_jobs(jobs, workers)
    n = int(STREAM_SECONDS * ka.RATE)
    speech_track = torch.zeros(n)
    events, t, last_keyword_end = [], 0.7, -10.0
    for (kind, text, _), job, a in zip(items, jobs, audio):
        x = ka.normalize_peak(ka.to_float(a), rng.uniform(-18.0, -3.0))
        if kind == "keyword" and t - last_keyword_end < 2.5:
            continue  # keywords stay apart so that a detection matches one keyword only
        if (t + x.numel() / ka.RATE) > STREAM_SECONDS - 1.0:
            break
        start = int(t * ka.RATE)
        speech_track[start:start + x.numel()] += x
        end = (start + x.numel()) / ka.RATE
        events.append({"start": round(start / ka.RATE, 4), "end": round(end, 4), "text": text,
                       "keyword": kind == "keyword", "kind": kind, "voice": str(job.voice)})
        if kind == "keyword":
            last_keyword_end = end
        t = end + rng.uniform(0.3, 2.2)
    babble_words = [ka.to_float(a) for a, (k, _, _) in zip(audio, items) if k == "word"][:24]
    bed, noise_rows, pos = torch.zeros(n), [], 0
    while pos < n:
        length = min(n - pos, int(rng.uniform(20.0, 40.0) * ka.RATE))
        kind = rng.choice(["quiet"] + ka.NOISE_KINDS)
        level = -75.0 if kind == "quiet" else rng.uniform(-60.0, -40.0)
        src = torch.randn(length, generator=gen) if kind == "quiet" else ka.noise(kind, length, gen, babble_words)
        bed[pos:pos + length] = src * ka.db(level)
        noise_rows.append({"start": round(pos / ka.RATE, 4), "end": round((pos + length) / ka.RATE, 4),
                           "kind": kind, "rms_dbfs": round(level, 1)})
        pos += length
    speech.write_flac(out / "stream.flac", ka.quantize_for_storage(speech_track + bed))
    keywords = sum(1 for e in events if e["keyword"])
    manifest = {"format": "voxbench-kws-stream", "version": 1, "keyword": ka.KEYWORD,
                "audio": "stream.flac", "sample_rate": ka.RATE, "duration": STREAM_SECONDS,
                "keyword_count": keywords, "events": events, "noise": noise_rows}
    (out / "stream.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote a {STREAM_SECONDS:.0f} s stream with {len(events)} items ({keywords} keywords)")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("what", choices=["test", "train"])
    p.add_argument("out", type=Path)
    p.add_argument("--jobs", type=int, default=2)
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    # speech.py runs sox, which dithers with a time-seeded generator unless it runs in repeatable
    # mode: without -R two runs differ in the lowest bits. The worker processes inherit this.
    if "-R" not in os.environ.get("SOX_OPTS", "").split():
        os.environ["SOX_OPTS"] = (os.environ.get("SOX_OPTS", "") + " -R").strip()
    if a.what == "test":
        a.out.mkdir(parents=True, exist_ok=True)
        make_test(a.out, a.jobs)
        make_stream(a.out, a.jobs)
    else:
        make_train(a.out, a.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
