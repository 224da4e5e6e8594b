"""Changes to the organization tree. Each writes its audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.orgs.models import Fonds, Organization, OrgEvent, OrgParentPeriod


def _path_for(org: Organization) -> str:
    prefix = org.parent.path if org.parent_id else ""
    return f"{prefix}{org.pk:06d}."


def _repath_subtree(org: Organization) -> None:
    old = org.path
    org.path = _path_for(org)
    org.save(update_fields=["path"])
    if old:
        for child in Organization.objects.filter(path__startswith=old).exclude(pk=org.pk):
            child.path = org.path + child.path[len(old):]
            child.save(update_fields=["path"])


@transaction.atomic
def create_org(actor, *, code: str, name: str, kind: str, level: str, parent: Organization | None,
               valid_from: dt.date, fonds_code: str | None = None, **extra) -> Organization:
    """Create a body with its open fonds, placed in the tree from ``valid_from``."""
    if Organization.objects.filter(code=code).exists():
        raise RuleViolation(f"Mã cơ quan “{code}” đã được dùng.")
    org = Organization.objects.create(
        code=code, name=name, kind=kind, level=level, parent=parent, valid_from=valid_from, **extra
    )
    org.path = _path_for(org)
    org.save(update_fields=["path"])
    OrgParentPeriod.objects.create(org=org, parent=parent, valid_from=valid_from)
    Fonds.objects.create(org=org, code=fonds_code or f"P{org.pk:05d}", name=f"Phông {name}",
                         start_year=valid_from.year)
    OrgEvent.objects.create(org=org, type=OrgEvent.Type.CREATE, effective_date=valid_from)
    record(actor, "org.create", org, org_id=org.pk, after={"code": code, "name": name, "parent": parent and parent.pk})
    return org


@transaction.atomic
def reattach_org(actor, org: Organization, new_parent: Organization, effective: dt.date,
                 decision: str = "") -> None:
    """Move ``org`` under ``new_parent`` from ``effective``; the old placement stays in history."""
    if new_parent.path.startswith(org.path):
        raise RuleViolation("Không thể chuyển một tổ chức vào trực thuộc chính nó hoặc cấp dưới của nó.")
    before = org.parent_id
    OrgParentPeriod.objects.filter(org=org, valid_to__isnull=True).update(
        valid_to=effective - dt.timedelta(days=1)
    )
    OrgParentPeriod.objects.create(org=org, parent=new_parent, valid_from=effective)
    org.parent = new_parent
    org.save(update_fields=["parent"])
    _repath_subtree(org)
    OrgEvent.objects.create(org=org, type=OrgEvent.Type.REATTACH, effective_date=effective,
                            decision=decision, related=new_parent)
    record(actor, "org.reattach", org, org_id=org.pk, before={"parent": before},
           after={"parent": new_parent.pk, "effective": effective})


@transaction.atomic
def dissolve_org(actor, org: Organization, last_day: dt.date, *, successor: Organization | None = None,
                 decision: str = "", event_type: str = OrgEvent.Type.DISSOLVE) -> None:
    """End a body on ``last_day`` and close its fonds from then (414/BNV-VTLTNN):
    nothing is registered or opened after that date; its records stay usable
    and may be handed to ``successor``. Active children move to the successor."""
    if org.valid_to is not None:
        raise RuleViolation(f"“{org.name}” đã kết thúc hoạt động từ trước.")
    before = {"valid_to": None, "fonds": org.fonds.status}
    org.valid_to = last_day
    org.successor = successor
    org.save(update_fields=["valid_to", "successor"])
    fonds = org.fonds
    fonds.status = Fonds.Status.CLOSED
    fonds.closed_on = last_day
    fonds.save(update_fields=["status", "closed_on"])
    OrgParentPeriod.objects.filter(org=org, valid_to__isnull=True).update(valid_to=last_day)
    OrgEvent.objects.create(org=org, type=event_type, effective_date=last_day, decision=decision,
                            related=successor)
    record(actor, "org.dissolve", org, org_id=org.pk, before=before,
           after={"valid_to": last_day, "fonds": "closed", "successor": successor and successor.pk})


def ensure_fonds_open(org: Organization, day: dt.date | None = None) -> None:
    """Refuse new records in a closed fonds (a dissolved or merged body)."""
    day = day or dt.date.today()
    fonds = getattr(org, "fonds", None)
    if fonds is not None and not fonds.accepts_records_on(day):
        raise RuleViolation(
            f"Phông “{fonds.name}” đã đóng từ ngày {fonds.closed_on:%d/%m/%Y}: "
            "không thể thêm văn bản hay mở hồ sơ mới. Tài liệu cũ vẫn được khai thác bình thường."
        )
