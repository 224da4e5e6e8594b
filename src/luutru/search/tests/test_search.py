"""Searching: diacritics, ranking, phrases, sorting, facets, snippets, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from luutru.search import queries
from luutru.search.services import refresh_index

pytestmark = pytest.mark.django_db


def search(user, query: str = "", **params):
    q = QueryDict(mutable=True)
    if query:
        q["q"] = query
    for k, v in params.items():
        q.setlist(k, v if isinstance(v, list) else [str(v)])
    return queries.search(user, q)


def ids(outcome, kind="document"):
    return [r.obj_id for r in outcome.rows if r.kind == kind]


def test_query_without_diacritics_finds_the_words_with_them(world, make_doc):
    doc = make_doc("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV")
    make_doc("Báo cáo công tác văn thư")
    refresh_index()
    out = search(world.head, "dai hoi dang bo")
    assert ids(out) == [doc.pk]
    assert out.total == 1


def test_exact_diacritics_rank_above_folded_matches(world, make_doc):
    # Created first so that insertion order cannot explain the ranking.
    folded_only = make_doc("Dai hoi chi bo thon (ban go khong dau)")
    other = make_doc("Đài hỏi ý kiến nhân dân")
    exact_doc = make_doc("Đại hội chi bộ thôn")
    refresh_index()
    out = search(world.head, "Đại hội")
    assert ids(out)[0] == exact_doc.pk
    assert set(ids(out)) == {exact_doc.pk, folded_only.pk, other.pk}


def test_full_text_number_and_issuer_are_searched(world, make_doc):
    by_text = make_doc(
        "Công văn", text="Về việc tổ chức hội nghị sơ kết công tác kiểm tra giám sát"
    )
    by_symbol = make_doc("Thông báo kết luận", code_number="35", code_notation="CT/TW")
    by_issuer = make_doc("Kế hoạch", organ_name="Ban Tuyên giáo Tỉnh ủy")
    refresh_index()
    assert ids(search(world.head, "giám sát")) == [by_text.pk]
    assert ids(search(world.head, "35-CT/TW")) == [by_symbol.pk]
    assert ids(search(world.head, "tuyen giao")) == [by_issuer.pk]


def test_phrases_need_the_words_in_order(world, make_doc):
    in_order = make_doc("Về công tác kiểm tra đảng viên")
    scattered = make_doc("Kiểm tra việc thực hiện công tác dân vận")
    refresh_index()
    assert set(ids(search(world.head, "công tác kiểm tra"))) == {in_order.pk, scattered.pk}
    assert ids(search(world.head, '"công tác kiểm tra"')) == [in_order.pk]
    assert ids(search(world.head, "“cong tac kiem tra”")) == [in_order.pk]


def test_sort_by_date_both_ways(world, make_doc):
    docs = [make_doc(f"Báo cáo tháng {m}", issued_date=dt.date(2021, m, 1)) for m in (5, 1, 9)]
    refresh_index()
    newest = ids(search(world.head, "báo cáo", sort="newest"))
    assert newest == [docs[2].pk, docs[0].pk, docs[1].pk]
    assert ids(search(world.head, "báo cáo", sort="oldest")) == list(reversed(newest))


def test_no_cap_on_results_pages_and_exact_total(world, make_doc):
    for i in range(45):
        make_doc(f"Quyết định số {i} về nhân sự")
    refresh_index()
    seen = []
    for page in (1, 2, 3):
        out = search(world.head, "nhân sự", page=page)
        assert out.total == 45 and out.pages == 3
        seen += ids(out)
    assert len(seen) == len(set(seen)) == 45


def test_facets_count_and_filter(world, make_doc, make_dossier):
    a = make_doc("Hội nghị Ban Chấp hành", issued_date=dt.date(2020, 3, 1))
    make_doc("Hội nghị cán bộ chủ chốt", issued_date=dt.date(2021, 3, 1), type_name="Thông báo")
    make_doc("Hội nghị học tập nghị quyết", org=world.board, issued_date=dt.date(2021, 5, 1))
    make_dossier("Hồ sơ hội nghị năm 2021", year=2021, status="closed", docs=[a])
    refresh_index()
    # The archivist of the province reads every body below it.
    out = search(world.archivist, "hội nghị")
    facets = {name: {f.value: f.count for f in values} for name, values in out.facets.items()}
    assert facets["kind"] == {"document": 3, "dossier": 1}
    assert facets["year"] == {2020: 1, 2021: 3}
    assert facets["type"] == {"Nghị quyết": 2, "Thông báo": 1, "Hồ sơ": 1}
    assert facets["status"] == {"closed": 1}
    assert facets["org"] == {world.office.pk: 3, world.board.pk: 1}
    filtered = search(world.archivist, "hội nghị", year=2021, kind="document")
    assert filtered.total == 2
    assert {f.value for f in filtered.facets["year"]} == {2021}
    assert [f.selected for f in filtered.facets["year"]] == [True]


def test_dossier_found_by_its_documents_but_not_by_a_more_secret_one(world, make_doc, make_dossier):
    plain = make_doc("Chương trình hành động thực hiện nghị quyết")
    secret = make_doc("Phương án nhân sự khóa mới", secrecy=1)
    dossier = make_dossier("Hồ sơ chuẩn bị đại hội", docs=[plain, secret])
    refresh_index()
    assert ids(search(world.head, "chương trình hành động"), "dossier") == [dossier.pk]
    assert ids(search(world.head, "phương án nhân sự"), "dossier") == []


def test_snippets_mark_matches_and_escape_everything_else(world, make_doc):
    make_doc(
        '<script>alert("x")</script> Đại hội',
        text="Nội dung <b>đậm</b> nói về đại hội đảng bộ & nhân dân",
    )
    refresh_index()
    row = search(world.head, "đại hội").rows[0]
    assert (
        str(row.title_html)
        == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Đại</mark> <mark>hội</mark>"
    )
    assert "&lt;b&gt;đậm&lt;/b&gt;" in row.snippet_html
    assert "<mark>đại</mark> <mark>hội</mark>" in row.snippet_html
    assert "&amp;" in row.snippet_html and "<b>" not in row.snippet_html


def test_results_link_to_their_pages(world, make_doc, make_dossier):
    doc = make_doc("Tờ trình về nhân sự")
    dossier = make_dossier("Hồ sơ tờ trình")
    refresh_index()
    urls = {r.url for r in search(world.head, "tờ trình").rows}
    assert urls == {f"/van-ban/{doc.pk}/", f"/ho-so/{dossier.pk}/"}


# -- bad input ---------------------------------------------------------------


def test_empty_query_asks_for_words_and_searches_nothing(world, make_doc):
    make_doc("Báo cáo")
    refresh_index()
    out = search(world.head, "")
    assert not out.asked and out.total == 0 and out.messages == []
    out = search(world.head, '  "" ::: *** ')
    assert not out.asked and "không có chữ hay số" in out.messages[0]


@pytest.mark.parametrize(
    "query, found",
    [
        ('"', False),
        ('đại "hội', True),
        ("đại:hội", True),  # one word of two tokens: a phrase
        ("(đại) hội*", True),
        ("title:đại", False),  # no field syntax: "title" is a word like any other
        ("đại OR hội", False),  # no operators: every word must match
        ("AND OR NOT", False),
        ("\\", False),
        ("[1 TO 2]", False),
        ("^2 ~3 +-!{}", False),
        ("\x00đại", True),
    ],
)
def test_query_syntax_characters_never_crash(world, make_doc, query, found):
    doc = make_doc("Đại hội đại biểu")
    refresh_index()
    out = search(world.head, query)
    assert ids(out) == ([doc.pk] if found else [])


def test_a_very_long_query_is_cut_with_a_message(world, make_doc):
    doc = make_doc("Đại hội")
    refresh_index()
    out = search(world.head, "đại " + "x" * 5000)
    assert "500 ký tự đầu" in out.messages[0]
    assert len(out.query.text) == 500
    out = search(world.head, " ".join(f"từ{i}" for i in range(100)) + " đại")
    assert "32 từ đầu" in out.messages[-1]
    assert (
        search(world.head, "đại " * 400).total == 1 == len(ids(search(world.head, "đại hội")))
        and doc
    )


def test_unknown_filter_values_are_named_and_ignored(world, make_doc):
    make_doc("Báo cáo năm")
    refresh_index()
    out = search(
        world.head,
        "báo cáo",
        year="hai nghìn",
        secrecy=9,
        status="bogus",
        org=999999,
        kind="x",
        sort="z",
    )
    text = " ".join(out.messages)
    for bit in ("“hai nghìn”", "độ mật “9”", "“bogus”", "cơ quan số 999999", "“x”", "sắp xếp “z”"):
        assert bit in text
    assert out.total == 1
    assert search(world.head, "báo cáo", page="abc").messages == [
        "Số trang không hợp lệ: hiển thị trang đầu."
    ]
    beyond = search(world.head, "báo cáo", page=50)
    assert beyond.page == 1 and len(beyond.rows) == 1 and "Chỉ có 1 trang" in beyond.messages[0]
