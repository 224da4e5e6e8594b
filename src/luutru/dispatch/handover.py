"""A leaving official's drafts go with the rest of their open work (issue 13 item 3):
the outgoing documents they write that still wait on the drafter — being drafted,
sent back to be changed, or waiting for the head, who may send them back — pass to
the person who takes over, who becomes their drafter. Registered with
``desk.handover`` from ``ready()``; the desk's handover moves them in its transaction."""

from __future__ import annotations

from typing import Any

from luutru.audit.services import record
from luutru.desk.handover import WorkKind, register
from luutru.dispatch.drafting import can_draft
from luutru.dispatch.models import Outgoing, OutgoingState
from luutru.orgs.models import Organization, Person

# A draft waits on its drafter in these states (a submitted one may come back).
WAITING_ON_DRAFTER = (OutgoingState.DRAFT, OutgoingState.RETURNED, OutgoingState.SUBMITTED)


def _waiting(user: Any, org: Any):
    return Outgoing.objects.filter(org=org, drafter=user, state__in=WAITING_ON_DRAFTER)


def open_drafts(user: Any, org: Organization) -> list[Outgoing]:
    return list(_waiting(user, org).select_related("doc_type").order_by("created_at", "pk"))


def describe(o: Outgoing) -> tuple[str, int]:
    return f"Dự thảo {o.doc_type.name.lower()} ({o.get_state_display()}): {o.subject}", o.secrecy


def refusals(user: Any, recipient: Person, org: Organization, drafts: list[Outgoing]) -> list[str]:
    if can_draft(user, org):
        return []
    return [
        f"Có {len(drafts)} dự thảo văn bản đi đang soạn: “{recipient.full_name}” không soạn "
        f"thảo văn bản của “{org.name}” nên không nhận được."
    ]


def move(actor: Any, drafts: list[Outgoing], recipient: Person, note: str) -> None:
    if not drafts:
        return
    leaving, org = drafts[0].drafter_id, drafts[0].org_id
    # Locked as they move: a draft submitted or approved meanwhile is left where it went.
    locked = _waiting(leaving, org).select_for_update(of=("self",))
    for o in locked.filter(pk__in=[d.pk for d in drafts]).order_by("pk"):
        before = o.drafter_id
        o.drafter = recipient.user
        o.save(update_fields=["drafter", "updated_at"])
        record(
            actor,
            "outgoing.hand_over",
            o,
            org_id=o.org_id,
            before={"drafter": before},
            after={"drafter": o.drafter_id, "note": note},
        )


def register_drafts() -> None:
    register(
        WorkKind(
            kind="draft",
            label="Dự thảo văn bản đi",
            noun="dự thảo văn bản đi",
            access_kind="outgoing",
            find=open_drafts,
            describe=describe,
            refusals=refusals,
            move=move,
        )
    )
