"""Fixtures of the search tests: documents and dossiers as real rows."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from luutru.filing.models import Dossier, DossierItem
from luutru.registry.models import Document
from luutru.rules.models import RetentionRule

_numbers = itertools.count(1)


@pytest.fixture
def make_doc(world):
    """``make_doc(subject, org=..., secrecy=..., owner=..., text=..., **fields)``."""

    def _make(
        subject: str, *, org=None, secrecy: int = 0, owner=None, text: str | None = None, **fields
    ):
        from luutru.capture.models import DocumentText

        n = next(_numbers)
        fields.setdefault("code_number", str(n))
        fields.setdefault("code_notation", "NQ/TU")
        fields.setdefault("type_name", "Nghị quyết")
        fields.setdefault("issued_date", dt.date(2020, 2, 4))
        fields.setdefault("organ_name", "Tỉnh ủy Thử nghiệm")
        doc = Document.objects.create(
            org=org or world.office,
            subject=subject,
            secrecy=secrecy,
            created_by=owner,
            **fields,
        )
        if text is not None:
            DocumentText.objects.create(document=doc, text=text, method="pdf_text")
        return doc

    return _make


@pytest.fixture
def make_dossier(world):
    def _make(
        title: str, *, org=None, secrecy: int = 0, owner=None, status="open", docs=(), year=2020
    ):
        retention = RetentionRule.objects.filter(profile__code="party-2018").first()
        assert retention is not None  # the party-2018 rules are seeded by a migration
        d = Dossier.objects.create(
            org=org or world.office,
            file_catalog=year,
            file_notation=f"{next(_numbers):02d}.VP",
            title=title,
            retention=retention,
            creator=(owner or world.official).person,
            owner=owner,
            status=status,
            secrecy=secrecy,
            start_date=dt.date(year, 1, 5),
            end_date=dt.date(year, 12, 20),
        )
        for i, doc in enumerate(docs, 1):
            DossierItem.objects.create(dossier=d, document=doc, position=i)
        return d

    return _make
