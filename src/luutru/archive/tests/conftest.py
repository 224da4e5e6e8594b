"""Fixtures for the archive tests: closed dossiers with documents and real files,
made through the filing and registry services (open → upload → close)."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest

from luutru.filing.models import Dossier, DossierStatus
from luutru.filing.services import close_dossier, open_dossier, upload_to_dossier
from luutru.registry.tests.files import make_pdf, metadata_for
from luutru.rules.models import RetentionRule
from luutru.rules.queries import retention_rules

_counter = itertools.count(1)


def retention(org, years: int | None) -> RetentionRule:
    """A rule of the org's profile: ``None`` = permanent, else N years."""
    rules = retention_rules(org)
    if years is None:
        return rules.get(period=RetentionRule.Period.PERMANENT)
    return rules.get(period=RetentionRule.Period.YEARS, years=years)


def make_dossier(
    org,
    user,
    *,
    notation: str,
    title: str,
    years: int | None = 10,
    status: str = DossierStatus.CLOSED,
    end_date: dt.date = dt.date(2024, 12, 20),
    documents: int = 2,
    secrecy: int = 0,
) -> Dossier:
    """A dossier of ``org`` formed by ``user`` with ``documents`` PDFs of 1, 2, … pages;
    closed on ``end_date`` unless ``status`` is open; other states are set afterwards."""
    d = open_dossier(
        user,
        org,
        title=title,
        file_notation=notation,
        retention=retention(org, years),
        creator=user.person,
        start_date=end_date - dt.timedelta(days=200),
        year=end_date.year,
    )
    for n in range(documents):
        number = next(_counter)
        subject = f"{title} – văn bản {n + 1}"
        upload_to_dossier(
            user,
            d,
            content=io.BytesIO(make_pdf([subject, f"Số {number}"], pages=n + 1)),
            filename=f"van-ban-{number}.pdf",
            metadata=metadata_for(
                org,
                type_abbrev="CV",
                symbol=f"{number}-CV/{org.issuer_abbrev}",
                issued_date=end_date - dt.timedelta(days=100 - n),
                subject=subject,
                organ_name=org.name,
                secrecy=secrecy,
            ),
        )
    if status != DossierStatus.OPEN:
        close_dossier(user, d, end_date=end_date, confirm_retention=True)
        if status != DossierStatus.CLOSED:
            Dossier.objects.filter(pk=d.pk).update(status=status)
    d.refresh_from_db()
    return d


@pytest.fixture
def closed(world):
    """Two closed dossiers of Văn phòng (10 years and permanent) with two documents each."""
    a = make_dossier(
        world.office,
        world.official,
        notation="01.VP",
        title="Kế hoạch công tác năm 2024",
        years=None,
    )
    b = make_dossier(
        world.office,
        world.official,
        notation="07.VP",
        title="Công văn trao đổi về công tác văn thư năm 2024",
        years=10,
    )
    return a, b
