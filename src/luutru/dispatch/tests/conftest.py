"""Fixtures for the dispatch tests: the test province with a term (Party numbers run
per term), a dossier the official forms, and helpers that walk a draft to issue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.dispatch import services
from luutru.dispatch.models import Outgoing
from luutru.filing import services as filing
from luutru.orgs.models import Term
from luutru.registry.tests.files import make_pdf
from luutru.rules.models import DocumentType, RetentionRule


def cv_type(org) -> DocumentType:
    from luutru.rules.queries import profile_for

    return DocumentType.objects.get(profile=profile_for(org, timezone.localdate()), abbrev="CV")


def pdf(text: str = "Công văn trả lời về công tác văn thư") -> bytes:
    return make_pdf([text])


@pytest.fixture
def net(world):
    """The world with the province's current term and the official's open dossier."""
    Term.objects.create(org=world.province, name="2025–2030", start=dt.date(2025, 10, 1))
    world.dossier = filing.open_dossier(
        world.official,
        world.office,
        title="Công văn trao đổi về công tác văn thư, lưu trữ",
        file_notation="07.VP",
        retention=RetentionRule.objects.get(profile__code="party-2018", period="years", years=10),
        creator=world.official.person,
        start_date=timezone.localdate().replace(day=1),
    )
    world.cv = cv_type(world.office)
    return world


def draft(
    w, *, subject="Về việc rà soát danh mục hồ sơ năm 2026", recipients=None, **kw
) -> Outgoing:
    return services.create_draft(
        w.official,
        w.office,
        fields={
            "doc_type": w.cv.pk,
            "subject": subject,
            "signer_full_name": "Hoàng Văn Em",
            "signer_position": "Chánh Văn phòng",
            **kw.pop("fields", {}),
        },
        recipients=recipients
        if recipients is not None
        else [
            {"org": w.commune.pk, "purpose": "để thực hiện"},
            {"name": "Sở Nội vụ tỉnh", "purpose": "để biết"},
        ],
        content=kw.pop("content", b"") or pdf(subject),
        filename=kw.pop("filename", "du-thao.pdf"),
        **kw,
    )


def approved(w, **kw) -> Outgoing:
    o = draft(w, **kw)
    services.submit(w.official, o)
    return services.approve(w.head, o, "Đồng ý phát hành.")


def issued(w, **kw) -> services.Issued:
    o = approved(w, **kw)
    return services.issue(w.clerk, o, content=pdf(f"Bản đã ký: {o.subject}"), filename="ban-ky.pdf")
