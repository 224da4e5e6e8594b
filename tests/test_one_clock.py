"""One clock: "today" is the day in Viet Nam (``timezone.localdate``, TIME_ZONE
Asia/Ho_Chi_Minh), never the server's date. From 00:00 to 07:00 in Viet Nam a server
on UTC is still on the day before: the access policy once read memberships as of that
day, and a head whose role had ended the day before still saw the body's files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone

from luutru.access.policy import subject_for
from luutru.orgs.models import Membership, Role
from luutru.testing import build_world, make_user

SRC = Path(__file__).resolve().parents[1] / "src" / "luutru"


def test_no_code_asks_the_servers_date():
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"\bdate\.today\(\)", line)
    ]
    assert not found, found


@pytest.mark.django_db
def test_a_role_that_ended_yesterday_in_viet_nam_gives_no_scope(monkeypatch):
    world = build_world()
    user = make_user("cu_truong_phong", world.office, Role.HEAD)
    # 01:00 on 2 January 2030 in Hà Nội is still 1 January on a server kept on UTC.
    night = dt.datetime(2030, 1, 1, 18, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: night)
    assert timezone.localdate() == dt.date(2030, 1, 2)
    Membership.objects.filter(person=user.person).update(valid_to=dt.date(2030, 1, 1))
    assert subject_for(user).scopes == []
