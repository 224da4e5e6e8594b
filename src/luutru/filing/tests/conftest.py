"""Fixtures for the filing tests: plans and documents built with the real services."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from luutru.filing import services
from luutru.rules.models import RetentionRule


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # build_world creates eleven users; the default hasher makes that take seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def retention(period: str = "permanent", years: int | None = None) -> RetentionRule:
    return RetentionRule.objects.get(profile__code="party-2018", period=period, years=years)


def pdf_bytes(text: str = "Văn bản thử nghiệm", pages: int = 1) -> bytes:
    from luutru.registry.tests.files import make_pdf

    return make_pdf([text], pages=pages)


def make_document(
    user,
    org,
    *,
    subject="Về công tác văn thư, lưu trữ",
    number="12",
    notation="NQ/TU",
    issued=dt.date(2025, 2, 4),
    pages=2,
    secrecy=0,
    content: bytes | None = None,
):
    """A document taken in through the registry service, with a real PDF of ``pages`` pages."""
    from luutru.registry.services import create_document
    from luutru.registry.tests.files import metadata_for

    type_abbrev = notation.split("/")[0]
    metadata = metadata_for(
        org,
        type_abbrev=type_abbrev,
        symbol=f"{number}-{notation}",
        issued_date=issued,
        organ_name=org.name,
        subject=subject,
        secrecy=secrecy,
    )
    data = content if content is not None else pdf_bytes(subject, pages)
    doc, _warnings = create_document(
        user, org, content=io.BytesIO(data), filename="vanban.pdf", metadata=metadata
    )
    return doc


def make_raw_document(user, org, *, subject="", issued=None):
    """A document row as legacy data may hold it (no date, no subject): the
    registry would refuse to create it, closing must still name the gap."""
    from luutru.registry.models import Document
    from luutru.storage.services import put_blob

    blob = put_blob(io.BytesIO(pdf_bytes("legacy")), "application/pdf")
    return Document.objects.create(
        org=org,
        subject=subject,
        issued_date=issued,
        page_amount=1,
        blob=blob,
        original_filename="cu.pdf",
        created_by=user,
    )


def build_plan(world, year: int = 2025, *, issue: bool = False):
    """A plan of the Văn phòng with two major headings, a sub-heading and three items."""
    plan = services.create_plan(world.clerk, world.office, year)
    vp = services.add_heading(world.clerk, plan, title="Công tác tổng hợp", abbrev="VP")
    sub = services.add_heading(world.clerk, plan, title="Văn thư, lưu trữ", parent=vp)
    tc = services.add_heading(world.clerk, plan, title="Công tác tổ chức", abbrev="TC")
    person = world.official.person
    services.add_item(
        world.clerk,
        plan,
        vp,
        title=f"Kế hoạch, báo cáo công tác năm {year}",
        retention=retention(),
        creator=person,
    )
    services.add_item(
        world.clerk,
        plan,
        sub,
        title=f"Công văn trao đổi về công tác văn thư năm {year}",
        retention=retention("years", 10),
        creator=person,
        note="Bản chính",
    )
    services.add_item(
        world.clerk, plan, tc, title="Hồ sơ nhân sự", retention=retention("years", 20)
    )
    if issue:
        services.approve_plan(world.head, plan)
        services.issue_plan(
            world.clerk, plan, decision_number="15-QĐ/VPTU", decision_date=dt.date(2025, 1, 10)
        )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def plan(world):
    return build_plan(world)


@pytest.fixture
def issued_plan(world):
    return build_plan(world, issue=True)
