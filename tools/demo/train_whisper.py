"""Train the demo's Whisper-architecture model from scratch on synthetic speech (CPU is enough).

    python3 -m demo.train_whisper TRAIN_PT OUT.pt [--steps N] [--threads 2]     (run from tools/)
    python3 -m demo.train_whisper TRAIN_PT [MORE.pt ...] OUT.pt --resume EARLIER.pt [--steps N] [--lr X]
    python3 -m demo.train_whisper TRAIN_PT OUT.pt --student TEACHER.pt [--steps N]

The model: tools/whisper/model.py's WhisperModel, OpenAI's checkpoint layout, English-only
vocabulary (GPT-2 byte-level BPE plus Whisper's special tokens, n_vocab 51864), 6-second
windows (n_audio_ctx 300), width 192, 3 heads, 4 encoder + 4 decoder layers. Targets are
[startoftranscript, notimestamps] + the sentence's tokens + endoftext, as the engine prompts.

Only the tokens of the grammar's words and the special tokens the prompt uses are trained; every
other row of the token embedding is zero and stays zero, so its logit is exactly 0. The loss is
still the full 51864-way softmax: the zero rows' share of the partition function is the constant
log(51864 - k), added as one extra logit, which is exact and avoids a 51864-wide product per
token on two cores. A training-only CTC head on the encoder (weight 0.3) makes the alignment
form early; warm-up, gradient clipping and AdamW keep training stable.

--student: a distilled student with half the decoder layers (encoder and every other decoder
layer copied from the teacher, as distil-whisper does; the encoder stays frozen), trained on the
teacher's soft targets at temperature 4 mixed half and half with the references (alpha 1/2).

Noise (pink or white, 5-30 dB SNR) is mixed into half the clips on the fly, with SpecAugment-
style masks. Seeded; the same command gives the same checkpoint on the same torch build.
"""
import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from whisper.audio import log_mel_spectrogram, pad_or_trim
from whisper.model import Dims, WhisperModel, checkpoint_of, load_checkpoint
from whisper.tokenizer import Tokenizer

from . import grammar, speech

WINDOW = 96000  # 6 s
DIMS = Dims(n_mels=80, n_audio_ctx=300, n_audio_state=192, n_audio_head=3, n_audio_layer=4,
            n_vocab=51864, n_text_ctx=96, n_text_state=192, n_text_head=3, n_text_layer=4)


def active_tokens(tok: Tokenizer):
    ids = set()
    for w in grammar.vocabulary():
        ids.update(tok.encode(" " + w))
    sp = tok.layout["special_tokens"]
    ids.update([sp["endoftext"], sp["startoftranscript"], sp["notimestamps"]])
    return sorted(ids)


def features(clips, gen: torch.Generator, augment: bool, window: int = WINDOW) -> torch.Tensor:
    mels = []
    for a in clips:
        x = a.float() / 32768.0
        if augment:
            x = x * (10 ** (float(torch.empty(1).uniform_(-0.3, 0.1, generator=gen))))
            if float(torch.rand(1, generator=gen)) < 0.5:
                snr = float(torch.empty(1).uniform_(5.0, 30.0, generator=gen))
                noise = (speech.pink_noise(x.numel(), gen) if float(torch.rand(1, generator=gen)) < 0.5
                         else torch.randn(x.numel(), generator=gen))
                rms = x.pow(2).mean().sqrt().clamp(min=1e-4)
                x = x + noise * rms / (10 ** (snr / 20))
        m = log_mel_spectrogram(pad_or_trim(x, window), DIMS.n_mels)
        if augment:
            for _ in range(2):
                w = int(torch.randint(0, 10, (1,), generator=gen))
                f0 = int(torch.randint(0, DIMS.n_mels - w, (1,), generator=gen))
                m[f0:f0 + w] = m.mean()
                w = int(torch.randint(0, 30, (1,), generator=gen))
                t0 = int(torch.randint(0, m.shape[1] - w, (1,), generator=gen))
                m[:, t0:t0 + w] = m.mean()
        mels.append(m)
    return torch.stack(mels)


def encode(model: WhisperModel, mel: torch.Tensor) -> torch.Tensor:
    """The encoder on mel frames [B, n_mels, 2T] for T <= n_audio_ctx (the first T positions)."""
    enc = model.encoder
    x = F.gelu(enc.conv2(F.gelu(enc.conv1(mel)))).permute(0, 2, 1)
    x = x + enc.positional_embedding[:x.shape[1]]
    for block in enc.blocks:
        x = block(x)
    return enc.ln_post(x)


def block_with_weights(block, x: torch.Tensor, xa: torch.Tensor, mask: torch.Tensor):
    """A decoder block as tools/whisper/model.py computes it, also returning the
    cross-attention weights [B, heads, tokens, frames] for the alignment guide."""
    x = x + block.attn(block.attn_ln(x), None, mask)
    ca = block.cross_attn
    q, k, v = ca.query(block.cross_attn_ln(x)), ca.key(xa), ca.value(xa)
    b, tq, _ = q.shape
    tk, h, d = k.shape[1], ca.n_head, ca.head_dim
    qh = q.view(b, tq, h, d).transpose(1, 2)
    kh = k.view(b, tk, h, d).transpose(1, 2)
    vh = v.view(b, tk, h, d).transpose(1, 2)
    w = torch.softmax(torch.matmul(qh, kh.transpose(-1, -2)) * (1.0 / math.sqrt(d)), dim=-1)
    x = x + ca.out(torch.matmul(w, vh).transpose(1, 2).reshape(b, tq, h * d))
    return x + block.mlp(block.mlp_ln(x)), w


def decoder_hidden(model: WhisperModel, tokens: torch.Tensor, xa: torch.Tensor, weights=None):
    """Hidden states [B, T, D]; with a list as `weights`, each block's cross-attention weights
    are appended to it."""
    dec = model.decoder
    t = tokens.shape[1]
    x = dec.token_embedding(tokens) + dec.positional_embedding[:t]
    mask = torch.full((t, t), float("-inf")).triu(1)
    for block in dec.blocks:
        if weights is None:
            x = block(x, xa, mask)
        else:
            x, w = block_with_weights(block, x, xa, mask)
            weights.append(w)
    return dec.ln(x)


def alignment_guide(tgt: torch.Tensor, frames, n_frames: int, width: float = 0.25) -> torch.Tensor:
    """The diagonal prior of guided attention (Tachibana et al., 2017) as a penalty map
    [B, tokens, frames]: 1 - exp(-(n/N - t/T)^2 / (2 width^2)) for text query n of N and frame t
    of the clip's T speech frames; frames past the clip cost 1; rows without a target cost 0."""
    b, tq = tgt.shape
    valid = tgt != -100
    n_text = valid.sum(1).clamp(min=1).float()
    pos = (torch.arange(tq).float()[None, :] - 1).clamp(min=0) / n_text[:, None]
    t = torch.arange(n_frames).float()[None, :] / torch.tensor(frames).float()[:, None]
    guide = 1 - torch.exp(-(pos[:, :, None] - t[:, None, :]) ** 2 / (2 * width ** 2))
    guide = torch.where(t[:, None, :] > 1.0, torch.ones_like(guide), guide)
    return guide * valid[:, :, None].float()


def init_model(seed: int, active) -> WhisperModel:
    torch.manual_seed(seed)
    model = WhisperModel(DIMS)
    with torch.no_grad():
        emb = model.decoder.token_embedding.weight
        emb.zero_()
        emb[active] = 0.05 * torch.randn(len(active), DIMS.n_text_state)
        model.decoder.positional_embedding.normal_(0.0, 0.02)
    return model


class Batches:
    def __init__(self, data, tok: Tokenizer, active, batch: int, seed: int, dev: int):
        self.audio = data["audio"]
        sp = tok.layout["special_tokens"]
        self.prompt = [sp["startoftranscript"], sp["notimestamps"]]
        self.eot = sp["endoftext"]
        self.tokens = [tok.encode(" " + t) for t in data["texts"]]
        self.texts = data["texts"]
        self.index = {t: i for i, t in enumerate(active)}
        self.rng = random.Random(seed)
        self.train = list(range(len(self.audio) - dev))
        self.dev = list(range(len(self.audio) - dev, len(self.audio)))
        self.batch = batch
        self.order = []

    def next(self):
        """A batch of clips of similar length (sorted within shuffled groups of 50 batches)."""
        if not self.order:
            more = self.train[:]
            self.rng.shuffle(more)
            group = 50 * self.batch
            batches = []
            for g in range(0, len(more), group):
                part = sorted(more[g:g + group], key=lambda i: self.audio[i].numel())
                batches += [part[k:k + self.batch] for k in range(0, len(part), self.batch)]
            self.rng.shuffle(batches)
            self.order = batches
        return self.order.pop()

    def window(self, ids, full: bool) -> int:
        """Samples to pad the batch to: the full window, or the longest clip plus a random
        0-1 s of silence (a multiple of 320 samples, two mel frames per encoder position)."""
        if full:
            return WINDOW
        longest = max(self.audio[i].numel() for i in ids) + self.rng.randint(0, 16000)
        return min(WINDOW, -(-longest // 320) * 320)

    def targets(self, ids):
        seqs = [self.prompt + self.tokens[i] + [self.eot] for i in ids]
        n = max(len(s) for s in seqs)
        inp = torch.full((len(ids), n - 1), self.eot, dtype=torch.long)
        tgt = torch.full((len(ids), n - 1), -100, dtype=torch.long)
        for r, s in enumerate(seqs):
            inp[r, :len(s) - 1] = torch.tensor(s[:-1])
            tgt[r, 1:len(s) - 1] = torch.tensor([self.index[t] for t in s[2:]])
        return inp, tgt


def full_logits(model, h, active_w, rest):
    """Active-token logits plus the zero rows' log-count as one extra logit."""
    logits = h @ active_w.t()
    return torch.cat([logits, torch.full(logits.shape[:-1] + (1,), rest)], dim=-1)


@torch.no_grad()
def greedy(model: WhisperModel, mel: torch.Tensor, prompt, eot: int, limit: int = 40):
    xa = model.encoder(mel)
    seqs = torch.tensor([prompt] * mel.shape[0])
    done = torch.zeros(mel.shape[0], dtype=torch.bool)
    for _ in range(limit):
        h = decoder_hidden(model, seqs, xa)[:, -1]
        nxt = (h @ model.decoder.token_embedding.weight.t()).argmax(-1)
        nxt = torch.where(done, torch.full_like(nxt, eot), nxt)
        seqs = torch.cat([seqs, nxt[:, None]], 1)
        done |= nxt == eot
        if bool(done.all()):
            break
    out = []
    for s in seqs[:, len(prompt):].tolist():
        out.append(s[:s.index(eot)] if eot in s else s)
    return out


def word_errors(ref: str, hyp: str):
    r, h = ref.split(), hyp.split()
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)], len(r)


def evaluate(model, batches: Batches, tok: Tokenizer, gen) -> float:
    model.eval()
    errs = words = 0
    ids = batches.dev
    for k in range(0, len(ids), 16):
        part = ids[k:k + 16]
        mel = features([batches.audio[i] for i in part], gen, False)
        for i, toks in zip(part, greedy(model, mel, batches.prompt, batches.eot)):
            e, n = word_errors(batches.texts[i], tok.decode(toks).strip())
            errs, words = errs + e, words + n
    model.train()
    return errs / max(1, words)


def make_student(teacher: WhisperModel) -> WhisperModel:
    d = teacher.dims
    sd = Dims(**{**d.to_dict(), "n_text_layer": d.n_text_layer // 2})
    student = WhisperModel(sd)
    state = teacher.state_dict()
    keep = list(range(0, d.n_text_layer, 2))
    new = {}
    for k, v in state.items():
        if k.startswith("decoder.blocks."):
            i = int(k.split(".")[2])
            if i in keep:
                new[k.replace(f"decoder.blocks.{i}.", f"decoder.blocks.{keep.index(i)}.", 1)] = v
        else:
            new[k] = v
    student.load_state_dict(new, strict=True)
    return student


def train(args) -> int:
    torch.set_num_threads(args.threads)
    # oneDNN's conv1d backward in torch 1.13 gives non-finite weight gradients for some input
    # lengths (a quarter to a third of the batches here, the encoder's convolutions only, the
    # loss itself finite); torch's own convolution does not.
    torch.backends.mkldnn.enabled = False
    tok = Tokenizer()
    active = active_tokens(tok)
    data = {"texts": [], "voices": [], "audio": []}
    for path in args.train:
        part = torch.load(path)
        for key in data:
            data[key] += part[key]
    batches = Batches(data, tok, active, args.batch, args.seed, args.dev)
    gen = torch.Generator().manual_seed(args.seed)
    teacher = None
    earlier = None
    if args.student:
        teacher = load_checkpoint(torch.load(args.student)).eval()
        model = make_student(teacher)
    elif args.resume:
        ckpt = torch.load(args.resume)
        model = load_checkpoint(ckpt)
        earlier = ckpt.get("voxbench_training")
    else:
        model = init_model(args.seed, active)
    model.train()
    ctc = torch.nn.Linear(DIMS.n_audio_state, len(active) + 1)
    if teacher is not None:
        model.encoder.requires_grad_(False)  # frozen: teacher and student share its output
        params = list(model.decoder.parameters())
    else:
        params = list(model.parameters()) + list(ctc.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01)
    act = torch.tensor(active)
    rest = math.log(DIMS.n_vocab - len(active))
    inactive = torch.ones(DIMS.n_vocab, dtype=torch.bool)
    inactive[act] = False
    log = {"steps": 0, "seconds": 0.0, "evals": []}
    if earlier:
        # A second stage: a fresh warm-up and cosine schedule over --steps more steps (and a
        # fresh CTC head) on the earlier stage's weights; its record is kept with this one.
        log["resumed_from"] = earlier
    t0 = time.time()
    for step in range(1, args.steps + 1):
        warm = min(1.0, step / args.warmup)
        decay = 0.5 * (1 + math.cos(math.pi * min(1.0, step / args.steps)))
        for g in opt.param_groups:
            g["lr"] = args.lr * warm * (0.05 + 0.95 * decay)
        ids = batches.next()
        # Most batches are cut to their longest clip (cheaper); a quarter, and every batch of
        # the last fifth of training, see the whole 6-s window the engine will feed.
        full = step > 0.8 * args.steps or batches.rng.random() < 0.25
        mel = features([batches.audio[i] for i in ids], gen, True, batches.window(ids, full))
        inp, tgt = batches.targets(ids)
        if args.token_dropout > 0 and teacher is None:
            # Replace some previous-token inputs (never the prompt) with random grammar tokens:
            # the decoder cannot lean on its language model alone and must read the audio.
            swap = torch.rand(inp.shape, generator=gen) < args.token_dropout
            swap[:, :len(batches.prompt)] = False
            swap &= tgt != -100
            inp = torch.where(swap, act[torch.randint(len(active), inp.shape, generator=gen)], inp)
        if teacher is not None:
            with torch.no_grad():
                xa = encode(model, mel)
        else:
            xa = encode(model, mel)
        weights = [] if teacher is None and args.guide > 0 else None
        h = decoder_hidden(model, inp, xa, weights)
        emb = model.decoder.token_embedding.weight
        logits = full_logits(model, h, emb[act], rest)
        ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), ignore_index=-100)
        if teacher is not None:
            with torch.no_grad():
                th = decoder_hidden(teacher, inp, xa)
                tl = full_logits(teacher, th, teacher.decoder.token_embedding.weight[act], rest)
            T = 4.0
            m = tgt.reshape(-1) != -100
            kd = F.kl_div(F.log_softmax(logits.reshape(-1, logits.shape[-1])[m] / T, -1),
                          F.softmax(tl.reshape(-1, tl.shape[-1])[m] / T, -1),
                          reduction="batchmean") * T * T
            loss = 0.5 * ce + 0.5 * kd
        else:
            # In float64: float32 CTC gave non-finite gradients on a third of the batches.
            lp = F.log_softmax(ctc(xa).double(), -1).transpose(0, 1)
            lens = (tgt != -100).sum(1)
            flat = torch.cat([tgt[r][tgt[r] != -100][:-1] + 1 for r in range(len(ids))])
            ctc_loss = F.ctc_loss(lp, flat, torch.full((len(ids),), lp.shape[0], dtype=torch.long),
                                  lens - 1, zero_infinity=True).float()
            loss = ce + args.ctc_weight * ctc_loss if torch.isfinite(ctc_loss) else ce
            # Guided attention for the first half: the decoder would otherwise learn the
            # grammar alone and never look at the audio (it did, in two runs without it).
            strength = args.guide * max(0.0, 1.0 - step / (0.5 * args.steps))
            if weights and strength > 0:
                frames = [-(-batches.audio[i].numel() // 320) for i in ids]
                guide = alignment_guide(tgt, frames, xa.shape[1])
                att = torch.stack([w.mean(1) for w in weights]).mean(0)  # [B, tokens, frames]
                guided = (att * guide).sum(-1).sum() / (tgt != -100).sum().clamp(min=1)
                loss = loss + strength * guided
        opt.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(params, 1.0)
        if not (torch.isfinite(loss) and torch.isfinite(norm)):
            log["skipped_steps"] = log.get("skipped_steps", 0) + 1  # one bad batch, not the run
            opt.zero_grad()
        else:
            opt.step()
            with torch.no_grad():
                emb[inactive] = 0.0  # AdamW's decoupled decay keeps zeros at zero; make it explicit
        if step % 20 == 0:
            print(f"step {step} loss {loss.item():.3f} ce {ce.item():.3f} "
                  f"lr {opt.param_groups[0]['lr']:.2e} {time.time() - t0:.0f}s", flush=True)
        if step % args.eval_every == 0 or step == args.steps:
            wer = evaluate(model, batches, tok, torch.Generator().manual_seed(1))
            log["evals"].append({"step": step, "dev_wer": round(wer, 4),
                                 "seconds": round(time.time() - t0)})
            log.update(steps=step, seconds=round(time.time() - t0))
            print(f"eval step {step} dev WER {wer:.3f}", flush=True)
            save(model, args, log, len(active))
    return 0


def save(model: WhisperModel, args, log, n_active: int) -> None:
    ckpt = checkpoint_of(model)
    ckpt["voxbench_training"] = {
        "script": "tools/demo/train_whisper.py", "data": "synthetic speech (tools/demo)",
        "student_of": str(args.student) if args.student else None, "seed": args.seed,
        "batch": args.batch, "lr": args.lr, "ctc_weight": args.ctc_weight,
        "token_dropout": args.token_dropout, "trained_tokens": n_active, **log}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    torch.save(ckpt, tmp)
    tmp.replace(out)
    out.with_suffix(".json").write_text(json.dumps(ckpt["voxbench_training"], indent=1))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("train", type=Path, nargs="+",
                   help="training sets (demo.make_asr_data); the dev clips are the last file's last")
    p.add_argument("out", type=Path)
    p.add_argument("--steps", type=int, default=4000)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=6e-4)
    p.add_argument("--warmup", type=int, default=400)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--dev", type=int, default=96)
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--student", type=Path)
    p.add_argument("--resume", type=Path,
                   help="continue training this checkpoint (new schedule over --steps steps)")
    p.add_argument("--ctc-weight", type=float, default=0.3, help="weight of the encoder's CTC loss")
    p.add_argument("--token-dropout", type=float, default=0.0,
                   help="share of previous-token decoder inputs replaced by random grammar tokens")
    p.add_argument("--guide", type=float, default=2.0,
                   help="weight of the guided-attention loss at the start (falls to 0 at mid-training)")
    return train(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
