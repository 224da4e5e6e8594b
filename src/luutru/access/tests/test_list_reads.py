"""Lists are reads too (issue 8 item 9): the document, dossier, capture and
holdings lists and the keep-back list write one audit event naming the secret
rows they show, and none when they show no secret row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from luutru.access.tests import test_secret_reads as reads
from luutru.access.tests.test_secret_reads import _last, _names, _reads
from luutru.archive.models import KeepBack
from luutru.capture.models import ImportItem, ItemState
from luutru.filing.models import Dossier, DossierStatus

pytestmark = pytest.mark.django_db

# The records of the secret-reads tests: a MẬT dossier and a plain one of the
# Văn phòng, and a MẬT file and a plain one taken in there.
records = reads.records
captured = reads.captured


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _check(world, url: str, kind: str, secret_pk: int, plain_word: str, plain_pk: int):
    """The head (cleared) reads the list: one event names the secret row, not the
    plain one. An official of the body without clearance reads it too: the plain
    row is shown, and nothing is recorded."""
    before = _last()
    r = _client(world.head).get(url)
    assert r.status_code == 200, (url, r.status_code)
    events = _reads(before)
    assert len(events) == 1, (url, events)
    assert _names(events, kind, secret_pk), f"{url}: the secret {kind} is not named"
    assert not _names(events, kind, plain_pk), f"{url}: a plain {kind} is named"
    assert events[0].after["how"] == "list"
    before = _last()
    r = _client(world.official).get(url)
    assert r.status_code == 200, (url, r.status_code)
    assert plain_word in r.content.decode(), f"{url}: the plain row is not shown"
    assert _reads(before) == [], f"{url}: a list of plain rows was recorded"


def test_the_document_list(world, records):
    secret, plain, s_doc, p_doc = records
    for d in (s_doc, p_doc):
        d.created_by = None
        d.save(update_fields=["created_by"])
    _check(world, "/van-ban/", "document", s_doc.pk, "QZTHUONG", p_doc.pk)


def test_the_dossier_list(world, records):
    secret, plain, _, _ = records
    _check(world, "/ho-so/?pham-vi=tat-ca", "dossier", secret.pk, "QZTHUONG", plain.pk)


def test_the_holdings_list(world, records):
    secret, plain, _, _ = records
    Dossier.objects.filter(pk__in=[secret.pk, plain.pk]).update(status=DossierStatus.ARCHIVED)
    _check(world, "/nop-luu/kho/", "dossier", secret.pk, "QZTHUONG", plain.pk)


def test_the_keep_back_list(world, records):
    secret, plain, _, _ = records
    for d in (secret, plain):
        KeepBack.objects.create(
            dossier=d,
            reason="Còn dùng để theo dõi",
            until=timezone.localdate() + dt.timedelta(days=300),
            requested_by=world.head,
        )
    _check(world, "/nop-luu/giu-lai/", "dossier", secret.pk, "QZTHUONG", plain.pk)


def test_the_capture_list(world, captured):
    s_batch, s_item, p_batch, p_item = captured
    ImportItem.objects.filter(pk__in=[s_item.pk, p_item.pk]).update(state=ItemState.REVIEW)
    _check(world, "/nhap-tai-lieu/", "importitem", s_item.pk, "thuong-QZ2", p_item.pk)
