"""set_clearance's optional reason is cleaned like every other reason (issue 8
item 12): control characters are not a reason, and what is kept is NFC text."""

from __future__ import annotations

import unicodedata

import pytest

from luutru.audit.models import Event
from luutru.orgs.accounts import set_clearance
from luutru.orgs.models import Person, Secrecy

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world):
    Person.objects.filter(user=world.admin).update(clearance=Secrecy.TOI_MAT)
    return world.admin


def _last_after() -> object:
    event = Event.objects.filter(action="person.clearance").order_by("-seq").first()
    assert event is not None
    return event.after


def test_the_reason_is_recorded_clean(world, admin):
    decomposed = unicodedata.normalize("NFD", "Bổ nhiệm")
    set_clearance(admin, world.official.person, Secrecy.MAT, reason=f"  {decomposed}\x00 mới\r\n ")
    assert _last_after() == {"clearance": Secrecy.MAT, "reason": "Bổ nhiệm mới"}


def test_a_reason_of_control_characters_is_no_reason(world, admin):
    set_clearance(admin, world.official.person, Secrecy.MAT, reason="\x00\x01\x1b ")
    assert _last_after() == {"clearance": Secrecy.MAT}
