"""Changes to the rule profiles (rules are data, DESIGN.md §4.4). Each checks
who may make it and writes its audit event: a changed deadline or retention
period decides what officials are told to do, so every change is on record."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.rules.models import DocumentType, IssuerAbbrev, RetentionRule, RuleProfile

ENTRY_MODELS = (DocumentType, IssuerAbbrev, RetentionRule)
E = TypeVar("E", DocumentType, IssuerAbbrev, RetentionRule)


def rules_failures(actor: Any, action: str = "change") -> list[str]:
    """Refusals if ``actor`` may not change rule profiles (the system always may)."""
    if actor is None:
        return []
    if getattr(actor, "is_active", False) and (
        actor.is_superuser or actor.has_perm(f"rules.{action}_ruleprofile")
    ):
        return []
    return ["Chỉ quản trị viên được giao quản lý quy tắc mới được thay đổi bộ quy tắc."]


def _plain(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _fields_of(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key}


def _apply(obj: models.Model, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - _fields_of(type(obj))
    if unknown:
        raise RuleViolation("Trường không được thay đổi: " + ", ".join(sorted(unknown)))
    changed = {f: v for f, v in changes.items() if getattr(obj, f) != v}
    before = {f: _plain(getattr(obj, f)) for f in changed}
    for f, v in changed.items():
        setattr(obj, f, v)
    return before


@transaction.atomic
def create_rule_profile(actor: Any, **fields: Any) -> RuleProfile:
    """Add a rule profile."""
    RuleViolation.check(rules_failures(actor, "add"))
    profile = RuleProfile(**fields)
    profile.full_clean()
    profile.save()
    record(actor, "rules.profile.create", profile, after={f: _plain(v) for f, v in fields.items()})
    return profile


@transaction.atomic
def change_rule_profile(actor: Any, profile: RuleProfile, **changes: Any) -> RuleProfile:
    """Change a rule profile's values (deadlines, numbering, legal basis…)."""
    RuleViolation.check(rules_failures(actor))
    profile = RuleProfile.objects.select_for_update().get(pk=profile.pk)
    before = _apply(profile, changes)
    if not before:
        return profile
    profile.save(update_fields=list(before))
    record(
        actor,
        "rules.profile.change",
        profile,
        before=before,
        after={f: _plain(getattr(profile, f)) for f in before},
    )
    return profile


def _entry_model(model: type[E]) -> type[E]:
    if model not in ENTRY_MODELS:
        raise RuleViolation("Không phải một mục của bộ quy tắc.")
    return model


@transaction.atomic
def add_rule_entry(actor: Any, profile: RuleProfile, model: type[E], **fields: Any) -> E:
    """Add a document type, issuer abbreviation or retention period to ``profile``."""
    RuleViolation.check(rules_failures(actor))
    entry = _entry_model(model)(profile=profile, **fields)
    entry.save()
    record(
        actor,
        "rules.entry.create",
        entry,
        after={"profile": profile.pk} | {f: _plain(v) for f, v in fields.items()},
    )
    return entry


@transaction.atomic
def change_rule_entry(actor: Any, entry: E, **changes: Any) -> E:
    """Change one entry of a profile."""
    RuleViolation.check(rules_failures(actor))
    model = _entry_model(type(entry))
    entry = model.objects.select_for_update().get(pk=entry.pk)
    before = _apply(entry, changes)
    if not before:
        return entry
    entry.save(update_fields=list(before))
    record(
        actor,
        "rules.entry.change",
        entry,
        before=before,
        after={f: _plain(getattr(entry, f)) for f in before},
    )
    return entry


@transaction.atomic
def remove_rule_entry(actor: Any, entry: E) -> None:
    """Remove one entry of a profile (refused while records use it)."""
    RuleViolation.check(rules_failures(actor))
    model = _entry_model(type(entry))
    entry = model.objects.select_for_update().get(pk=entry.pk)
    before = {f: _plain(getattr(entry, f)) for f in _fields_of(model)}
    record(actor, "rules.entry.delete", entry, before=before)
    try:
        with transaction.atomic():
            entry.delete()
    except models.ProtectedError as error:
        raise RuleViolation(
            f"“{entry}” đang được hồ sơ, văn bản sử dụng: không thể xóa. "
            "Hãy thêm mục mới thay vì xóa mục cũ."
        ) from error
