"""Explicit grants widen what a person may read: issued and revoked only
through access.services, checked and audited; nobody grants themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.access.models import Grant
from luutru.access.policy import can_view
from luutru.access.services import issue_grant, revoke_grant
from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.orgs.models import Secrecy
from luutru.registry.models import Document


def _doc(org, secrecy=Secrecy.NONE):
    return Document.objects.create(org=org, subject="Báo cáo tình hình", secrecy=secrecy)


def _fresh(user):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)


def test_the_archivist_grants_another_body_s_official_a_document_with_an_event(world):
    doc = _doc(world.office)
    assert not can_view(world.district_official, doc)
    grant = issue_grant(
        world.archivist, world.district_official.person, doc, reason="Phục vụ nghiên cứu"
    )
    assert can_view(_fresh(world.district_official), doc)
    event = Event.objects.get(action="grant.issue")
    assert event.actor_id == world.archivist.pk
    assert event.after["person"] == world.district_official.person.pk
    assert event.after["object_id"] == doc.pk and event.after["reason"] == "Phục vụ nghiên cứu"
    revoke_grant(world.archivist, grant, reason="Đã hết nhu cầu")
    assert not can_view(_fresh(world.district_official), doc)
    assert Event.objects.filter(action="grant.revoke").exists()


def test_nobody_grants_themselves(world):
    doc = _doc(world.district)
    with pytest.raises(RuleViolation, match="chính mình"):
        issue_grant(world.head, world.head.person, doc, reason="Cần xem")
    assert not Grant.objects.exists()


def test_only_a_head_or_archivist_over_the_body_grants(world):
    doc = _doc(world.office)
    for actor in (world.official, world.admin, world.clerk):
        with pytest.raises(RuleViolation):
            issue_grant(actor, world.district_official.person, doc, reason="Cần xem")
    assert not Grant.objects.exists()


def test_a_grant_never_lifts_a_secret_above_the_grantee_s_clearance(world):
    doc = _doc(world.office, secrecy=Secrecy.MAT)
    with pytest.raises(RuleViolation, match="độ mật"):
        issue_grant(world.archivist, world.district_official.person, doc, reason="Cần xem")
    assert not Grant.objects.exists()


def test_a_grant_needs_a_printable_reason_and_a_future_end(world):
    doc = _doc(world.office)
    with pytest.raises(RuleViolation):
        issue_grant(world.archivist, world.district_official.person, doc, reason="\x00 ")
    with pytest.raises(RuleViolation):
        issue_grant(
            world.archivist,
            world.district_official.person,
            doc,
            reason="Cần xem",
            valid_until=timezone.localdate() - dt.timedelta(days=1),
        )
    assert not Grant.objects.exists()


def test_grants_are_read_only_in_the_admin(client, world):
    from luutru.orgs.tests.test_admin import make_admin

    doc = _doc(world.office)
    grant = issue_grant(world.archivist, world.district_official.person, doc, reason="Cần xem")
    admin = make_admin(world.admin)
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    client.force_login(admin)
    assert client.get("/quan-tri/access/grant/add/").status_code == 403
    client.post(f"/quan-tri/access/grant/{grant.pk}/delete/", {"post": "yes"})
    client.post(
        f"/quan-tri/access/grant/{grant.pk}/change/",
        {"person": world.admin.person.pk, "object_type": "document", "object_id": doc.pk},
    )
    grant.refresh_from_db()
    assert grant.person == world.district_official.person and grant.revoked_at is None
