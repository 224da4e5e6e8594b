"""The admin screen (/quan-tri/) changes privileges and bodies only through the
audited services: posted as an administrator through the real admin views."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from luutru.audit.models import Event
from luutru.audit.services import verify
from luutru.orgs.models import (
    Fonds,
    Membership,
    Organization,
    OrgEvent,
    OrgParentPeriod,
    Person,
    Role,
    Secrecy,
    Term,
    Unit,
)
from luutru.testing import PASSWORD

ADMIN_APPS = ("auth", "orgs", "rules")


class _FormFields(HTMLParser):
    """The values a browser would post from the page's main form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                self.data.setdefault(name, [])
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(a.get("value", default))
        elif tag == "select" and name and "disabled" not in a:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_data(client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = _FormFields()
    parser.feed(response.content.decode())
    return {
        k: v
        for k, v in parser.data.items()
        if v and k != "csrfmiddlewaretoken" and "__prefix__" not in k
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def make_admin(user, *, clearance: int | None = None):
    """An administrator as the demo makes one: staff, with the admin's model permissions."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))
    if clearance is not None:
        Person.objects.filter(user=user).update(clearance=clearance)
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def quantri(client, world):
    client.force_login(make_admin(world.admin))
    return client


def events(action: str) -> list[Event]:
    return list(Event.objects.filter(action=action).order_by("seq"))


def post_user(client, user, **changes):
    url = f"/quan-tri/auth/user/{user.pk}/change/"
    data = form_data(client, url)
    for key, value in changes.items():
        data[key] = value
    return client.post(url, data, follow=True)


def post_person(client, person, **changes):
    url = f"/quan-tri/orgs/person/{person.pk}/change/"
    data = form_data(client, url)
    data.update(changes)
    return client.post(url, data, follow=True)


def add_inline_membership(data: dict, org, role: str, valid_from="2025-01-01") -> dict:
    n = int(data["memberships-TOTAL_FORMS"][0])
    data[f"memberships-{n}-org"] = [str(org.pk)]
    data[f"memberships-{n}-role"] = [role]
    data[f"memberships-{n}-valid_from"] = [valid_from]
    data["memberships-TOTAL_FORMS"] = [str(n + 1)]
    return data


# --- item 6: nobody raises their own privileges --------------------------------------------


def test_admin_cannot_make_itself_superuser(quantri, world):
    before = Event.objects.count()
    response = post_user(quantri, world.admin, is_superuser=["on"])
    user = get_user_model().objects.get(pk=world.admin.pk)
    assert not user.is_superuser
    assert any("quyền của chính mình" in m for m in messages_of(response)), messages_of(response)
    assert Event.objects.count() == before


def test_admin_cannot_give_itself_more_model_permissions(quantri, world):
    extra = Permission.objects.get(codename="add_logentry")
    data_perm = [str(p) for p in world.admin.user_permissions.values_list("pk", flat=True)]
    response = post_user(quantri, world.admin, user_permissions=[*data_perm, str(extra.pk)])
    assert not world.admin.user_permissions.filter(pk=extra.pk).exists()
    assert any("quyền của chính mình" in m for m in messages_of(response))


def test_admin_cannot_raise_its_own_clearance(quantri, world):
    person = world.admin.person
    response = post_person(quantri, person, clearance=[str(Secrecy.TUYET_MAT)])
    person.refresh_from_db()
    assert person.clearance == Secrecy.NONE
    assert any("quyền của chính mình" in m for m in messages_of(response))


def test_admin_cannot_give_itself_an_archivist_role(quantri, world):
    person = world.admin.person
    url = f"/quan-tri/orgs/person/{person.pk}/change/"
    data = add_inline_membership(form_data(quantri, url), world.province, Role.ARCHIVIST)
    response = quantri.post(url, data, follow=True)
    assert not Membership.objects.filter(person=person, role=Role.ARCHIVIST).exists()
    assert any("quyền của chính mình" in m for m in messages_of(response))


def test_admin_may_not_grant_a_clearance_above_its_own(quantri, world):
    person = world.official.person
    response = post_person(quantri, person, clearance=[str(Secrecy.MAT)])
    person.refresh_from_db()
    assert person.clearance == Secrecy.NONE
    assert any("cao hơn mức của chính bạn" in m for m in messages_of(response))


def test_cleared_admin_sets_anothers_clearance_through_an_audited_event(client, world):
    client.force_login(make_admin(world.admin, clearance=Secrecy.TOI_MAT))
    person = world.official.person
    post_person(client, person, clearance=[str(Secrecy.MAT)])
    person.refresh_from_db()
    assert person.clearance == Secrecy.MAT
    [event] = events("person.clearance")
    assert event.actor_id == world.admin.pk
    assert event.before == {"clearance": 0} and event.after == {"clearance": 1}
    assert verify().ok


def test_admin_gives_another_person_a_role_through_an_audited_event(quantri, world):
    person = world.official2.person
    url = f"/quan-tri/orgs/person/{person.pk}/change/"
    data = add_inline_membership(form_data(quantri, url), world.office, Role.CLERK)
    quantri.post(url, data, follow=True)
    m = Membership.objects.get(person=person, role=Role.CLERK)
    assert m.org == world.office and m.valid_from == dt.date(2025, 1, 1)
    [event] = events("membership.create")
    assert event.actor_id == world.admin.pk
    assert event.after["role"] == Role.CLERK and event.after["person"] == person.pk


def test_admin_ends_another_persons_role_through_an_audited_event(quantri, world):
    person = world.clerk.person
    m = Membership.objects.get(person=person)
    url = f"/quan-tri/orgs/person/{person.pk}/change/"
    data = form_data(quantri, url)
    data["memberships-0-valid_to"] = ["2025-12-31"]
    quantri.post(url, data, follow=True)
    m.refresh_from_db()
    assert m.valid_to == dt.date(2025, 12, 31)
    [event] = events("membership.change")
    assert event.before == {"valid_to": None} and event.after == {"valid_to": "2025-12-31"}


def test_admin_makes_another_user_staff_but_not_superuser(quantri, world):
    post_user(quantri, world.clerk, is_staff=["on"])
    clerk = get_user_model().objects.get(pk=world.clerk.pk)
    assert clerk.is_staff
    [event] = events("user.change")
    assert event.after == {"is_staff": True}
    response = post_user(quantri, world.clerk, is_superuser=["on"])
    assert not get_user_model().objects.get(pk=world.clerk.pk).is_superuser
    assert any("quản trị tối cao" in m for m in messages_of(response))


def test_admin_may_not_take_over_a_superuser_account(quantri, world):
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    response = quantri.post(
        f"/quan-tri/auth/user/{root.pk}/password/",
        {"password1": "mot-mat-khau-moi-dai", "password2": "mot-mat-khau-moi-dai"},
        follow=True,
    )
    root.refresh_from_db()
    assert root.check_password(PASSWORD)
    assert any("quản trị tối cao" in m for m in messages_of(response))


def test_persons_and_users_are_not_deleted_from_the_admin(quantri, world):
    person = world.official.person
    quantri.post(f"/quan-tri/orgs/person/{person.pk}/delete/", {"post": "yes"})
    assert Person.objects.filter(pk=person.pk).exists()
    quantri.post(f"/quan-tri/auth/user/{world.official.pk}/delete/", {"post": "yes"})
    assert get_user_model().objects.filter(pk=world.official.pk).exists()


# --- item 7: bodies are made, moved and ended through the orgs services --------------------


def test_body_created_in_the_admin_has_a_path_a_fonds_and_an_event(quantri, world):
    url = "/quan-tri/orgs/organization/add/"
    data = form_data(quantri, url)
    data.update(
        code=["BDVTU"],
        name=["Ban Dân vận Tỉnh ủy"],
        kind=["advisory_body"],
        level=["province"],
        parent=[str(world.province.pk)],
        valid_from=["2025-03-01"],
    )
    quantri.post(url, data, follow=True)
    org = Organization.objects.get(code="BDVTU")
    assert org.path == f"{world.province.path}{org.pk:06d}."
    assert Fonds.objects.get(org=org).status == Fonds.Status.OPEN
    period = OrgParentPeriod.objects.get(org=org)
    assert period.parent == world.province and period.valid_from == dt.date(2025, 3, 1)
    [event] = events("org.create")[-1:]
    assert event.actor_id == world.admin.pk and event.after["code"] == "BDVTU"


def test_body_outside_the_admins_scope_is_refused(client, world):
    # An administrator of the district only.
    Membership.objects.filter(person=world.admin.person).update(org=world.district)
    client.force_login(make_admin(world.admin))
    url = "/quan-tri/orgs/organization/add/"
    data = form_data(client, url)
    data.update(
        code=["BDVTU"],
        name=["Ban Dân vận Tỉnh ủy"],
        kind=["advisory_body"],
        level=["province"],
        parent=[str(world.province.pk)],
        valid_from=["2025-03-01"],
    )
    response = client.post(url, data, follow=True)
    assert not Organization.objects.filter(code="BDVTU").exists()
    assert any("không quản trị" in m for m in messages_of(response)), messages_of(response)


def test_body_moved_in_the_admin_keeps_its_history(quantri, world):
    commune = world.commune
    url = f"/quan-tri/orgs/organization/{commune.pk}/change/"
    data = form_data(quantri, url)
    data.update(parent=[str(world.province.pk)], effective_date=["2025-07-01"])
    quantri.post(url, data, follow=True)
    commune.refresh_from_db()
    assert commune.parent == world.province
    assert commune.path == f"{world.province.path}{commune.pk:06d}."
    periods = list(OrgParentPeriod.objects.filter(org=commune).values_list("parent", "valid_to"))
    assert periods == [(world.district.pk, dt.date(2025, 6, 30)), (world.province.pk, None)]
    assert events("org.reattach")[-1].actor_id == world.admin.pk


def test_body_renamed_in_the_admin_is_a_dated_event(quantri, world):
    url = f"/quan-tri/orgs/organization/{world.board.pk}/change/"
    data = form_data(quantri, url)
    data.update(name=["Ban Tổ chức và Cán bộ Tỉnh ủy"], effective_date=["2025-08-01"])
    quantri.post(url, data, follow=True)
    world.board.refresh_from_db()
    assert world.board.name == "Ban Tổ chức và Cán bộ Tỉnh ủy"
    event = OrgEvent.objects.get(org=world.board, type=OrgEvent.Type.RENAME)
    assert event.effective_date == dt.date(2025, 8, 1)
    assert events("org.rename")[-1].before == {"name": "Ban Tổ chức Tỉnh ủy"}


def test_body_dissolved_in_the_admin_hands_its_subordinates_to_the_successor(quantri, world):
    url = f"/quan-tri/orgs/organization/{world.district.pk}/change/"
    data = form_data(quantri, url)
    data.update(valid_to=["2025-06-30"], successor=[str(world.province.pk)], end_kind=["dissolve"])
    quantri.post(url, data, follow=True)
    world.district.refresh_from_db()
    world.commune.refresh_from_db()
    assert world.district.valid_to == dt.date(2025, 6, 30)
    assert world.district.fonds.status == Fonds.Status.CLOSED
    assert world.commune.parent == world.province
    assert world.commune.path.startswith(world.province.path)
    assert not world.commune.path.startswith(world.district.path)
    assert events("org.dissolve")[-1].actor_id == world.admin.pk


def test_body_is_not_deleted_from_the_admin(quantri, world):
    quantri.post(f"/quan-tri/orgs/organization/{world.commune.pk}/delete/", {"post": "yes"})
    assert Organization.objects.filter(pk=world.commune.pk).exists()


def test_fonds_is_not_added_or_deleted_from_the_admin(quantri, world):
    fonds = world.commune.fonds
    response = quantri.post(f"/quan-tri/orgs/fonds/{fonds.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Fonds.objects.filter(pk=fonds.pk).exists()
    assert quantri.get("/quan-tri/orgs/fonds/add/").status_code == 403


def test_units_and_terms_are_added_in_the_admin_through_audited_services(quantri, world):
    url = "/quan-tri/orgs/unit/add/"
    data = form_data(quantri, url)
    data.update(org=[str(world.office.pk)], name=["Phòng Tổng hợp"], abbrev=["TH"])
    quantri.post(url, data, follow=True)
    unit = Unit.objects.get(org=world.office, abbrev="TH")
    assert events("unit.create")[-1].actor_id == world.admin.pk
    url = f"/quan-tri/orgs/unit/{unit.pk}/change/"
    data = form_data(quantri, url)
    data.update(name=["Phòng Tổng hợp - Hành chính"])
    quantri.post(url, data, follow=True)
    assert events("unit.change")[-1].after == {"name": "Phòng Tổng hợp - Hành chính"}
    url = "/quan-tri/orgs/term/add/"
    data = form_data(quantri, url)
    data.update(org=[str(world.office.pk)], name=["Nhiệm kỳ 2025–2030"], start=["2025-10-01"])
    quantri.post(url, data, follow=True)
    assert Term.objects.filter(org=world.office, start=dt.date(2025, 10, 1)).exists()
    assert events("term.create")[-1].actor_id == world.admin.pk


def test_a_unit_outside_the_admins_bodies_is_refused(client, world):
    Membership.objects.filter(person=world.admin.person).update(org=world.district)
    client.force_login(make_admin(world.admin))
    url = "/quan-tri/orgs/unit/add/"
    data = form_data(client, url)
    data.update(org=[str(world.office.pk)], name=["Phòng Tổng hợp"], abbrev=["TH"])
    response = client.post(url, data, follow=True)
    assert not Unit.objects.filter(org=world.office).exists()
    assert any("không quản trị" in m for m in messages_of(response))


def test_admin_cannot_widen_a_group_it_belongs_to(quantri, world):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Quản trị")
    world.admin.groups.add(group)
    extra = Permission.objects.get(codename="add_logentry")
    url = f"/quan-tri/auth/group/{group.pk}/change/"
    data = form_data(quantri, url)
    data["permissions"] = [str(extra.pk)]
    response = quantri.post(url, data, follow=True)
    assert not group.permissions.exists()
    assert any("quyền của chính mình" in m for m in messages_of(response))


def test_admin_gives_a_group_only_permissions_it_holds(quantri, world):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Văn thư")
    own = Permission.objects.get(codename="view_organization")
    other = Permission.objects.get(codename="add_logentry")
    url = f"/quan-tri/auth/group/{group.pk}/change/"
    data = form_data(quantri, url)
    data["permissions"] = [str(own.pk), str(other.pk)]
    response = quantri.post(url, data, follow=True)
    assert not group.permissions.exists()
    assert any("admin.add_logentry" in m for m in messages_of(response))
    data["permissions"] = [str(own.pk)]
    quantri.post(url, data, follow=True)
    assert list(group.permissions.all()) == [own]
    assert events("group.permissions")[-1].actor_id == world.admin.pk
