"""Changes to the organization tree. Each checks who may make it and writes its audit event.

A body is made only here (with its fonds and its place in the tree, in one
transaction), and moved, renamed, merged and dissolved only here, so that the
path the access policy reads ("this body and everything below it") and the
dated history (``OrgParentPeriod``, ``OrgEvent``) always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.orgs.authority import administered_paths, manage_failures
from luutru.orgs.models import (
    Fonds,
    Organization,
    OrgEvent,
    OrgParentPeriod,
    Term,
    Unit,
    creating_org,
)
from luutru.orgs.signals import orgs_written

# Attributes of a body that change without a dated event (not its name, place or life).
DETAIL_FIELDS = (
    "code",
    "short_name",
    "kind",
    "level",
    "fonds_system",
    "issuer_abbrev",
    "place",
    "organ_id",
    "archive_org",
)


def _segment(pk: int) -> str:
    return f"{pk:06d}."


def _path_for(org: Organization) -> str:
    prefix = org.parent.path if org.parent is not None else ""
    return f"{prefix}{_segment(org.pk)}"


def _next_org_id() -> int:
    """The id the next body will have: its path holds it, and the path is
    required when the row is inserted (a database constraint)."""
    table = Organization._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
            return int(cursor.fetchone()[0])
        highest = Organization.objects.aggregate(m=Max("pk"))["m"] or 0
        if connection.vendor == "sqlite":
            # Writers hold the lock from BEGIN (IMMEDIATE), so no one takes this id meanwhile.
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            highest = max(highest, int(row[0]) if row else 0)
        return highest + 1


def _repath_subtree(org: Organization) -> None:
    old = org.path
    org.path = _path_for(org)
    org.save(update_fields=["path"])
    if old:
        for child in Organization.objects.filter(path__startswith=old).exclude(pk=org.pk):
            child.path = org.path + child.path[len(old) :]
            child.save(update_fields=["path"])


def _active_after(org: Organization, day: dt.date) -> bool:
    return org.valid_to is None or org.valid_to > day


def _locked(org: Organization) -> Organization:
    """Lock ``org``'s row and bring the caller's instance up to date: callers go
    on using their instances (the demo moves bodies under bodies it just moved)."""
    list(Organization.objects.select_for_update().filter(pk=org.pk).values_list("pk"))
    org.refresh_from_db(fields=[f.attname for f in Organization._meta.concrete_fields])
    return org


@transaction.atomic
def create_org(
    actor,
    *,
    code: str,
    name: str,
    kind: str,
    level: str,
    parent: Organization | None,
    valid_from: dt.date,
    fonds_code: str | None = None,
    **extra,
) -> Organization:
    """Create a body with its open fonds, placed in the tree from ``valid_from``."""
    spec = dict(
        code=code,
        name=name,
        kind=kind,
        level=level,
        parent=parent,
        valid_from=valid_from,
        fonds_code=fonds_code,
        **extra,
    )
    return create_orgs(actor, [spec])[0]


def _allocate_org_ids(n: int) -> list[int]:
    """The ids the next ``n`` bodies will have (see ``_next_org_id``)."""
    if connection.vendor == "postgresql":
        table = Organization._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, n],
            )
            return sorted(int(row[0]) for row in cursor.fetchall())
    first = _next_org_id()
    return list(range(first, first + n))


@transaction.atomic
def create_orgs(actor, specs: Sequence[dict[str, Any]]) -> list[Organization]:
    """Create many bodies at once, each as ``create_org`` makes one (its open fonds,
    its path, its dated place and its ``org.create`` event), in a few statements.

    Each spec holds ``create_org``'s arguments, plus an optional ``fonds_name``; its
    ``parent`` is a body, ``None`` or the code of an earlier spec in ``specs``.
    Nothing is made if any spec is refused."""
    paths = administered_paths(actor)
    many = len(specs) > 1
    failures: list[str] = []
    codes = [(s.get("code") or "").strip() for s in specs]
    fonds_codes = [s.get("fonds_code") or None for s in specs]
    taken = set(Organization.objects.filter(code__in=codes).values_list("code", flat=True))
    taken_fonds = set(
        Fonds.objects.filter(code__in=[f for f in fonds_codes if f]).values_list("code", flat=True)
    )
    ids = _allocate_org_ids(len(specs))
    orgs: list[Organization] = []
    by_code: dict[str, Organization] = {}
    for spec, code, fonds_code, pk in zip(specs, codes, fonds_codes, ids, strict=True):
        name = (spec.get("name") or "").strip()
        parent = spec.get("parent")
        if isinstance(parent, str):
            parent = by_code[parent]
        valid_from = spec["valid_from"]
        says = manage_failures(actor, parent, paths=paths)
        if not code:
            says.append("Mã cơ quan không được để trống.")
        elif code in taken or code in by_code:
            says.append(f"Mã cơ quan “{code}” đã được dùng.")
        if not name:
            says.append("Tên cơ quan không được để trống.")
        if parent is not None and not parent.is_active_on(valid_from):
            says.append(f"“{parent.name}” không hoạt động vào ngày {valid_from:%d/%m/%Y}.")
        if fonds_code and fonds_code in taken_fonds:
            says.append(f"Mã phông “{fonds_code}” đã được dùng.")
        if fonds_code:
            taken_fonds.add(fonds_code)
        failures += [f"{code}: {s}" for s in says] if many else says
        extra = {
            k: v
            for k, v in spec.items()
            if k not in {"code", "name", "parent", "valid_from", "fonds_code", "fonds_name"}
        }
        org = Organization(
            pk=pk,
            code=code,
            name=name,
            parent=parent,
            valid_from=valid_from,
            path=(parent.path if parent else "") + _segment(pk),
            **extra,
        )
        orgs.append(org)
        by_code[code] = org
    RuleViolation.check(failures)
    with creating_org():
        Organization.objects.bulk_create(orgs)
    for org in orgs:
        org._state.adding, org._state.db = False, "default"
    OrgParentPeriod.objects.bulk_create(
        OrgParentPeriod(org=o, parent=o.parent, valid_from=o.valid_from) for o in orgs
    )
    Fonds.objects.bulk_create(
        Fonds(
            org=o,
            code=fonds_code or f"P{o.pk:05d}",
            name=spec.get("fonds_name") or f"Phông {o.name}",
            start_year=o.valid_from.year,
        )
        for o, spec, fonds_code in zip(orgs, specs, fonds_codes, strict=True)
    )
    OrgEvent.objects.bulk_create(
        OrgEvent(org=o, type=OrgEvent.Type.CREATE, effective_date=o.valid_from) for o in orgs
    )
    for org in orgs:
        record(
            actor,
            "org.create",
            org,
            org_id=org.pk,
            after={
                "code": org.code,
                "name": org.name,
                "parent": org.parent_id,
                "path": org.path,
            },
        )
    written = {o.pk for o in orgs} | {o.parent_id for o in orgs if o.parent_id is not None}
    orgs_written.send(sender=Organization, org_ids=sorted(written))
    return orgs


def _move(actor, org: Organization, new_parent: Organization, effective: dt.date, decision: str):
    """Place ``org`` under ``new_parent`` from ``effective`` (checks done by the caller)."""
    before = {"parent": org.parent_id, "path": org.path}
    current = OrgParentPeriod.objects.filter(org=org, valid_to__isnull=True)
    if current.filter(valid_from__gte=effective).exists():
        raise RuleViolation(
            f"“{org.name}” đã đổi vị trí trong cây tổ chức từ ngày {effective:%d/%m/%Y} trở về sau: "
            "ngày có hiệu lực phải sau lần thay đổi gần nhất."
        )
    current.update(valid_to=effective - dt.timedelta(days=1))
    OrgParentPeriod.objects.create(org=org, parent=new_parent, valid_from=effective)
    org.parent = new_parent
    org.save(update_fields=["parent"])
    _repath_subtree(org)
    OrgEvent.objects.create(
        org=org,
        type=OrgEvent.Type.REATTACH,
        effective_date=effective,
        decision=decision,
        related=new_parent,
    )
    record(
        actor,
        "org.reattach",
        org,
        org_id=org.pk,
        before=before,
        after={"parent": new_parent.pk, "path": org.path, "effective": effective},
    )


def _placement_failures(org: Organization, new_parent: Organization, effective: dt.date) -> list:
    failures = []
    if new_parent.pk == org.pk or new_parent.path.startswith(org.path):
        failures.append(
            "Không thể chuyển một tổ chức vào trực thuộc chính nó hoặc cấp dưới của nó."
        )
    if not new_parent.is_active_on(effective):
        failures.append(
            f"“{new_parent.name}” không hoạt động vào ngày {effective:%d/%m/%Y}: "
            "không thể nhận tổ chức trực thuộc."
        )
    return failures


@transaction.atomic
def reattach_org(
    actor, org: Organization, new_parent: Organization, effective: dt.date, decision: str = ""
) -> None:
    """Move ``org`` under ``new_parent`` from ``effective``; the old placement stays in history.
    Nothing happens when ``org`` already sits there."""
    org = _locked(org)
    new_parent.refresh_from_db(fields=["path", "valid_from", "valid_to"])
    if org.parent_id == new_parent.pk:
        return
    failures = manage_failures(actor, org, new_parent)
    failures += _placement_failures(org, new_parent, effective)
    RuleViolation.check(failures)
    _move(actor, org, new_parent, effective, decision)


@transaction.atomic
def rename_org(
    actor,
    org: Organization,
    *,
    name: str,
    effective: dt.date,
    short_name: str | None = None,
    decision: str = "",
) -> Organization:
    """Give ``org`` a new name from ``effective`` (a dated event; its records keep theirs)."""
    org = _locked(org)
    name = (name or "").strip()
    failures = manage_failures(actor, org)
    if not name:
        failures.append("Tên mới không được để trống.")
    RuleViolation.check(failures)
    before = {"name": org.name}
    org.name = name
    fields = ["name"]
    if short_name is not None and short_name != org.short_name:
        before["short_name"] = org.short_name
        org.short_name = short_name
        fields.append("short_name")
    org.save(update_fields=fields)
    OrgEvent.objects.create(
        org=org,
        type=OrgEvent.Type.RENAME,
        effective_date=effective,
        decision=decision,
        note=f"Tên cũ: {before['name']}",
    )
    record(
        actor,
        "org.rename",
        org,
        org_id=org.pk,
        before=before,
        after={f: getattr(org, f) for f in fields} | {"effective": effective},
    )
    return org


@transaction.atomic
def update_org_details(actor, org: Organization, **changes) -> Organization:
    """Change a body's attributes that carry no dated event (code, kind, abbreviation…)."""
    org = _locked(org)
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise RuleViolation(
            "Tên, vị trí trong cây và thời gian hoạt động chỉ thay đổi qua đổi tên, chuyển trực "
            "thuộc, sáp nhập hoặc giải thể."
        )
    failures = manage_failures(actor, org)
    code = changes.get("code")
    if code is not None:
        code = changes["code"] = code.strip()
        if not code:
            failures.append("Mã cơ quan không được để trống.")
        elif Organization.objects.filter(code=code).exclude(pk=org.pk).exists():
            failures.append(f"Mã cơ quan “{code}” đã được dùng.")
    if changes.get("archive_org") is not None and changes["archive_org"].pk == org.pk:
        changes["archive_org"] = None
    RuleViolation.check(failures)
    changed = {f: v for f, v in changes.items() if getattr(org, f) != v}
    if not changed:
        return org

    def plain(value):
        return value.pk if isinstance(value, Organization) else value

    before = {f: plain(getattr(org, f)) for f in changed}
    for f, v in changed.items():
        setattr(org, f, v)
    org.save(update_fields=list(changed))
    record(
        actor,
        "org.update",
        org,
        org_id=org.pk,
        before=before,
        after={f: plain(v) for f, v in changed.items()},
    )
    return org


@transaction.atomic
def dissolve_org(
    actor,
    org: Organization,
    last_day: dt.date,
    *,
    successor: Organization | None = None,
    decision: str = "",
    event_type: str = OrgEvent.Type.DISSOLVE,
) -> None:
    """End a body on ``last_day`` and close its fonds from then (414/BNV-VTLTNN):
    nothing is registered or opened after that date; its records stay usable
    and may be handed to ``successor``. Its bodies still active after that day
    move, from the next day, to the successor (without one: to the body above)."""
    org = _locked(org)
    failures = manage_failures(actor, org, *([successor] if successor is not None else []))
    if org.valid_to is not None:
        raise RuleViolation(f"“{org.name}” đã kết thúc hoạt động từ trước.")
    if last_day < org.valid_from:
        failures.append(
            f"Ngày kết thúc hoạt động ({last_day:%d/%m/%Y}) trước ngày thành lập "
            f"({org.valid_from:%d/%m/%Y})."
        )
    first_day_after = last_day + dt.timedelta(days=1)
    children = [
        c
        for c in org.children.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=last_day)).order_by(
            "path"
        )
        if _active_after(c, last_day)
    ]
    if successor is not None:
        successor.refresh_from_db(fields=["path", "valid_from", "valid_to"])
    heir = successor if successor is not None else org.parent
    if successor is not None:
        if successor.pk == org.pk or successor.path.startswith(org.path):
            failures.append("Cơ quan kế thừa không thể là chính nó hoặc một tổ chức trực thuộc nó.")
        elif not successor.is_active_on(first_day_after):
            failures.append(
                f"Cơ quan kế thừa “{successor.name}” không hoạt động vào ngày "
                f"{first_day_after:%d/%m/%Y}."
            )
    elif children and heir is None:
        failures.append(
            f"“{org.name}” còn {len(children)} tổ chức trực thuộc: hãy chọn cơ quan kế thừa "
            "để nhận các tổ chức này."
        )
    RuleViolation.check(failures)
    before = {"valid_to": None, "fonds": org.fonds.status}
    for child in children:
        assert heir is not None  # children without an heir were refused above
        _move(actor, child, heir, first_day_after, decision)
    org.valid_to = last_day
    org.successor = successor
    org.save(update_fields=["valid_to", "successor"])
    fonds = org.fonds
    fonds.status = Fonds.Status.CLOSED
    fonds.closed_on = last_day
    fonds.save(update_fields=["status", "closed_on"])
    OrgParentPeriod.objects.filter(org=org, valid_to__isnull=True).update(valid_to=last_day)
    OrgEvent.objects.create(
        org=org, type=event_type, effective_date=last_day, decision=decision, related=successor
    )
    action = "org.merge" if event_type == OrgEvent.Type.MERGE else "org.dissolve"
    record(
        actor,
        action,
        org,
        org_id=org.pk,
        before=before,
        after={
            "valid_to": last_day,
            "fonds": "closed",
            "successor": successor and successor.pk,
            "moved": [c.pk for c in children],
        },
    )


def merge_org(
    actor, org: Organization, into: Organization, last_day: dt.date, *, decision: str = ""
) -> None:
    """Merge ``org`` into ``into``: it ends on ``last_day`` with ``into`` as its
    successor, which takes its subordinate bodies from the next day."""
    dissolve_org(
        actor, org, last_day, successor=into, decision=decision, event_type=OrgEvent.Type.MERGE
    )


def ensure_fonds_open(org: Organization, day: dt.date | None = None) -> None:
    """Refuse new records in a closed fonds (a dissolved or merged body)."""
    day = day or timezone.localdate()
    fonds = getattr(org, "fonds", None)
    if fonds is not None and not fonds.accepts_records_on(day):
        raise RuleViolation(
            f"Phông “{fonds.name}” đã đóng từ ngày {fonds.closed_on:%d/%m/%Y}: "
            "không thể thêm văn bản hay mở hồ sơ mới. Tài liệu cũ vẫn được khai thác bình thường."
        )


def _unit_or_term_failures(actor, org: Organization, name: str) -> list[str]:
    failures = manage_failures(actor, org)
    if not (name or "").strip():
        failures.append("Tên không được để trống.")
    return failures


@transaction.atomic
def add_unit(actor, org: Organization, *, name: str, abbrev: str = "") -> Unit:
    """Add a unit (phòng, ban) to ``org``."""
    RuleViolation.check(_unit_or_term_failures(actor, org, name))
    unit = Unit.objects.create(org=org, name=name.strip(), abbrev=abbrev.strip())
    record(actor, "unit.create", unit, after={"name": unit.name, "abbrev": unit.abbrev})
    return unit


@transaction.atomic
def add_units(actor, units: Sequence[tuple[Organization, str]]) -> list[Unit]:
    """Add many units at once, each as ``add_unit`` does (a spreadsheet import)."""
    paths = administered_paths(actor)
    failures: list[str] = []
    for org in {org.pk: org for org, _ in units}.values():
        failures += manage_failures(actor, org, paths=paths)
    if any(not (name or "").strip() for _, name in units):
        failures.append("Tên không được để trống.")
    RuleViolation.check(failures)
    made = Unit.objects.bulk_create(Unit(org=org, name=name.strip()) for org, name in units)
    for unit in made:
        record(actor, "unit.create", unit, after={"name": unit.name, "abbrev": unit.abbrev})
    orgs_written.send(sender=Unit, org_ids=sorted({u.org_id for u in made}))
    return made


@transaction.atomic
def add_term(
    actor, org: Organization, *, name: str, start: dt.date, end: dt.date | None = None
) -> Term:
    """Add a term (nhiệm kỳ) to ``org``: Party numbering runs per term."""
    failures = _unit_or_term_failures(actor, org, name)
    if end is not None and end < start:
        failures.append("Ngày kết thúc nhiệm kỳ trước ngày bắt đầu.")
    RuleViolation.check(failures)
    term = Term.objects.create(org=org, name=name.strip(), start=start, end=end)
    record(actor, "term.create", term, after={"name": term.name, "start": start, "end": end})
    return term


@transaction.atomic
def change_unit_or_term(actor, obj: Unit | Term, **changes) -> Unit | Term:
    """Change a unit or a term of a body (never move it to a body one does not administer)."""
    model = type(obj)
    allowed = {"org", "name", "abbrev"} if model is Unit else {"org", "name", "start", "end"}
    if set(changes) - allowed:
        raise RuleViolation(
            "Trường không được thay đổi: " + ", ".join(sorted(set(changes) - allowed))
        )
    obj = model.objects.select_for_update().select_related("org").get(pk=obj.pk)
    changed = {f: v for f, v in changes.items() if getattr(obj, f) != v}
    if not changed:
        return obj
    failures = _unit_or_term_failures(actor, obj.org, changed.get("name", obj.name))
    if "org" in changed:
        failures += manage_failures(actor, changed["org"])
    if isinstance(obj, Term):
        start, end = changed.get("start", obj.start), changed.get("end", obj.end)
        if end is not None and end < start:
            failures.append("Ngày kết thúc nhiệm kỳ trước ngày bắt đầu.")
    RuleViolation.check(failures)

    def plain(value):
        return value.pk if isinstance(value, Organization) else value

    before = {f: plain(getattr(obj, f)) for f in changed}
    for f, v in changed.items():
        setattr(obj, f, v)
    obj.save(update_fields=list(changed))
    record(
        actor,
        f"{model._meta.model_name}.change",
        obj,
        before=before,
        after={f: plain(v) for f, v in changed.items()},
    )
    return obj
