"""What marks compliance facts stale: the stages' own signals, heard from above.

Compliance is reporting: it listens to the models its facts derive from (and to
the rules it asks, filing's lifecycle signal and, as a net under them, the audit
events every service writes), and the stages never name it. Each receiver marks the
bodies whose facts the change touches, in the transaction that made it
(``refresh.mark_stale``); the worker refreshes them after the commit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from luutru.archive.models import Deposit, DepositItem, KeepBack
from luutru.audit.models import Event
from luutru.capture.models import ImportItem
from luutru.compliance.refresh import mark_all_stale, mark_stale
from luutru.filing.models import (
    ClosingCertificate,
    Dossier,
    DossierIndex,
    DossierItem,
    FilePlan,
    FilePlanItem,
)
from luutru.filing.signals import dossier_status_changed
from luutru.orgs.models import Membership, Organization, OrgParentPeriod, Person, Unit
from luutru.orgs.signals import orgs_written
from luutru.registry.models import Document
from luutru.rules.models import RetentionRule, RuleProfile


def _dossier_orgs(*dossier_ids: int | None) -> list[int]:
    ids = [i for i in dossier_ids if i is not None]
    return list(Dossier.objects.filter(pk__in=ids).values_list("org_id", flat=True))


def _document_orgs(*document_ids: int | None) -> list[int]:
    ids = [i for i in document_ids if i is not None]
    return list(Document.objects.filter(pk__in=ids).values_list("org_id", flat=True))


# Each model the facts derive from → the bodies a change of one row touches.
ORGS_OF: dict[type[Model], Any] = {
    Dossier: lambda r: [r.org_id],
    Document: lambda r: [r.org_id],
    FilePlan: lambda r: [r.org_id],
    Deposit: lambda r: [r.org_id],
    FilePlanItem: lambda r: FilePlan.objects.filter(pk=r.plan_id).values_list("org_id", flat=True),
    DossierItem: lambda r: _dossier_orgs(r.dossier_id) + _document_orgs(r.document_id),
    DossierIndex: lambda r: _dossier_orgs(r.dossier_id),
    ClosingCertificate: lambda r: _dossier_orgs(r.dossier_id),
    DepositItem: lambda r: _dossier_orgs(r.dossier_id),
    KeepBack: lambda r: _dossier_orgs(r.dossier_id),
    # What the capture parser read a document to cite (quality: cited documents missing).
    ImportItem: lambda r: _document_orgs(r.document_id),
    # Not facts, but what the cached pages show beside them (the tree on a date,
    # officials and units): a change gives the facts a new token, so no cached
    # page outlives it.
    Organization: lambda r: [r.pk, r.parent_id],
    OrgParentPeriod: lambda r: [r.org_id, r.parent_id],
    Membership: lambda r: [r.org_id],
    Unit: lambda r: [r.org_id],
    Person: lambda r: Membership.objects.filter(person=r.pk).values_list("org_id", flat=True),
}


def records_changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading a fixture: ``luutru compliance_facts --rebuild`` after it
        return
    mark_stale(i for i in ORGS_OF[sender](instance) if i is not None)


def rules_changed(sender: type[Model], **kwargs: Any) -> None:
    """Deposit deadlines and minimums, retention periods: every body's facts."""
    if kwargs.get("raw"):
        return
    mark_all_stale()


def event_recorded(
    sender: type[Model], instance: Event, created: bool = False, **kwargs: Any
) -> None:
    """Every change is an audit event naming its body (DESIGN §4.3): the net under
    the model signals, for services that write in bulk (``.update()`` sends no
    post_save, e.g. renumbering a dossier's documents). Reads and exports change nothing."""
    if kwargs.get("raw") or not created or instance.org_id is None:
        return
    if instance.object_type not in FACT_OBJECTS or instance.action.endswith(READS):
        return
    mark_stale([instance.org_id])


# Events about the records the facts derive from (``Event.object_type`` is the
# model's name); an import batch, a user or a grant changes no fact.
FACT_OBJECTS = {m._meta.model_name for m in (Dossier, Document, FilePlan, Deposit, KeepBack)}
# Audit actions that record a read, not a change (``access.policy`` SECRET_READ,
# document reads, form exports).
READS = (".read", ".export")


def dossiers_moved(sender: Any, dossier_ids: list[int], **kwargs: Any) -> None:
    """Filing's lifecycle signal (status changes written in bulk send no post_save)."""
    mark_stale(_dossier_orgs(*dossier_ids))


def orgs_bulk_written(sender: Any, org_ids: list[int], **kwargs: Any) -> None:
    """The organization services' bulk writes (a spreadsheet import) send no post_save."""
    mark_stale(org_ids)


def connect() -> None:
    dossier_status_changed.connect(dossiers_moved, dispatch_uid="compliance-dossier-status")
    orgs_written.connect(orgs_bulk_written, dispatch_uid="compliance-orgs-written")
    post_save.connect(event_recorded, sender=Event, dispatch_uid="compliance-audit-event")
    for model in ORGS_OF:
        uid = f"compliance-{model._meta.label_lower}"
        post_save.connect(records_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(records_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for model in (RuleProfile, RetentionRule):
        uid = f"compliance-rules-{model._meta.label_lower}"
        post_save.connect(rules_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(rules_changed, sender=model, dispatch_uid=f"{uid}-delete")
