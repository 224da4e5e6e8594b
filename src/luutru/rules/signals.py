"""Every saved or deleted rules row gives the rules a new version, so that each
process's ``rulebook()`` loads them again (bulk writes bump in ``RulesQuerySet``)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from luutru.rules.models import (
    DocumentType,
    IssuerAbbrev,
    RetentionRule,
    RetentionSchedule,
    RetentionScheduleItem,
    RuleProfile,
    bump_rules_version,
)

RULE_MODELS = (
    RuleProfile,
    DocumentType,
    IssuerAbbrev,
    RetentionRule,
    RetentionSchedule,
    RetentionScheduleItem,
)


def rules_changed(sender: type, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading a fixture: the version row may come with it
        return
    bump_rules_version()


def connect() -> None:
    for model in RULE_MODELS:
        post_save.connect(rules_changed, sender=model, dispatch_uid=f"rules-version-save-{model}")
        post_delete.connect(
            rules_changed, sender=model, dispatch_uid=f"rules-version-delete-{model}"
        )
