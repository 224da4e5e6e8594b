"""Fixtures of the desk tests: arrivals registered through the real service."""

from __future__ import annotations

import pytest

from luutru.registry.tests.conftest import upload  # noqa: F401 (a fixture, shared)
from luutru.registry.tests.files import make_pdf, metadata_for


@pytest.fixture
def arrive(world):
    """``arrive(actor=clerk, org=office, secrecy=0, **metadata overrides)`` → Arrival."""
    from luutru.desk.services import receive

    counter = iter(range(1, 10_000))

    def _arrive(*, actor=None, org=None, channel="paper", sender="", urgency=0, **overrides):
        org = org or world.office
        n = next(counter)
        fields = metadata_for(org, **{"symbol": f"{n}-CV/TU", "type_abbrev": "CV", **overrides})
        return receive(
            world.clerk if actor is None else actor,
            org,
            fields=fields,
            content=make_pdf([f"Công văn {n}-CV/TU"]),
            filename=f"cong-van-{n}.pdf",
            channel=channel,
            sender=sender,
            urgency=urgency,
        )

    return _arrive


def desk_snapshot() -> tuple:
    """What a refused desk step must leave untouched."""
    from luutru.audit.models import Event
    from luutru.desk.models import Arrival, Handling, Step
    from luutru.filing.models import DossierItem
    from luutru.registry.models import Document, NumberSeries

    return (
        list(Arrival.objects.order_by("pk").values()),
        list(Handling.objects.order_by("pk").values()),
        Step.objects.count(),
        Document.objects.count(),
        DossierItem.objects.count(),
        Event.objects.count(),
        list(NumberSeries.objects.order_by("pk").values_list("scope_key", "last")),
    )
