"""Vietnamese syllables and OCR tone-mark correction.

Tesseract reads Vietnamese well on clean pages but, on noisy scans, drops or
swaps tone and vowel marks ("Đảng" → "Đang", "công tác" → "cong tac"). The
valid syllables are generated from the orthography (onset × rime × tone), so
a token that is no Vietnamese syllable is caught; which of the valid spellings
was meant is decided by the known vocabulary of headers (type names, issuer
names from the rules, fixed phrases) and a list of common syllables.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from importlib import resources

from luutru.core.vn import nfc

# ------------------------------------------------------------------ folding

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    if ord(ch) < 128:
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Drop every diacritic, ``đ`` → ``d``; one output character per NFC input
    character, so a match in the folded text has the same span in the original."""
    return "".join(_fold_char(ch) for ch in nfc(text))


@functools.lru_cache(maxsize=4096)
def _untone_char(ch: str) -> str:
    parts = unicodedata.normalize("NFD", ch)
    kept = "".join(c for c in parts if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", kept)


def strip_tones(text: str) -> str:
    """Drop the five tone marks but keep the vowel marks (ă â ê ô ơ ư) and đ."""
    return "".join(_untone_char(ch) for ch in nfc(text))


def tone_of(syllable: str) -> str:
    """The tone mark of a syllable ("" for the level tone)."""
    for c in unicodedata.normalize("NFD", syllable):
        if c in _TONE_MARKS:
            return c
    return ""


# ------------------------------------------------------------------ syllables

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
    "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip

# Rimes without tone, as written (medial o/u included). Stop codas (c, ch, p, t)
# take only the rising (sắc) and heavy (nặng) tones.
RIMES = """
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oong ooc ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
uân uâng uât uây uê uêch uênh uy uya uych uyên uyêt uynh uyp uyt uyu uơ
ynh yt ych êng
""".split()

_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_MARKED = set("ăâêôơư")
_VOWELS = set("aăâeêioôơuưy")
_FRONT = ("i", "e", "ê", "y")


def _tone_positions(rime: str) -> list[int]:
    """Where the tone mark goes in a rime; two places for oa/oe/uy (old and new style)."""
    vowels = [i for i, c in enumerate(rime) if c in _VOWELS]
    if "ươ" in rime:
        return [rime.index("ươ") + 1]
    marked = [i for i in vowels if rime[i] in _MARKED]
    if marked:
        return [marked[-1]]
    coda = vowels[-1] < len(rime) - 1
    if len(vowels) == 1:
        return vowels
    if coda:
        return [vowels[-1]]
    if rime in ("oa", "oe", "uy"):
        return [vowels[0], vowels[1]]
    if len(vowels) == 3:
        return [vowels[1]]
    if rime in ("ia", "ua", "ưa") or len(vowels) == 2:
        return [vowels[0]]
    return [vowels[-1]]


def _onset_fits(onset: str, rime: str) -> bool:
    first = rime[0]
    front = first in _FRONT
    if onset in ("c", "ng"):
        return not front
    if onset == "g":
        return not front or first == "i"  # "gì", "gìn": g before i is written once
    if onset in ("k", "gh", "ngh"):
        return front
    if onset == "qu":
        return first not in "ouư"
    if onset == "gi":
        return first != "i"
    if rime.startswith(("oa", "oă", "oe", "uâ", "uê", "uy", "uơ")):
        return onset not in ("gi", "qu")
    return True


@functools.lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every written Vietnamese syllable, lower case, NFC (generated, ~18,000)."""
    out: set[str] = set()
    for rime in RIMES:
        stop = rime.endswith(("c", "ch", "p", "t"))
        tones = ("\u0301", "\u0323") if stop else _TONES
        for onset in ONSETS:
            if onset and not _onset_fits(onset, rime):
                continue
            for tone in tones:
                for pos in _tone_positions(rime):
                    toned = rime[: pos + 1] + tone + rime[pos + 1 :] if tone else rime
                    out.add(unicodedata.normalize("NFC", onset + toned))
    return frozenset(out)


def is_syllable(word: str) -> bool:
    return nfc(word).lower() in syllables()


@functools.lru_cache(maxsize=1)
def _by_fold() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for s in syllables():
        groups[fold(s)].append(s)
    return {k: tuple(sorted(v)) for k, v in groups.items()}


# ------------------------------------------------------------------ vocabulary


def _vocab_lines(name: str) -> list[str]:
    text = resources.files("luutru.capture").joinpath("vocab", name).read_text("utf-8")
    return [
        nfc(line).strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@functools.lru_cache(maxsize=1)
def common_syllables() -> dict[str, int]:
    """Frequency rank of common syllables (vocab/syllables.txt, most common first)."""
    words = _vocab_lines("syllables.txt")
    return {w: len(words) - i for i, w in enumerate(words)}


@functools.lru_cache(maxsize=1)
def header_phrases() -> tuple[str, ...]:
    """Fixed phrases of Party and State headers and common administrative words."""
    return tuple(_vocab_lines("phrases.txt"))


WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class Corrector:
    """Restores marks in OCR text from a vocabulary of phrases (longest phrase wins)
    and, for tokens that are no syllable, the most common syllable of the same letters."""

    def __init__(self, phrases: Iterable[str] = ()):
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.unigrams: Counter[str] = Counter()
        for phrase in (*header_phrases(), *phrases):
            words = [w.lower() for w in WORD.findall(nfc(phrase))]
            self.unigrams.update(words)
            self.bigrams.update(zip(words, words[1:], strict=False))
        # Candidates by folded form: every spelling seen in the vocabulary.
        self.seen: dict[str, set[str]] = defaultdict(set)
        for w in self.unigrams:
            self.seen[fold(w)].add(w)
        self.common = common_syllables()

    def _candidates(self, token: str) -> list[str]:
        low = token.lower()
        key = fold(low)
        cands = set(self.seen.get(key, ())) | set(_by_fold().get(key, ()))
        if low in syllables() or low in self.unigrams:
            cands.add(low)
        return sorted(cands) or [low]

    def _score(self, prev: str | None, word: str, token_low: str) -> float:
        score = 0.0
        if word == token_low:
            score += 1.5  # what Tesseract read wins unless the context disagrees
        score += min(self.unigrams[word], 50) * 0.2
        score += self.common.get(word, 0) / 2000
        if prev is not None and self.bigrams[(prev, word)]:
            score += 4.0 + min(self.bigrams[(prev, word)], 20) * 0.3
        return score

    def correct_words(self, tokens: list[str]) -> list[str]:
        """Viterbi over the candidate spellings of a run of words."""
        if not tokens:
            return []
        lows = [t.lower() for t in tokens]
        lattice = [self._candidates(t) for t in tokens]
        best: list[dict[str, tuple[float, str | None]]] = []
        first = {c: (self._score(None, c, lows[0]), None) for c in lattice[0]}
        best.append(first)
        for i in range(1, len(tokens)):
            row: dict[str, tuple[float, str | None]] = {}
            for c in lattice[i]:
                options = []
                for p, (s, _) in best[-1].items():
                    bonus = (
                        4.0 + min(self.bigrams[(p, c)], 20) * 0.3 if self.bigrams[(p, c)] else 0.0
                    )
                    back = 0.0
                    if self.bigrams[(p, c)] and p != lows[i - 1]:
                        back = 0.0
                    options.append((s + bonus + back, p))
                s, p = max(options)
                row[c] = (s + self._score(None, c, lows[i]), p)
            best.append(row)
        word, (_, prev) = max(best[-1].items(), key=lambda kv: kv[1][0])
        out = [word]
        for i in range(len(tokens) - 1, 0, -1):
            out.append(prev)  # type: ignore[arg-type]
            prev = best[i - 1][prev][1]  # type: ignore[index]
        out.reverse()
        return [_same_case(t, w) for t, w in zip(tokens, out, strict=True)]

    def correct(self, text: str) -> str:
        text = nfc(text)
        out: list[str] = []
        for line in text.split("\n"):
            out.append(self._correct_line(line))
        return "\n".join(out)

    def _correct_line(self, line: str) -> str:
        pieces = re.split(r"(\s+)", line)
        # Runs of plain words are corrected together; punctuation and digits break a run.
        result = list(pieces)
        run: list[int] = []

        def flush() -> None:
            if run:
                fixed = self.correct_words([pieces[i] for i in run])
                for i, w in zip(run, fixed, strict=True):
                    result[i] = w
                run.clear()

        for i, piece in enumerate(pieces):
            if not piece or piece.isspace():
                continue
            m = WORD.fullmatch(piece)
            if m:
                run.append(i)
                continue
            # A word with punctuation attached ("Ninh," "(Đã"): correct the word, keep the rest.
            core = re.fullmatch(r"([^\w]*)([^\W\d_]+)([^\w]*)", piece)
            if core and not core.group(3).startswith("/"):
                run.append(i)
                pieces[i] = core.group(2)
                result[i] = piece
                lead, tail = core.group(1), core.group(3)
                flush()
                result[i] = lead + result[i] + tail
                if lead:
                    pass
                continue
            flush()
        flush()
        return "".join(result)


def _same_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@functools.lru_cache(maxsize=8)
def _corrector(phrases: tuple[str, ...]) -> Corrector:
    return Corrector(phrases)


def correct_ocr_text(text: str, vocabulary: Iterable[str] | None = None) -> str:
    """Restore Vietnamese tone and vowel marks that OCR dropped or swapped, using
    the header vocabulary (plus ``vocabulary``: type and issuer names from the rules)."""
    phrases = tuple(sorted({nfc(p) for p in vocabulary or ()}))
    return _corrector(phrases).correct(text)
