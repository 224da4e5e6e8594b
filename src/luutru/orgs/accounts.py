"""Privileges of people: user accounts and their flags, persons and their
clearance, memberships (roles). Each change checks who may make it and writes
its audit event; nobody raises their own privileges, and nobody grants a
clearance above their own or a permission they do not hold.

The actor ``None`` is the system (management commands, the demo, tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.orgs import role_ending
from luutru.orgs.authority import SELF_RAISE, administered_paths, is_system, manage_failures
from luutru.orgs.models import Membership, Organization, Person, Role, Secrecy, Unit
from luutru.orgs.signals import orgs_written

USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
)
PERSON_FIELDS = ("full_name", "position", "user")
MEMBERSHIP_FIELDS = ("org", "unit", "role", "valid_from", "valid_to")
ONLY_SUPERUSER = "Chỉ quản trị tối cao (superuser) mới được {what}."


def _lacking(actor, permissions) -> list[str]:
    """The refusal when ``actor`` would hand on permissions they do not hold themselves."""
    lacking = sorted(
        f"{p.content_type.app_label}.{p.codename}"
        for p in permissions
        if not actor.has_perm(f"{p.content_type.app_label}.{p.codename}")
    )
    if not lacking:
        return []
    return [f"Bạn chỉ được cấp những quyền mà chính bạn có; bạn không có: {', '.join(lacking)}."]


def _is_self(actor, user_id: int | None) -> bool:
    return not is_system(actor) and user_id is not None and user_id == actor.pk


def _plain(value):
    if hasattr(value, "pk"):
        return value.pk
    return value


def clearance_of(actor) -> int:
    """The clearance an actor may grant up to (the system: any)."""
    if is_system(actor):
        return Secrecy.TUYET_MAT
    person = Person.objects.filter(user=actor).first()
    return person.clearance if person is not None else Secrecy.NONE


def _person_orgs(person: Person) -> list[Organization]:
    return [m.org for m in person.memberships.select_related("org")] if person.pk else []


def person_failures(actor, person: Person) -> list[str]:
    """Refusals if ``actor`` may not manage ``person`` (all the bodies they belong to)."""
    paths = administered_paths(actor)
    if paths is None:
        return []
    if not paths:
        return ["Bạn không có vai trò quản trị nên không thể thay đổi người dùng."]
    return manage_failures(actor, *_person_orgs(person))


def user_failures(actor, user) -> list[str]:
    """Refusals if ``actor`` may not manage the account ``user``."""
    if is_system(actor) or getattr(actor, "is_superuser", False):
        return []
    if user.is_superuser:
        return [ONLY_SUPERUSER.format(what="thay đổi tài khoản quản trị tối cao")]
    person = Person.objects.filter(user=user).first() if user.pk else None
    if person is not None:
        return person_failures(actor, person)
    if not administered_paths(actor):
        return ["Bạn không có vai trò quản trị nên không thể thay đổi người dùng."]
    return []


def _clearance_failures(actor, person: Person, current: int, wanted: int) -> list[str]:
    if wanted <= current:
        return []
    if _is_self(actor, person.user_id):
        return [SELF_RAISE]
    own = clearance_of(actor)
    if wanted > own:
        return [
            f"Không thể cấp độ mật “{Secrecy(wanted).label}” cao hơn mức của chính bạn "
            f"(“{Secrecy(own).label}”)."
        ]
    return []


# --- accounts -----------------------------------------------------------------------------


def _flag_failures(actor, user, before: dict, after: dict) -> list[str]:
    failures = []
    for flag in ("is_superuser", "is_staff", "is_active"):
        if after.get(flag) and not before.get(flag):
            if _is_self(actor, user.pk):
                failures.append(SELF_RAISE)
            elif flag == "is_superuser" and not (
                is_system(actor) or getattr(actor, "is_superuser", False)
            ):
                failures.append(ONLY_SUPERUSER.format(what="cấp quyền quản trị tối cao"))
    return list(dict.fromkeys(failures))


@transaction.atomic
def create_user_account(actor, user):
    """Save the new, unsaved account ``user`` (its password already set or unusable)."""
    User = get_user_model()
    failures = user_failures(actor, user)
    failures += _flag_failures(actor, user, {}, {f: getattr(user, f) for f in USER_FIELDS})
    username = (user.username or "").strip()
    if not username:
        failures.append("Tên đăng nhập không được để trống.")
    elif User.objects.filter(username=username).exists():
        failures.append(f"Tên đăng nhập “{username}” đã được dùng.")
    RuleViolation.check(failures)
    user.save()
    record(actor, "user.create", user, after={f: getattr(user, f) for f in USER_FIELDS})
    return user


@transaction.atomic
def update_user(actor, user, **changes):
    """Change an account's names and flags (active, staff, superuser)."""
    unknown = set(changes) - set(USER_FIELDS)
    if unknown:
        raise RuleViolation("Trường không được thay đổi ở đây: " + ", ".join(sorted(unknown)))
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    changed = {f: v for f, v in changes.items() if getattr(user, f) != v}
    if not changed:
        return user
    before = {f: getattr(user, f) for f in changed}
    failures = user_failures(actor, user)
    failures += _flag_failures(actor, user, before, changed)
    RuleViolation.check(failures)
    for f, v in changed.items():
        setattr(user, f, v)
    user.save(update_fields=list(changed))
    record(actor, "user.change", user, before=before, after=changed)
    return user


@transaction.atomic
def set_user_permissions(actor, user, *, groups, permissions):
    """Give ``user`` exactly these groups and model permissions: an actor adds
    only permissions they hold themselves, and never to their own account."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    groups, permissions = list(groups), list(permissions)
    old_groups = set(user.groups.values_list("pk", flat=True))
    old_perms = set(user.user_permissions.values_list("pk", flat=True))
    new_groups = {g.pk for g in groups}
    new_perms = {p.pk for p in permissions}
    if new_groups == old_groups and new_perms == old_perms:
        return user
    added_perms = Permission.objects.filter(pk__in=new_perms - old_perms)
    added_groups = Group.objects.filter(pk__in=new_groups - old_groups)
    failures = user_failures(actor, user)
    if added_perms.exists() or added_groups.exists():
        if _is_self(actor, user.pk):
            failures.append(SELF_RAISE)
        elif not (is_system(actor) or getattr(actor, "is_superuser", False)):
            wanted = set(added_perms.select_related("content_type"))
            for g in added_groups:
                wanted |= set(g.permissions.select_related("content_type"))
            failures.extend(_lacking(actor, wanted))
    RuleViolation.check(failures)
    user.groups.set(groups)
    user.user_permissions.set(permissions)
    record(
        actor,
        "user.permissions",
        user,
        before={"groups": sorted(old_groups), "permissions": sorted(old_perms)},
        after={"groups": sorted(new_groups), "permissions": sorted(new_perms)},
    )
    return user


@transaction.atomic
def set_user_password(actor, user, raw_password: str | None):
    """Set (or, with ``None``, disable) another account's password."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    RuleViolation.check(user_failures(actor, user))
    if raw_password is None:
        user.set_unusable_password()
    else:
        user.set_password(raw_password)
    user.save(update_fields=["password"])
    record(actor, "user.password", user, after={"usable": raw_password is not None})
    return user


# --- persons and clearances ---------------------------------------------------------------


def _link_failures(actor, person: Person, user, clearance: int) -> list[str]:
    """Linking an account to a person hands it the person's roles and clearance."""
    if user is None:
        return []
    if _is_self(actor, user.pk):
        return [SELF_RAISE]
    failures = user_failures(actor, user)
    failures += _clearance_failures(actor, person, Secrecy.NONE, clearance)
    return failures


@transaction.atomic
def create_person(
    actor, *, full_name: str, position: str = "", clearance: int = Secrecy.NONE, user=None
) -> Person:
    """Create a person (with no role yet), optionally linked to an account."""
    full_name = (full_name or "").strip()
    person = Person(full_name=full_name, position=position, clearance=clearance, user=user)
    paths = administered_paths(actor)
    failures = (
        []
        if paths is None or paths
        else ["Bạn không có vai trò quản trị nên không thể thay đổi người dùng."]
    )
    if not full_name:
        failures.append("Họ và tên không được để trống.")
    failures += _clearance_failures(actor, person, Secrecy.NONE, clearance)
    failures += _link_failures(actor, person, user, Secrecy.NONE)
    RuleViolation.check(list(dict.fromkeys(failures)))
    person.save()
    record(
        actor,
        "person.create",
        person,
        after={"full_name": full_name, "clearance": clearance, "user": _plain(user)},
    )
    return person


@transaction.atomic
def update_person(actor, person: Person, **changes) -> Person:
    """Change a person's name, position or linked account."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise RuleViolation("Độ mật được tiếp cận chỉ thay đổi qua chức năng riêng.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = {f: v for f, v in changes.items() if getattr(person, f) != v}
    if not changed:
        return person
    failures = person_failures(actor, person)
    if "user" in changed:
        if person.user_id is not None and _is_self(actor, person.user_id):
            failures.append(SELF_RAISE)
        failures += _link_failures(actor, person, changed["user"], person.clearance)
    RuleViolation.check(list(dict.fromkeys(failures)))
    before = {f: _plain(getattr(person, f)) for f in changed}
    for f, v in changed.items():
        setattr(person, f, v)
    person.save(update_fields=list(changed))
    record(
        actor,
        "person.change",
        person,
        before=before,
        after={f: _plain(v) for f, v in changed.items()},
    )
    return person


@transaction.atomic
def set_clearance(actor, person: Person, clearance: int, *, reason: str = "") -> Person:
    """Set the secrecy level ``person`` may read up to."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    clearance = int(clearance)
    if clearance not in Secrecy.values:
        raise RuleViolation("Độ mật không hợp lệ.")
    if clearance == person.clearance:
        return person
    failures = person_failures(actor, person)
    failures += _clearance_failures(actor, person, person.clearance, clearance)
    RuleViolation.check(list(dict.fromkeys(failures)))
    before = {"clearance": person.clearance}
    person.clearance = clearance
    person.save(update_fields=["clearance"])
    reason = clean_reason(reason)  # control characters (NUL…) are not a reason
    after = {"clearance": clearance} | ({"reason": reason} if reason else {})
    record(actor, "person.clearance", person, before=before, after=after)
    return person


# --- memberships (roles) ------------------------------------------------------------------


def _membership_after(m: Membership) -> dict:
    return {
        "person": m.person_id,
        "org": m.org_id,
        "unit": m.unit_id,
        "role": m.role,
        "valid_from": m.valid_from,
        "valid_to": m.valid_to,
    }


def _membership_shape_failures(
    org: Organization, role: str, unit: Unit | None, valid_from, valid_to
):
    failures = []
    if role not in Role.values:
        failures.append("Vai trò không hợp lệ.")
    if unit is not None and unit.org_id != org.pk:
        failures.append(f"Đơn vị “{unit.name}” không thuộc “{org.name}”.")
    if valid_to is not None and valid_from is not None and valid_to < valid_from:
        failures.append("Ngày kết thúc vai trò trước ngày bắt đầu.")
    return failures


@transaction.atomic
def add_membership(
    actor,
    person: Person,
    *,
    org: Organization,
    role: str,
    unit: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Membership:
    """Give ``person`` a role in ``org`` (never to oneself)."""
    valid_from = valid_from or timezone.localdate()
    failures = []
    if _is_self(actor, person.user_id):
        failures.append(SELF_RAISE)
    failures += manage_failures(actor, org)
    failures += _membership_shape_failures(org, role, unit, valid_from, valid_to)
    RuleViolation.check(failures)
    m = Membership.objects.create(
        person=person, org=org, role=role, unit=unit, valid_from=valid_from, valid_to=valid_to
    )
    record(actor, "membership.create", m, after=_membership_after(m))
    return m


def _narrows(m: Membership, changed: dict) -> bool:
    """Does the change only shorten the role's time (what one may do to oneself)?"""
    for f, v in changed.items():
        if f == "valid_to":
            if v is None or (m.valid_to is not None and v > m.valid_to):
                return False
        elif f == "valid_from":
            if v < m.valid_from:
                return False
        else:
            return False
    return True


@transaction.atomic
def change_membership(actor, membership: Membership, **changes) -> Membership:
    """Change a role's body, unit, kind or dates (oneself: only end it sooner)."""
    unknown = set(changes) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise RuleViolation("Trường không được thay đổi ở đây: " + ", ".join(sorted(unknown)))
    m = Membership.objects.select_for_update().select_related("person", "org").get(pk=membership.pk)
    changed = {f: v for f, v in changes.items() if getattr(m, f) != v}
    if not changed:
        return m
    failures = manage_failures(actor, m.org)
    if "org" in changed:
        failures += manage_failures(actor, changed["org"])
    if _is_self(actor, m.person.user_id) and not _narrows(m, changed):
        failures.append(SELF_RAISE)
    new = {f: changed.get(f, getattr(m, f)) for f in MEMBERSHIP_FIELDS}
    failures += _membership_shape_failures(
        new["org"], new["role"], new["unit"], new["valid_from"], new["valid_to"]
    )
    failures += role_ending.ending_failures(m, changed)
    RuleViolation.check(list(dict.fromkeys(failures)))
    before = {f: _plain(getattr(m, f)) for f in changed}
    for f, v in changed.items():
        setattr(m, f, v)
    m.save(update_fields=list(changed))
    record(
        actor,
        "membership.change",
        m,
        before=before,
        after={f: _plain(v) for f, v in changed.items()},
    )
    return m


@transaction.atomic
def remove_membership(actor, membership: Membership) -> None:
    """Take a role away (the audit chain keeps what it was)."""
    m = Membership.objects.select_for_update().get(pk=membership.pk)
    RuleViolation.check(manage_failures(actor, m.org) + role_ending.ending_failures(m))
    before = _membership_after(m)
    record(actor, "membership.delete", m, before=before)
    m.delete()


@transaction.atomic
def set_group_permissions(actor, group: Group, permissions) -> Group:
    """Give ``group`` exactly these permissions: only ones the actor holds, and
    none added to a group the actor belongs to (that would raise their own)."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    permissions = list(permissions)
    old = set(group.permissions.values_list("pk", flat=True))
    new = {p.pk for p in permissions}
    if new == old:
        return group
    added = Permission.objects.filter(pk__in=new - old).select_related("content_type")
    failures = []
    if added.exists() and not is_system(actor):
        if group.user_set.filter(pk=actor.pk).exists():
            failures.append(SELF_RAISE)
        elif not actor.is_superuser:
            failures.extend(_lacking(actor, added))
    RuleViolation.check(failures)
    group.permissions.set(permissions)
    record(
        actor,
        "group.permissions",
        group,
        before={"permissions": sorted(old)},
        after={"permissions": sorted(new)},
    )
    return group


@transaction.atomic
def save_group(actor, group: Group, *, name: str) -> Group:
    """Create ``group`` (unsaved) or rename it; its permissions: ``set_group_permissions``."""
    name = (name or "").strip()
    failures = (
        []
        if administered_paths(actor) != []
        else ["Bạn không có vai trò quản trị nên không thể thay đổi nhóm quyền."]
    )
    if not name:
        failures.append("Tên nhóm không được để trống.")
    elif Group.objects.filter(name=name).exclude(pk=group.pk).exists():
        failures.append(f"Nhóm “{name}” đã có.")
    RuleViolation.check(failures)
    before = None if group.pk is None else {"name": Group.objects.get(pk=group.pk).name}
    group.name = name
    group.save()
    record(actor, "group.save", group, before=before, after={"name": name})
    return group


# --- many people at once (a spreadsheet import) ---------------------------------------------


@dataclass
class NewPerson:
    """One person with one role, as an import gives them (``username``: a new account)."""

    full_name: str
    org: Organization
    role: str
    position: str = ""
    clearance: int = Secrecy.NONE
    unit: Unit | None = None
    username: str = ""
    valid_from: dt.date | None = None


@transaction.atomic
def create_people(actor, people: Sequence[NewPerson]) -> list[Membership]:
    """Create many people, each with their role and (if named) a new account with no
    usable password, under the same rules as ``create_user_account``,
    ``create_person`` and ``add_membership`` and with the same audit events, in a
    few statements. Nothing is made if any of them is refused."""
    User = get_user_model()
    paths = administered_paths(actor)
    own = clearance_of(actor)
    failures: list[str] = []
    if paths is not None and not paths:
        failures.append("Bạn không có vai trò quản trị nên không thể thay đổi người dùng.")
    usernames = [p.username.strip() for p in people if p.username.strip()]
    taken = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    seen: set[str] = set()
    allowed: dict[int, list[str]] = {}
    for n, p in enumerate(people, start=1):
        says: list[str] = []
        if not p.full_name.strip():
            says.append("Họ và tên không được để trống.")
        if p.clearance > own:
            says.append(
                f"Không thể cấp độ mật “{Secrecy(p.clearance).label}” cao hơn mức của chính "
                f"bạn (“{Secrecy(own).label}”)."
            )
        name = p.username.strip()
        if name and (name in taken or name in seen):
            says.append(f"Tên đăng nhập “{name}” đã được dùng.")
        seen.add(name)
        if p.org.pk not in allowed:
            allowed[p.org.pk] = manage_failures(actor, p.org, paths=paths)
        says += allowed[p.org.pk]
        says += _membership_shape_failures(
            p.org, p.role, p.unit, p.valid_from or timezone.localdate(), None
        )
        failures += [f"{p.full_name or n}: {s}" for s in says]
    RuleViolation.check(list(dict.fromkeys(failures)))
    accounts = {}
    for p in people:
        if p.username.strip():
            user = User(username=p.username.strip())
            user.set_unusable_password()
            accounts[user.username] = user
    User.objects.bulk_create(accounts.values())
    persons = Person.objects.bulk_create(
        Person(
            full_name=p.full_name.strip(),
            position=p.position,
            clearance=p.clearance,
            user=accounts.get(p.username.strip()),
        )
        for p in people
    )
    memberships = Membership.objects.bulk_create(
        Membership(
            person=person,
            org=p.org,
            role=p.role,
            unit=p.unit,
            valid_from=p.valid_from or timezone.localdate(),
        )
        for p, person in zip(people, persons, strict=True)
    )
    for user in accounts.values():
        record(actor, "user.create", user, after={f: getattr(user, f) for f in USER_FIELDS})
    for person in persons:
        record(
            actor,
            "person.create",
            person,
            after={
                "full_name": person.full_name,
                "clearance": person.clearance,
                "user": person.user_id,
            },
        )
    for m in memberships:
        record(actor, "membership.create", m, after=_membership_after(m))
    orgs_written.send(sender=Membership, org_ids=sorted({p.org.pk for p in people}))
    return memberships
