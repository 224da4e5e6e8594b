"""Records in every situation that decides the compliance figures, made through the services."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.utils import timezone

from luutru.archive import services as archive
from luutru.compliance.refresh import refresh_facts
from luutru.demo.pdf import PartyDocument, render
from luutru.filing import services as filing
from luutru.rules.models import DocumentType, RetentionRule
from luutru.rules.queries import profile_for, retention_rules

TODAY = timezone.localdate()
_numbers = itertools.count(1)


def _retention(org, years: int | None) -> RetentionRule:
    rules = retention_rules(org)
    if years is None:
        return rules.get(period=RetentionRule.Period.PERMANENT)
    return rules.get(period=RetentionRule.Period.YEARS, years=years)


def _upload(user, dossier, day: dt.date):
    org = dossier.org
    n = next(_numbers)
    data, pages = render(
        PartyDocument(
            superior="Tỉnh ủy Thử nghiệm",
            issuer="Văn phòng",
            number=str(n),
            notation=f"CV/{org.issuer_abbrev}",
            place=org.place,
            day=day,
            type_name="",
            subject="V/v nộp lưu hồ sơ",
            body=["Nội dung."],
            signer_authority="Chánh Văn phòng",
            signer_position="",
            signer_name="Hoàng Văn Em",
        )
    )
    doc_type = DocumentType.objects.get(profile=profile_for(org), name="Công văn")
    filing.upload_to_dossier(
        user,
        dossier,
        content=io.BytesIO(data),
        filename=f"cv-{n}.pdf",
        metadata={
            "doc_type": doc_type.pk,
            "symbol": f"{n}-CV/{org.issuer_abbrev}",
            "issued_date": day,
            "subject": "V/v nộp lưu hồ sơ",
            "page_amount": pages,
        },
    )


def closed_dossier(user, org, notation: str, end: dt.date, *, years: int | None = 10):
    d = filing.open_dossier(
        user,
        org,
        title=f"Hồ sơ {notation}",
        file_notation=notation,
        retention=_retention(org, years),
        creator=user.person,
        start_date=end - dt.timedelta(days=30),
        year=end.year,
    )
    _upload(user, d, end - dt.timedelta(days=5))
    return filing.close_dossier(user, d, end_date=end, confirm_retention=True)


@pytest.fixture
def records(world):
    """Closed dossiers of the Văn phòng in each situation that decides "overdue"."""
    return make_records(world)


def make_records(w):
    """Add to the test world closed dossiers in each situation that decides "overdue"."""
    long_ago = dt.date(2023, 3, 10)
    w.overdue = closed_dossier(w.official, w.office, "01.VP", long_ago)
    w.deposited = closed_dossier(w.official, w.office, "02.VP", long_ago)
    dep = archive.create_deposit(w.official, w.office, [w.deposited])
    archive.accept_deposit(w.archivist, archive.submit_deposit(w.official, dep))
    w.recent = closed_dossier(w.official, w.office, "03.VP", TODAY - dt.timedelta(days=10))
    w.short_lived = closed_dossier(w.official, w.office, "04.VP", long_ago, years=2)
    w.kept = closed_dossier(w.official, w.office, "05.VP", TODAY - dt.timedelta(days=400))
    until = TODAY + dt.timedelta(days=60)
    kb = archive.request_keep_back(w.official, w.kept, reason="Còn dùng", until=until)
    archive.decide_keep_back(w.head, kb, approve=True)
    w.kept.refresh_from_db()
    w.open = filing.open_dossier(
        w.official,
        w.office,
        title="Hồ sơ đang lập",
        file_notation="06.VP",
        retention=_retention(w.office, 10),
        creator=w.official.person,
        start_date=TODAY - dt.timedelta(days=3),
        year=TODAY.year,
    )
    # What the worker does after these commits (tests run inside one transaction).
    refresh_facts()
    return w
