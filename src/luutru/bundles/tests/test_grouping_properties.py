"""What holds for any set of documents the grouping is given (issue 11): each
document is placed once (in one group or apart), members come in date order,
gaps are never documents of the set, and the figures stay in range."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from luutru.bundles.grouping import propose
from luutru.bundles.identity import SymbolIndex
from luutru.bundles.types import CitedRef, DocFacts, PlanItemFacts

WORDS = ["kế hoạch", "đại hội", "kiểm tra", "đồng chí Lê Văn An", "xã Yên Đức", "năm 2024",
         "công tác", "lưu trữ", "báo cáo", "Quy định số 5-QĐ/TW", "nhiệm kỳ 2025–2030", ""]  # fmt: skip
SYMBOLS = ["1-KH/HU", "2-KH/HU", "1-QĐ/TW", "3-CV/TU", "15-BC/HU", "7/QĐ-UBND", ""]
ISSUERS = ["Huyện ủy Đông Triều", "Huyện ủy Hoành Bồ", "Tỉnh ủy", "", "Ban Chấp hành Trung ương"]
dates = st.one_of(st.none(), st.dates(dt.date(2022, 1, 1), dt.date(2025, 12, 31)))
refs = st.builds(
    CitedRef,
    number_symbol=st.sampled_from([s for s in SYMBOLS if s]),
    issued_date=dates,
    issuer=st.sampled_from(ISSUERS),
    kind=st.sampled_from(["cites", "replies", "replaces"]),
)


@st.composite
def bundles(draw):
    n = draw(st.integers(0, 25))
    return [
        DocFacts(
            key=f"d{k}",
            subject=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=5))),
            number_symbol=draw(st.sampled_from(SYMBOLS)),
            issuer=draw(st.sampled_from(ISSUERS)),
            issued_date=draw(dates),
            cites=tuple(draw(st.lists(refs, max_size=3))),
        )
        for k in range(n)
    ]


PLAN = [
    PlanItemFacts(1, "I.1", "Hồ sơ đại hội", 2025),
    PlanItemFacts(2, "I.2", "Hồ sơ kiểm tra", 2024),
]


@settings(max_examples=60, deadline=None)
@given(bundles())
def test_every_document_is_placed_once_in_order_with_true_gaps(docs):
    proposal = propose(docs, PLAN)
    placed = [k for g in proposal.groups for k in g.members] + list(proposal.unassigned)
    assert sorted(placed) == sorted(d.key for d in docs)
    by_key = {d.key: d for d in docs}
    index = SymbolIndex.of(docs)
    for g in proposal.groups:
        assert len(g.members) >= 2
        days = [by_key[k].issued_date for k in g.members if by_key[k].issued_date]
        assert days == sorted(days)
        assert 0.0 <= g.confidence <= 1.0
        assert set(g.outside_period) <= set(g.members)
        assert g.title
        for m in g.missing:
            assert set(m.cited_by) <= set(g.members)
            citing = by_key[m.cited_by[0]]
            ref = CitedRef(m.number_symbol, issued_date=m.issued_date, issuer=m.issuer)
            assert index.resolve(ref, citing) is None  # absent from the whole set
        if g.plan_item is not None and g.start and g.end:
            assert g.plan_item.year in {g.start.year, g.end.year}
