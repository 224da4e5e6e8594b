"""Suggestions at arrival (issue 11 item 4): the document page offers the open
dossiers of its body, one click files it (the same services as an accepted
proposal), "Không phải" is remembered per body; only those who may file see
the buttons, and bad input changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from luutru.bundles import arrival
from luutru.bundles.models import SuggestionFeedback
from luutru.bundles.tests.review_records import build
from luutru.filing import services as filing
from luutru.filing.models import DossierItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    r = build(world)
    # The letters' dossier is being formed with the first letter in it.
    r.letters = filing.open_dossier_from_plan(world.official, r.item_letters)
    filing.add_document_to_dossier(world.official, r.letters, r.cv)
    return r


def _client(user) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c


def test_the_reply_is_suggested_the_dossier_of_the_letter_it_answers(world, records):
    found = arrival.suggestions_for(world.official, [records.reply])[records.reply.pk]
    assert 1 <= len(found) <= 3
    assert (found[0].kind, found[0].id) == ("dossier", records.letters.pk)


def test_one_click_files_the_document_and_remembers_the_answer(world, records):
    c = _client(world.official)
    html = c.get(f"/gom-ho-so/goi-y/{records.reply.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Đưa vào hồ sơ này" in html
    r = c.post(
        f"/gom-ho-so/goi-y/{records.reply.pk}/dua-vao/",
        {"kind": "dossier", "candidate": records.letters.pk},
        HTTP_HX_REQUEST="true",
    )
    assert "Đã đưa văn bản vào hồ sơ" in r.content.decode()
    assert DossierItem.objects.filter(dossier=records.letters, document=records.reply).exists()
    fb = SuggestionFeedback.objects.get()
    assert (fb.org_id, fb.accepted, fb.candidate_id) == (world.office.pk, True, records.letters.pk)
    # Filed: the fragment now names its dossier and suggests nothing.
    html = c.get(f"/gom-ho-so/goi-y/{records.reply.pk}/").content.decode()
    assert "Văn bản đã ở trong hồ sơ" in html and "Đưa vào hồ sơ này" not in html


def test_not_this_one_is_remembered_and_that_dossier_is_not_offered_again(world, records):
    c = _client(world.official)
    c.post(
        f"/gom-ho-so/goi-y/{records.reply.pk}/khong-phai/",
        {"kind": "dossier", "candidate": records.letters.pk},
    )
    assert SuggestionFeedback.objects.filter(accepted=False).count() == 1
    found = arrival.suggestions_for(world.official, [records.reply])[records.reply.pk]
    assert ("dossier", records.letters.pk) not in {(s.kind, s.id) for s in found}
    assert not DossierItem.objects.filter(document=records.reply).exists()


def test_a_plan_item_suggestion_opens_its_dossier(world, records):
    dossier = arrival.file_document(world.official, records.kh, "plan_item", records.item_report.pk)
    assert dossier.plan_item_id == records.item_report.pk
    assert DossierItem.objects.filter(dossier=dossier, document=records.kh).exists()


@pytest.mark.parametrize("who", ["archivist", "reader", "board_official"])
def test_who_may_not_file_sees_no_buttons_and_changes_nothing(world, records, who):
    c = _client(getattr(world, who))
    r = c.get(f"/gom-ho-so/goi-y/{records.reply.pk}/")
    assert r.status_code == 404 or "Đưa vào hồ sơ này" not in r.content.decode()
    c.post(
        f"/gom-ho-so/goi-y/{records.reply.pk}/dua-vao/",
        {"kind": "dossier", "candidate": records.letters.pk},
    )
    assert not DossierItem.objects.filter(document=records.reply).exists()
    assert not SuggestionFeedback.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "dossier", "candidate": "abc"},
        {"kind": "nonsense", "candidate": "1"},
        {"kind": "dossier", "candidate": "999999"},
        {"kind": "plan_item", "candidate": str(10**30)},
    ],
)
def test_bad_suggestion_input_is_refused_in_vietnamese(world, records, data):
    r = _client(world.official).post(
        f"/gom-ho-so/goi-y/{records.reply.pk}/dua-vao/", data, HTTP_HX_REQUEST="true"
    )
    assert r.status_code in (200, 400)
    html = r.content.decode()
    assert "Không" in html or "không" in html
    assert not DossierItem.objects.filter(document=records.reply).exists()
    assert not SuggestionFeedback.objects.exists()


def test_the_officials_home_page_lists_documents_waiting_for_a_dossier(world, records):
    html = _client(world.official).get("/").content.decode()
    assert "Văn bản chờ đưa vào hồ sơ" in html
    assert f'hx-get="/gom-ho-so/goi-y/{records.reply.pk}/"' in html
    # A reader forms no dossiers: no such card.
    assert "Văn bản chờ đưa vào hồ sơ" not in _client(world.reader).get("/").content.decode()
