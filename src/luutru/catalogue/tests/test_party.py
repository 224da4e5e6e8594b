"""The Văn kiện Đảng database: a body's resolutions, directives, conclusions and
congress documents by term and congress, by type and year, with full text and
the dossiers holding them, read through the access policy as a reader, an
archivist, a clerk of the body and an official of another body."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest

from luutru.access.policy import SECRET_READ
from luutru.audit.models import Event
from luutru.catalogue import party
from luutru.orgs.models import Role, Secrecy
from luutru.rules import terms as term_rules
from luutru.search import services as search_services
from luutru.testing import make_user

pytestmark = pytest.mark.django_db

D = dt.date


def _pks(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


def test_the_database_holds_party_documents_only_and_each_reader_sees_what_the_policy_allows(
    world, docs
):
    p = docs
    core = {p.nq.pk, p.secret.pk, p.congress_nq.pk, p.vote.pk, p.open_kl.pk}
    # The archivist (province, clearance Mật) sees the whole province's database.
    assert _pks(party.documents(world.archivist)) == core | {p.district.pk}
    # A reader sees archive holdings only, and nothing secret.
    assert _pks(party.documents(world.reader)) == {p.nq.pk, p.congress_nq.pk, p.vote.pk}
    # The office's clerk (no clearance) sees the office's working documents, not the secret one.
    assert _pks(party.documents(world.clerk)) == core - {p.secret.pk}
    # An official of another body sees none of them.
    assert not party.documents(world.board_official).exists()
    # The harvest holds archive holdings only.
    assert _pks(party.holdings(world.archivist)) == {
        p.nq.pk,
        p.secret.pk,
        p.congress_nq.pk,
        p.vote.pk,
    }


def test_a_practice_bodys_sample_documents_are_not_in_the_database(world, docs):
    from luutru.orgs.models import Organization

    assert docs.district.pk in _pks(party.documents(world.archivist))
    # New staff practise in a practice body: what they register is no Party document.
    Organization.objects.filter(pk=world.district.pk).update(practice=True)
    assert docs.district.pk not in _pks(party.documents(world.archivist))
    assert docs.nq.pk in _pks(party.documents(world.archivist))


def test_terms_and_congresses_come_from_the_term_rows_and_the_numbering_rules(world, docs):
    p = docs
    entries = {e.doc.pk: e for e in party.describe(list(party.documents(world.archivist)))}
    assert entries[p.nq.pk].term.name == "Nhiệm kỳ 2015–2020"
    assert entries[p.secret.pk].term.name == "Nhiệm kỳ 2020–2025"
    assert entries[p.open_kl.pk].term.name == "Nhiệm kỳ 2020–2025"
    # A congress document is in its congress's series: the term it elects, not one it is in.
    congress = entries[p.congress_nq.pk]
    assert congress.congress and congress.term is None
    assert congress.congress_term.name == "Nhiệm kỳ 2020–2025"
    assert congress.congress_label == "Đại hội lần thứ XVI (Nhiệm kỳ 2020–2025)"
    assert entries[p.vote.pk].congress_term.name == "Nhiệm kỳ 2020–2025"
    assert entries[p.vote.pk].ordinal == "XVI"  # "khóa XVI" is what the 16th congress elects
    # A district committee without terms of its own numbers by the province's (36-HD/VPTW).
    assert entries[p.district.pk].term.org == world.province
    # The rule in force decides whether numbers run per term at all.
    assert term_rules.numbered_per_term(world.office, D(2018, 6, 19))
    assert term_rules.term_on(party.terms_of(world.office), D(2015, 1, 1)) is None


def test_the_body_page_lists_terms_with_their_congress_and_the_list_filters(world, docs, client):
    client.force_login(world.archivist)
    body = quote(world.province.name)
    r = client.get(f"/van-kien-dang/?tac_gia={body}")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Nhiệm kỳ 2020–2025 (khóa XVI)" in html
    assert "Đại hội lần thứ XVI (Nhiệm kỳ 2020–2025)" in html
    t2020 = world.province.terms.get(name="Nhiệm kỳ 2020–2025")
    r = client.get(f"/van-kien-dang/?tac_gia={body}&nhiem_ky={t2020.pk}")
    html = r.content.decode()
    assert "12-CT/TU" in html and "20-KL/TU" in html
    # A list showing a secret subject is a read of it; so is its page.
    shown = Event.objects.filter(action=SECRET_READ, actor=world.archivist)
    lists = shown.filter(object_type="party_documents")
    assert lists.count() == 2  # the body's page, then its term's
    assert {e.after["shown"][0]["id"] for e in lists} == {docs.secret.pk}
    assert client.get(f"/van-kien-dang/{docs.secret.pk}/").status_code == 200
    assert shown.filter(object_type="document", object_id=str(docs.secret.pk)).exists()
    assert "05-NQ/TU" not in html and "01-NQ/TU" not in html  # other term; the congress's own
    r = client.get(f"/van-kien-dang/?tac_gia={body}&dai_hoi={t2020.pk}")
    html = r.content.decode()
    assert "01-NQ/TU" in html and "02-BB/TU" in html and "12-CT/TU" not in html
    r = client.get("/van-kien-dang/?loai=chi-thi&nam=2022")
    assert "12-CT/TU" in r.content.decode() and "05-NQ/TU" not in r.content.decode()
    # Bad filters are named and dropped; huge page numbers give the last page.
    r = client.get(f"/van-kien-dang/?loai=x&nam=99999&nhiem_ky={10**30}&trang={10**30}")
    assert r.status_code == 200
    assert "Bỏ qua điều kiện lọc không hợp lệ" in r.content.decode()
    r = client.get(f"/van-kien-dang/?tac_gia={body}&trang={10**30}")
    assert r.status_code == 200 and "05-NQ/TU" in r.content.decode()


def test_a_reader_sees_counts_and_pages_without_the_secret_or_working_documents(
    world, docs, client
):
    p = docs
    client.force_login(world.reader)
    html = client.get("/van-kien-dang/").content.decode()
    assert world.province.name in html
    assert world.district.name not in html  # its resolution is not a holding
    html = client.get(f"/van-kien-dang/?tac_gia={quote(world.province.name)}").content.decode()
    assert "05-NQ/TU" in html and "Có 3 văn bản" in html
    assert "12-CT/TU" not in html and "20-KL/TU" not in html
    assert client.get(f"/van-kien-dang/{p.secret.pk}/").status_code == 404
    assert client.get(f"/van-kien-dang/{p.open_kl.pk}/").status_code == 404
    assert client.get(f"/van-kien-dang/{p.others[0].pk}/").status_code == 404  # not in the database
    assert client.get(f"/van-kien-dang/{10**30}/").status_code == 404
    r = client.get(f"/van-kien-dang/{p.nq.pk}/")
    html = r.content.decode()
    assert "công tác kiểm tra, giám sát của cấp ủy các cấp" in html  # full text
    assert "Nhiệm kỳ 2015–2020" in html
    assert "01.VP" in html  # the dossier that holds it


def test_a_clerk_of_another_body_finds_nothing(world, docs, client):
    clerk = make_user("vanthu_btc", world.board, Role.CLERK, clearance=Secrecy.TOI_MAT)
    assert not party.documents(clerk).exists()
    client.force_login(clerk)
    html = client.get("/van-kien-dang/").content.decode()
    assert "Chưa có nghị quyết, chỉ thị" in html
    assert client.get(f"/van-kien-dang/{docs.nq.pk}/").status_code == 404


def test_full_text_search_goes_through_the_search_service_and_its_access_filter(
    world, docs, client
):
    search_services.drain(wait=True)
    client.force_login(world.reader)
    html = client.get("/van-kien-dang/tim/?q=kiem+tra+giam+sat").content.decode()
    assert f"/van-kien-dang/{docs.nq.pk}/" in html
    html = client.get("/van-kien-dang/tim/?q=bi+mat+nha+nuoc").content.decode()
    assert "12-CT/TU" not in html  # secret: not for a reader
    client.force_login(world.archivist)
    html = client.get("/van-kien-dang/tim/?q=bi+mat+nha+nuoc").content.decode()
    assert f"/van-kien-dang/{docs.secret.pk}/" in html
    r = client.get(f"/van-kien-dang/tim/?q=kiem&trang={10**30}")
    assert r.status_code == 200
