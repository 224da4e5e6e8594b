"""The grouping engine on documents whose matter is known (issue 11)."""

from __future__ import annotations

import datetime as dt

from luutru.bundles.grouping import propose
from luutru.bundles.types import CitedRef, DocFacts, PlanItemFacts

D = dt.date
HU = "Huyện ủy Đông Triều"


def congress() -> list[DocFacts]:
    """A district congress: the plan, its committee, the political report; the plan
    rests on a Politburo directive that is not in the bundle."""
    plan_ref = CitedRef("30-KH/HU", issued_date=D(2025, 1, 5), issuer=HU)
    return [
        DocFacts(
            "dh/1.pdf",
            "tổ chức Đại hội đại biểu Đảng bộ huyện lần thứ XXII, nhiệm kỳ 2025-2030",
            number_symbol="30-KH/HU",
            type_name="Kế hoạch",
            issuer=HU,
            issued_date=D(2025, 1, 5),
            cites=(CitedRef("35-CT/TW", issued_date=D(2024, 6, 14), issuer="Bộ Chính trị"),),
        ),
        DocFacts(
            "dh/2.pdf",
            "thành lập Tiểu ban Văn kiện Đại hội",
            number_symbol="101-QĐ/HU",
            type_name="Quyết định",
            issuer=HU,
            issued_date=D(2025, 1, 20),
            cites=(plan_ref,),
        ),
        DocFacts(
            "dh/3.pdf",
            "dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ huyện lần thứ XXII",
            number_symbol="15-BC/HU",
            type_name="Báo cáo",
            issuer=HU,
            issued_date=D(2025, 3, 2),
            cites=(plan_ref,),
        ),
    ]


def group_of(proposal, key):
    return next((g for g in proposal.groups if key in g.members), None)


def test_a_matter_is_one_group_in_date_order_with_its_plan_item():
    plan = [
        PlanItemFacts(1, "I.1", "Hồ sơ hội nghị Ban Chấp hành Đảng bộ huyện năm 2025", 2025),
        PlanItemFacts(2, "I.3", "Hồ sơ tổ chức Đại hội Đảng bộ huyện lần thứ XXII", 2025),
    ]
    docs = congress()
    proposal = propose(list(reversed(docs)), plan)
    assert len(proposal.groups) == 1
    g = proposal.groups[0]
    assert g.members == ["dh/1.pdf", "dh/2.pdf", "dh/3.pdf"]
    assert g.title.startswith("Hồ sơ về việc ")
    assert "Đại hội đại biểu Đảng bộ huyện lần thứ XXII" in g.title
    assert g.period == "2025"
    assert g.plan_item is not None and g.plan_item.code == "I.3"
    assert 0.0 < g.confidence <= 1.0
    assert proposal.unassigned == []


def test_a_document_cited_but_absent_becomes_a_gap_as_cited():
    g = propose(congress(), []).groups[0]
    assert [(m.number_symbol, m.issued_date, m.issuer) for m in g.missing] == [
        ("35-CT/TW", D(2024, 6, 14), "Bộ Chính trị")
    ]
    assert g.missing[0].cited_by == ("dh/1.pdf",)


def test_a_cited_document_present_is_no_gap():
    docs = congress()
    directive = DocFacts(
        "dh/0.pdf",
        "lãnh đạo đại hội đảng bộ các cấp tiến tới Đại hội toàn quốc lần thứ XIV",
        number_symbol="35-CT/TW",
        type_name="Chỉ thị",
        issuer="Bộ Chính trị",
        issued_date=D(2024, 6, 14),
    )
    g = group_of(propose([directive, *docs], []), "dh/1.pdf")
    assert g is not None and "dh/0.pdf" in g.members
    assert g.missing == []


def test_the_same_number_in_two_years_stays_apart():
    """ "Kế hoạch 12-KH/HU" of 2023 and of 2024 are two documents; each letter cites
    its own year's plan (dated), and the two matters' subjects are unrelated."""
    docs = [
        DocFacts(
            "a.pdf",
            "kiểm tra công tác lưu trữ các chi bộ",
            number_symbol="12-KH/HU",
            issuer=HU,
            issued_date=D(2023, 2, 1),
        ),
        DocFacts(
            "b.pdf",
            "triển khai đợt sinh hoạt chính trị mừng Xuân",
            number_symbol="12-KH/HU",
            issuer=HU,
            issued_date=D(2024, 1, 10),
        ),
        DocFacts(
            "c.pdf",
            "đôn đốc các chi bộ gửi báo cáo",
            number_symbol="40-CV/HU",
            issuer=HU,
            issued_date=D(2024, 3, 1),
            cites=(CitedRef("12-KH/HU", issued_date=D(2024, 1, 10), issuer=HU),),
        ),
        DocFacts(
            "d.pdf",
            "tổng hợp kết quả",
            number_symbol="20-BC/HU",
            issuer=HU,
            issued_date=D(2023, 6, 1),
            cites=(CitedRef("12-KH/HU", issued_date=D(2023, 2, 1), issuer=HU),),
        ),
    ]
    proposal = propose(docs, [])
    assert sorted(sorted(g.members) for g in proposal.groups) == [
        ["a.pdf", "d.pdf"],
        ["b.pdf", "c.pdf"],
    ]
    assert all(g.missing == [] for g in proposal.groups)


def test_a_citation_of_last_years_number_names_a_gap_not_this_years_document():
    docs = [
        DocFacts("b.pdf", "sinh hoạt chính trị mừng Xuân", number_symbol="12-KH/HU",
                 issuer=HU, issued_date=D(2024, 1, 10)),
        DocFacts("c.pdf", "đôn đốc báo cáo kiểm tra lưu trữ", number_symbol="40-CV/HU",
                 issuer=HU, issued_date=D(2024, 3, 1),
                 cites=(CitedRef("12-KH/HU", issued_date=D(2023, 2, 1), issuer=HU),)),
        DocFacts("e.pdf", "báo cáo kiểm tra lưu trữ các chi bộ", number_symbol="41-BC/HU",
                 issuer=HU, issued_date=D(2024, 3, 9),
                 cites=(CitedRef("12-KH/HU", issued_date=D(2023, 2, 1), issuer=HU),)),
    ]  # fmt: skip
    proposal = propose(docs, [])
    g = group_of(proposal, "c.pdf")
    assert g is not None and sorted(g.members) == ["c.pdf", "e.pdf"]
    assert [(m.number_symbol, m.issued_date) for m in g.missing] == [("12-KH/HU", D(2023, 2, 1))]
    assert proposal.unassigned == ["b.pdf"]


def test_different_issuers_with_the_same_abbreviation_stay_apart():
    """Two district committees both number "15-BC/HU"; a reply of the province
    names Đông Triều's report: Hoành Bồ's is not it, and the gap is not filled by it."""
    docs = [
        DocFacts("dt.pdf", "tình hình thu nộp đảng phí quý I", number_symbol="15-BC/HU",
                 issuer="Huyện ủy Đông Triều", issued_date=D(2024, 4, 2)),
        DocFacts("hb.pdf", "công tác phòng chống lụt bão", number_symbol="15-BC/HU",
                 issuer="Huyện ủy Hoành Bồ", issued_date=D(2024, 4, 3)),
        DocFacts("tu.pdf", "hướng dẫn thu nộp", number_symbol="210-CV/TU",
                 issuer="Tỉnh ủy Quảng Ninh", issued_date=D(2024, 4, 20),
                 cites=(CitedRef("15-BC/HU", issued_date=D(2024, 4, 2),
                                 issuer="Huyện ủy Đông Triều", kind="replies"),)),
        DocFacts("tu2.pdf", "phúc đáp báo cáo", number_symbol="211-CV/TU",
                 issuer="Tỉnh ủy Quảng Ninh", issued_date=D(2024, 4, 21),
                 cites=(CitedRef("16-BC/HU", issued_date=D(2024, 4, 1),
                                 issuer="Huyện ủy Hoành Bồ", kind="replies"),)),
    ]  # fmt: skip
    proposal = propose(docs, [])
    g = group_of(proposal, "tu.pdf")
    assert g is not None and sorted(g.members) == ["dt.pdf", "tu.pdf"]
    assert group_of(proposal, "hb.pdf") is None
    assert "hb.pdf" in proposal.unassigned
    assert "tu2.pdf" in proposal.unassigned


def test_an_undated_citation_between_two_issuers_names_no_one():
    docs = [
        DocFacts("dt.pdf", "thu nộp đảng phí", number_symbol="15-BC/HU",
                 issuer="Huyện ủy Đông Triều", issued_date=D(2024, 4, 2)),
        DocFacts("hb.pdf", "phòng chống lụt bão", number_symbol="15-BC/HU",
                 issuer="Huyện ủy Hoành Bồ", issued_date=D(2024, 4, 3)),
        DocFacts("tu.pdf", "ý kiến về báo cáo", number_symbol="210-CV/TU",
                 issuer="Tỉnh ủy Quảng Ninh", issued_date=D(2024, 4, 20),
                 cites=(CitedRef("15-BC/HU"),)),
    ]  # fmt: skip
    proposal = propose(docs, [])
    assert proposal.groups == []


def test_a_document_that_fits_nothing_stays_unassigned():
    stray = DocFacts(
        "lac.pdf",
        "mua sắm bàn ghế cho hội trường",
        number_symbol="77-CV/VPHU",
        issuer="Văn phòng Huyện ủy",
        issued_date=D(2025, 2, 14),
    )
    proposal = propose([*congress(), stray], [])
    assert proposal.unassigned == ["lac.pdf"]
    assert all("lac.pdf" not in g.members for g in proposal.groups)


def test_alike_subjects_without_citations_group():
    docs = [
        DocFacts(f"vd/{k}.pdf", f"sơ kết cuộc vận động Người Việt Nam ưu tiên dùng hàng Việt Nam {s}",
                 issuer=HU, issued_date=day)
        for k, (s, day) in enumerate([
            ("ở các chi bộ nông thôn", D(2023, 5, 1)), ("ở các chi bộ cơ quan", D(2023, 5, 9)),
            ("ở các chi bộ trường học", D(2023, 6, 2)),
        ])
    ]  # fmt: skip
    proposal = propose(docs, [])
    assert [g.members for g in proposal.groups] == [["vd/0.pdf", "vd/1.pdf", "vd/2.pdf"]]
    assert proposal.groups[0].outside_period == []


def test_alike_subjects_years_apart_are_two_matters_not_one():
    """The same yearly report of two years: nothing but the subject ties them."""
    docs = [
        DocFacts(f"bc/{k}.pdf", "tình hình tư tưởng của cán bộ, đảng viên", issuer=HU, issued_date=day)
        for k, day in enumerate([D(2022, 6, 1), D(2023, 6, 5)])
    ]  # fmt: skip
    assert propose(docs, []).groups == []


def test_a_late_document_citing_the_matter_lies_outside_its_period():
    docs = congress()
    late = DocFacts(
        "dh/9.pdf",
        "bổ sung hồ sơ nhân sự",
        number_symbol="3-CV/HU",
        issuer=HU,
        issued_date=D(2026, 11, 2),
        cites=(CitedRef("30-KH/HU", issued_date=D(2025, 1, 5), issuer=HU),),
    )
    g = group_of(propose([*docs, late], []), "dh/9.pdf")
    assert g is not None and g.members[-1] == "dh/9.pdf"
    assert g.outside_period == ["dh/9.pdf"]
    assert g.period == "2025"


def test_a_run_of_one_type_with_no_common_matter_is_titled_as_a_run():
    from luutru.bundles.titles import run_title

    assert run_title("Công văn", "outgoing", 2024) == "Tập lưu công văn đi năm 2024"


def test_nothing_in_nothing_out():
    proposal = propose([], [])
    assert proposal.groups == [] and proposal.unassigned == []


def test_a_document_alike_to_two_matters_does_not_bind_them():
    """A conference report on both matters' subjects is like each; the two matters,
    each held together by its citations, stay two."""
    dv = CitedRef("5-KH/HU", issued_date=D(2024, 3, 1), issuer=HU)
    tg = CitedRef("6-KH/HU", issued_date=D(2024, 3, 2), issuer=HU)
    docs = [
        DocFacts("dv1", "sơ kết công tác dân vận của hệ thống chính trị", number_symbol="5-KH/HU",
                 issuer=HU, issued_date=D(2024, 3, 1)),
        DocFacts("dv2", "phân công chuẩn bị tham luận", number_symbol="9-CV/HU", issuer=HU,
                 issued_date=D(2024, 3, 9), cites=(dv,)),
        DocFacts("tg1", "tổng kết công tác tuyên giáo cơ sở", number_symbol="6-KH/HU",
                 issuer=HU, issued_date=D(2024, 3, 2)),
        DocFacts("tg2", "mời dự hội nghị", number_symbol="10-CV/HU", issuer=HU,
                 issued_date=D(2024, 3, 10), cites=(tg,)),
        DocFacts("both", "sơ kết công tác dân vận của hệ thống chính trị, tổng kết công tác tuyên giáo cơ sở",
                 issuer=HU, issued_date=D(2024, 3, 5)),
    ]  # fmt: skip
    groups = sorted(sorted(str(k) for k in g.members) for g in propose(docs, []).groups)
    assert len(groups) == 2
    assert ["dv1", "dv2"] in [[k for k in g if k != "both"] for g in groups]
    assert ["tg1", "tg2"] in [[k for k in g if k != "both"] for g in groups]
