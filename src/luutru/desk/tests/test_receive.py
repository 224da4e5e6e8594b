"""Registering incoming documents: arrival numbers per body and year, secret
documents in their own series, refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.core.errors import RuleViolation
from luutru.desk.models import Arrival, ArrivalState
from luutru.desk.services import receive
from luutru.desk.tests.conftest import desk_snapshot
from luutru.orgs.models import Secrecy
from luutru.registry.models import Document


def test_arrivals_number_from_one_and_fill_the_register_fields(world, arrive):
    a1 = arrive(sender="Ban Tổ chức Tỉnh ủy", channel="electronic")
    a2 = arrive()
    assert (a1.arrival_number, a2.arrival_number) == (1, 2)
    assert a1.state == ArrivalState.REGISTERED and a1.channel == "electronic"
    assert a1.sender == "Ban Tổ chức Tỉnh ủy"
    doc = Document.objects.get(pk=a1.document_id)
    assert doc.direction == "incoming"
    assert doc.arrival_number == "1"
    assert doc.arrival_date == timezone.localdate()


def test_secret_documents_have_their_own_series(world, arrive):
    world.clerk.person.clearance = Secrecy.MAT
    world.clerk.person.save()
    plain = arrive()
    secret = arrive(secrecy=Secrecy.MAT)
    plain2 = arrive()
    assert (plain.arrival_number, plain2.arrival_number) == (1, 2)
    assert secret.arrival_number == 1 and secret.secret_series
    assert secret.number_display == "1-M"


def test_a_new_year_starts_the_series_again(world, arrive):
    last_year = timezone.make_aware(dt.datetime(timezone.localdate().year - 1, 12, 31, 16, 0))
    from luutru.registry.tests.files import make_pdf, metadata_for

    old = receive(
        world.clerk,
        world.office,
        fields=metadata_for(
            world.office, symbol="1-CV/TU", type_abbrev="CV", issued_date=dt.date(2024, 12, 1)
        ),
        content=make_pdf(["Công văn"]),
        filename="a.pdf",
        received_at=last_year,
    )
    new = arrive()
    assert old.year == last_year.year and old.arrival_number == 1
    assert new.arrival_number == 1


@pytest.mark.parametrize(
    "who, kwargs, reason",
    [
        ("official", {}, "Chỉ văn thư hoặc lãnh đạo"),
        ("board_official", {}, "Chỉ văn thư hoặc lãnh đạo"),
        ("clerk", {"channel": "fax"}, "Hình thức nhận"),
        ("clerk", {"urgency": 9}, "Độ khẩn"),
        ("clerk", {"secrecy": Secrecy.MAT}, "tiếp cận"),
        ("clerk", {"sender": "x" * 201}, "Nơi gửi"),
        ("clerk", {"subject": ""}, "trích yếu"),
    ],
)
def test_refused_registrations_change_nothing(world, arrive, who, kwargs, reason):
    arrive()
    before = desk_snapshot()
    with pytest.raises(RuleViolation) as exc:
        arrive(actor=getattr(world, who), **kwargs)
    assert reason in str(exc.value)
    assert desk_snapshot() == before


def test_a_document_is_registered_once(world, arrive):
    a = arrive()
    with pytest.raises(RuleViolation, match="đã được vào sổ"):
        receive(world.clerk, world.office, document=a.document)


def test_the_system_receives_an_existing_incoming_document(world, arrive):
    a = arrive()
    # A second incoming document made by the registry, registered by the system.
    import io

    from luutru.registry.services import create_document
    from luutru.registry.tests.files import make_pdf, metadata_for

    doc, _ = create_document(
        None,
        world.office,
        content=io.BytesIO(make_pdf(["Công văn điện tử"])),
        filename="dt.pdf",
        metadata=metadata_for(world.office, symbol="77-CV/TU", type_abbrev="CV"),
        direction="incoming",
    )
    b = receive(None, world.office, document=doc, channel="electronic")
    assert b.arrival_number == a.arrival_number + 1
    assert b.registered_by is None
    assert Arrival.objects.count() == 2
