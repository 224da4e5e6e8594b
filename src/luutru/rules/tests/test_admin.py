"""Rule profiles change in the admin screen only through the audited rules services."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from luutru.audit.models import Event
from luutru.audit.services import verify
from luutru.orgs.tests.test_admin import form_data, make_admin
from luutru.rules.models import DocumentType, RuleProfile


def _profile() -> RuleProfile:
    return RuleProfile.objects.get(code="party-2018")


def test_changing_a_rule_profile_in_the_admin_is_an_audited_event(client, world):
    client.force_login(make_admin(world.admin))
    profile = _profile()
    url = f"/quan-tri/rules/ruleprofile/{profile.pk}/change/"
    data = form_data(client, url)
    data["deposit_delay_months"] = ["18"]
    client.post(url, data, follow=True)
    profile.refresh_from_db()
    assert profile.deposit_delay_months == 18
    [event] = Event.objects.filter(action="rules.profile.change")
    assert event.actor_id == world.admin.pk
    assert event.before == {"deposit_delay_months": 12}
    assert event.after == {"deposit_delay_months": 18}
    assert verify().ok


def test_changing_a_document_type_in_the_admin_is_an_audited_event(client, world):
    client.force_login(make_admin(world.admin))
    profile = _profile()
    url = f"/quan-tri/rules/ruleprofile/{profile.pk}/change/"
    data = form_data(client, url)
    doc_type = DocumentType.objects.get(pk=int(data["doc_types-0-id"][0]))
    data["doc_types-0-abbrev"] = ["XYZ"]
    client.post(url, data, follow=True)
    doc_type.refresh_from_db()
    assert doc_type.abbrev == "XYZ"
    [event] = Event.objects.filter(action="rules.entry.change")
    assert event.object_type == "documenttype" and event.after == {"abbrev": "XYZ"}


def test_a_staff_user_without_the_rules_permission_changes_nothing(client, world):
    admin = make_admin(world.admin)
    admin.user_permissions.remove(Permission.objects.get(codename="change_ruleprofile"))
    client.force_login(admin)
    profile = _profile()
    url = f"/quan-tri/rules/ruleprofile/{profile.pk}/change/"
    response = client.post(url, {"deposit_delay_months": "18"})
    assert response.status_code == 403
    profile.refresh_from_db()
    assert profile.deposit_delay_months == 12


def test_rule_profiles_are_not_deleted_from_the_admin(client, world):
    client.force_login(make_admin(world.admin))
    profile = _profile()
    response = client.post(f"/quan-tri/rules/ruleprofile/{profile.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert RuleProfile.objects.filter(pk=profile.pk).exists()
    assert not [m for m in get_messages(response.wsgi_request)]
