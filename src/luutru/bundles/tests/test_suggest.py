"""Arrival suggestions: which open dossier a new document goes into (issue 11)."""

from __future__ import annotations

import datetime as dt

from luutru.bundles.suggest import rank
from luutru.bundles.types import Candidate, CitedRef, DocFacts, Feedback, PlanItemFacts

D = dt.date
HU = "Huyện ủy Đông Triều"


def candidates() -> list[Candidate]:
    congress = Candidate(
        "dossier",
        1,
        "Hồ sơ về việc tổ chức Đại hội Đảng bộ huyện lần thứ XXII",
        member_facts=(
            DocFacts(11, "tổ chức Đại hội Đảng bộ huyện lần thứ XXII", number_symbol="30-KH/HU",
                     issuer=HU, issued_date=D(2025, 1, 5)),
        ),
    )  # fmt: skip
    inspection = Candidate(
        "dossier",
        2,
        "Hồ sơ về việc kiểm tra công tác văn thư, lưu trữ năm 2025",
        member_facts=(
            DocFacts(21, "kiểm tra công tác văn thư, lưu trữ tại các chi bộ", number_symbol="7-KH/HU",
                     issuer=HU, issued_date=D(2025, 2, 1)),
            DocFacts(22, "thành lập đoàn kiểm tra", number_symbol="120-QĐ/HU", issuer=HU,
                     issued_date=D(2025, 2, 3),
                     cites=(CitedRef("7-KH/HU", issued_date=D(2025, 2, 1), issuer=HU),)),
        ),
    )  # fmt: skip
    plan = Candidate(
        "plan_item",
        9,
        "Hồ sơ hội nghị Ban Chấp hành Đảng bộ huyện",
        plan_item=PlanItemFacts(9, "I.1", "Hồ sơ hội nghị Ban Chấp hành Đảng bộ huyện", 2025),
    )
    return [congress, inspection, plan]


def test_the_dossier_whose_member_the_document_cites_comes_first():
    """The subject alone points at the congress; the citation names the inspection's plan."""
    doc = DocFacts(
        99,
        "báo cáo tình hình chuẩn bị đại hội chi bộ và công tác lưu trữ",
        number_symbol="40-BC/HU",
        issuer=HU,
        issued_date=D(2025, 3, 1),
        cites=(CitedRef("7-KH/HU", issued_date=D(2025, 2, 1), issuer=HU),),
    )
    ranked = rank(doc, candidates())
    assert [c.id for c, _ in ranked][0] == 2
    assert all(0.0 < s < 1.0 for _, s in ranked)
    assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)


def test_last_years_number_is_no_citation_of_this_years_member():
    doc = DocFacts(
        99,
        "tổ chức Đại hội chi bộ nhiệm kỳ mới",
        issuer=HU,
        issued_date=D(2025, 3, 1),
        cites=(CitedRef("7-KH/HU", issued_date=D(2024, 2, 1), issuer=HU),),
    )
    assert rank(doc, candidates())[0][0].id == 1


def test_subject_alone_picks_the_dossier_and_at_most_k_come_back():
    doc = DocFacts(99, "ban hành quy chế làm việc của Đại hội Đảng bộ huyện lần thứ XXII")
    ranked = rank(doc, candidates(), k=1)
    assert [c.id for c, _ in ranked] == [1]


def test_a_document_with_nothing_in_common_gets_no_suggestion():
    doc = DocFacts(99, "mua sắm xăng dầu")
    assert rank(doc, candidates()) == []


def test_the_bodys_answers_move_the_ranking():
    """Officials of this body file their reports on congress preparation under the
    plan item of the committee's conferences, and refuse the congress dossier."""
    doc = DocFacts(99, "báo cáo chuẩn bị Đại hội Đảng bộ huyện tại hội nghị Ban Chấp hành")
    before = [c.id for c, _ in rank(doc, candidates())]
    assert before[0] == 1
    earlier = DocFacts(98, "báo cáo chuẩn bị Đại hội Đảng bộ huyện tại hội nghị")
    answers = [
        Feedback(earlier, "dossier", 1, accepted=False),
        Feedback(earlier, "plan_item", 9, accepted=True),
    ]
    after = [c.id for c, _ in rank(doc, candidates(), answers)]
    assert after[0] == 9


def test_no_candidates_no_suggestion():
    assert rank(DocFacts(1, "bất kỳ"), []) == []
