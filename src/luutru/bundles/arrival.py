"""Suggestions at arrival (issue 11 item 4): for a document in no dossier, the
three likeliest open dossiers or plan items of its body (``suggest.rank``),
filed with one click through the same path as an accepted proposal; every
answer (filed there, or "not this one") is kept per body and moves the next
ranking. Nothing leaves the machine."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from luutru.access.policy import can_view
from luutru.audit.services import record
from luutru.bundles import facts as engine_facts
from luutru.bundles import suggest
from luutru.bundles.models import SuggestionFeedback
from luutru.bundles.queries import open_dossiers_of, unopened_plan_items
from luutru.bundles.services import dossier_for_item, may_review
from luutru.bundles.types import Candidate, Feedback, PlanItemFacts
from luutru.core.errors import RuleViolation
from luutru.filing import services as filing
from luutru.filing.lifecycle import BEING_FORMED
from luutru.filing.models import Dossier, DossierItem, FilePlan, FilePlanItem
from luutru.registry.models import Document

DOSSIERS_CONSIDERED = 60  # the body's open dossiers, most recently changed first
MEMBERS_PER_DOSSIER = 20  # each dossier's latest documents stand for it
FEEDBACK_KEPT = 300  # the body's latest answers the ranking learns from
KINDS = ("dossier", "plan_item")


@dataclass
class Suggestion:
    kind: str
    id: int
    title: str
    code: str
    score: float


def is_loose(document: Document) -> bool:
    return not document.dossier_items.filter(removed_at__isnull=True).exists()


def _item_facts(item: FilePlanItem) -> PlanItemFacts:
    return PlanItemFacts(id=item.pk, code=item.code, title=item.title, year=item.plan.year)


def candidates_for(user: User | AnonymousUser, org, year: int) -> list[Candidate]:
    """The body's open dossiers the user may open and its plan items of ``year``
    with no dossier yet, each with the documents that stand for it."""
    dossiers = open_dossiers_of(user, org)[:DOSSIERS_CONSIDERED]
    rows = (
        DossierItem.objects.filter(dossier__in=dossiers, removed_at__isnull=True)
        .order_by("dossier_id", "-position")
        .values_list("dossier_id", "document_id")
    )
    per: dict[int, list[int]] = defaultdict(list)
    for dossier_id, document_id in rows:
        if len(per[dossier_id]) < MEMBERS_PER_DOSSIER:
            per[dossier_id].append(document_id)
    wanted = [d for ids in per.values() for d in ids]
    facts = {f.key: f for f in engine_facts.from_documents(Document.objects.filter(pk__in=wanted))}
    out = [
        Candidate(
            kind="dossier",
            id=d.pk,
            title=d.title,
            plan_item=_item_facts(d.plan_item) if d.plan_item is not None else None,
            member_facts=tuple(facts[i] for i in per.get(d.pk, []) if i in facts),
        )
        for d in dossiers
    ]
    out += [
        Candidate(kind="plan_item", id=i.pk, title=i.title, plan_item=_item_facts(i))
        for i in unopened_plan_items(org, year)
    ]
    return out


def feedback_for(org) -> list[Feedback]:
    rows = list(
        SuggestionFeedback.objects.filter(org=org)
        .order_by("-created_at", "-pk")
        .values_list("document_id", "candidate_kind", "candidate_id", "accepted")[:FEEDBACK_KEPT]
    )
    facts = {
        f.key: f
        for f in engine_facts.from_documents(Document.objects.filter(pk__in={r[0] for r in rows}))
    }
    return [
        Feedback(document=facts[doc], candidate_kind=kind, candidate_id=cid, accepted=ok)
        for doc, kind, cid, ok in rows
        if doc in facts
    ]


def suggestions_for(user: User | AnonymousUser, documents: list[Document]) -> dict[int, list]:
    """Up to three suggestions for each loose document ``user`` may see and file
    (candidates and answers read once per body)."""
    out: dict[int, list[Suggestion]] = {}
    by_org: dict[int, list[Document]] = defaultdict(list)
    for d in documents:
        if can_view(user, d, "document") and may_review(user, d.org):
            by_org[d.org_id].append(d)
    for docs in by_org.values():
        org = docs[0].org
        facts = {f.key: f for f in engine_facts.from_documents(docs)}
        feedback = feedback_for(org)
        refused = _refused(org, [d.pk for d in docs])
        cache: dict[int, list[Candidate]] = {}
        for d in docs:
            year = d.issued_date.year if d.issued_date else timezone.localdate().year
            if year not in cache:
                cache[year] = candidates_for(user, org, year)
            pool = [c for c in cache[year] if (d.pk, c.kind, c.id) not in refused]
            fact = facts.get(d.pk)
            if fact is None:
                continue
            out[d.pk] = [_suggestion(c, s) for c, s in suggest.rank(fact, pool, feedback, k=3)]
    return out


def _refused(org, document_ids: list[int]) -> set[tuple[int, str, int]]:
    return set(
        SuggestionFeedback.objects.filter(
            org=org, document_id__in=document_ids, accepted=False
        ).values_list("document_id", "candidate_kind", "candidate_id")
    )


def _suggestion(c: Candidate, score: float) -> Suggestion:
    code = c.plan_item.code if c.plan_item is not None else ""
    return Suggestion(kind=c.kind, id=c.id, title=c.title, code=code, score=round(score, 2))


def _failures(actor: User, document: Document, kind: str) -> list[str]:
    failures = []
    if kind not in KINDS:
        failures.append("Gợi ý không hợp lệ. Hãy tải lại trang.")
    if not can_view(actor, document, "document"):
        failures.append("Bạn không có quyền xem văn bản này nên không thể đưa vào hồ sơ.")
    elif not may_review(actor, document.org):
        failures.append(f"Bạn không có vai trò lập hồ sơ tại “{document.org.name}”.")
    return failures


def _target(actor: User, document: Document, kind: str, candidate_id: int | None):
    if kind == "dossier":
        dossier = Dossier.objects.filter(pk=candidate_id or 0, org=document.org_id).first()
        if dossier is None or not can_view(actor, dossier, "dossier"):
            raise RuleViolation("Không tìm thấy hồ sơ này trong các hồ sơ của cơ quan.")
        return dossier
    item = (
        FilePlanItem.objects.filter(
            pk=candidate_id or 0, plan__org=document.org_id, plan__state=FilePlan.State.ISSUED
        )
        .select_related("plan")
        .first()
    )
    if item is None:
        raise RuleViolation("Không tìm thấy mục này trong danh mục hồ sơ đã ban hành của cơ quan.")
    return item


def file_document(actor: User, document: Document, kind: str, candidate_id: int | None) -> Dossier:
    """File ``document`` in the suggested dossier (or the plan item's, opened if
    need be) and remember the answer for the body."""
    RuleViolation.check(_failures(actor, document, kind))
    with transaction.atomic():
        target = _target(actor, document, kind, candidate_id)
        if isinstance(target, Dossier):
            if target.status not in BEING_FORMED:
                raise RuleViolation(filing.read_only_message(target))
            dossier = target
        else:
            dossier = dossier_for_item(actor, target)
        filing.add_document_to_dossier(actor, dossier, document)
        _remember(actor, document, kind, target.pk, accepted=True)
    return dossier


def refuse_suggestion(actor: User, document: Document, kind: str, candidate_id: int | None) -> None:
    """Say "not this one": the suggestion goes and the body's ranking learns it."""
    RuleViolation.check(_failures(actor, document, kind))
    with transaction.atomic():
        target = _target(actor, document, kind, candidate_id)
        _remember(actor, document, kind, target.pk, accepted=False)


def _remember(actor: User, document: Document, kind: str, candidate_id: int, *, accepted: bool):
    row = SuggestionFeedback.objects.create(
        org=document.org,
        document=document,
        candidate_kind=kind,
        candidate_id=candidate_id,
        accepted=accepted,
        user=actor,
    )
    record(
        actor,
        "bundles.suggestion.accept" if accepted else "bundles.suggestion.refuse",
        document,
        object_type="document",
        org_id=document.org_id,
        after={"candidate": f"{kind}:{candidate_id}", "feedback": row.pk},
    )
