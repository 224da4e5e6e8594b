"""Vietnamese syllables and OCR tone-mark correction.

Tesseract reads Vietnamese well on clean pages but, on noisy scans, drops or
swaps tone and vowel marks ("Đảng" → "Đang", "công tác" → "cong tac"). The
valid syllables are generated from the orthography (onset × rime × tone), so
a token that is no Vietnamese syllable is caught; which of the valid spellings
was meant is decided by the known vocabulary of headers (type names, issuer
names from the rules, fixed phrases) and a list of common syllables; in running
OCR text also by a dictionary of Vietnamese words ("một sở nội dung" is read
"một số nội dung": "một số" is a word, "một sở" none) and by how often each
spelling is written (vocab/words.txt, vocab/frequency.txt, with their sources).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
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


# Latin letters with marks (Latin-1, Extended-A/B, Vietnamese in Extended Additional).
_FOLD_TABLE = {
    cp: _fold_char(chr(cp))
    for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for cp in block
    if _fold_char(chr(cp)) != chr(cp)
}


def fold(text: str) -> str:
    """Drop every diacritic, ``đ`` → ``d``; one output character per NFC input
    character, so a match in the folded text has the same span in the original."""
    return nfc(text).translate(_FOLD_TABLE)


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
            if not onset and rime.startswith("iê"):
                continue  # written "yê" with no onset: "yên", "yết" ("iệp" is no syllable)
            for tone in tones:
                for pos in _tone_positions(rime):
                    toned = rime[: pos + 1] + tone + rime[pos + 1 :] if tone else rime
                    out.add(unicodedata.normalize("NFC", onset + toned))
    return frozenset(out)


def is_syllable(word: str) -> bool:
    return nfc(word).lower() in syllables()


def syllable_share(words: list[str]) -> float:
    """The share of ``words`` that are Vietnamese syllables (0 for none)."""
    return sum(map(is_syllable, words)) / len(words) if words else 0.0


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
@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The syllables of Vietnamese middle and given names (vocab/names.txt)."""
    return frozenset(_vocab_lines("names.txt"))


@functools.lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """The provinces and centrally-run cities (vocab/provinces.txt), by their capital
    letters without marks or spaces ("LAOCAI" → "Lào Cai")."""
    return {fold(name).upper().replace(" ", ""): name for name in _vocab_lines("provinces.txt")}


def header_phrases() -> tuple[str, ...]:
    """Fixed phrases of Party and State headers and common administrative words."""
    return tuple(_vocab_lines("phrases.txt"))


WORD = re.compile(r"[^\W\d_]+")

# Scores of the correction (log-odds-like, hand-set and measured by bench/extraction):
# what OCR read is kept unless the vocabulary's word pairs say otherwise.
KEEP_READ = 2.0
PAIR = 3.0
IN_VOCAB = 0.5
COMMON = 0.5
DROPPED_LETTER = 2.0
DICTIONARY = 3.0  # per syllable a dictionary word joins to the one before
WORD_SYLLABLES = 4
FREQUENCY = 0.5  # per power of ten of how often a spelling is written
RARE = -6.5


@functools.lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """log10 of how often each syllable is written (vocab/frequency.txt)."""
    out = {}
    for line in _vocab_lines("frequency.txt"):
        word, centibels = line.split("\t")
        out[word] = -int(centibels) / 100
    return out


@functools.lru_cache(maxsize=1)
def dictionary_words() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The words of two to four syllables (vocab/words.txt), by their letters."""
    by_letters: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for line in _vocab_lines("words.txt"):
        word = tuple(line.split())
        by_letters[tuple(fold(w) for w in word)].append(word)
    return {k: tuple(v) for k, v in by_letters.items()}


_TAIL = re.compile(r"[,.;:]+$")  # punctuation after a word

# A row of the Viterbi lattice: spelling -> (score, spelling before, last piece).
_Row = dict[str, tuple[float, str | None, tuple[str, ...]]]
_Best = tuple[float, str | None]


def _firsts(pairs: set[tuple[str, str]]) -> dict[str, frozenset[str]]:
    by_second: dict[str, set[str]] = defaultdict(set)
    for first, second in pairs:
        by_second[second].add(first)
    return {k: frozenset(v) for k, v in by_second.items()}


class Corrector:
    """Restores marks in OCR text. Each word may become any spelling with the same
    letters (marks aside) that is a Vietnamese syllable; the choice over a run of
    words (Viterbi) favours what OCR read, word pairs of the vocabulary, and
    common syllables; with ``dictionary`` (running OCR text), also the words of
    the dictionary and how often each spelling is written."""

    def __init__(self, phrases: Iterable[str] = (), *, dictionary: bool = False):
        self.bigrams: set[tuple[str, str]] = set()
        # Pairs whose second word a phrase writes with a capital ("Ban Thường vụ",
        # "BÍ THƯ"): only these weigh between two words of a name ("Văn Thu" is no
        # "văn thư").
        self.capital_pairs: set[tuple[str, str]] = set()
        self.unigrams: set[str] = set()
        for phrase in (*header_phrases(), *phrases):
            for part in re.split(r"[^\w\s]+", nfc(phrase)):
                written = WORD.findall(part)
                words = [w.lower() for w in written]
                self.unigrams.update(words)
                self.bigrams.update(zip(words, words[1:], strict=False))
                self.capital_pairs.update(
                    (a, b)
                    for a, b, s in zip(words, words[1:], written[1:], strict=False)
                    if s[:1].isupper()
                )
        # The first words of the pairs, by the second (``_best_before``).
        self._pair_before = _firsts(self.bigrams)
        self._capital_before = _firsts(self.capital_pairs)
        self.seen: dict[str, set[str]] = defaultdict(set)
        for w in self.unigrams:
            self.seen[fold(w)].add(w)
        self.common = common_syllables()
        self.words = dictionary_words() if dictionary else {}
        self.frequency = frequencies() if dictionary else {}
        # Whole phrases of two words or more, by their letters: a run that matches one
        # takes its spelling ("Kinh gui" → "Kính gửi"). Letters shared by two
        # different phrases decide nothing.
        spellings: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
        for phrase in (*header_phrases(), *phrases):
            for part in re.split(r"[^\w\s]+", nfc(phrase)):
                spelt = tuple(w.lower() for w in WORD.findall(part))
                if len(spelt) >= 2 and sum(map(len, spelt)) >= 7:
                    spellings[tuple(fold(w) for w in spelt)].add(spelt)
        self.phrases = {k: next(iter(v)) for k, v in spellings.items() if len(v) == 1}
        self.longest = max((len(k) for k in self.phrases), default=0)

    def _candidates(self, low: str) -> dict[str, float]:
        """Spellings this word may stand for, with a penalty for the less likely."""
        key = fold(low)
        # Sorted: candidates that tie are taken in one order, whatever the hash seed
        # ("Tuy Hòa" and "Tuy Hỏa" came out of one scan in turn, run after run).
        found = set(self.seen.get(key, ())) | set(_by_fold().get(key, ()))
        cands = dict.fromkeys(sorted(found), 0.0)
        if not cands and len(key) > 2:
            # No syllable has these letters: OCR doubled or added one ("TRỤỰC"). Such
            # a guess needs a vocabulary pair to win ("KRÔNG" stays, not "RỘNG").
            for i in range(len(key)):
                shorter = key[:i] + key[i + 1 :]
                near = set(self.seen.get(shorter, ())) | set(_by_fold().get(shorter, ()))
                for cand in sorted(near):
                    cands[cand] = -DROPPED_LETTER
        cands.setdefault(low, 0.0)
        return cands

    def _emit(self, cand: str, low: str, penalty: float = 0.0, common: bool = True) -> float:
        score = penalty
        score += KEEP_READ if cand == low and (low in syllables() or low in self.unigrams) else 0.0
        if cand in self.unigrams:
            score += IN_VOCAB
        if cand in self.common:
            score += COMMON
        if self.frequency and common:
            score += FREQUENCY * self.frequency.get(cand, RARE)
        return score

    def correct_words(self, tokens: list[str]) -> list[str]:
        """The best spelling of a run of words (Viterbi over the candidates; with the
        dictionary, a span of plain words may also be read as one dictionary word).
        A comma or a stop after a word is the text's own, not a letter OCR added: it
        stays ("SỞ VĂN HÓA, THỂ THAO …" had lost it once "văn hóa" was a known pair)."""
        tails = [m.group() if (m := _TAIL.search(t)) and m.start() else "" for t in tokens]
        words = [t[: len(t) - len(tail)] for t, tail in zip(tokens, tails, strict=True)]
        return [w + tail for w, tail in zip(self._correct_words(words), tails, strict=True)]

    def _correct_words(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        # Running text with the dictionary weighs the phrases' pairs against its
        # words ("bổ nhiệm" may not take "chi bộ nhiệm kỳ"); names and capitals
        # take a phrase's spelling whole.
        plain = self._plain(tokens) if self.words else [False] * len(tokens)
        tokens = self._known_phrases(tokens, plain)
        lows = [t.lower() for t in tokens]
        lattice = [self._candidates(low) for low in lows]
        # rows[i][c]: the best score of a reading of tokens[: i + 1] ending on the
        # spelling c, the spelling before the last piece, and the last piece.
        rows: list[_Row] = []
        bests: list[_Best] = []  # each row's best (score, spelling)
        # How often a spelling is written weighs for a common word, not for a name.
        common = [p or t.isupper() for p, t in zip(plain, tokens, strict=True)]
        spans = self._dictionary_spans(plain, lows)
        for i in range(len(tokens)):
            row: _Row = {}
            before = (rows[-1], bests[-1]) if rows else None
            # Two words of a name: "Văn Thu", not "Ban Thường" (a name's words are
            # capitalised, and lower case or capitals both are not).
            name = i > 0 and tokens[i - 1].istitle() and tokens[i].istitle()
            for c, pen in lattice[i].items():
                score, back = self._best_before(before, c, name=name)
                row[c] = (score + self._emit(c, lows[i], pen, common[i]), back, (c,))
            for start, spelt in spans.get(i, ()):
                prior = (rows[start - 1], bests[start - 1]) if start else None
                # A phrase's pair reaching into the word is another reading ("Sở
                # Nội vụ" is no reason to read "một sở nội dung").
                score, back = self._best_before(prior, spelt[0], pairs=False)
                score += DICTIONARY * (len(spelt) - 1)
                score += sum(self._emit(w, lows[start + k]) for k, w in enumerate(spelt))
                score += sum(PAIR for p in zip(spelt, spelt[1:], strict=False) if p in self.bigrams)
                if spelt[-1] not in row or score > row[spelt[-1]][0]:
                    row[spelt[-1]] = (score, back, spelt)
            rows.append(row)
            bests.append(max((s, p) for p, (s, _, _) in row.items()))
        word = max(rows[-1], key=lambda c: rows[-1][c][0])
        out: list[str] = []
        i = len(tokens) - 1
        while i >= 0:
            _, back, piece = rows[i][word]
            out[:0] = piece
            i -= len(piece)
            word = back  # type: ignore[assignment]
        return [_same_case(t, w) for t, w in zip(tokens, out, strict=True)]

    def _best_before(
        self,
        before: tuple[_Row, _Best] | None,
        first: str,
        pairs: bool = True,
        name: bool = False,
    ) -> _Best:
        """The best reading before a piece starting with ``first``: the row before
        and its best (score, spelling)."""
        if before is None:
            return 0.0, None
        # The row's best as it is, then the words before ``first`` in a known pair
        # with the pair's weight: the same as weighing every word of the row, ties
        # and all, at a fraction of the cost (this ran for every pair of candidates
        # of a page's OCR text).
        row, best = before
        if not pairs:
            return best
        known = (self._capital_before if name else self._pair_before).get(first, ())
        if len(known) < len(row):
            paired = [(row[p][0] + PAIR, p) for p in known if p in row]
        else:
            paired = [(s + PAIR, p) for p, (s, _, _) in row.items() if p in known]
        return max(best, *paired) if paired else best

    @staticmethod
    def _plain(tokens: list[str]) -> list[bool]:
        """Words of running text: lower case, or the run's first word with a capital
        before a lower-case word ("Một sở nội dung"). A name ("Tuy Hòa") is not."""
        return [
            t.islower() or (i == 0 and t[1:].islower() and len(t) > 1 and i + 1 < len(tokens)
                            and tokens[i + 1].islower())
            for i, t in enumerate(tokens)
        ]  # fmt: skip

    def _dictionary_spans(
        self, plain: list[bool], lows: list[str]
    ) -> dict[int, list[tuple[int, tuple[str, ...]]]]:
        """Dictionary words whose letters (marks aside) a span of plain words has,
        by the span's last index; a name or a line in capitals is left to the
        header vocabulary."""
        if not self.words:
            return {}
        keys = [fold(low) for low in lows]
        found: dict[int, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
        for start in range(len(lows)):
            for n in range(2, min(WORD_SYLLABLES, len(lows) - start) + 1):
                if not all(plain[start : start + n]):
                    break
                for word in self.words.get(tuple(keys[start : start + n]), ()):
                    found[start + n - 1].append((start, word))
        return found

    def _known_phrases(self, tokens: list[str], plain: list[bool]) -> list[str]:
        keys = [fold(t).lower() for t in tokens]
        out = list(tokens)
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 1, -1):
                words = self.phrases.get(tuple(keys[i : i + n]))
                if words and not all(plain[i : i + n]):
                    out[i : i + n] = [
                        _same_case(t, w) for t, w in zip(tokens[i : i + n], words, strict=True)
                    ]
                    i += n
                    break
            else:
                i += 1
        return out

    def correct(self, text: str) -> str:
        text = _fix_date_words(nfc(text))
        return _fix_year_word("\n".join(self._correct_line(line) for line in text.split("\n")))

    def _correct_line(self, line: str) -> str:
        line = _DIGIT_GLUED.sub(_unglue_digit, line)
        # Bold capitals often lose their spaces in OCR ("SỞNỘIVỤ").
        line = WORD.sub(
            lambda m: " ".join(split_glued(m.group(), self.unigrams) or [m.group()]), line
        )
        # Runs of words separated by spaces only; a word touching a digit, "/" or "-"
        # is part of a number or symbol ("12-NQ/TU") and is left alone.
        words = [
            m
            for m in WORD.finditer(line)
            if not re.search(
                r"[\d/\-]", line[max(0, m.start() - 1) : m.start()] + line[m.end() : m.end() + 1]
            )
            and not _numbered_term(m.group(), line[: m.start()])
        ]
        out: list[str] = []
        last = 0
        run: list[re.Match[str]] = []
        groups: list[list[re.Match[str]]] = []
        for m in words:
            if run and line[run[-1].end() : m.start()].strip() == "":
                run.append(m)
            else:
                if run:
                    groups.append(run)
                run = [m]
        if run:
            groups.append(run)
        for group in groups:
            fixed = self.correct_words([m.group() for m in group])
            for m, w in zip(group, fixed, strict=True):
                out.append(line[last : m.start()])
                out.append(w)
                last = m.end()
        out.append(line[last:])
        return "".join(out)


_DATE_WORDS = re.compile(
    r"\b([a-z]g[a-z]{1,2}y?)(\s*[0-9]{1,2}\s*)(th[a-z]{1,3})(\s*[0-9]{1,2}\s*)(n[a-z]{1,2}m)(\s*[0-9]{4})",
    re.I,
)


# "nắm 2016", "95 nằm": the word "năm" beside a number, its mark misread.
_YEAR_WORD = re.compile(r"(?<=[0-9] )n[ắằẳẵặấầẩẫậ]m\b|\bn[ắằẳẵặấầẩẫậ]m(?= (?:19|20)[0-9]{2}\b)")


# A number OCR glued to the words around it ("DỰ ÁN3", "ÁN4CỦA"): a syllable, one or
# two digits, and nothing or a syllable.
# (A number does not open on 0: "BE0." is a misread, not "BE 0".)
_DIGIT_GLUED = re.compile(r"(?<![\w/-])([^\W\d_]{2,})([1-9]\d?)([^\W\d_]*)(?![\w/-])")


def _unglue_digit(m: re.Match[str]) -> str:
    before, digits, after = m.groups()
    if is_syllable(before.lower()) and (
        not after or (len(after) >= 2 and is_syllable(after.lower()))
    ):
        return " ".join(p for p in (before, digits, after) if p)
    return m.group()


_ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# Words a term's Roman numeral follows: "khóa XVI", "Đại hội XII", "lần thứ IX".
_NUMBERED_BY = frozenset({"khoa", "hoi", "thu"})


def _numbered_term(word: str, before: str) -> bool:
    """A Roman numeral, kept as read: three letters or more with an X ("XIII",
    "XVI"), or any after "khóa", "Đại hội", "thứ" ("khóa VI"). A run of capitals
    otherwise stands for a word whose marks OCR lost ("ĐƠN VI" is "ĐƠN VỊ"); "XVI"
    had become "VỊ" that way."""
    word = word.upper()  # a trích yếu in capitals is corrected in lower case
    if not word or not _ROMAN.fullmatch(word):
        return False
    if len(word) >= 3 and "X" in word:
        return True
    last = before.split()[-1:]
    return bool(last) and fold(last[0]).lower().strip(".,;:(") in _NUMBERED_BY


def _fix_year_word(text: str) -> str:
    """ "năm" where OCR read "nắm" / "nấm" / "nằm" right after a number ("95 năm")
    or right before a year ("năm 2016"): the other words are never written there."""
    return _YEAR_WORD.sub("năm", text)


def _fix_date_words(text: str) -> str:
    """ "ngay 04 thang 02 nam 2025" → "ngày 04 tháng 02 năm 2025" (digits split the word run);
    between "tháng" and "năm" read whole, "ngày" with its first letter misread ("hgày")."""
    folded = fold(text)
    out, last = [], 0
    for m in _DATE_WORDS.finditer(folded):
        first = m[1].lower()
        if (m[3].lower(), m[5].lower()) != ("thang", "nam") or first[1:] != "gay":
            continue
        out.append(text[last : m.start()])
        out.append(
            _same_case(text[m.start(1) : m.end(1)], "ngày") + text[m.start(2) : m.end(2)]
            + _same_case(text[m.start(3) : m.end(3)], "tháng") + text[m.start(4) : m.end(4)]
            + _same_case(text[m.start(5) : m.end(5)], "năm") + text[m.start(6) : m.end(6)]
        )  # fmt: skip
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def split_glued(word: str, known: Iterable[str] = ()) -> list[str] | None:
    """ "SỞNỘIVỤ" → ["SỞ", "NỘI", "VỤ"]: the fewest syllables that spell a word
    that is none itself; None when it is a syllable or cannot be split."""
    low = word.lower()
    if len(low) < 4 or low in syllables() or low in known or not low.isalpha():
        return None
    if fold(low) in _by_fold():
        return None  # a syllable with its marks lost ("NGHIEM"), not two glued
    # Only common syllables (or known words) as pieces: "TRỤỰC" is a misread "TRỰC",
    # not "TRỤ" + "ỰC".
    valid = set(common_syllables()) | {w for w in known if len(w) >= 2}
    n = len(low)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (pieces, start of last)
    best[0] = (0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - 7), end):
            before, here = best[start], best[end]
            if before is not None and low[start:end] in valid and len(low[start:end]) >= 2:
                cand = (before[0] + 1, start)
                if here is None or cand[0] < here[0]:
                    best[end] = cand
    last = best[n]
    if last is None or last[0] < 2:
        return None
    pieces, end = [], n
    while end:
        step = best[end]
        assert step is not None  # each start on the path was reached before its piece
        start = step[1]
        pieces.append(word[start:end])
        end = start
    return pieces[::-1]


def _same_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@functools.lru_cache(maxsize=8)
def _corrector(phrases: tuple[str, ...], dictionary: bool = False) -> Corrector:
    return Corrector(phrases, dictionary=dictionary)


def correct_ocr_text(text: str, vocabulary: Iterable[str] | None = None) -> str:
    """Restore Vietnamese tone and vowel marks that OCR dropped or swapped, using
    the header vocabulary (plus ``vocabulary``: type and issuer names from the rules)."""
    phrases = tuple(sorted({nfc(p) for p in vocabulary or ()}))
    return _corrector(phrases, dictionary=True).correct(_ocr_letters(text))


# Letters OCR takes from other alphabets: the Icelandic eth for "Đ" ("QÐ/TU"), the
# section sign for the "S" of "Số" ("§ố: 118-CV/TU", or beside it: "S§ố"). A spacing
# modifier letter ("ˆ", "ˇ") is a speck: no Vietnamese word has one, and glued to a
# word it made that word unreadable ("ˆSố: 2575/UBND-VP").
_NOT_VIETNAMESE = str.maketrans(
    {"Ð": "Đ", "ð": "đ", **{chr(c): " " for c in range(0x02B0, 0x0300)}}
)


def _ocr_letters(text: str) -> str:
    return re.sub(r"S?§(?=[^\W\d_])", "S", nfc(text).translate(_NOT_VIETNAMESE))
