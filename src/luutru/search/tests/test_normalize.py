"""Vietnamese normalization: properties (hypothesis) and the cases that matter."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from luutru.search.normalize import exact, fold, fold_slow, index_forms, spans, tokens

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
text = st.text(
    alphabet=st.sampled_from(
        list(VIETNAMESE + VIETNAMESE.upper() + " -/.,:()*\"'0123456789\u0301\u0303")
    )
    | st.characters(),
    max_size=80,
)


def test_folding_removes_tone_marks_and_d_stroke():
    assert fold("Đại hội Đảng bộ") == "dai hoi dang bo"
    assert fold("NGHỊ QUYẾT") == "nghi quyet"
    assert exact("ĐẠI HỘI") == "đại hội"


def test_symbols_split_into_tokens():
    assert tokens("Số 12-NQ/TU, ngày 04/02/2020") == [
        "số",
        "12",
        "nq",
        "tu",
        "ngày",
        "04",
        "02",
        "2020",
    ]


def test_decomposed_input_gives_the_same_tokens_as_composed():
    composed = "Nghị quyết Đại hội"
    assert tokens(unicodedata.normalize("NFD", composed)) == tokens(composed)


def test_query_syntax_characters_are_only_separators():
    assert tokens('"đại hội" (:*) AND -x') == ["đại", "hội", "and", "x"]


@given(text)
def test_fold_is_idempotent_and_leaves_no_marks(s):
    f = fold(s)
    assert fold(f) == f
    assert "đ" not in f
    assert not any(
        unicodedata.category(c) == "Mn"
        for c in unicodedata.normalize("NFD", f)
        if "\u0300" <= c <= "\u036f"
    )


@given(text)
def test_exact_and_folded_streams_align_token_for_token(s):
    x, f = index_forms(s)
    assert len(x.split()) == len(f.split()) == len(tokens(s))
    assert [fold(t) for t in x.split()] == f.split()


@given(text)
def test_normalization_form_does_not_change_tokens(s):
    assert tokens(unicodedata.normalize("NFD", s)) == tokens(unicodedata.normalize("NFC", s))


@given(text)
def test_tokens_are_never_empty_and_have_no_spaces(s):
    for t in tokens(s):
        assert t and not any(c.isspace() for c in t)
        assert fold(t)


@given(text)
def test_spans_point_at_their_text(s):
    s = unicodedata.normalize("NFC", s)
    for sp in spans(s):
        assert exact(s[sp.start : sp.end]) == sp.exact
        assert sp.folded == fold(sp.exact)


@given(text)
def test_the_fast_fold_agrees_with_the_general_one(s):
    assert fold(s) == fold_slow(s)
