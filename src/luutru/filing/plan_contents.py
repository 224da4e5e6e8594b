"""The headings and planned files of a draft file plan: add, change, delete (codes
are numbered again after each change)."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.filing import codes
from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem
from luutru.filing.plan_checks import (
    creator_failures,
    edit_failures,
    heading_failures,
    item_state,
    locked,
    retention_failures,
    title_failures,
)
from luutru.orgs.models import Person
from luutru.rules.models import RetentionRule


def add_heading(
    actor: User,
    plan: FilePlan,
    *,
    title: str,
    abbrev: str = "",
    parent: FilePlanHeading | None = None,
) -> FilePlanHeading:
    """Add a major heading (Roman numeral) or, under ``parent``, a sub-heading."""
    title, abbrev = nfc(title).strip(), nfc(abbrev).strip().upper()
    with transaction.atomic():
        plan = locked(plan)
        RuleViolation.check(
            edit_failures(actor, plan) + heading_failures(plan, title, abbrev, parent)
        )
        siblings = plan.headings.filter(parent=parent)
        order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
        heading = FilePlanHeading.objects.create(
            plan=plan, parent=parent, order=order, title=title, abbrev=abbrev
        )
        record(
            actor,
            "file_plan.add_heading",
            heading,
            org_id=plan.org_id,
            after={
                "plan": plan.pk,
                "title": title,
                "abbrev": abbrev,
                "parent": parent and parent.pk,
            },
        )
    return heading


def add_item(
    actor: User,
    plan: FilePlan,
    heading: FilePlanHeading,
    *,
    title: str,
    retention: RetentionRule,
    creator: Person | None = None,
    note: str = "",
) -> FilePlanItem:
    """Add a planned file at the end of ``heading``; codes are renumbered."""
    title, note = nfc(title).strip(), nfc(note).strip()
    with transaction.atomic():
        plan = locked(plan)
        failures = edit_failures(actor, plan)
        if heading is None or heading.plan_id != plan.pk:
            failures.append("Chưa chọn đề mục thuộc danh mục này cho hồ sơ.")
        failures += title_failures(title, "tiêu đề hồ sơ", 500)
        failures += retention_failures(plan.org, retention)
        failures += creator_failures(creator)
        if len(note) > 300:
            failures.append(f"Ghi chú dài {len(note)} ký tự, tối đa 300 ký tự.")
        RuleViolation.check(failures)
        last = plan.items.aggregate(m=Max("order"))["m"] or 0
        item = FilePlanItem.objects.create(
            plan=plan,
            heading=heading,
            order=last + 1,
            code=f"~new{last + 1}",
            title=title,
            retention=retention,
            creator=creator,
            note=note,
        )
        codes.renumber(plan)
        item.refresh_from_db()
        record(actor, "file_plan.add_item", item, org_id=plan.org_id, after=item_state(item))
    return item


_UNSET = object()


def update_item(
    actor: User,
    item: FilePlanItem,
    *,
    title: str | None = None,
    retention: RetentionRule | None = None,
    creator: Person | None | object = _UNSET,
    note: str | None = None,
    heading: FilePlanHeading | None = None,
) -> FilePlanItem:
    """Change a planned file while its plan is a draft (moving it renumbers)."""
    with transaction.atomic():
        plan = locked(item.plan)
        item = FilePlanItem.objects.select_for_update().get(pk=item.pk)
        failures = edit_failures(actor, plan)
        new_title = item.title if title is None else nfc(title).strip()
        new_note = item.note if note is None else nfc(note).strip()
        failures += title_failures(new_title, "tiêu đề hồ sơ", 500)
        if retention is not None:
            failures += retention_failures(plan.org, retention)
        if creator is not _UNSET:
            failures += creator_failures(creator)
        if heading is not None and heading.plan_id != plan.pk:
            failures.append("Đề mục đã chọn không thuộc danh mục này.")
        if len(new_note) > 300:
            failures.append(f"Ghi chú dài {len(new_note)} ký tự, tối đa 300 ký tự.")
        RuleViolation.check(failures)
        before = item_state(item)
        item.title, item.note = new_title, new_note
        if retention is not None:
            item.retention = retention
        if creator is not _UNSET:
            item.creator = cast(Person | None, creator)  # creator_failures refused others
        if heading is not None and heading.pk != item.heading_id:
            item.heading = heading
            item.order = (plan.items.aggregate(m=Max("order"))["m"] or 0) + 1
        item.save()
        codes.renumber(plan)
        item.refresh_from_db()
        record(
            actor,
            "file_plan.update_item",
            item,
            org_id=plan.org_id,
            before=before,
            after=item_state(item),
        )
    return item


def delete_item(actor: User, item: FilePlanItem) -> None:
    """Remove a planned file from a draft plan; the others are renumbered."""
    with transaction.atomic():
        plan = locked(item.plan)
        failures = edit_failures(actor, plan)
        if item.dossiers.exists():
            failures.append(f"Đã có hồ sơ được mở từ mục “{item.code}”: không thể xóa mục này.")
        RuleViolation.check(failures)
        before = item_state(item)
        pk = item.pk
        item.delete()
        codes.renumber(plan)
        record(
            actor,
            "file_plan.delete_item",
            object_type="fileplanitem",
            object_id=pk,
            org_id=plan.org_id,
            before=before,
        )


def delete_heading(actor: User, heading: FilePlanHeading) -> None:
    """Remove an empty heading from a draft plan."""
    with transaction.atomic():
        plan = locked(heading.plan)
        failures = edit_failures(actor, plan)
        if heading.items.exists() or heading.children.exists():
            failures.append(
                f"Đề mục “{heading.title}” còn hồ sơ hoặc đề mục con: hãy xóa hoặc chuyển chúng trước."
            )
        RuleViolation.check(failures)
        before = {"title": heading.title, "abbrev": heading.abbrev, "parent": heading.parent_id}
        pk, parent = heading.pk, heading.parent
        heading.delete()
        for order, h in enumerate(
            plan.headings.filter(parent=parent).order_by("order", "pk"), start=1
        ):
            if h.order != order:
                FilePlanHeading.objects.filter(pk=h.pk).update(order=order)
        codes.renumber(plan)
        record(
            actor,
            "file_plan.delete_heading",
            object_type="fileplanheading",
            object_id=pk,
            org_id=plan.org_id,
            before=before,
        )
