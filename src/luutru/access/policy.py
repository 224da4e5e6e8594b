"""The one access policy every read goes through (DESIGN.md §4.2).

An object is judged by the few facts it exposes (``Facts``): the organization
it belongs to, its secrecy, its owner and whether it is an archive holding.
A user may read it when

* a valid explicit grant names the user and the object, or
* its secrecy is within the user's clearance **and** either the user owns it,
  or one of the user's current memberships puts its organization in scope
  for that role (see ``ROLE_SCOPE``), or
* the user owns it and its kind lets the owner read it whatever its secrecy
  (``owner_sees_any_level``: the uploader of a capture item).

Each object kind describes its facts once (``luutru.access.kinds``, registered
by the stage that owns it); ``can_view``, ``visible_q`` and the search filter
(``reach_of`` and ``granted_ids``, applied to the facts the index stores) are
all derived from that description and the same facts about the user.

``can_view`` answers for one object; ``visible_q`` answers the same question
inside a query so that lists, counts and search never see what the user may
not open. A test checks that the two agree on every combination.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from luutru.access import kinds
from luutru.audit.services import record
from luutru.orgs.models import Membership, Organization, Role, Secrecy

if TYPE_CHECKING:
    from luutru.access.models import Grant


@dataclass(frozen=True)
class Facts:
    org_id: int
    secrecy: int
    owner_user_id: int | None
    archived: bool
    extra_org_ids: tuple[int, ...] = ()


# role → (reach, what): reach "self" = the organization itself, "subtree" = it
# and every body below it; what "all" = working records too, "holdings" = only
# records accepted into the archive (the reader's catalogue), None = no records.
ROLE_SCOPE: dict[str, tuple[str, str | None]] = {
    Role.OFFICIAL: ("self", "all"),
    Role.CLERK: ("self", "all"),
    Role.HEAD: ("subtree", "all"),
    Role.ARCHIVIST: ("subtree", "all"),
    Role.INSPECTOR: ("subtree", "all"),
    Role.READER: ("subtree", "holdings"),
    # Administrators manage bodies, users and rules; they do not read records.
    Role.ADMIN: ("subtree", None),
}


@dataclass
class Subject:
    """What the policy needs to know about the reader, loaded once per request."""

    user_id: int | None
    person_id: int | None
    clearance: int
    scopes: list[tuple[str, str, str]] = field(default_factory=list)  # (org path, reach, what)
    roles: set[tuple[int, str]] = field(default_factory=set)  # (org id, role)
    # org id → path, filled as objects are judged; lives as long as the subject
    # (one request), like the scope paths above.
    org_paths: dict[int, str] = field(default_factory=dict)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None


def subject_for(user: Any, today: dt.date | None = None) -> Subject:
    if user is None or not user.is_authenticated:
        return Subject(user_id=None, person_id=None, clearance=-1)
    cached: Subject | None = getattr(user, "_luutru_subject", None)
    if cached is not None:
        return cached
    person = getattr(user, "person", None)
    if person is None:
        subject = Subject(user_id=user.pk, person_id=None, clearance=Secrecy.NONE)
    else:
        today = today or timezone.localdate()
        memberships = (
            Membership.objects.filter(person=person, valid_from__lte=today)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .select_related("org")
        )
        scopes, roles = [], set()
        for m in memberships:
            reach, what = ROLE_SCOPE[m.role]
            roles.add((m.org_id, m.role))
            # An empty path would be a prefix of every body: it gives no scope.
            if what is not None and m.org.path:
                scopes.append((m.org.path, reach, what))
        subject = Subject(
            user_id=user.pk,
            person_id=person.pk,
            clearance=person.clearance,
            scopes=scopes,
            roles=roles,
        )
    user._luutru_subject = subject
    return subject


def _org_in_scope(path: str, scope_path: str, reach: str) -> bool:
    # An empty or missing path is "nothing", never "everything" ("" prefixes all).
    if not path or not scope_path:
        return False
    return path == scope_path if reach == "self" else path.startswith(scope_path)


def _granted(subject: Subject, object_type: str, object_id: int) -> bool:
    if subject.person_id is None:
        return False
    return bool(_valid_grants(subject, object_type).filter(object_id=object_id).exists())


def _valid_grants(subject: Subject, object_type: str) -> QuerySet[Grant]:
    from luutru.access.models import Grant

    if subject.person_id is None:
        return Grant.objects.none()
    today = timezone.localdate()
    return Grant.objects.filter(
        person_id=subject.person_id, object_type=object_type, revoked_at__isnull=True
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))


def granted_ids(user: Any, object_type: str) -> frozenset[int]:
    """The ids of ``object_type`` a valid explicit grant opens to ``user``."""
    subject = subject_for(user)
    if subject.person_id is None:
        return frozenset()
    return frozenset(_valid_grants(subject, object_type).values_list("object_id", flat=True))


@dataclass(frozen=True)
class Reach:
    """The user's side of the policy as ids, for a filter outside the database
    (the search index): objects of ``all_orgs`` are in scope, objects of
    ``holding_orgs`` only when archived; ``clearance`` caps the secrecy."""

    user_id: int | None
    clearance: int
    all_orgs: frozenset[int]
    holding_orgs: frozenset[int]


def reach_of(user: Any) -> Reach:
    subject = subject_for(user)
    if subject.is_anonymous:
        return Reach(None, -1, frozenset(), frozenset())

    def org_ids(what: str) -> frozenset[int]:
        q = Q(pk__in=[])
        for path, reach, w in subject.scopes:
            if w == what and path:
                q |= Q(path=path) if reach == "self" else Q(path__startswith=path)
        return frozenset(Organization.objects.filter(q).values_list("pk", flat=True))

    all_orgs = org_ids("all")
    return Reach(
        user_id=subject.user_id,
        clearance=subject.clearance,
        all_orgs=all_orgs,
        # Where every record is open, the holdings rule adds nothing.
        holding_orgs=org_ids("holdings") - all_orgs,
    )


def facts_of(obj: Any, object_type: str | None = None) -> Facts:
    """The facts of ``obj`` as its kind registered them (``luutru.access.kinds``),
    or as the object itself says (``access_facts()``) for an unregistered one."""
    kind = kinds.get(object_type) if object_type else kinds.for_model(type(obj))
    if kind is not None and isinstance(obj, kind.model):
        return kind.facts(obj)
    facts: Facts = obj.access_facts()
    return facts


def can_view(user: Any, obj: Any, object_type: str | None = None) -> bool:
    """May ``user`` read ``obj`` (a registered kind, or anything with ``access_facts()``)?"""
    subject = subject_for(user)
    if subject.is_anonymous:
        return False
    object_type = object_type or obj._meta.model_name
    if _granted(subject, object_type, obj.pk):
        return True
    facts = facts_of(obj, object_type)
    kind = kinds.get(object_type)
    if (
        kind is not None
        and facts.owner_user_id is not None
        and facts.owner_user_id == subject.user_id
        and kind.owner_sees(obj)
    ):
        return True
    if facts.secrecy > subject.clearance:
        return False
    if facts.owner_user_id is not None and facts.owner_user_id == subject.user_id:
        return True
    scopes = [
        (path, reach) for path, reach, what in subject.scopes if what == "all" or facts.archived
    ]
    if not scopes:
        return False
    paths = _org_paths(subject, (facts.org_id, *facts.extra_org_ids))
    return any(_org_in_scope(p, path, reach) for path, reach in scopes for p in paths)


def _org_paths(subject: Subject, org_ids: tuple[int, ...]) -> list[str]:
    missing = [i for i in org_ids if i not in subject.org_paths]
    if missing:
        subject.org_paths.update(
            Organization.objects.filter(pk__in=missing).values_list("pk", "path")
        )
    return [subject.org_paths[i] for i in org_ids if i in subject.org_paths]


_UNSET: Any = object()


def visible_q(
    user: Any,
    *,
    object_type: str,
    org_fields: tuple[str, ...] = _UNSET,
    secrecy_field: str | None = _UNSET,
    owner_field: str | None = _UNSET,
    archived_q: Q | None = _UNSET,
) -> Q:
    """The same decision as ``can_view``, as a filter on a queryset of
    ``object_type``, built from the facts its kind registered
    (``luutru.access.kinds``). The keyword arguments are for kinds not
    registered there (they default to ``org``, ``secrecy``, no owner, never
    archived); for a registered kind they must say what it registered."""
    kind = kinds.get(object_type)
    if kind is None:
        kind = kinds.Kind(name=object_type, model=None)
    if org_fields is _UNSET:
        org_fields = kind.org
    if secrecy_field is _UNSET:
        secrecy_field = kind.secrecy
    if owner_field is _UNSET:
        owner_field = kind.owner
    if archived_q is _UNSET:
        archived_q = kind.archived_q()
    subject = subject_for(user)
    nothing = Q(pk__in=[])
    if subject.is_anonymous:
        return nothing
    scope = nothing
    for scope_path, reach, what in subject.scopes:
        if not scope_path:
            continue  # "" would prefix every body: an empty path reaches nothing
        in_org = nothing
        for f in org_fields:
            in_org |= (
                Q(**{f"{f}__path": scope_path})
                if reach == "self"
                else Q(**{f"{f}__path__startswith": scope_path})
            )
        if what == "holdings":
            in_org &= archived_q if archived_q is not None else nothing
        scope |= in_org
    if owner_field:
        scope |= Q(**{f"{owner_field}_id": subject.user_id})
    if secrecy_field:
        scope &= Q(**{f"{secrecy_field}__lte": subject.clearance})
    for f in kind.also_secrecy:
        scope &= Q(**{f"{f}__lte": subject.clearance}) | Q(**{f"{f}__isnull": True})
    until = kind.owner_sees_any_level
    if owner_field and until:
        scope |= Q(**{f"{owner_field}_id": subject.user_id, f"{until}__isnull": True})
    granted = granted_ids(user, object_type)
    if granted:
        scope |= Q(pk__in=sorted(granted))
    return scope


def has_role(user: Any, role: str, org: Any, *, reach_down: bool = True) -> bool:
    """Does ``user`` hold ``role`` at ``org`` (or, with ``reach_down``, at one
    of its ancestors)? Used for acts: approving, accepting, registering."""
    subject = subject_for(user)
    if subject.is_anonymous:
        return False
    ids = {org.pk}
    if reach_down:
        ids |= {int(p) for p in org.path.split(".") if p}
    return any(oid in ids and r == role for oid, r in subject.roles)


def roles_of(user: Any) -> set[str]:
    return {r for _, r in subject_for(user).roles}


class Denied(PermissionDenied):
    """Raised when a read or an act is refused; the message is for the user.
    A ``PermissionDenied``: uncaught in a view, it ends on the Vietnamese 403 page."""

    def __init__(self, message: str = "Bạn không có quyền xem hoặc thực hiện việc này."):
        super().__init__(message)
        self.message = message


def require_view(user: Any, obj: Any, object_type: str | None = None) -> None:
    if not can_view(user, obj, object_type):
        raise Denied()


# ---------------------------------------------------------------- audited reads

SECRET_READ = "secret.read"


def _secrecy_of(obj: Any) -> int:
    return int(facts_of(obj).secrecy)


def record_secret_read(
    user: Any, obj: Any, how: str, *, object_type: str | None = None, secrecy: int | None = None
) -> None:
    """Every read of secret material is an audit event (issue 8 item 9).

    Call it when ``user`` is shown ``obj`` (already allowed to see it): its
    page, its API detail, its page image, an export naming it. ``how`` says
    through which face (``"page"``, ``"api"``, ``"image"``, ``"index.xlsx"``…).
    Nothing is written for an object whose secrecy is 0."""
    level = _secrecy_of(obj) if secrecy is None else int(secrecy)
    if level <= Secrecy.NONE:
        return
    record(
        user,
        SECRET_READ,
        obj,
        object_type=object_type or obj._meta.model_name,
        after={"how": how, "secrecy": level},
    )


def record_secret_reads(
    user: Any,
    shown: Iterable[Any],
    how: str,
    *,
    about: Any = None,
    about_type: str = "",
    about_id: Any = "",
) -> None:
    """One event for a page, list or export that showed several objects
    (search hits, the documents of a dossier's index, the dossiers of a
    deposit): it names the secret ones among ``shown`` (objects, or
    ``(object_type, id, secrecy)`` triples). Nothing when none is secret."""
    secret = []
    for item in shown:
        if isinstance(item, tuple):
            kind, pk, level = item
        else:
            kind, pk, level = item._meta.model_name, item.pk, _secrecy_of(item)
        if level and int(level) > Secrecy.NONE:
            secret.append({"type": kind, "id": pk, "secrecy": int(level)})
    if not secret:
        return
    record(
        user,
        SECRET_READ,
        about,
        object_type=about_type or (about._meta.model_name if about is not None else how),
        object_id=about_id if about is None else "",
        after={"how": how, "secrecy": max(s["secrecy"] for s in secret), "shown": secret},
    )


__all__ = [
    "Facts",
    "ROLE_SCOPE",
    "Subject",
    "subject_for",
    "can_view",
    "visible_q",
    "facts_of",
    "reach_of",
    "granted_ids",
    "Reach",
    "has_role",
    "roles_of",
    "Denied",
    "require_view",
    "SECRET_READ",
    "record_secret_read",
    "record_secret_reads",
]
